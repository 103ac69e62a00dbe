import { describe, expect, it } from 'vitest';
import { compressWeights, magnitudePrune, sparsityOf } from '../../src/learn/compression';
import { Rng } from '../../src/envs/rng';
import type { NamedWeight } from '../../src/agents/weights';

function weights(seed: number): NamedWeight[] {
  const rng = new Rng(seed);
  const make = (name: string, shape: number[], scale: number): NamedWeight => ({
    name,
    shape,
    data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale),
  });
  return [
    make('conv_1/kernel', [5, 5, 1, 8], 0.3),
    make('conv_1/bias', [8], 0.1),
    make('logits/kernel', [64, 10], 0.05),
    make('logits/bias', [10], 0.01),
  ];
}

describe('quantization', () => {
  const w = weights(1);

  it('int8: every error ≤ scale/2 with scale = max|w|/127 per tensor', () => {
    const q = compressWeights(w, 'int8');
    w.forEach((tensor, t) => {
      const maxAbs = Math.max(...Array.from(tensor.data, Math.abs));
      const scale = Math.fround(maxAbs / 127);
      for (let i = 0; i < tensor.data.length; i++) {
        const error = Math.abs(q.weights[t]!.data[i]! - tensor.data[i]!);
        expect(error).toBeLessThanOrEqual(scale / 2 + Math.abs(tensor.data[i]!) * 2 ** -23);
      }
      // The bound is nearly reached: the grid really is that coarse.
      const worst = Math.max(...Array.from(tensor.data, (v, i) => Math.abs(q.weights[t]!.data[i]! - v)));
      expect(worst).toBeGreaterThan(scale / 4);
    });
  });

  it('float16: relative error ≤ 2^-11', () => {
    const q = compressWeights(w, 'float16');
    w.forEach((tensor, t) => {
      for (let i = 0; i < tensor.data.length; i++) {
        const v = tensor.data[i]!;
        if (Math.abs(v) < 2 ** -14) continue; // subnormal range: absolute bound instead
        expect(Math.abs(q.weights[t]!.data[i]! - v) / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
      }
    });
  });

  it('sizes: 4, 2 and 1 bytes a value (+4 per int8 scale); float32 is exact', () => {
    const n = w.reduce((a, t) => a + t.data.length, 0);
    const [f32, f16, i8] = (['float32', 'float16', 'int8'] as const).map((p) => compressWeights(w, p));
    expect(f32!.bytes).toBe(4 * n);
    expect(f32!.maxError).toBe(0);
    expect(f16!.bytes).toBe(2 * n);
    expect(i8!.bytes).toBe(n + 4 * w.length);
    expect(i8!.deflatedBytes).toBeLessThan(f32!.deflatedBytes);
  });
});

describe('magnitude pruning', () => {
  const w = weights(2);
  const prunable = w.filter((t) => t.shape.length >= 2).reduce((a, t) => a + t.data.length, 0);

  for (const sparsity of [0, 0.25, 0.5, 0.9, 1]) {
    it(`hits the requested sparsity ${sparsity} exactly and keeps biases`, () => {
      const result = magnitudePrune(w, sparsity);
      expect(result.pruned).toBe(Math.round(sparsity * prunable));
      expect(sparsityOf(result.weights)).toBeCloseTo(Math.round(sparsity * prunable) / prunable, 10);
      expect(Array.from(result.weights[1]!.data)).toEqual(Array.from(w[1]!.data));
      // Every survivor is at least as large as every weight cut.
      for (const t of result.weights.filter((x) => x.shape.length >= 2))
        for (const v of t.data) if (v !== 0) expect(Math.abs(v)).toBeGreaterThanOrEqual(result.threshold);
    });
  }

  it('leaves the input untouched and makes pruned models deflate smaller', () => {
    const copy = Float32Array.from(w[0]!.data);
    const dense = compressWeights(w, 'float32', 0);
    const sparse = compressWeights(w, 'float32', 0.8);
    expect(Array.from(w[0]!.data)).toEqual(Array.from(copy));
    expect(sparse.bytes).toBe(dense.bytes); // stored densely, zeros cost as much as any value
    expect(sparse.deflatedBytes).toBeLessThan(dense.deflatedBytes * 0.5);
  });

  it('rejects a sparsity outside [0, 1]', () => {
    expect(() => magnitudePrune(w, 1.5)).toThrow(/\[0, 1\]/);
  });
});
