/**
 * Draws the frozen lake: ice, holes, start, goal, the agent and the move it made (a slip shows in red). The
 * start, goal and holes carry the letters of Gymnasium's text render (S, G, H), so they read without colour.
 */
import type * as Phaser from 'phaser';
import { SnapshotScene, gridLayout, type HeldKeys } from '../scene-kit';
import { FROZEN_LAKE_ACTIONS, type FrozenLakeSnapshot } from './sim';

const ICE = 0xbfe3f5;
const HOLE = 0x1e3a5f;
const START = 0x9ca3af;
const GOAL = 0xfacc15;
/** Tiles that get a letter; frozen tiles (F) stay plain, so the ones that matter stand out. */
const LETTERED = new Set(['S', 'G', 'H']);

export class FrozenLakeScene extends SnapshotScene<FrozenLakeSnapshot> {
  private letters: Phaser.GameObjects.Text[] = [];
  /** The map (and cell size) the letters were made for. */
  private lettersFor = '';

  constructor() {
    super('FrozenLakeScene');
  }

  /** One text object per lettered tile, in the cell's top-left corner (the agent sits in the middle). */
  private placeLetters(map: readonly string[], left: number, top: number, cell: number): void {
    const key = `${map.join('/')}@${cell}`;
    if (key === this.lettersFor) return;
    this.lettersFor = key;
    for (const letter of this.letters) letter.destroy();
    this.letters = [];
    const size = Math.max(10, Math.round(cell * 0.3));
    map.forEach((row, r) =>
      [...row].forEach((tile, c) => {
        if (!LETTERED.has(tile)) return;
        const color = tile === 'H' ? '#e7e9f2' : '#10131c';
        const text = this.add.text(left + c * cell + 4, top + r * cell + 2, tile, {
          fontFamily: 'system-ui, sans-serif',
          fontSize: `${size}px`,
          fontStyle: 'bold',
          color,
        });
        this.letters.push(text);
      }),
    );
  }

  keyAction(keys: HeldKeys): number | null {
    if (keys.left) return FROZEN_LAKE_ACTIONS.left;
    if (keys.down) return FROZEN_LAKE_ACTIONS.down;
    if (keys.right) return FROZEN_LAKE_ACTIONS.right;
    if (keys.up) return FROZEN_LAKE_ACTIONS.up;
    return null;
  }

  protected draw(s: FrozenLakeSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const { left, top, cell } = gridLayout(s.rows, s.cols);
    this.placeLetters(s.map, left, top, cell);
    for (let r = 0; r < s.rows; r++) {
      for (let c = 0; c < s.cols; c++) {
        const tile = s.map[r]![c];
        const color = tile === 'H' ? HOLE : tile === 'G' ? GOAL : tile === 'S' ? START : ICE;
        g.fillStyle(color, 1).fillRect(left + c * cell + 1, top + r * cell + 1, cell - 2, cell - 2);
      }
    }
    const cx = left + s.col * cell + cell / 2;
    const cy = top + s.row * cell + cell / 2;
    g.fillStyle(s.tile === 'H' ? p.bad : p.accent, 1).fillCircle(cx, cy, cell * 0.3);
    if (s.lastMove !== null) {
      // Arrow of the move actually made; red when the ice sent the agent somewhere it did not choose.
      const [dx, dy] = [
        [-1, 0],
        [0, 1],
        [1, 0],
        [0, -1],
      ][s.lastMove]!;
      const slipped = s.lastAction !== null && s.lastAction !== s.lastMove;
      g.lineStyle(4, slipped ? p.bad : p.ink, 1).lineBetween(
        cx - dx! * cell * 0.45,
        cy - dy! * cell * 0.45,
        cx - dx! * cell * 0.15,
        cy - dy! * cell * 0.15,
      );
    }
    const status = s.tile === 'G' ? 'reached the goal' : s.tile === 'H' ? 'fell in a hole' : '';
    this.text(`${s.rows}×${s.cols}${s.isSlippery ? ', slippery' : ''}   ${status}`);
  }
}
