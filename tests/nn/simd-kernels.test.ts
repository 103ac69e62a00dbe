/**
 * The WebAssembly SIMD kernels against the engine's JS loops: the same layer, network or DQN agent built in
 * SIMD memory and in plain memory, from the same weights and inputs, must compute the same outputs, gradients
 * and training steps within float32 rounding, for shapes that exercise every block size of the kernels
 * (16 and 4 columns, a remainder, an odd row) and every activation.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type Activation, type DqnConfig } from '../../src/agents/dqn-config';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import { Dense } from '../../src/nn/dense';
import { buildInMemory, plainMemory, simdAvailable, type NnMemory } from '../../src/nn/nn-memory';
import { QNet } from '../../src/nn/q-net';
import { makeFlatOptimizer } from '../../src/nn/optimizers';
import { Rng } from '../../src/envs/rng';

const rng = new Rng(5);
const randomArray = (n: number, zeros = 0) =>
  Float32Array.from({ length: n }, () => (rng.nextFloat() < zeros ? 0 : rng.uniform(-1, 1)));

function expectClose(a: Float32Array, b: Float32Array, tolerance = 1e-5): void {
  expect(a.length).toBe(b.length);
  let scale = 1e-6;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(tolerance);
}

it('runs in SIMD memory in this engine (Node, like every current browser, has WebAssembly SIMD)', () => {
  expect(simdAvailable()).toBe(true);
  const agent = new JsDqnAgent(DEFAULT_DQN_CONFIG, 4, 2, initialQNetworkWeights);
  expect(agent.simd).toBe(true);
  expect(new JsDqnAgent(DEFAULT_DQN_CONFIG, 4, 2, initialQNetworkWeights, { simd: false }).simd).toBe(false);
});

/** A layer in SIMD memory and one in plain memory with the same weights. */
function layerPair(inputs: number, units: number, activation: Activation, maxBatch: number) {
  const build = (memory: NnMemory) => {
    const layer = new Dense({ name: 'd', inputs, units, activation }, maxBatch, memory);
    const count = inputs * units + units;
    layer.bind(memory.alloc(count), memory.alloc(count), 0);
    return { layer, input: memory.alloc(maxBatch * inputs), gradInput: memory.alloc(maxBatch * inputs) };
  };
  const simd = buildInMemory(build);
  const plain = build(plainMemory);
  const weights = randomArray(inputs * units + units);
  simd.layer.kernel.set(weights.subarray(0, inputs * units));
  simd.layer.bias.set(weights.subarray(inputs * units));
  plain.layer.kernel.set(weights.subarray(0, inputs * units));
  plain.layer.bias.set(weights.subarray(inputs * units));
  return { simd, plain };
}

describe('a dense layer', () => {
  const shapes: [number, number, number][] = [
    [4, 64, 64],
    [64, 2, 64],
    [7, 21, 5],
    [33, 1, 3],
    [5, 19, 1],
  ];
  const activations: Activation[] = ['relu', 'linear', 'tanh', 'sigmoid', 'elu', 'selu'];
  for (const [inputs, units, rows] of shapes) {
    for (const activation of activations) {
      it(`${inputs}→${units}, ${rows} rows, ${activation}: same outputs and gradients`, () => {
        const { simd, plain } = layerPair(inputs, units, activation, 64);
        const x = randomArray(rows * inputs, 0.3); // zeros, as ReLU outputs have, take the kernels' skip
        simd.input.set(x);
        plain.input.set(x);
        expectClose(
          simd.layer.forward(simd.input, rows).slice(0, rows * units),
          plain.layer.forward(plain.input, rows).slice(0, rows * units),
        );
        const dy = randomArray(rows * units);
        simd.layer.gradOutput.set(dy);
        plain.layer.gradOutput.set(dy);
        const old = randomArray(rows * inputs);
        simd.gradInput.set(old);
        plain.gradInput.set(old);
        simd.layer.backward(simd.input, rows, simd.gradInput, true);
        plain.layer.backward(plain.input, rows, plain.gradInput, true);
        expectClose(simd.layer.gradKernel, plain.layer.gradKernel);
        expectClose(simd.layer.gradBias, plain.layer.gradBias);
        expectClose(simd.gradInput.slice(0, rows * inputs), plain.gradInput.slice(0, rows * inputs));
      });
    }
  }
});

