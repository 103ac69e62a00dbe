/** Checkpoints for the storage tests, built from seeded random weights (no tfjs needed). */
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { Rng } from '../../src/envs/rng';
import {
  createCheckpoint,
  type DqnCheckpoint,
  type GenerativeCheckpoint,
  type NamedWeight,
} from '../../src/storage/checkpoint';
import { qNetworkWeightShapes } from '../../src/storage/validate-dqn';

export const CARTPOLE_CONFIG: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [64, 64],
  bufferSize: 1000,
  batchSize: 32,
  learningStarts: 100,
  trainFreq: 1,
  targetUpdate: { kind: 'hard', interval: 100 },
  doubleDqn: true,
  huberDelta: 1,
  maxGradNorm: 10,
};

/** Glorot-like kernels and small biases, as a trained MLP roughly has. */
export function randomWeights(rng: Rng, shapes: Iterable<[string, number[]]>): NamedWeight[] {
  return [...shapes].map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.length > 1 ? shape[0] : 1;
    const fanOut = shape[shape.length - 1];
    const scale = shape.length > 1 ? Math.sqrt(2 / (fanIn + fanOut)) : 0.05;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = rng.normal() * scale;
    return { name, shape, data };
  });
}

/** Adam's iteration and moments for a network, named as DqnAgent.getOptimizerState() names them. */
function adamState(rng: Rng, weights: NamedWeight[]): NamedWeight[] {
  const slot = (prefix: string, positive: boolean): NamedWeight[] =>
    weights.map((w) => ({
      name: `optimizer/${prefix}/${w.name}`,
      shape: w.shape,
      data: Float32Array.from(w.data, () => (positive ? Math.abs(rng.normal()) * 1e-4 : rng.normal() * 1e-3)),
    }));
  return [
    { name: 'optimizer/iter', shape: [], data: Float32Array.of(1234) },
    ...slot('m', false),
    ...slot('v', true),
  ];
}

export function makeDqnCheckpoint(
  options: { config?: DqnConfig; obsSize?: number; nActions?: number; seed?: number; replay?: boolean } = {},
): DqnCheckpoint {
  const { config = CARTPOLE_CONFIG, obsSize = 4, nActions = 2, seed = 7 } = options;
  const rng = new Rng(seed);
  const shapes = qNetworkWeightShapes(config, obsSize, nActions);
  const online = randomWeights(rng, shapes);
  const target = online.map((w) => ({ ...w, data: w.data.map((x) => x + rng.normal() * 1e-3) }));
  const size = 10;
  return createCheckpoint({
    kind: 'dqn',
    name: 'CartPole run #1',
    createdAt: '2026-11-25T12:00:00.000Z',
    appVersion: '0.1.0',
    backend: 'wasm',
    subject: {
      type: 'game',
      gameId: 'CartPole-v1',
      envOptions: {},
      observationSize: obsSize,
      actionCount: nActions,
    },
    config,
    counters: { gradientSteps: 1234, envSteps: 5000, episodes: 87 },
    rngStates: { agent: [1, 2, 3, 4294967295], env: [5, 6, 7, 8] },
    metrics: {
      latest: { 'charts/epsilon': 0.05, 'losses/td': 0.125 },
      recentReturns: [10, 22, 35.5, 200],
      recentLengths: [10, 22, 35, 200],
    },
    networks: { online: { weights: online }, target: { weights: target } },
    optimizers: {
      online: adamState(
        rng,
        online.filter((w) => !w.name.startsWith('dueling_merge')),
      ),
    },
    state: { learner: { episodeReturn: 3, episodeLength: 3, observation: [0.1, 0.2, 0.3, 0.4] } },
    ...(options.replay
      ? {
          replay: {
            capacity: config.bufferSize,
            obsSize,
            size,
            position: size,
            observations: Float32Array.from({ length: size * obsSize }, () => rng.normal()),
            nextObservations: Float32Array.from({ length: size * obsSize }, () => rng.normal()),
            actions: Int32Array.from({ length: size }, () => rng.nextInt(nActions)),
            rewards: new Float32Array(size).fill(1),
            terminated: Uint8Array.from({ length: size }, (_, i) => (i === size - 1 ? 1 : 0)),
          },
        }
      : {}),
  });
}

/** Flat Adam state (steps, m, v) as Gan2d's FlatOptimizer exports it for a network of `size` parameters. */
function flatAdamState(rng: Rng, size: number): NamedWeight[] {
  return [
    { name: 'steps', shape: [], data: Float32Array.of(4000) },
    { name: 'm', shape: [size], data: Float32Array.from({ length: size }, () => rng.normal() * 1e-3) },
    {
      name: 'v',
      shape: [size],
      data: Float32Array.from({ length: size }, () => Math.abs(rng.normal()) * 1e-4),
    },
  ];
}

/** A small 2-D GAN on two moons: generator 8→32→2, discriminator 2→32→1, with Adam state for both. */
export function makeGanCheckpoint(seed = 3): GenerativeCheckpoint {
  const rng = new Rng(seed);
  const mlp = (sizes: number[]): [string, number[]][] =>
    sizes.slice(1).flatMap((units, i): [string, number[]][] => [
      [`dense_${i}/kernel`, [sizes[i], units]],
      [`dense_${i}/bias`, [units]],
    ]);
  const generator = randomWeights(rng, mlp([8, 32, 2]));
  const discriminator = randomWeights(rng, mlp([2, 32, 1]));
  const size = (weights: NamedWeight[]) => weights.reduce((n, w) => n + w.data.length, 0);
  const adam = { name: 'adam', learningRate: 2e-4, beta1: 0.5, beta2: 0.999 };
  return createCheckpoint({
    kind: 'gan',
    name: 'Two moons GAN',
    createdAt: '2026-11-25T12:30:00.000Z',
    appVersion: '0.1.0',
    backend: 'webgl',
    subject: {
      type: 'dataset',
      datasetId: 'two-moons',
      options: { kind: 'two-moons', scale: 1.5, noise: 0.05 },
    },
    config: {
      generator: { hiddenLayers: 1, hiddenUnits: 32, activation: 'relu' },
      discriminator: { hiddenLayers: 1, hiddenUnits: 32, activation: 'leakyRelu' },
      noiseDim: 8,
      noise: 'gaussian',
      generatorOptimizer: { ...adam },
      discriminatorOptimizer: { ...adam },
      batchSize: 64,
      discriminatorSteps: 1,
      loss: 'non-saturating',
      gradientPenaltyWeight: 10,
      r1Weight: 0.1,
      seed: 1,
    },
    counters: { gradientSteps: 4000, envSteps: 0, episodes: 0 },
    rngStates: { train: [9, 9, 9, 9], view: [1, 2, 3, 4] },
    metrics: {
      latest: { 'losses/generator': 0.7, 'losses/discriminator': 1.3 },
      recentReturns: [],
      recentLengths: [],
    },
    networks: { generator: { weights: generator }, discriminator: { weights: discriminator } },
    optimizers: {
      generator: flatAdamState(rng, size(generator)),
      discriminator: flatAdamState(rng, size(discriminator)),
    },
    state: { iterations: 4000 },
  });
}

/** Deep copy of plain data with typed arrays (what IndexedDB or postMessage would hand back). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
