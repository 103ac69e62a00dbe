/**
 * 2-D target distributions for the GAN lab: seeded samplers with known structure. Each one is described by a
 * plain, JSON-safe `DistributionSpec` (it travels in checkpoints and share links) and built by
 * `createDistribution(spec)`. Mixtures (ring, grid, clusters) list their modes so that coverage can be measured.
 */
import type { Rng } from '../envs/rng';

/** One Gaussian component of a mixture: centre, isotropic standard deviation and mixing weight. */
export interface Mode {
  x: number;
  y: number;
  sigma: number;
  weight: number;
}

/** An axis-aligned rectangle in data coordinates (views draw it; grid metrics bin over it). */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export type DistributionSpec =
  | { kind: 'ring'; count: number; radius: number; sigma: number }
  | { kind: 'grid'; size: number; spacing: number; sigma: number }
  | { kind: 'two-moons'; scale: number; noise: number }
  | { kind: 'spiral'; turns: number; radius: number; noise: number }
  | { kind: 'line'; from: [number, number]; to: [number, number]; noise: number }
  | { kind: 'clusters'; modes: Mode[] }
  /** The user's own points, flat [x0, y0, x1, y1, ...], sampled with Gaussian jitter. */
  | { kind: 'custom'; points: number[]; jitter: number };

export type DistributionKind = DistributionSpec['kind'];

export interface Distribution2d {
  readonly spec: DistributionSpec;
  readonly label: string;
  /** Mixture components, or null where the distribution is not a mixture (moons, spiral, line, custom). */
  readonly modes: readonly Mode[] | null;
  /** A square box around the data with a margin, for drawing and grid metrics. */
  readonly bounds: Bounds;
  /** n points as a flat Float32Array [x0, y0, x1, y1, ...]; every draw comes from `rng`. */
  sample(n: number, rng: Rng): Float32Array;
}

/** GAN Lab-like ring: 8 tight Gaussians on a circle of radius 2 (σ 0.02, so 3σ is 0.06). */
export const DEFAULT_RING: DistributionSpec = { kind: 'ring', count: 8, radius: 2, sigma: 0.02 };
export const DEFAULT_GRID: DistributionSpec = { kind: 'grid', size: 5, spacing: 1, sigma: 0.02 };
export const DEFAULT_TWO_MOONS: DistributionSpec = { kind: 'two-moons', scale: 1.5, noise: 0.05 };
export const DEFAULT_SPIRAL: DistributionSpec = { kind: 'spiral', turns: 1.5, radius: 2, noise: 0.04 };
export const DEFAULT_LINE: DistributionSpec = { kind: 'line', from: [-2, -1.5], to: [2, 1.5], noise: 0.02 };
/** Four separated clusters of different sizes and weights: a mixture that is not symmetric. */
export const DEFAULT_CLUSTER_MODES: readonly Mode[] = [
  { x: -1.4, y: 1.2, sigma: 0.15, weight: 0.4 },
  { x: 1.4, y: 1.4, sigma: 0.08, weight: 0.2 },
  { x: 1.2, y: -1.3, sigma: 0.25, weight: 0.25 },
  { x: -1.5, y: -1.5, sigma: 0.05, weight: 0.15 },
];
export const DEFAULT_CLUSTERS: DistributionSpec = {
  kind: 'clusters',
  modes: DEFAULT_CLUSTER_MODES.map((m) => ({ ...m })),
};

export const DISTRIBUTION_KINDS: readonly DistributionKind[] = [
  'ring',
  'grid',
  'two-moons',
  'spiral',
  'line',
  'clusters',
  'custom',
];

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`Expected a non-negative integer sample count, got ${n}`);
}

function checkPositive(name: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`Expected ${name} > 0, got ${v}`);
}

function checkNonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new Error(`Expected ${name} ≥ 0, got ${v}`);
}

