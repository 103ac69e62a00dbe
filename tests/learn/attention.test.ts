import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from './tf-setup';
import { scaledDotProductAttention, sinusoidalEncoding } from '../../src/learn/attention';
import { TransformerTrainer, DEFAULT_TRANSFORMER } from '../../src/learn/transformer-trainer';
import { digitTarget, parseDigits, sampleDigits } from '../../src/learn/digit-tasks';
import { Rng } from '../../src/envs/rng';

beforeAll(useTestBackend);

describe('scaled dot-product attention', () => {
  it('every row of the weights sums to 1 (batch and head axes included)', async () => {
    const rng = new Rng(4);
    const rand = (shape: number[]): tf.Tensor =>
      tf.tensor(
        Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.uniform(-2, 2)),
        shape,
      );
    const { weights, output } = scaledDotProductAttention(
      rand([2, 3, 5, 4]),
      rand([2, 3, 7, 4]),
      rand([2, 3, 7, 6]),
    );
    expect(weights.shape).toEqual([2, 3, 5, 7]);
    expect(output.shape).toEqual([2, 3, 5, 6]);
    const sums = await tf.sum(weights, -1).data();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
  });

  it('matches softmax(QKᵀ/√d_k)V computed by hand for two tokens', async () => {
    const q = [
      [1, 0],
      [0, 2],
    ];
    const k = [
      [1, 1],
      [-1, 0.5],
    ];
    const v = [
      [1, 2],
      [3, -1],
    ];
    // Row 0: scores (q0·k0, q0·k1)/√2 = (1, -1)/√2; row 1: (2, 1)/√2.
    const softmax2 = (a: number, b: number): [number, number] => {
      const ea = Math.exp(a);
      const eb = Math.exp(b);
      return [ea / (ea + eb), eb / (ea + eb)];
    };
    const w0 = softmax2(1 / Math.SQRT2, -1 / Math.SQRT2);
    const w1 = softmax2(2 / Math.SQRT2, 1 / Math.SQRT2);
    const expectedOut = [w0, w1].flatMap(([a, b]) => [a * 1 + b * 3, a * 2 + b * -1]);
    const result = scaledDotProductAttention(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v));
    expect(Array.from(await result.weights.data())).toEqual([...w0, ...w1].map((x) => expect.closeTo(x, 5)));
    expect(Array.from(await result.output.data())).toEqual(expectedOut.map((x) => expect.closeTo(x, 5)));
  });
});

describe('sinusoidal positional encoding', () => {
  it('is sin(pos/10000^(2i/d)) on even and cos on odd dimensions', () => {
    const d = 8;
    const pe = sinusoidalEncoding(5, d);
    expect(pe.length).toBe(40);
    expect(pe[0]).toBe(0); // sin 0
    expect(pe[1]).toBe(1); // cos 0
    expect(pe[1 * d + 0]).toBeCloseTo(Math.sin(1), 6);
    expect(pe[1 * d + 1]).toBeCloseTo(Math.cos(1), 6);
    // i = 1: 10000^(2/8) = 10, so position 3 → angle 0.3.
    expect(pe[3 * d + 2]).toBeCloseTo(0.29552, 5);
    expect(pe[3 * d + 3]).toBeCloseTo(0.95534, 5);
    // i = 3: 10000^(6/8) = 1000, so position 4 → angle 0.004.
    expect(pe[4 * d + 6]).toBeCloseTo(Math.sin(0.004), 7);
    expect(pe[4 * d + 7]).toBeCloseTo(Math.cos(0.004), 7);
  });

  it('rejects an odd d_model', () => {
    expect(() => sinusoidalEncoding(4, 7)).toThrow(/even d_model/);
  });
});

describe('digit tasks', () => {
  it('reverse and sort targets', () => {
    expect(digitTarget('reverse', [3, 1, 4, 1, 5, 9])).toEqual([9, 5, 1, 4, 1, 3]);
    expect(digitTarget('sort', [3, 1, 4, 1, 5, 9])).toEqual([1, 1, 3, 4, 5, 9]);
    const batch = sampleDigits('reverse', 6, 4, new Rng(1));
    expect(Array.from(batch.targets.subarray(0, 6))).toEqual(
      digitTarget('reverse', Array.from(batch.inputs.subarray(0, 6))),
    );
  });

  it('parses typed digits and says what is wrong with bad input', () => {
    expect(parseDigits('3 1 4, 1 5 9', 6)).toEqual([3, 1, 4, 1, 5, 9]);
    expect(parseDigits('314159', 6)).toEqual([3, 1, 4, 1, 5, 9]);
    expect(() => parseDigits('31415', 6)).toThrow(/exactly 6 digits; got 5/);
    expect(() => parseDigits('3a1415', 6)).toThrow(/Only the digits 0–9/);
  });
});

describe('tiny transformer', () => {
  it('its loss falls on the reverse task in a short run, with a flat tensor count', async () => {
    const trainer = new TransformerTrainer({ ...DEFAULT_TRANSFORMER, batchSize: 32, seed: 2 });
    const first = (await trainer.step()).loss;
    await trainer.inspect([1, 2, 3, 4, 5, 6]);
    const tensors = tf.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 40; i++) losses.push((await trainer.step()).loss);
    const inspection = await trainer.inspect([1, 2, 3, 4, 5, 6]);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(first).toBeGreaterThan(1.8); // about ln 10 = 2.30 at the start
    const late = losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(late).toBeLessThan(0.75 * first);
    // One map per layer and head; each row a distribution over keys.
    expect(inspection.maps.length).toBe(DEFAULT_TRANSFORMER.layers);
    expect(inspection.maps[0]!.length).toBe(DEFAULT_TRANSFORMER.heads);
    const map = inspection.maps[1]![1]!;
    for (let row = 0; row < 6; row++) {
      expect(map.slice(row * 6, row * 6 + 6).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    }
    trainer.dispose();
  });
});
