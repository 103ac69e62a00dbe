/**
 * Two-dimensional loss surfaces for racing optimizers: each has a value, an exact gradient, a view box, a
 * suggested start and its minima (for "reached the minimum region").
 */
import { Rng } from '../envs/rng';

export const SURFACES = ['rosenbrock', 'beale', 'saddle', 'noisy-bowl'] as const;
export type SurfaceName = (typeof SURFACES)[number];

export interface Surface {
  name: SurfaceName;
  label: string;
  formula: string;
  value: (x: number, y: number) => number;
  gradient: (x: number, y: number) => [number, number];
  /** [xMin, xMax, yMin, yMax] shown on screen. */
  view: readonly [number, number, number, number];
  start: readonly [number, number];
  minima: readonly (readonly [number, number])[];
  /** Distance to a minimum that counts as having reached it. */
  radius: number;
  /** Gradient noise standard deviation (the noisy bowl only): stochastic gradients, seeded. */
  noise: number;
  /** Steps each optimizer may take. */
  budget: number;
}

export const SURFACE_LIST: Record<SurfaceName, Surface> = {
  rosenbrock: {
    name: 'rosenbrock',
    label: 'Rosenbrock',
    formula: '(1 − x)² + 100·(y − x²)²',
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    view: [-2, 2, -1, 3],
    start: [-1.5, 2.5],
    minima: [[1, 1]],
    radius: 0.1,
    noise: 0,
    budget: 1500,
  },
  beale: {
    name: 'beale',
    label: 'Beale',
    formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    value: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    gradient: (x, y) => {
      const a = 1.5 - x + x * y;
      const b = 2.25 - x + x * y * y;
      const c = 2.625 - x + x * y ** 3;
      return [
        2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1),
        2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y,
      ];
    },
    view: [-4.5, 4.5, -4.5, 4.5],
    start: [1, 1.5],
    minima: [[3, 0.5]],
    radius: 0.1,
    noise: 0,
    budget: 1500,
  },
  saddle: {
    name: 'saddle',
    label: 'Saddle',
    formula: 'x² + y⁴/4 − y²/2  (saddle at 0, minima at (0, ±1))',
    value: (x, y) => x * x + y ** 4 / 4 - (y * y) / 2,
    gradient: (x, y) => [2 * x, y ** 3 - y],
    view: [-2, 2, -2, 2],
    start: [-1.8, 0.001],
    minima: [
      [0, 1],
      [0, -1],
    ],
    radius: 0.1,
    noise: 0,
    budget: 500,
  },
  'noisy-bowl': {
    name: 'noisy-bowl',
    label: 'Noisy bowl',
    formula: 'x² + 5y², gradients with seeded Gaussian noise (σ = 2)',
    value: (x, y) => x * x + 5 * y * y,
    gradient: (x, y) => [2 * x, 10 * y],
    view: [-3, 3, -3, 3],
    start: [-2.5, 2.5],
    minima: [[0, 0]],
    radius: 0.1,
    noise: 2,
    budget: 500,
  },
};

/** Distance from (x, y) to the nearest minimum. */
export function distanceToMinimum(surface: Surface, x: number, y: number): number {
  return Math.min(...surface.minima.map(([mx, my]) => Math.hypot(x - mx, y - my)));
}

/** The gradient an optimizer sees: exact, or with seeded noise on the noisy bowl. */
export function observedGradient(surface: Surface, x: number, y: number, rng: Rng): [number, number] {
  const [gx, gy] = surface.gradient(x, y);
  if (surface.noise === 0) return [gx, gy];
  return [gx + surface.noise * rng.normal(), gy + surface.noise * rng.normal()];
}

/** Values on a rows × cols grid over the view (row 0 at the top, i.e. the largest y). */
export function surfaceGrid(surface: Surface, rows: number, cols: number): Float64Array {
  const [x0, x1, y0, y1] = surface.view;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const y = y1 - ((r + 0.5) / rows) * (y1 - y0);
    for (let c = 0; c < cols; c++) {
      const x = x0 + ((c + 0.5) / cols) * (x1 - x0);
      out[r * cols + c] = surface.value(x, y);
    }
  }
  return out;
}
