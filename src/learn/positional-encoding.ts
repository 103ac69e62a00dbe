/**
 * The sinusoidal positional encoding of "Attention Is All You Need" (Vaswani et al. 2017, section 3.5):
 * PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)).
 * Plain arithmetic, no tfjs: the attention panel draws it on the page, the transformer adds it in the worker.
 */

/** The sinusoidal encodings of positions 0..length-1 as a [length · dModel] row-major array. */
export function sinusoidalEncoding(length: number, dModel: number): Float32Array {
  if (!Number.isInteger(length) || length < 1) throw new Error(`Expected a positive length, got ${length}`);
  if (!Number.isInteger(dModel) || dModel < 2 || dModel % 2 !== 0)
    throw new Error(`Expected an even d_model of at least 2, got ${dModel}`);
  const pe = new Float32Array(length * dModel);
  for (let pos = 0; pos < length; pos++) {
    for (let i = 0; i < dModel / 2; i++) {
      const angle = pos / Math.pow(10000, (2 * i) / dModel);
      pe[pos * dModel + 2 * i] = Math.sin(angle);
      pe[pos * dModel + 2 * i + 1] = Math.cos(angle);
    }
  }
  return pe;
}
