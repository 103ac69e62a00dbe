/** The side of an MNIST digit, in pixels. */
export const DIGIT_SIDE = 28;

/**
 * Paints `count` 28×28 grey digits (values in [0, 1], clamped; digit k at `pixels[k·784 …]`) at 1:1 onto
 * `scratch`, resized to `cols` × `rows` tiles `cell` pixels apart, row by row. Pages draw it scaled up.
 */
export function tileDigits(
  scratch: HTMLCanvasElement,
  pixels: ArrayLike<number>,
  count: number,
  { cols, rows, cell }: { cols: number; rows: number; cell: number },
): void {
  scratch.width = cols * cell;
  scratch.height = rows * cell;
  const context = scratch.getContext('2d')!;
  const image = context.createImageData(scratch.width, scratch.height);
  const out = image.data;
  const area = DIGIT_SIDE * DIGIT_SIDE;
  for (let k = 0; k < count; k++) {
    const x0 = (k % cols) * cell;
    const y0 = Math.floor(k / cols) * cell;
    for (let p = 0; p < area; p++) {
      const v = Math.round(Math.min(1, Math.max(0, pixels[k * area + p]!)) * 255);
      const at = ((y0 + Math.floor(p / DIGIT_SIDE)) * scratch.width + x0 + (p % DIGIT_SIDE)) * 4;
      out[at] = out[at + 1] = out[at + 2] = v;
      out[at + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}
