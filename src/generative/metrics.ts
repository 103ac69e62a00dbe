/**
 * How well generated points match a 2-D target: mode coverage and sample quality for mixtures (the rule used
 * by the Unrolled-GAN / VEEGAN line of papers), and a KL/JS divergence between grid histograms (as GAN Lab
 * estimates it), which works for any target. Plain JS on flat [x0, y0, x1, y1, ...] arrays.
 */
import type { Bounds, Mode } from './distributions';

export interface CoverageOptions {
  /** A mode is covered when at least this share of all samples lies near it (default 0.01, i.e. 1%). */
  minShare?: number;
  /** "Near" means within this many of the mode's σ of its centre (default 3). */
  radiusSigmas?: number;
}

export interface ModeCoverage {
  /** Modes with at least minShare · N samples within radiusSigmas · σ of their centre. */
  covered: number;
  total: number;
  /** Samples within radiusSigmas · σ of each mode's centre. */
  counts: number[];
  /** Share of samples within radiusSigmas · σ of any centre ("high-quality" samples). */
  highQualityShare: number;
  /** The rule's parameters, so that a report can state it. */
  minShare: number;
  radiusSigmas: number;
}

/**
 * The rule: mode j counts as covered when at least `minShare` (1%) of the N samples lie within `radiusSigmas`
 * (3) σⱼ of its centre; the high-quality share is the fraction of samples within 3σ of any centre. A sample
 * that lies near two modes (they overlap) counts for both but once for quality.
 */
export function modeCoverage(
  samples: Float32Array,
  modes: readonly Mode[],
  options: CoverageOptions = {},
): ModeCoverage {
  const minShare = options.minShare ?? 0.01;
  const radiusSigmas = options.radiusSigmas ?? 3;
  if (samples.length % 2 !== 0) throw new Error(`Expected flat x, y pairs, got ${samples.length} numbers`);
  if (modes.length === 0) throw new Error('Expected at least one mode, got none');
  const n = samples.length / 2;
  const radii2 = modes.map((m) => (radiusSigmas * m.sigma) ** 2);
  const counts = modes.map(() => 0);
  let good = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    let near = false;
    for (let j = 0; j < modes.length; j++) {
      const dx = x - modes[j].x;
      const dy = y - modes[j].y;
      if (dx * dx + dy * dy <= radii2[j]) {
        counts[j]++;
        near = true;
      }
    }
    if (near) good++;
  }
  const threshold = minShare * n;
  return {
    covered: n === 0 ? 0 : counts.filter((c) => c >= threshold).length,
    total: modes.length,
    counts,
    highQualityShare: n === 0 ? 0 : good / n,
    minShare,
    radiusSigmas,
  };
}

/**
 * Counts of samples in a bins × bins grid over `bounds`, row-major, row 0 at yMin. Points outside are counted
 * in the nearest border cell, so that samples thrown far away still cost divergence instead of vanishing.
 */
export function gridHistogram(samples: Float32Array, bounds: Bounds, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1)
    throw new Error(`Expected a positive integer bin count, got ${bins}`);
  const { xMin, xMax, yMin, yMax } = bounds;
  if (!(xMax > xMin && yMax > yMin))
    throw new Error(`Expected a non-empty box, got ${JSON.stringify(bounds)}`);
  const counts = new Float64Array(bins * bins);
  const cell = (v: number, lo: number, hi: number) =>
    Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
  for (let i = 0; i + 1 < samples.length; i += 2) {
    const x = samples[i];
    const y = samples[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue; // NaN/∞ samples are dropped, not binned
    counts[cell(y, yMin, yMax) * bins + cell(x, xMin, xMax)]++;
  }
  return counts;
}

export interface DivergenceOptions {
  /** Cells per side (default 30, as a 30 × 30 grid). */
  bins?: number;
  /** Pseudo-count added to every cell of both histograms, so that an empty cell never makes KL infinite (0.5). */
  smoothing?: number;
}

export interface GridDivergence {
  /** KL(real ‖ generated) in nats: large when G misses where the data is (mode dropping). */
  kl: number;
  /** Jensen–Shannon divergence in nats, in [0, ln 2]: symmetric and bounded, good for a chart. */
  js: number;
}

/**
 * KL and JS divergence between the smoothed grid histograms of real and generated samples:
 * p = (countᵣ + α)/(Nᵣ + α·cells), q likewise, KL = Σ p log(p/q), JS = ½KL(p‖m) + ½KL(q‖m) with m = (p + q)/2.
 */
export function gridDivergence(
  real: Float32Array,
  generated: Float32Array,
  bounds: Bounds,
  options: DivergenceOptions = {},
): GridDivergence {
  const bins = options.bins ?? 30;
  const alpha = options.smoothing ?? 0.5;
  if (!(alpha > 0)) throw new Error(`Expected smoothing > 0, got ${alpha}`);
  const p = normalize(gridHistogram(real, bounds, bins), alpha);
  const q = normalize(gridHistogram(generated, bounds, bins), alpha);
  let kl = 0;
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    kl += p[i] * Math.log(p[i] / q[i]);
    const m = (p[i] + q[i]) / 2;
    js += 0.5 * (p[i] * Math.log(p[i] / m) + q[i] * Math.log(q[i] / m));
  }
  return { kl: Math.max(0, kl), js: Math.max(0, js) };
}

function normalize(counts: Float64Array, alpha: number): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0) + alpha * counts.length;
  return counts.map((c) => (c + alpha) / total);
}
