/**
 * Convolution by hand, for the CNN panel's kernel playground: one grey image, one small kernel, then ReLU and
 * 2×2 pooling. Like every deep-learning framework we compute cross-correlation (the kernel is not flipped)
 * with no padding ('valid'), so a k×k kernel turns an h×w image into (h−k+1)×(w−k+1) values.
 */

/** A row-major grid of numbers: an image, a kernel or a feature map. */
export interface Grid {
  rows: number;
  cols: number;
  values: Float32Array;
}

export function grid(rows: number, cols: number, values: ArrayLike<number>): Grid {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1)
    throw new Error(`Expected positive integer sizes, got ${rows}×${cols}`);
  if (values.length !== rows * cols)
    throw new Error(`Expected ${rows * cols} values for ${rows}×${cols}, got ${values.length}`);
  return { rows, cols, values: Float32Array.from(values) };
}

/** out[i][j] = Σ_{a,b} image[i+a][j+b] · kernel[a][b]  (valid cross-correlation, stride 1). */
export function conv2dValid(image: Grid, kernel: Grid): Grid {
  const rows = image.rows - kernel.rows + 1;
  const cols = image.cols - kernel.cols + 1;
  if (rows < 1 || cols < 1)
    throw new Error(
      `Expected a kernel no larger than the image, got ${kernel.rows}×${kernel.cols} on ${image.rows}×${image.cols}`,
    );
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let a = 0; a < kernel.rows; a++) {
        const row = (i + a) * image.cols + j;
        for (let b = 0; b < kernel.cols; b++)
          sum += image.values[row + b]! * kernel.values[a * kernel.cols + b]!;
      }
      out[i * cols + j] = sum;
    }
  }
  return { rows, cols, values: out };
}

export function relu(input: Grid): Grid {
  return { ...input, values: input.values.map((v) => (v > 0 ? v : 0)) };
}

export type PoolKind = 'max' | 'average';

/** 2×2 pooling with stride 2; an odd last row or column is dropped (as 'valid' pooling does). */
export function pool2x2(input: Grid, kind: PoolKind): Grid {
  const rows = Math.floor(input.rows / 2);
  const cols = Math.floor(input.cols / 2);
  if (rows < 1 || cols < 1)
    throw new Error(`Expected at least 2×2 values to pool, got ${input.rows}×${input.cols}`);
  const out = new Float32Array(rows * cols);
  const at = (r: number, c: number): number => input.values[r * input.cols + c]!;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const four = [at(2 * i, 2 * j), at(2 * i, 2 * j + 1), at(2 * i + 1, 2 * j), at(2 * i + 1, 2 * j + 1)];
      out[i * cols + j] =
        kind === 'max' ? Math.max(...four) : (four[0]! + four[1]! + four[2]! + four[3]!) / 4;
    }
  }
  return { rows, cols, values: out };
}

export const KERNEL_PRESET_NAMES = ['identity', 'edge', 'sharpen', 'blur', 'sobel-x', 'sobel-y'] as const;
export type KernelPresetName = (typeof KERNEL_PRESET_NAMES)[number];

/** Classic 3×3 image-processing kernels, row-major. */
export const KERNEL_PRESETS: Readonly<Record<KernelPresetName, readonly number[]>> = {
  identity: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  // The Laplacian-style outline detector: zero on flat areas, large where brightness changes.
  edge: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  blur: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  // Sobel x responds to left-to-right brightness changes (vertical strokes), Sobel y to top-to-bottom ones.
  'sobel-x': [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  'sobel-y': [-1, -2, -1, 0, 0, 0, 1, 2, 1],
};

export const KERNEL_PRESET_LABELS: Readonly<Record<KernelPresetName, string>> = {
  identity: 'Identity',
  edge: 'Edge',
  sharpen: 'Sharpen',
  blur: 'Blur',
  'sobel-x': 'Sobel x',
  'sobel-y': 'Sobel y',
};
