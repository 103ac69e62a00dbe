import { beforeAll, describe, expect, it } from 'vitest';
import { ringOfGaussians } from '../../src/generative/distributions';
import { Gan2d, R1_INTERVAL } from '../../src/generative/gan';
import { ganConfig, type GanConfig } from '../../src/generative/gan-config';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const ring = ringOfGaussians(8, 2, 0.02);
const sgd = { name: 'sgd' as const, learningRate: 0.05, beta1: 0.9, beta2: 0.999 };
const config = (overrides: Partial<GanConfig> = {}): GanConfig =>
  ganConfig({
    generator: { hiddenLayers: 2, hiddenUnits: 8, activation: 'relu' },
    discriminator: { hiddenLayers: 2, hiddenUnits: 8, activation: 'tanh' },
    batchSize: 32,
    seed: 7,
    ...overrides,
  });

/** D's parameters, flat, in variable order. */
async function discriminatorParams(gan: Gan2d): Promise<Float64Array> {
  const parts = (await gan.getWeights()).filter((w) => w.name.startsWith('discriminator/'));
  return Float64Array.from(parts.flatMap((w) => Array.from(w.data)));
}

describe('lazy R1', () => {
  it('is off by default (eager R1, the tuned default), and on with an interval', () => {
    expect(R1_INTERVAL).toBe(1);
    const gan = new Gan2d(config(), ring);
    expect(gan.r1Interval).toBe(1);
    const lazy = new Gan2d(config(), ring, { r1Interval: 16 });
    expect(lazy.r1Interval).toBe(16);
    gan.dispose();
    lazy.dispose();
  });

  it('on a step it applies, its gradient is the eager penalty’s times the interval', async () => {
    // SGD makes the update linear in the gradient: Δθ = −lr·(∇loss + w·∇R1), so the penalty's share of the
    // update can be isolated by subtracting a run without it from the same start.
    const interval = 4;
    const make = (r1Weight: number, r1Interval: number) =>
      new Gan2d(config({ r1Weight, discriminatorOptimizer: sgd, generatorOptimizer: sgd }), ring, {
        r1Interval,
      });
    const none = make(0, 1);
    const eager = make(1, 1);
    const lazy = make(1, interval);
    const start = await discriminatorParams(none);
    for (const gan of [none, eager, lazy]) await gan.trainIteration();
    const [pNone, pEager, pLazy] = await Promise.all([none, eager, lazy].map(discriminatorParams));
    let norm = 0;
    for (let i = 0; i < start.length; i++) {
      const eagerShare = pEager[i] - pNone[i];
      const lazyShare = pLazy[i] - pNone[i];
      norm = Math.max(norm, Math.abs(eagerShare));
      expect(lazyShare).toBeCloseTo(interval * eagerShare, 4);
    }
    // The penalty did move D (a tanh D's biases get R1 gradient through σ'').
    expect(norm).toBeGreaterThan(1e-4);
    for (const gan of [none, eager, lazy]) gan.dispose();
  });

  it('between its steps D trains as without the penalty, and the next multiple applies it again', async () => {
    const interval = 4;
    const lazy = new Gan2d(config({ r1Weight: 0.5 }), ring, { r1Interval: interval });
    const plain = new Gan2d(config({ r1Weight: 0 }), ring, { r1Interval: interval });
    const first = await lazy.trainIteration();
    expect(first.r1Penalty).toBeGreaterThan(0);
    // Same weights, optimizer state and random streams: only the penalty could make them differ.
    plain.setWeights(await lazy.getWeights());
    plain.setOptimizerState(await lazy.getOptimizerState());
    plain.setState(lazy.getState());
    for (let step = 1; step < interval; step++) {
      const stats = await lazy.trainIteration();
      await plain.trainIteration();
      // Steps without the penalty report none, and D's loss is the game's alone.
      expect(stats.r1Penalty).toBe(0);
    }
    expect(Array.from(await discriminatorParams(lazy))).toEqual(Array.from(await discriminatorParams(plain)));
    const again = await lazy.trainIteration();
    await plain.trainIteration();
    expect(again.r1Penalty).toBeGreaterThan(0);
    const [a, b] = await Promise.all([lazy, plain].map(discriminatorParams));
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    lazy.dispose();
    plain.dispose();
  });

  it('rejects a bad interval', () => {
    expect(() => new Gan2d(config(), ring, { r1Interval: 0 })).toThrow(/R1 interval/);
  });
});
