/** Draws the falling ball and the paddle; ← / → move the paddle, nothing held = stay. */
import { SnapshotScene, gridLayout, type HeldKeys } from '../scene-kit';
import type { CatchSnapshot } from './sim';

export class CatchScene extends SnapshotScene<CatchSnapshot> {
  constructor() {
    super('CatchScene');
  }

  keyAction(keys: HeldKeys): number {
    if (keys.left && !keys.right) return 0;
    if (keys.right && !keys.left) return 2;
    return 1;
  }

  protected draw(s: CatchSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const { left, top, cell } = gridLayout(s.rows, s.cols);
    g.fillStyle(p.surface, 1).fillRect(left, top, cell * s.cols, cell * s.rows);
    if (s.lastOutcome) {
      const color = s.lastOutcome.result === 'caught' ? p.good : p.bad;
      g.fillStyle(color, 0.35).fillRect(left + s.lastOutcome.x * cell, top + (s.rows - 1) * cell, cell, cell);
    }
    if (s.ballsLeft > 0) {
      g.fillStyle(p.warn, 1).fillCircle(
        left + (s.ballX + 0.5) * cell,
        top + (s.ballY + 0.5) * cell,
        cell * 0.35,
      );
    }
    g.fillStyle(p.accent, 1).fillRect(
      left + s.paddleX * cell + 2,
      top + (s.rows - 1) * cell + cell * 0.55,
      cell - 4,
      cell * 0.35,
    );
    this.text(`caught ${s.caught}   missed ${s.missed}   balls left ${s.ballsLeft}`);
  }
}
