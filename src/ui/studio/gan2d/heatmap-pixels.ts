/**
 * D's heat map as RGBA pixels, computed in one pass over the grid (no per-cell canvas calls): green where D
 * says "real", purple where it says "generated", fading to clear where it cannot tell. Pure (no DOM), so the
 * colours are unit-tested and the page only does one putImageData per frame.
 */

/** RGB of the two ends of the scale (GAN Lab's convention: green real, purple fake). */
export const REAL_RGB = [22, 163, 74] as const;
export const FAKE_RGB = [147, 51, 234] as const;
/** Largest alpha, where D is sure (the samples drawn on top stay visible). */
const MAX_ALPHA = 170;

export interface HeatmapRange {
  /** The values mapped to the two ends: [0, 1] for probabilities, the frame's range for scores. */
  low: number;
  high: number;
  /** Where D is undecided: ½ for a probability, the middle of the range for a score. */
  middle: number;
}

/** The range a grid is coloured over: fixed for probabilities, the frame's own for raw scores. */
export function heatmapRange(values: Float32Array, kind: 'probability' | 'score'): HeatmapRange {
  if (kind === 'probability') return { low: 0, high: 1, middle: 0.5 };
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!(high > low))
    [low, high] = [Number.isFinite(low) ? low - 1 : -1, Number.isFinite(high) ? high + 1 : 1];
  return { low, high, middle: (low + high) / 2 };
}

/**
 * Writes resolution² RGBA pixels into `out` (length 4·resolution²). Grid row 0 is at yMin (the bottom of
 * the plot), image row 0 is the top: rows are flipped here.
 */
export function fillHeatmap(
  values: Float32Array,
  resolution: number,
  range: HeatmapRange,
  out: Uint8ClampedArray,
): void {
  if (values.length !== resolution * resolution || out.length !== 4 * values.length)
    throw new Error(
      `Expected ${resolution}² values and ${4 * resolution * resolution} bytes, got ${values.length} and ${out.length}`,
    );
  const half = Math.max(range.high - range.middle, range.middle - range.low, 1e-12);
  for (let row = 0; row < resolution; row++) {
    const target = (resolution - 1 - row) * resolution;
    for (let col = 0; col < resolution; col++) {
      const v = values[row * resolution + col];
      // t in [−1, 1]: −1 sure "generated", 0 undecided, 1 sure "real".
      const t = Number.isFinite(v) ? Math.max(-1, Math.min(1, (v - range.middle) / half)) : 0;
      const rgb = t >= 0 ? REAL_RGB : FAKE_RGB;
      const i = 4 * (target + col);
      out[i] = rgb[0];
      out[i + 1] = rgb[1];
      out[i + 2] = rgb[2];
      out[i + 3] = Math.round(Math.abs(t) * MAX_ALPHA);
    }
  }
}
