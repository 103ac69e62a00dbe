/**
 * CartPole on a 2-D canvas, laid out as the arena's Phaser scene and Gymnasium's renderer draw it: the track
 * with its ±x limits, the cart and the pole turned by θ. A few canvas calls, so the home page needs no Phaser.
 */
import type { CartPoleSnapshot } from '../../envs/cartpole/sim';

const COLORS = {
  background: '#10131c',
  track: '#6b7190',
  limit: 'rgba(248, 113, 113, 0.6)',
  cart: '#e7e9f2',
  fallen: '#f87171',
  pole: '#fbbf24',
  axle: '#818cf8',
};

export function drawCartPole(
  g: CanvasRenderingContext2D,
  width: number,
  height: number,
  s: CartPoleSnapshot,
): void {
  g.fillStyle = COLORS.background;
  g.fillRect(0, 0, width, height);
  const scale = width / (s.xThreshold * 2 * 1.15);
  const trackY = height * 0.75;
  const toX = (x: number): number => width / 2 + x * scale;

  g.lineWidth = 2;
  g.strokeStyle = COLORS.track;
  line(g, 0, trackY, width, trackY);
  g.strokeStyle = COLORS.limit;
  for (const limit of [-s.xThreshold, s.xThreshold])
    line(g, toX(limit), trackY - 40, toX(limit), trackY + 12);

  const cartX = toX(s.x);
  const [cartW, cartH] = [50, 30];
  g.fillStyle = s.terminated ? COLORS.fallen : COLORS.cart;
  g.fillRect(cartX - cartW / 2, trackY - cartH / 2, cartW, cartH);

  const poleLength = 2 * s.poleHalfLength * scale;
  const axleY = trackY - cartH / 4;
  g.lineWidth = 10;
  g.lineCap = 'round';
  g.strokeStyle = COLORS.pole;
  line(g, cartX, axleY, cartX + poleLength * Math.sin(s.theta), axleY - poleLength * Math.cos(s.theta));
  g.lineCap = 'butt';
  g.fillStyle = COLORS.axle;
  g.beginPath();
  g.arc(cartX, axleY, 5, 0, 2 * Math.PI);
  g.fill();
}

function line(g: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  g.beginPath();
  g.moveTo(x1, y1);
  g.lineTo(x2, y2);
  g.stroke();
}
