/**
 * Weight quantization for share links: float32 (exact), float16 (relative error ≤ 2^-11 in the normal range)
 * and int8 with one symmetric scale per tensor (scale = max|w| / 127, error ≤ scale / 2).
 */
import { bytesOf, fromFloat16Bits, toFloat16Bits } from './binary';
import { CheckpointError } from './errors';

export const QUANTIZATIONS = ['float32', 'float16', 'int8'] as const;
export type Quantization = (typeof QUANTIZATIONS)[number];

export const BYTES_PER_VALUE: Readonly<Record<Quantization, number>> = { float32: 4, float16: 2, int8: 1 };

/** Largest |value| a float16 holds; larger weights cannot be shared at float16. */
export const FLOAT16_MAX = 65504;

export interface QuantizedTensor {
  bytes: Uint8Array;
  /** int8 only: value = q × scale. Rounded to float32 so encoder and decoder multiply by the same number. */
  scale?: number;
}

export function quantize(data: Float32Array, quantization: Quantization, name: string): QuantizedTensor {
  switch (quantization) {
    case 'float32':
      return { bytes: bytesOf(Float32Array.from(data)) };
    case 'float16': {
      const out = new Uint16Array(data.length);
      for (let i = 0; i < data.length; i++) {
        if (Math.abs(data[i]) > FLOAT16_MAX) {
          throw new CheckpointError(
            'invalid',
            `${name}: value ${data[i]} is beyond float16's range (±${FLOAT16_MAX}); share it as float32`,
          );
        }
        out[i] = toFloat16Bits(data[i]);
      }
      return { bytes: bytesOf(out) };
    }
    case 'int8': {
      let maxAbs = 0;
      for (let i = 0; i < data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i]));
      const scale = Math.fround(maxAbs / 127);
      const out = new Int8Array(data.length);
      if (scale > 0) {
        for (let i = 0; i < data.length; i++)
          out[i] = Math.max(-127, Math.min(127, Math.round(data[i] / scale)));
      }
      return { bytes: bytesOf(out), scale };
    }
  }
}

/**
 * Float32 values from quantized bytes (which must start 4-byte aligned for float32, 2 for float16).
 * Returns a message naming the first bad value instead of throwing: the caller prefixes the tensor's path.
 */
export function dequantize(
  buffer: ArrayBuffer,
  quantization: Quantization,
  count: number,
  scale: number | undefined,
): Float32Array | string {
  const out = new Float32Array(count);
  if (quantization === 'float32') {
    out.set(new Float32Array(buffer, 0, count));
  } else if (quantization === 'float16') {
    const half = new Uint16Array(buffer, 0, count);
    for (let i = 0; i < count; i++) out[i] = fromFloat16Bits(half[i]);
  } else {
    const q = new Int8Array(buffer, 0, count);
    const s = scale ?? NaN;
    for (let i = 0; i < count; i++) {
      if (q[i] === -128) return `value ${i} is -128, outside the symmetric int8 range [-127, 127]`;
      out[i] = q[i] * s;
    }
  }
  for (let i = 0; i < count; i++)
    if (!Number.isFinite(out[i])) return `value ${i} is ${out[i]}; weights must be finite`;
  return out;
}

/** The largest error quantization may introduce on a value `w` of a tensor whose int8 scale is `scale`. */
export function quantizationErrorBound(w: number, quantization: Quantization, scale = 0): number {
  if (quantization === 'float32') return 0;
  // float16: half an ulp, relative 2^-11 for normal numbers, absolute 2^-25 below 2^-14.
  if (quantization === 'float16') return Math.max(Math.abs(w) * 2 ** -11, 2 ** -25);
  return scale / 2 + Math.abs(w) * 2 ** -23; // rounding to the grid, plus float32 rounding of q × scale
}
