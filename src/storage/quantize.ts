/**
 * Weight quantization for share links: float32 (exact), float16 (relative error ≤ 2^-11 in the normal range),
 * int8 with one symmetric scale per tensor (scale = max|w| / 127, error ≤ scale / 2), and int8-channel: one
 * scale per output channel (the last axis of a kernel; one for a bias), stored as float16 before the int8
 * values. A layer whose units differ in size keeps its small units: a solved CartPole agent that per-tensor
 * int8 breaks still plays with per-channel scales.
 */
import { bytesOf, fromFloat16Bits, toFloat16Bits } from './binary';
import { CheckpointError } from './errors';

export const QUANTIZATIONS = ['float32', 'float16', 'int8', 'int8-channel'] as const;
export type Quantization = (typeof QUANTIZATIONS)[number];

export const BYTES_PER_VALUE: Readonly<Record<Quantization, number>> = {
  float32: 4,
  float16: 2,
  int8: 1,
  'int8-channel': 1,
};

/** Scales of an int8-channel tensor: one per entry of the last axis of a kernel, one for a vector. */
export function channelCount(shape: readonly number[]): number {
  return shape.length >= 2 ? shape[shape.length - 1]! : 1;
}

/** Bytes a tensor of `size` values and `shape` takes at `quantization`. */
export function quantizedBytes(quantization: Quantization, size: number, shape: readonly number[]): number {
  const scales = quantization === 'int8-channel' ? 2 * channelCount(shape) : 0;
  return scales + size * BYTES_PER_VALUE[quantization];
}

/** The smallest float16 ≥ x (x ≥ 0), so that no value quantizes past ±127. */
function float16AtLeast(x: number): number {
  let bits = toFloat16Bits(x);
  if (fromFloat16Bits(bits) < x) bits++;
  return fromFloat16Bits(bits);
}

function int8Channels(data: Float32Array, channels: number): Uint8Array {
  const scales = new Float32Array(channels);
  for (let i = 0; i < data.length; i++) {
    const c = i % channels;
    scales[c] = Math.max(scales[c], Math.abs(data[i]) / 127);
  }
  const half = new Uint16Array(channels);
  for (let c = 0; c < channels; c++) {
    scales[c] = float16AtLeast(scales[c]);
    half[c] = toFloat16Bits(scales[c]);
  }
  const q = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const scale = scales[i % channels];
    q[i] = scale > 0 ? Math.max(-127, Math.min(127, Math.round(data[i] / scale))) : 0;
  }
  const out = new Uint8Array(2 * channels + data.length);
  out.set(bytesOf(half), 0);
  out.set(bytesOf(q), 2 * channels);
  return out;
}

/** Largest |value| a float16 holds; larger weights cannot be shared at float16. */
export const FLOAT16_MAX = 65504;

export interface QuantizedTensor {
  bytes: Uint8Array;
  /** int8 only: value = q × scale. Rounded to float32 so encoder and decoder multiply by the same number. */
  scale?: number;
}

/** `shape` matters for int8-channel only (without it the tensor gets one scale). */
export function quantize(
  data: Float32Array,
  quantization: Quantization,
  name: string,
  shape: readonly number[] = [data.length],
): QuantizedTensor {
  switch (quantization) {
    case 'int8-channel':
      return { bytes: int8Channels(data, channelCount(shape)) };
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
  shape: readonly number[] = [count],
): Float32Array | string {
  const out = new Float32Array(count);
  if (quantization === 'int8-channel') {
    const channels = channelCount(shape);
    const half = new Uint16Array(buffer, 0, channels);
    const scales = Float32Array.from(half, fromFloat16Bits);
    const bad = scales.findIndex((x) => !Number.isFinite(x) || x < 0);
    if (bad >= 0) return `channel scale ${bad} is ${scales[bad]}; scales must be finite and ≥ 0`;
    const q = new Int8Array(buffer, 2 * channels, count);
    for (let i = 0; i < count; i++) {
      if (q[i] === -128) return `value ${i} is -128, outside the symmetric int8 range [-127, 127]`;
      out[i] = q[i] * scales[i % channels];
    }
  } else if (quantization === 'float32') {
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
  // A channel's scale is at most the tensor's, rounded up to a float16 (relative 2^-10, absolute 2^-24).
  if (quantization === 'int8-channel') return scale * (0.5 + 2 ** -10) + 2 ** -24 + Math.abs(w) * 2 ** -23;
  return scale / 2 + Math.abs(w) * 2 ** -23; // rounding to the grid, plus float32 rounding of q × scale
}
