import { describe, expect, it } from 'vitest';
import { FAKE_RGB, fillHeatmap, heatmapRange, REAL_RGB } from '../../src/ui/studio/gan2d/heatmap-pixels';

describe('D heat map pixels', () => {
  it('colours real green, generated purple, undecided clear, and puts grid row 0 at the bottom', () => {
    // 2 × 2 grid: bottom row (row 0) = [1, 0], top row = [0.5, 0.75].
    const values = Float32Array.of(1, 0, 0.5, 0.75);
    const out = new Uint8ClampedArray(16);
    fillHeatmap(values, 2, heatmapRange(values, 'probability'), out);
    const pixel = (i: number) => Array.from(out.subarray(4 * i, 4 * i + 4));
    expect(pixel(2)).toEqual([...REAL_RGB, 170]); // image bottom-left = grid (0, 0) = 1
    expect(pixel(3)).toEqual([...FAKE_RGB, 170]); // bottom-right = 0
    expect(pixel(0)[3]).toBe(0); // top-left = 0.5: undecided
    expect(pixel(1)).toEqual([...REAL_RGB, 85]); // 0.75: halfway to sure
  });

  it('scales raw scores by the frame range, ignoring non-finite cells', () => {
    const values = Float32Array.of(-4, 6, NaN, 1);
    const range = heatmapRange(values, 'score');
    expect(range).toEqual({ low: -4, high: 6, middle: 1 });
    const out = new Uint8ClampedArray(16);
    fillHeatmap(values, 2, range, out);
    expect(out[4 * 2 + 3]).toBe(170); // −4: sure generated
    expect(out[4 * 0 + 3]).toBe(0); // NaN: drawn as undecided
    expect(() => fillHeatmap(values, 3, range, out)).toThrow(/Expected 3²/);
  });
});
