import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQNetwork } from '../../src/agents/q-network';
import { exportModelWeights } from '../../src/agents/weights';
import { JsQPolicy } from '../../src/agents/js-q-policy';
import { Rng } from '../../src/envs/rng';
import type { Activation } from '../../src/agents/dqn-config';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function compare(dueling: boolean, activation: Activation): void {
  const model = buildQNetwork({
    obsSize: 6,
    nActions: 3,
    hiddenSizes: [16, 8],
    activation,
    dueling,
    seed: 3,
  });
  // Give the biases non-zero values so that they are exercised too.
  model.weights.forEach((w) => {
    if (w.originalName.endsWith('/bias')) w.write(tf.randomNormal(w.shape as number[], 0, 0.5, 'float32', 9));
  });
  const policy = new JsQPolicy(exportModelWeights(model, 'online'), activation);
  expect(policy.obsSize).toBe(6);
  expect(policy.nActions).toBe(3);
  const rng = new Rng(1);
  for (let trial = 0; trial < 20; trial++) {
    const obs = Float32Array.from({ length: 6 }, () => rng.uniform(-2, 2));
    const expected = tf.tidy(() => (model.predict(tf.tensor2d(obs, [1, 6])) as tf.Tensor).dataSync());
    const actual = policy.qValues(obs);
    for (let a = 0; a < 3; a++) expect(actual[a]).toBeCloseTo(expected[a]!, 4);
    expect(policy.act(obs)).toBe(expected.indexOf(Math.max(...expected)));
  }
  model.dispose();
}

describe('JsQPolicy', () => {
  it('matches the tfjs Q-network output (plain head, relu)', () => compare(false, 'relu'));
  it('matches the tfjs Q-network output (dueling head, tanh)', () => compare(true, 'tanh'));
  it('matches with elu and selu activations', () => {
    compare(false, 'elu');
    compare(false, 'selu');
  });

  it('rejects weights with no output layer and observations of the wrong size', () => {
    expect(() => new JsQPolicy([], 'relu')).toThrow(/q_values/);
    const model = buildQNetwork({
      obsSize: 2,
      nActions: 2,
      hiddenSizes: [4],
      activation: 'relu',
      dueling: false,
      seed: 1,
    });
    const policy = new JsQPolicy(exportModelWeights(model, 'online'), 'relu');
    expect(() => policy.qValues([1, 2, 3])).toThrow(/length 2, got 3/);
    model.dispose();
  });
});
