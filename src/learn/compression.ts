/**
 * Making a model small: magnitude pruning (zero the smallest weights) and post-training quantization of every
 * tensor to float16 or int8 (per-tensor symmetric, the share-link code in src/storage/quantize.ts). The size
 * is the stored payload (values × bytes per value, plus one float32 scale per int8 tensor) and the same
 * bytes deflated: zeros left by pruning only save space once the file is compressed or stored sparsely.
 */
import { deflateSync } from 'fflate';
import type { NamedWeight } from '../agents/weights';
import { concatBytes } from '../storage/binary';
import { dequantize, quantize, type Quantization } from '../storage/quantize';

export type Precision = Quantization;
export const PRECISIONS: readonly Precision[] = ['float32', 'float16', 'int8'];

/** Kernels (rank ≥ 2) are pruned; biases are few and matter much, so they are kept. */
export function isPrunable(weight: NamedWeight): boolean {
  return weight.shape.length >= 2;
}

export interface PruneResult {
  weights: NamedWeight[];
  /** Weights set to zero, out of `prunable`. */
  pruned: number;
  prunable: number;
  /** The largest |w| that was cut (0 when none was). */
  threshold: number;
}

/**
 * Global magnitude pruning: the round(sparsity × N) prunable weights of smallest |w| across all kernels are
 * set to zero (ties broken by position, so the count is exact).
 */
export function magnitudePrune(weights: readonly NamedWeight[], sparsity: number): PruneResult {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new Error(`Expected a sparsity in [0, 1], got ${sparsity}`);
  const prunableTensors = weights.map(isPrunable);
  const magnitudes: { abs: number; tensor: number; index: number }[] = [];
  weights.forEach((w, t) => {
    if (prunableTensors[t])
      for (let i = 0; i < w.data.length; i++)
        magnitudes.push({ abs: Math.abs(w.data[i]!), tensor: t, index: i });
  });
  const count = Math.round(sparsity * magnitudes.length);
  magnitudes.sort((a, b) => a.abs - b.abs || a.tensor - b.tensor || a.index - b.index);
  const out = weights.map((w) => ({ name: w.name, shape: w.shape.slice(), data: Float32Array.from(w.data) }));
  for (let k = 0; k < count; k++) out[magnitudes[k]!.tensor]!.data[magnitudes[k]!.index] = 0;
  return {
    weights: out,
    pruned: count,
    prunable: magnitudes.length,
    threshold: count > 0 ? magnitudes[count - 1]!.abs : 0,
  };
}

export interface CompressedModel {
  /** The weights the compressed model really computes with (dequantized back to float32). */
  weights: NamedWeight[];
  precision: Precision;
  sparsity: number;
  /** Stored payload: values at `precision`, plus a 4-byte scale per int8 tensor. */
  bytes: number;
  /** The payload deflated (zlib's algorithm, level 9). */
  deflatedBytes: number;
  /** The largest |w − w_compressed| over all weights (pruning included). */
  maxError: number;
}

/** Prunes to `sparsity`, then quantizes every tensor to `precision`, and measures the result. */
export function compressWeights(
  weights: readonly NamedWeight[],
  precision: Precision,
  sparsity = 0,
): CompressedModel {
  const pruned = magnitudePrune(weights, sparsity).weights;
  const parts: Uint8Array[] = [];
  let maxError = 0;
  const restored = pruned.map((w, t) => {
    const { bytes, scale } = quantize(w.data, precision, w.name);
    parts.push(bytes);
    if (scale !== undefined) parts.push(new Uint8Array(Float32Array.of(scale).buffer));
    // dequantize reads from offset 0 of an aligned buffer: copy the bytes into their own.
    const values = dequantize(bytes.slice().buffer, precision, w.data.length, scale);
    if (typeof values === 'string') throw new Error(`${w.name}: ${values}`);
    const original = weights[t]!.data;
    for (let i = 0; i < values.length; i++)
      maxError = Math.max(maxError, Math.abs(values[i]! - original[i]!));
    return { name: w.name, shape: w.shape.slice(), data: values };
  });
  const payload = concatBytes(parts);
  return {
    weights: restored,
    precision,
    sparsity,
    bytes: payload.length,
    deflatedBytes: deflateSync(payload, { level: 9 }).length,
    maxError,
  };
}

/** Fraction of exact zeros among the prunable weights. */
export function sparsityOf(weights: readonly NamedWeight[]): number {
  let zeros = 0;
  let total = 0;
  for (const w of weights) {
    if (!isPrunable(w)) continue;
    total += w.data.length;
    for (let i = 0; i < w.data.length; i++) if (w.data[i] === 0) zeros++;
  }
  return total === 0 ? 0 : zeros / total;
}
