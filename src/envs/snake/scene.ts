/** Draws the snake, its food and the score; arrow keys choose a heading, turned into a relative action. */
import { SnapshotScene, type HeldKeys } from '../scene-kit';
import { relativeAction, type SnakeSnapshot } from './sim';

export class SnakeScene extends SnapshotScene<SnakeSnapshot> {
  constructor() {
    super('SnakeScene');
  }

  /** No key: keep going straight, as the classic game does. */
  keyAction(keys: HeldKeys, s: SnakeSnapshot): number {
    const desired = keys.up ? 'up' : keys.down ? 'down' : keys.left ? 'left' : keys.right ? 'right' : null;
    return desired ? relativeAction(s.heading, desired) : 0;
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
