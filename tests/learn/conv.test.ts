import { describe, expect, it } from 'vitest';
import { conv2dValid, grid, KERNEL_PRESETS, pool2x2, relu } from '../../src/learn/conv';

describe('conv2dValid', () => {
  it('computes a hand-worked feature map (cross-correlation, no padding)', () => {
    // 4×4 image 1..16 and a 3×3 kernel with distinct entries: each output worked out by hand below.
    const image = grid(
      4,
      4,
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    const kernel = grid(3, 3, [1, 0, -1, 2, 0, -2, 1, 0, -1]); // Sobel x, mirrored
    const out = conv2dValid(image, kernel);
    expect([out.rows, out.cols]).toEqual([2, 2]);
    // top-left: (1·1 + 3·−1) + 2·(5 − 7) + (9 − 11) = −2 − 4 − 2 = −8; every window of this ramp gives −8.
    expect(Array.from(out.values)).toEqual([-8, -8, -8, -8]);
    const kernel2 = grid(3, 3, [0, 1, 0, 0, 0, 0, 0, 0, 2]);
    // window at (0,0): 1·image[0][1] + 2·image[2][2] = 2 + 2·11 = 24; (0,1): 3 + 2·12 = 27;
    // (1,0): 6 + 2·15 = 36; (1,1): 7 + 2·16 = 39.
    expect(Array.from(conv2dValid(image, kernel2).values)).toEqual([24, 27, 36, 39]);
  });

  it('leaves an image unchanged (minus the border) under the identity preset', () => {
    const image = grid(
      5,
      5,
      Array.from({ length: 25 }, (_, i) => (i * 7) % 11),
    );
    const out = conv2dValid(image, grid(3, 3, KERNEL_PRESETS.identity));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(out.values[i * 3 + j]).toBe(image.values[(i + 1) * 5 + j + 1]);
  });

  it('rejects a kernel larger than the image', () => {
    expect(() => conv2dValid(grid(2, 2, [1, 2, 3, 4]), grid(3, 3, KERNEL_PRESETS.blur))).toThrow(/no larger/);
  });
});

describe('ReLU and pooling', () => {
  const map = grid(2, 4, [-1, 3, 2, -5, 4, -2, 0, 1]);
  it('ReLU zeroes negatives', () => {
    expect(Array.from(relu(map).values)).toEqual([0, 3, 2, 0, 4, 0, 0, 1]);
  });
  it('2×2 max and average pooling', () => {
    expect(Array.from(pool2x2(map, 'max').values)).toEqual([4, 2]);
    expect(Array.from(pool2x2(map, 'average').values)).toEqual([1, -0.5]);
    expect(pool2x2(grid(3, 3, new Array(9).fill(1)), 'max').rows).toBe(1);
  });
});
