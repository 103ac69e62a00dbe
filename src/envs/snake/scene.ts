/**
 * Draws the snake, its food and the score. Arrow keys (or WASD) choose a heading, turned into a relative
 * action. A key pressed and released between two steps still counts (it is kept until the next step), and a
 * new game waits for the first key, so that a person is ready before the snake moves.
 */
import { SnapshotScene, type HeldKeys } from '../scene-kit';
import { relativeAction, type Heading, type SnakeSnapshot } from './sim';

const KEY_HEADINGS = new Map<string, Heading>([
  ['ArrowUp', 'up'],
  ['ArrowDown', 'down'],
  ['ArrowLeft', 'left'],
  ['ArrowRight', 'right'],
  ['w', 'up'],
  ['s', 'down'],
  ['a', 'left'],
  ['d', 'right'],
]);

export class SnakeScene extends SnapshotScene<SnakeSnapshot> {
  /** The last heading asked for with a key press since the last step. */
  private pressed: Heading | null = null;

  constructor() {
    super('SnakeScene');
  }

  override create(): void {
    super.create();
    this.input.keyboard?.on('keydown', (event: KeyboardEvent) => {
      this.pressed =
        KEY_HEADINGS.get(event.key.length === 1 ? event.key.toLowerCase() : event.key) ?? this.pressed;
    });
  }

  /** No key: keep going straight, as the classic game does; at the start of a game, wait for one (null). */
  keyAction(keys: HeldKeys, s: SnakeSnapshot): number | null {
    const held = keys.up ? 'up' : keys.down ? 'down' : keys.left ? 'left' : keys.right ? 'right' : null;
    const desired = this.pressed ?? held;
    this.pressed = null;
    if (desired) return relativeAction(s.heading, desired);
    const fresh = s.score === 0 && s.stepsSinceFood === 0 && !s.dead;
    return fresh ? null : 0;
  }

  protected draw(s: SnakeSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const board = this.drawBoard(s.rows, s.cols);
    const { left, top, cell } = board;
    if (s.food) this.fillBall(board, s.food.row, s.food.col);
    s.body.forEach((part, i) => {
      const color = i === 0 ? (s.dead ? p.bad : p.good) : p.accent;
      const inset = i === 0 ? 1 : 2;
      g.fillStyle(color, i === 0 ? 1 : 0.9).fillRect(
        left + part.col * cell + inset,
        top + part.row * cell + inset,
        cell - 2 * inset,
        cell - 2 * inset,
      );
    });
    const end = s.won ? '  board filled!' : s.dead ? `  hit the ${s.deathCause}` : '';
    this.text(`score ${s.score}   length ${s.body.length}${end}`);
  }
}
