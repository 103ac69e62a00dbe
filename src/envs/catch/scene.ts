/** Draws the falling ball and the paddle; ← / → move the paddle, nothing held = stay. */
import { SnapshotScene, leftStayRightAction, type HeldKeys } from '../scene-kit';
import type { CatchSnapshot } from './sim';

export class CatchScene extends SnapshotScene<CatchSnapshot> {
  constructor() {
    super('CatchScene');
  }

  keyAction(keys: HeldKeys): number {
    return leftStayRightAction(keys);
  }

  protected draw(s: CatchSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const board = this.drawBoard(s.rows, s.cols);
    const { left, top, cell } = board;
    if (s.lastOutcome) {
      const color = s.lastOutcome.result === 'caught' ? p.good : p.bad;
      g.fillStyle(color, 0.35).fillRect(left + s.lastOutcome.x * cell, top + (s.rows - 1) * cell, cell, cell);
    }
    if (s.ballsLeft > 0) this.fillBall(board, s.ballY, s.ballX);
    g.fillStyle(p.accent, 1).fillRect(
      left + s.paddleX * cell + 2,
      top + (s.rows - 1) * cell + cell * 0.55,
      cell - 4,
      cell * 0.35,
    );
    this.text(`caught ${s.caught}   missed ${s.missed}   balls left ${s.ballsLeft}`);
  }
}
