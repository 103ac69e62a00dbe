/**
 * The typed-array 2-D GAN computes what the tfjs one computes: from the same seed (same initial weights, same
 * batches and noise) every loss, activation, optimizer and penalty gives the same statistics, weights and
 * optimizer state within float tolerance, and the views agree on the same weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ringOfGaussians } from '../../src/generative/distributions';
import { Gan2d } from '../../src/generative/gan';
import { ganConfig, lossDefaults, type GanConfig } from '../../src/generative/gan-config';
import type { Gan2dTrainer, GanIterationStats } from '../../src/generative/gan-types';
import { JsGan2d } from '../../src/generative/js-gan';
import type { NamedWeight } from '../../src/generative/weights';
import { expectAllClose } from './close';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const ring = ringOfGaussians(8, 2, 0.02);
const small = (overrides: Partial<GanConfig> = {}): GanConfig =>
  ganConfig({
    generator: { hiddenLayers: 2, hiddenUnits: 12, activation: 'relu' },
    discriminator: { hiddenLayers: 2, hiddenUnits: 12, activation: 'leakyRelu' },
    batchSize: 24,
    ...overrides,
  });

const STAT_KEYS = ['dLoss', 'gLoss', 'dReal', 'dFake', 'gradientPenalty', 'r1Penalty'] as const;

function expectSameStats(js: GanIterationStats[], tfjs: GanIterationStats[], tolerance: number): void {
  expect(js.map((s) => s.iteration)).toEqual(tfjs.map((s) => s.iteration));
  for (const key of STAT_KEYS) {
    expectAllClose(
      js.map((s) => s[key]),
      tfjs.map((s) => s[key]),
      tolerance,
    );
  }
}

function expectSameWeights(js: NamedWeight[], tfjs: NamedWeight[], tolerance: number): void {
  expect(js.map((w) => [w.name, w.shape])).toEqual(tfjs.map((w) => [w.name, w.shape]));
  js.forEach((w, i) => expectAllClose(w.data, tfjs[i]!.data, tolerance));
}

/** Trains both engines `iterations` iterations from `config` and compares everything they hand out. */
async function compare(config: GanConfig, iterations: number, r1Interval = 1): Promise<void> {
  const js = new JsGan2d(config, ring, { r1Interval });
  const tfjs = new Gan2d(config, ring, { r1Interval });
  try {
    expectSameWeights(await js.getWeights(), await tfjs.getWeights(), 0);
    expectSameStats(await js.train(iterations), await tfjs.train(iterations), 1e-4);
    expectSameWeights(await js.getWeights(), await tfjs.getWeights(), 1e-4);
    expectSameWeights(await js.getOptimizerState(), await tfjs.getOptimizerState(), 1e-4);
    expect(js.getState()).toEqual(tfjs.getState());
  } finally {
    js.dispose();
    tfjs.dispose();
  }
}

