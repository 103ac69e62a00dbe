/** Draws the valley, the car on its slope and the flag; ← / → accelerate, nothing held = coast. */
import { SnapshotScene, SCENE_HEIGHT, SCENE_WIDTH, leftStayRightAction, type HeldKeys } from '../scene-kit';
import { mountainCarHeight, type MountainCarSnapshot } from './sim';

export class MountainCarScene extends SnapshotScene<MountainCarSnapshot> {
  constructor() {
    super('MountainCarScene');
  }

  keyAction(keys: HeldKeys): number {
    return leftStayRightAction(keys);
  }

  protected draw(s: MountainCarSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const span = s.maxPosition - s.minPosition;
    const scale = SCENE_WIDTH / span;
    const baseY = SCENE_HEIGHT - 30;
    const heightScale = (SCENE_HEIGHT - 90) / 1.0;
    const toX = (x: number): number => (x - s.minPosition) * scale;
    const toY = (x: number): number => baseY - mountainCarHeight(x) * heightScale;

    g.lineStyle(3, p.muted, 1).beginPath();
    for (let i = 0; i <= 100; i++) {
      const x = s.minPosition + (span * i) / 100;
      if (i === 0) g.moveTo(toX(x), toY(x));
      else g.lineTo(toX(x), toY(x));
    }
    g.strokePath();

    // Flag at the goal.
    const fx = toX(s.goalPosition);
    const fy = toY(s.goalPosition);
    g.lineStyle(2, p.ink, 1).lineBetween(fx, fy, fx, fy - 40);
    g.fillStyle(s.terminated ? p.good : p.warn, 1).fillTriangle(fx, fy - 40, fx, fy - 28, fx + 20, fy - 34);

    // The car sits on the curve, turned to its slope: d/dx of sin(3x)·0.45 is 1.35·cos(3x).
    const slope = Math.atan2(-1.35 * Math.cos(3 * s.position) * heightScale, scale);
    const cx = toX(s.position);
    const cy = toY(s.position);
    const lift = 14;
    const carX = cx + lift * Math.sin(slope);
    const carY = cy - lift * Math.cos(slope);
    g.fillStyle(p.accent, 1);
    this.fillRotatedRect(carX, carY, 44, 20, slope);
    if (s.lastAction !== null && s.lastAction !== 1) {
      const dir = s.lastAction === 2 ? 1 : -1;
      g.fillStyle(p.warn, 0.9);
      this.fillRotatedRect(
        carX - dir * 30 * Math.cos(slope),
        carY - dir * 30 * Math.sin(slope),
        10,
        6,
        slope,
      );
    }
    this.text(`position ${s.position.toFixed(3)}   velocity ${s.velocity.toFixed(4)}`);
  }
}
