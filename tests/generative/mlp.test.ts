import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { FlatOptimizer } from '../../src/generative/flat-optimizer';
import { GAN_ACTIVATIONS, type GanOptimizerConfig } from '../../src/generative/gan-config';
import { unitGradientPenalty } from '../../src/generative/gan-losses';
import { Mlp } from '../../src/generative/mlp';
import { expectAllClose } from './close';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

function randomTensor(shape: [number, number], seed: number): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: shape[0] * shape[1] }, () => rng.normal()),
    shape,
  );
}

describe('Mlp', () => {
  it('builds the same weights from the same seed, and the right shapes', async () => {
    const config = { hiddenLayers: 2, hiddenUnits: 5, activation: 'relu' as const };
    const a = new Mlp(config, 3, 2, new Rng(1), 'a');
    const b = new Mlp(config, 3, 2, new Rng(1), 'b');
    expect(a.names).toEqual([
      'dense_0/kernel',
      'dense_0/bias',
      'dense_1/kernel',
      'dense_1/bias',
      'dense_2/kernel',
      'dense_2/bias',
    ]);
    expect(a.variables.map((v) => v.shape)).toEqual([[3, 5], [5], [5, 5], [5], [5, 2], [2]]);
    expect(await a.getWeights('g')).toEqual(await b.getWeights('g'));
    a.dispose();
    b.dispose();
  });

  it.each(GAN_ACTIVATIONS.map((a) => [a]))(
    '%s: hand-written backward equals autograd',
    async (activation) => {
      const mlp = new Mlp({ hiddenLayers: 2, hiddenUnits: 6, activation }, 3, 2, new Rng(4), 'net');
      const x = randomTensor([7, 3], 1);
      const upstream = randomTensor([7, 2], 2);
      const loss = (input: tf.Tensor2D): tf.Scalar => tf.sum(tf.mul(mlp.apply(input), upstream));
      const auto = tf.variableGrads(() => loss(x), mlp.variables);
      const autoInput = tf.grad((input) => loss(input as tf.Tensor2D))(x);
      const activations = mlp.forward(x);
      const mine = mlp.backward(activations, upstream, { parameters: true, input: true });
      for (let i = 0; i < mlp.variables.length; i++) {
        expectAllClose(await mine.gradients[i].data(), await auto.grads[mlp.variables[i].name].data(), 1e-4);
      }
      expectAllClose(await (mine.input as tf.Tensor).data(), await autoInput.data(), 1e-4);
      tf.dispose([
        x,
        upstream,
        auto.value,
        autoInput,
        ...Object.values(auto.grads),
        ...activations.slice(1),
        ...mine.gradients,
      ]);
      tf.dispose(mine.input as tf.Tensor);
      mlp.dispose();
    },
  );

  it.each(GAN_ACTIVATIONS.map((a) => [a]))(
    '%s: inputGradient matches autograd, and its pullback matches finite differences of a penalty',
    async (activation) => {
      const mlp = new Mlp({ hiddenLayers: 2, hiddenUnits: 4, activation }, 2, 1, new Rng(9), 'critic');
      const x = randomTensor([6, 2], 3);
      const auto = tf.grad((input) => tf.sum(mlp.apply(input as tf.Tensor2D)))(x);
      const { gradient, pullback } = mlp.inputGradient(x);
      expectAllClose(await gradient.data(), await auto.data(), 1e-4);

      // P = mean (‖g‖ − 1)², the WGAN-GP penalty, as a function of every weight.
      const penaltyValue = async () => {
        const { gradient: g } = mlp.inputGradient(x);
        const p = unitGradientPenalty(g, 1).value();
        const v = (await p.data())[0];
        tf.dispose([g, p]);
        return v;
      };
      const { dGradient } = unitGradientPenalty(gradient, 1);
      const analytic = pullback(dGradient);
      for (let index = 0; index < mlp.variables.length; index++) {
        const v = mlp.variables[index];
        const original = await v.data();
        const j = Math.min(1, v.size - 1);
        const at = async (delta: number) => {
          const changed = Float32Array.from(original);
          changed[j] += delta;
          v.assign(tf.tensor(changed, v.shape));
          return penaltyValue();
        };
        const h = 1e-3; // small enough not to cross a ReLU kink at these points
        const numeric = ((await at(h)) - (await at(-h))) / (2 * h);
        v.assign(tf.tensor(original, v.shape));
        const entry = analytic[index];
        // null means "no gradient": the penalty cannot depend on this weight (biases of piecewise-linear nets).
        const mine = entry === null ? 0 : (await entry.data())[j];
        expect(Math.abs(mine - numeric), `${mlp.names[index]}: ${mine} vs ${numeric}`).toBeLessThan(
          0.01 * Math.max(1, Math.abs(numeric)),
        );
      }
      tf.dispose([x, auto, gradient, dGradient, ...analytic.filter((t) => t !== null)]);
      mlp.dispose();
    },
  );

  it('new weights take effect at once in forward, backward and inputGradient (nothing stale is reused)', async () => {
    const config = { hiddenLayers: 2, hiddenUnits: 6, activation: 'tanh' as const };
    const used = new Mlp(config, 2, 1, new Rng(3), 'used');
    const fresh = new Mlp(config, 2, 1, new Rng(4), 'fresh');
    const x = randomTensor([5, 2], 9);
    const run = (mlp: Mlp) =>
      tf.tidy(() => {
        const h = mlp.forward(x);
        const { gradients, input } = mlp.backward(h, tf.onesLike(h[h.length - 1]), {
          parameters: true,
          input: true,
        });
        return [h[h.length - 1], input as tf.Tensor, ...gradients, mlp.inputGradient(x).gradient];
      });
    tf.dispose(run(used)); // derived tensors (transposed kernels) now exist for the old weights
    used.setWeights(await fresh.getWeights('n'), 'n');
    const [mine, theirs] = [run(used), run(fresh)];
    for (let i = 0; i < mine.length; i++) expect(await mine[i].data()).toEqual(await theirs[i].data());
    tf.dispose([x, ...mine, ...theirs]);
    used.dispose();
    fresh.dispose();
  });

  it('weights round-trip, and bad weights are rejected with a clear message', async () => {
    const config = { hiddenLayers: 1, hiddenUnits: 4, activation: 'tanh' as const };
    const a = new Mlp(config, 2, 2, new Rng(1), 'a');
    const b = new Mlp(config, 2, 2, new Rng(2), 'b');
    const weights = await a.getWeights('g');
    b.setWeights(weights, 'g');
    expect(await b.getWeights('g')).toEqual(weights);
    expect(() => b.setWeights(weights.slice(1), 'g')).toThrow(
      'Expected a weight named g/dense_0/kernel, got none',
    );
    const wrong = weights.map((w) =>
      w.name === 'g/dense_1/bias' ? { ...w, shape: [3], data: new Float32Array(3) } : w,
    );
    expect(() => b.setWeights(wrong, 'g')).toThrow('Expected g/dense_1/bias of shape [2], got [3]');
    const nan = weights.map((w, i) => (i === 0 ? { ...w, data: w.data.map(() => NaN) } : w));
    expect(() => b.setWeights(nan, 'g')).toThrow('Expected finite values in g/dense_0/kernel, got NaN');
    a.dispose();
    b.dispose();
  });
});

