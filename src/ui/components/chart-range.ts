/**
 * Y ranges for line charts. "steady" fits the values a run settles into rather than its start-up: a
 * steps-per-second curve begins with a spike (the first second measures a warm cache or an empty replay
 * buffer), and a range that includes it squashes the steady rate into a flat line at the bottom.
 */

export interface YRange {
  min: number;
  max: number;
  /** How many finite values fall outside [min, max] (what "show all" would bring back). */
  outside: number;
}

/** Share of each series' first points treated as warm-up and left out of a steady range. */
export const WARMUP_FRACTION = 0.1;
/** Values beyond these percentiles of the post-warm-up values are outliers for a steady range. */
export const LOW_PERCENTILE = 0.02;
export const HIGH_PERCENTILE = 0.98;
/** Room above and below the values, as a share of their span, so lines do not touch the frame. */
export const PADDING = 0.08;

/** The p-quantile (0..1) of ascending `sorted`, interpolated linearly between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

function padded(low: number, high: number): { min: number; max: number } {
  const span = high - low;
  const pad = span > 0 ? span * PADDING : Math.max(Math.abs(high) * PADDING, 1e-9);
  return { min: low - pad, max: high + pad };
}

function finiteValues(series: readonly (readonly number[])[], skip: (n: number) => number): number[] {
  const out: number[] = [];
  for (const values of series) {
    for (let i = skip(values.length); i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}

/** The range of every finite value (the "show all" range), padded; null when there is none. */
export function fullRange(series: readonly (readonly number[])[]): YRange | null {
  const values = finiteValues(series, () => 0);
  if (values.length === 0) return null;
  return { ...padded(Math.min(...values), Math.max(...values)), outside: 0 };
}

/**
 * The steady-state range: each series' first WARMUP_FRACTION of points is skipped (at least one point once
 * a series has 5), then the LOW..HIGH percentiles of the rest are padded. The newest value is always
 * inside, so the line's current end never leaves the chart. Null when there are no finite values.
 */
export function steadyRange(series: readonly (readonly number[])[]): YRange | null {
  const all = finiteValues(series, () => 0);
  const kept = finiteValues(series, (n) => (n >= 5 ? Math.max(1, Math.floor(n * WARMUP_FRACTION)) : 0));
  if (kept.length === 0) return fullRange(series);
  kept.sort((a, b) => a - b);
  let low = quantile(kept, LOW_PERCENTILE);
  let high = quantile(kept, HIGH_PERCENTILE);
  for (const values of series) {
    const last = values.findLast((v) => Number.isFinite(v));
    if (last === undefined) continue;
    low = Math.min(low, last);
    high = Math.max(high, last);
  }
  const range = padded(low, high);
  const outside = all.filter((v) => v < range.min || v > range.max).length;
  return { ...range, outside };
}