/** A square box centred on the data extent, padded by `pad` on every side (square keeps drawings round). */
function squareBounds(xMin: number, xMax: number, yMin: number, yMax: number, pad: number): Bounds {
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const half = Math.max(xMax - xMin, yMax - yMin) / 2 + pad;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** A mixture of isotropic Gaussians; components are picked in proportion to their weights. */
function mixture(spec: DistributionSpec, label: string, modes: Mode[]): Distribution2d {
  if (modes.length === 0) throw new Error('Expected at least one mode, got none');
  modes.forEach((m, i) => {
    if (![m.x, m.y].every(Number.isFinite))
      throw new Error(`Expected a finite centre for mode ${i}, got (${m.x}, ${m.y})`);
    checkNonNegative(`mode ${i} sigma`, m.sigma);
    checkPositive(`mode ${i} weight`, m.weight);
  });
  const total = modes.reduce((s, m) => s + m.weight, 0);
  let running = 0;
  const cumulative = modes.map((m) => (running += m.weight) / total);
  const equalWeights = modes.every((m) => m.weight === modes[0].weight);
  const normalized = modes.map((m) => ({ ...m, weight: m.weight / total }));
  const pad = Math.max(0.5, ...modes.map((m) => 4 * m.sigma));
  const xs = modes.map((m) => m.x);
  const ys = modes.map((m) => m.y);
  return {
    spec,
    label,
    modes: normalized,
    bounds: squareBounds(Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys), pad),
    sample(n, rng) {
      checkCount(n);
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        let k: number;
        if (equalWeights) k = rng.nextInt(modes.length);
        else {
          const u = rng.nextFloat();
          k = cumulative.findIndex((c) => u < c);
          if (k < 0) k = modes.length - 1; // rounding at the top end
        }
        const m = modes[k];
        out[2 * i] = m.x + m.sigma * rng.normal();
        out[2 * i + 1] = m.y + m.sigma * rng.normal();
      }
      return out;
    },
  };
}

/** `count` Gaussians evenly spaced on a circle, the first one on the positive x axis. */
export function ringOfGaussians(count = 8, radius = 2, sigma = 0.02): Distribution2d {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Expected a positive integer count, got ${count}`);
  checkPositive('radius', radius);
  checkNonNegative('sigma', sigma);
  const modes = Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / count;
    return { x: radius * Math.cos(angle), y: radius * Math.sin(angle), sigma, weight: 1 };
  });
  return mixture({ kind: 'ring', count, radius, sigma }, `Ring of ${count} Gaussians`, modes);
}

/** size × size Gaussians on a square lattice centred on the origin. */
export function gridOfGaussians(size = 5, spacing = 1, sigma = 0.02): Distribution2d {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Expected a positive integer size, got ${size}`);
  checkPositive('spacing', spacing);
  checkNonNegative('sigma', sigma);
  const offset = ((size - 1) * spacing) / 2;
  const modes: Mode[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++)
      modes.push({ x: c * spacing - offset, y: r * spacing - offset, sigma, weight: 1 });
  }
  return mixture({ kind: 'grid', size, spacing, sigma }, `${size}×${size} grid of Gaussians`, modes);
}

/** Any mixture of Gaussians; the default is four disjoint clusters of different sizes and weights. */
export function disjointClusters(modes: readonly Mode[] = DEFAULT_CLUSTER_MODES): Distribution2d {
  const copy = modes.map((m) => ({ ...m }));
  return mixture({ kind: 'clusters', modes: copy.map((m) => ({ ...m })) }, 'Disjoint clusters', copy);
}

/** A distribution that is not a mixture, from a function drawing one point. */
function continuous(
  spec: DistributionSpec,
  label: string,
  bounds: Bounds,
  draw: (rng: Rng) => [number, number],
): Distribution2d {
  return {
    spec,
    label,
    modes: null,
    bounds,
    sample(n, rng) {
      checkCount(n);
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const [x, y] = draw(rng);
        out[2 * i] = x;
        out[2 * i + 1] = y;
      }
      return out;
    },
  };
}

/**
 * scikit-learn's two interleaving half circles (outer: (cos t, sin t); inner: (1 − cos t, ½ − sin t)),
 * centred on the origin and scaled by `scale`, with Gaussian noise of σ `noise` in output units.
 */
export function twoMoons(scale = 1.5, noise = 0.05): Distribution2d {
  checkPositive('scale', scale);
  checkNonNegative('noise', noise);
  const half = 1.5 * scale;
  return continuous(
    { kind: 'two-moons', scale, noise },
    'Two moons',
    squareBounds(-half, half, -0.75 * scale, 0.75 * scale, Math.max(0.5, 4 * noise)),
    (rng) => {
      const t = rng.uniform(0, Math.PI);
      const outer = rng.nextFloat() < 0.5;
      const x = outer ? Math.cos(t) : 1 - Math.cos(t);
      const y = outer ? Math.sin(t) : 0.5 - Math.sin(t);
      return [(x - 0.5) * scale + noise * rng.normal(), (y - 0.25) * scale + noise * rng.normal()];
    },
  );
}

