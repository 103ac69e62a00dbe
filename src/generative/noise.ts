/**
 * The generator's input z: random draws for training, and a regular grid for GAN Lab's manifold view. Drawn in
 * JS from the seeded Rng (not tf.random*) so that a seed fixes the run on every backend.
 */
import type { Rng } from '../envs/rng';
import type { NoiseKind } from './gan-config';

/** n noise vectors of `dim` values, flat [n * dim]: U[−1, 1] or N(0, 1) per coordinate. */
export function drawNoise(n: number, dim: number, kind: NoiseKind, rng: Rng): Float32Array {
  const out = new Float32Array(n * dim);
  if (kind === 'uniform') for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-1, 1);
  else for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/**
 * The value of z at quantile p of one coordinate: −1 + 2p for U[−1, 1], Φ⁻¹(p) for N(0, 1). Grid points at
 * quantiles (i + ½)/size split the noise space into cells of equal probability, so where the manifold's cells
 * land shows where G puts equal shares of its samples.
 */
export function noiseQuantile(p: number, kind: NoiseKind): number {
  return kind === 'uniform' ? -1 + 2 * p : inverseNormalCdf(p);
}

/**
 * The manifold's noise grid: `gridSize` points along z₁ for 1-D noise, else gridSize × gridSize points over
 * (z₁, z₂), row-major with z₂ the row; any further coordinates are held at their median, 0.
 * Returns flat [points * dim] and the number of points.
 */
export function noiseGrid(
  gridSize: number,
  dim: number,
  kind: NoiseKind,
): { noise: Float32Array; count: number } {
  if (!Number.isInteger(gridSize) || gridSize < 2)
    throw new Error(`Expected an integer grid size ≥ 2, got ${gridSize}`);
  const axis = Array.from({ length: gridSize }, (_, i) => noiseQuantile((i + 0.5) / gridSize, kind));
  const count = dim === 1 ? gridSize : gridSize * gridSize;
  const noise = new Float32Array(count * dim);
  for (let k = 0; k < count; k++) {
    noise[k * dim] = axis[k % gridSize];
    if (dim > 1) noise[k * dim + 1] = axis[Math.floor(k / gridSize)];
  }
  return { noise, count };
}

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9), for 0 < p < 1. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`Expected a probability in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