describe('FlatOptimizer', () => {
  const rules: [string, GanOptimizerConfig, () => tf.Optimizer][] = [
    ['sgd', { name: 'sgd', learningRate: 0.1, beta1: 0.9, beta2: 0.999 }, () => tf.train.sgd(0.1)],
    [
      'rmsprop',
      { name: 'rmsprop', learningRate: 0.01, beta1: 0.9, beta2: 0.999 },
      () => tf.train.rmsprop(0.01),
    ],
    [
      'adam',
      { name: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.99 },
      () => tf.train.adam(0.01, 0.5, 0.99),
    ],
  ];
  const made: tf.Variable[] = [];
  afterAll(() => tf.dispose(made));
  const variables = (seed: number) => {
    const vs = [tf.variable(randomTensor([3, 2], seed)), tf.variable(randomTensor([1, 2], seed + 1))];
    made.push(...vs);
    return vs;
  };

  it.each(rules)('%s follows tf.train over 5 steps', async (_, config, reference) => {
    const mine = variables(1);
    const theirs = variables(1);
    const flat = new FlatOptimizer(config, mine);
    const ref = reference();
    for (let step = 0; step < 5; step++) {
      const grads = [randomTensor([3, 2], 10 + step), randomTensor([1, 2], 20 + step)];
      flat.applyGradients(grads);
      ref.applyGradients({ [theirs[0].name]: grads[0], [theirs[1].name]: grads[1] });
      tf.dispose(grads);
    }
    for (let i = 0; i < 2; i++) expectAllClose(await mine[i].data(), await theirs[i].data(), 1e-5);
    expect(flat.stepCount).toBe(5);
    flat.dispose();
    ref.dispose();
  });

  it.each(rules)(
    '%s: a weight assigned from outside between steps is what the next step updates',
    async (_, config, reference) => {
      // The optimizer keeps θ flat between its own updates; an outside assign (setWeights) must not be lost.
      const mine = variables(5);
      const theirs = variables(5);
      const flat = new FlatOptimizer(config, mine);
      const ref = reference();
      for (let step = 0; step < 4; step++) {
        if (step === 2) {
          const replacement = randomTensor([3, 2], 77);
          mine[0].assign(replacement);
          theirs[0].assign(replacement);
          replacement.dispose();
        }
        const grads = [randomTensor([3, 2], 50 + step), randomTensor([1, 2], 60 + step)];
        flat.applyGradients(grads);
        ref.applyGradients({ [theirs[0].name]: grads[0], [theirs[1].name]: grads[1] });
        tf.dispose(grads);
      }
      for (let i = 0; i < 2; i++) expectAllClose(await mine[i].data(), await theirs[i].data(), 1e-5);
      flat.dispose();
      ref.dispose();
    },
  );

  it.each(rules)('%s: state out and in resumes the same trajectory', async (_, config) => {
    const a = variables(1);
    const b = variables(1);
    const optA = new FlatOptimizer(config, a);
    const optB = new FlatOptimizer(config, b);
    const grads = (step: number) => [randomTensor([3, 2], 30 + step), randomTensor([1, 2], 40 + step)];
    for (let step = 0; step < 3; step++) {
      const g = grads(step);
      optA.applyGradients(g);
      optB.applyGradients(g);
      tf.dispose(g);
    }
    const fresh = new FlatOptimizer(config, b);
    fresh.setState(await optA.getState('opt'), 'opt');
    expect(fresh.stepCount).toBe(3);
    const g = grads(3);
    optA.applyGradients(g);
    fresh.applyGradients(g);
    tf.dispose(g);
    for (let i = 0; i < 2; i++) expectAllClose(await b[i].data(), await a[i].data(), 1e-6);
    expect(() => fresh.setState([], 'opt')).toThrow('Expected optimizer state opt/steps, got none');
    [optA, optB, fresh].forEach((o) => o.dispose());
  });
});