describe('JsGan2d matches the tfjs Gan2d', () => {
  it('with the defaults (leaky-ReLU D, Adam β₁ 0.5, eager R1)', () =>
    compare(ganConfig({ batchSize: 32 }), 3));

  it.each(['minimax', 'non-saturating', 'least-squares'] as const)('%s loss', (loss) =>
    compare(small({ ...lossDefaults(loss), loss }), 3),
  );

  it('wasserstein-gp: 5 critic steps, the gradient penalty, Adam β = (0.5, 0.9)', () =>
    compare(small({ ...lossDefaults('wasserstein-gp'), discriminatorSteps: 3 }), 2));

  it('wasserstein-gp with R1 too', () =>
    compare(small({ ...lossDefaults('wasserstein-gp'), discriminatorSteps: 2, r1Weight: 0.5 }), 2));

  // The smooth activations exercise the σ'' term of the double backward pass (R1 on).
  it.each(['tanh', 'elu', 'sigmoid', 'relu', 'linear', 'leakyRelu'] as const)(
    '%s in both networks, with R1',
    (activation) =>
      compare(
        small({
          generator: { hiddenLayers: 2, hiddenUnits: 10, activation },
          discriminator: { hiddenLayers: 2, hiddenUnits: 10, activation },
          r1Weight: 1,
        }),
        3,
      ),
  );

  it.each(['sgd', 'rmsprop'] as const)('%s optimizers', (name) => {
    const opt = { name, learningRate: 0.01, beta1: 0.9, beta2: 0.999 };
    return compare(small({ generatorOptimizer: opt, discriminatorOptimizer: opt }), 3);
  });

  it('uniform 1-D noise, one hidden layer, k = 2 and no R1', () =>
    compare(
      small({
        noiseDim: 1,
        noise: 'uniform',
        generator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'tanh' },
        discriminator: { hiddenLayers: 0, hiddenUnits: 8, activation: 'relu' },
        discriminatorSteps: 2,
        r1Weight: 0,
      }),
      3,
    ));

  it('lazy R1 every 2nd D step, with its weight scaled', () => compare(small({ r1Weight: 0.3 }), 4, 2));

  it('draws the same views from the same weights', async () => {
    const config = small({ loss: 'minimax' });
    const tfjs = new Gan2d(config, ring);
    await tfjs.train(5);
    const js = new JsGan2d(config, ring);
    js.setWeights(await tfjs.getWeights());
    const views = async (gan: Gan2dTrainer) => {
      const grid = await gan.discriminatorGrid(7);
      const manifold = await gan.manifold(5);
      const noise = Float32Array.from({ length: 20 }, (_, i) => Math.sin(i));
      const arrows = await gan.generatorGradients(10, noise);
      return { grid, manifold, arrows, samples: await gan.sample(9) };
    };
    const [a, b] = [await views(js), await views(tfjs)];
    expect(a.grid.kind).toBe('probability');
    expect(a.grid.kind).toBe(b.grid.kind);
    expectAllClose(a.grid.values, b.grid.values, 1e-5);
    expectAllClose(a.manifold.points, b.manifold.points, 1e-5);
    expectAllClose(a.arrows.points, b.arrows.points, 1e-5);
    expectAllClose(a.arrows.directions, b.arrows.directions, 1e-4);
    expectAllClose(a.samples, b.samples, 1e-5);
    js.dispose();
    tfjs.dispose();
  });
});

describe('JsGan2d resume', () => {
  const snapshot = async (gan: Gan2dTrainer) => ({
    weights: await gan.getWeights(),
    optimizer: await gan.getOptimizerState(),
    state: gan.getState(),
  });

  it('continues bit for bit from its own weights, optimizer state and RNGs', async () => {
    const config = small({ r1Weight: 0.2 });
    const a = new JsGan2d(config, ring);
    await a.train(6);
    const saved = await snapshot(a);
    const continued = await a.train(4);
    const b = new JsGan2d({ ...config }, ring);
    b.setWeights(saved.weights);
    b.setOptimizerState(saved.optimizer);
    b.setState(saved.state);
    expect(await b.train(4)).toEqual(continued);
    expect(await b.getWeights()).toEqual(await a.getWeights());
  });

  it('takes over a tfjs run (and hands one back) within float tolerance', async () => {
    const config = small();
    const tfjs = new Gan2d(config, ring);
    await tfjs.train(4);
    const saved = await snapshot(tfjs);
    const js = new JsGan2d(config, ring);
    js.setWeights(saved.weights);
    js.setOptimizerState(saved.optimizer);
    js.setState(saved.state);
    expectSameStats(await js.train(3), await tfjs.train(3), 1e-4);
    const back = new Gan2d(config, ring);
    const fromJs = await snapshot(js);
    back.setWeights(fromJs.weights);
    back.setOptimizerState(fromJs.optimizer);
    back.setState(fromJs.state);
    expectSameStats(await back.train(2), await tfjs.train(2), 1e-4);
    tfjs.dispose();
    back.dispose();
  });

  it('rejects weights of the wrong shape without changing anything', async () => {
    const js = new JsGan2d(small(), ring);
    const before = await js.getWeights();
    const bad = before.map((w) =>
      w.name === 'discriminator/dense_1/kernel' ? { ...w, shape: [3, 4], data: new Float32Array(12) } : w,
    );
    expect(() => js.setWeights(bad)).toThrow(/discriminator\/dense_1\/kernel of shape \[12,12\]/);
    expect(await js.getWeights()).toEqual(before);
  });
});