describe('a Q-network', () => {
  for (const dueling of [false, true]) {
    it(`${dueling ? 'dueling' : 'plain'} head: same Q-values and gradients from observations outside its memory`, () => {
      const spec = { obsSize: 6, nActions: 3, hiddenSizes: [40, 20], activation: 'relu' as const, dueling };
      const simd = buildInMemory((memory) => new QNet(spec, 32, memory));
      const plain = new QNet(spec, 32);
      const weights = randomArray(plain.params.length);
      simd.params.set(weights);
      plain.params.set(weights);
      const observations = randomArray(32 * 6);
      for (const rows of [32, 17, 1]) {
        expectClose(
          simd.forward(observations, rows).slice(0, rows * 3),
          plain.forward(observations, rows).slice(0, rows * 3),
        );
        const dq = randomArray(rows * 3);
        simd.gradQValues.set(dq);
        plain.gradQValues.set(dq);
        simd.backward(observations, rows);
        plain.backward(observations, rows);
        expectClose(simd.grads, plain.grads);
      }
    });
  }
});

describe('the DQN agent', () => {
  const config: DqnConfig = {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [64, 64],
    batchSize: 64,
    bufferSize: 500,
    learningStarts: 0,
    doubleDqn: true,
    targetUpdate: { kind: 'soft', tau: 0.005 },
    huberDelta: 1,
    maxGradNorm: 10,
    seed: 3,
  };
  it('trains the CartPole preset shape the same on the SIMD kernels and on the JS loops', async () => {
    const simd = new JsDqnAgent(config, 4, 2, initialQNetworkWeights);
    const plain = new JsDqnAgent(config, 4, 2, initialQNetworkWeights, { simd: false });
    const data = new Rng(9);
    for (let i = 0; i < 300; i++) {
      const transition = {
        observation: Array.from({ length: 4 }, () => data.uniform(-2, 2)),
        action: data.nextInt(2),
        reward: data.uniform(-1, 2),
        nextObservation: Array.from({ length: 4 }, () => data.uniform(-2, 2)),
        terminated: data.nextFloat() < 0.1,
      };
      simd.observe(transition);
      plain.observe(transition);
    }
    for (let step = 0; step < 30; step++) {
      const a = await simd.trainStep();
      const b = await plain.trainStep();
      for (const key of ['loss', 'tdErrorMean', 'tdErrorMax', 'meanMaxQ', 'gradNorm'] as const)
        expect(Math.abs(a[key] - b[key]) / Math.max(1e-6, Math.abs(b[key]))).toBeLessThan(1e-4);
    }
    const a = simd.getWeights();
    const b = plain.getWeights();
    a.forEach((w, i) => expectClose(w.data, b[i]!.data, 1e-4));
    expect(simd.act([0.1, 0.2, -0.1, 0.3], 0)).toBe(plain.act([0.1, 0.2, -0.1, 0.3], 0));
  });
});

describe('Adam in SIMD memory', () => {
  it('updates parameters and slots bit for bit as the JS loop does', () => {
    const size = 4 * 64 + 64 + 7; // a remainder past the last four-lane block
    const simd = buildInMemory((memory) => ({
      optimizer: makeFlatOptimizer('adam', 5e-4, size, memory),
      params: memory.alloc(size),
      grads: memory.alloc(size),
    }));
    const plain = { optimizer: makeFlatOptimizer('adam', 5e-4, size), params: new Float32Array(size) };
    const start = randomArray(size);
    simd.params.set(start);
    plain.params.set(start);
    for (let step = 0; step < 5; step++) {
      const grads = randomArray(size, 0.1);
      simd.grads.set(grads);
      simd.optimizer.apply(simd.params, simd.grads);
      plain.optimizer.apply(plain.params, grads);
    }
    expect(Array.from(simd.params)).toEqual(Array.from(plain.params));
    simd.optimizer
      .slots()
      .forEach((slot, i) => expect(Array.from(slot)).toEqual(Array.from(plain.optimizer.slots()[i]!)));
  });
});