/**
 * An Archimedean spiral of `turns` turns out to `radius`. The angle is drawn ∝ √u so that points spread
 * roughly evenly along the arc (its length element grows with the radius).
 */
export function spiral(turns = 1.5, radius = 2, noise = 0.04): Distribution2d {
  checkPositive('turns', turns);
  checkPositive('radius', radius);
  checkNonNegative('noise', noise);
  const maxAngle = 2 * Math.PI * turns;
  return continuous(
    { kind: 'spiral', turns, radius, noise },
    'Spiral',
    squareBounds(-radius, radius, -radius, radius, Math.max(0.5, 4 * noise)),
    (rng) => {
      const angle = maxAngle * Math.sqrt(rng.nextFloat());
      const r = (radius * angle) / maxAngle;
      return [r * Math.cos(angle) + noise * rng.normal(), r * Math.sin(angle) + noise * rng.normal()];
    },
  );
}

/** Uniform on the segment from → to, with Gaussian noise of σ `noise`. */
export function line(
  from: [number, number] = [-2, -1.5],
  to: [number, number] = [2, 1.5],
  noise = 0.02,
): Distribution2d {
  if (![...from, ...to].every(Number.isFinite))
    throw new Error(`Expected finite end points, got [${from}] and [${to}]`);
  checkNonNegative('noise', noise);
  return continuous(
    { kind: 'line', from: [from[0], from[1]], to: [to[0], to[1]], noise },
    'Line',
    squareBounds(
      Math.min(from[0], to[0]),
      Math.max(from[0], to[0]),
      Math.min(from[1], to[1]),
      Math.max(from[1], to[1]),
      Math.max(0.5, 4 * noise),
    ),
    (rng) => {
      const t = rng.nextFloat();
      return [
        from[0] + t * (to[0] - from[0]) + noise * rng.normal(),
        from[1] + t * (to[1] - from[1]) + noise * rng.normal(),
      ];
    },
  );
}

/**
 * The user's own points (flat [x0, y0, x1, y1, ...], e.g. drawn or loaded from a CSV): each sample is one of
 * them, picked uniformly, plus Gaussian jitter of σ `jitter` so that the target is not a set of exact dots.
 */
export function customDistribution(points: ArrayLike<number>, jitter = 0.02): Distribution2d {
  if (points.length < 2 || points.length % 2 !== 0)
    throw new Error(
      `Expected a flat list of x, y pairs with at least one point, got ${points.length} numbers`,
    );
  checkNonNegative('jitter', jitter);
  const copy = Array.from(points);
  const bad = copy.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`Expected finite coordinates, got ${copy[bad]} in point ${bad >> 1}`);
  const n = copy.length / 2;
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, copy[2 * i]);
    xMax = Math.max(xMax, copy[2 * i]);
    yMin = Math.min(yMin, copy[2 * i + 1]);
    yMax = Math.max(yMax, copy[2 * i + 1]);
  }
  const extent = Math.max(xMax - xMin, yMax - yMin);
  return continuous(
    { kind: 'custom', points: copy.slice(), jitter },
    `Your ${n} point${n === 1 ? '' : 's'}`,
    squareBounds(xMin, xMax, yMin, yMax, Math.max(0.15 * extent, 4 * jitter, 0.5)),
    (rng) => {
      const k = rng.nextInt(n);
      return [copy[2 * k] + jitter * rng.normal(), copy[2 * k + 1] + jitter * rng.normal()];
    },
  );
}

/** Builds the sampler a spec describes (the spec may come from storage or a link: bad values throw). */
export function createDistribution(spec: DistributionSpec): Distribution2d {
  switch (spec.kind) {
    case 'ring':
      return ringOfGaussians(spec.count, spec.radius, spec.sigma);
    case 'grid':
      return gridOfGaussians(spec.size, spec.spacing, spec.sigma);
    case 'two-moons':
      return twoMoons(spec.scale, spec.noise);
    case 'spiral':
      return spiral(spec.turns, spec.radius, spec.noise);
    case 'line':
      return line(spec.from, spec.to, spec.noise);
    case 'clusters':
      return disjointClusters(spec.modes);
    case 'custom':
      return customDistribution(spec.points, spec.jitter);
    default:
      throw new Error(
        `Expected a distribution kind in ${DISTRIBUTION_KINDS.join('|')}, got ${JSON.stringify((spec as { kind: unknown }).kind)}`,
      );
  }
}
