/** Draws CartPole as Gymnasium's renderer does: track, cart, pole turned by θ; ←/→ push the cart. */
import { SnapshotScene, SCENE_HEIGHT, SCENE_WIDTH, type HeldKeys } from '../scene-kit';
import type { CartPoleSnapshot } from './sim';

export class CartPoleScene extends SnapshotScene<CartPoleSnapshot> {
  constructor() {
    super('CartPoleScene');
  }

  keyAction(keys: HeldKeys): number | null {
    if (keys.left && !keys.right) return 0;
    if (keys.right && !keys.left) return 1;
    return null;
  }

  protected draw(s: CartPoleSnapshot): void {
    const g = this.graphics;
    const p = this.palette;
    const worldWidth = s.xThreshold * 2 * 1.15;
    const scale = SCENE_WIDTH / worldWidth;
    const trackY = SCENE_HEIGHT * 0.7;
    const toX = (x: number): number => SCENE_WIDTH / 2 + x * scale;

    // Track and the ±x limits where the episode ends.
    g.lineStyle(2, p.muted, 1).lineBetween(0, trackY, SCENE_WIDTH, trackY);
    g.lineStyle(2, p.bad, 0.6);
    for (const limit of [-s.xThreshold, s.xThreshold])
      g.lineBetween(toX(limit), trackY - 40, toX(limit), trackY + 12);

    const cartX = toX(s.x);
    const cartW = 50;
    const cartH = 30;
    g.fillStyle(s.terminated ? p.bad : p.ink, 1).fillRect(
      cartX - cartW / 2,
      trackY - cartH / 2,
      cartW,
      cartH,
    );

    // The pole: length 2·halfLength in world units, θ measured from upright, positive to the right.
    const poleLength = 2 * s.poleHalfLength * scale;
    const axleY = trackY - cartH / 4;
    g.lineStyle(10, p.warn, 1).lineBetween(
      cartX,
      axleY,
      cartX + poleLength * Math.sin(s.theta),
      axleY - poleLength * Math.cos(s.theta),
    );
    g.fillStyle(p.accent, 1).fillCircle(cartX, axleY, 5);

    // The force of the last action, as an arrow on the cart.
    if (s.lastAction !== null) {
      const dir = s.lastAction === 1 ? 1 : -1;
      const ax = cartX + dir * (cartW / 2 + 6);
      g.fillStyle(p.accent, 0.9).fillTriangle(ax, trackY - 8, ax, trackY + 8, ax + dir * 14, trackY);
    }
    this.text(`θ ${((s.theta * 180) / Math.PI).toFixed(1)}°   x ${s.x.toFixed(2)}`);
  }
}
