/**
 * One small, valid checkpoint of every model kind, made in Node by the app's own models and capture functions
 * (tfjs on its CPU backend), each trained a few steps so that its counters are not zero. The e2e test stores
 * them in the browser through the app's own import (the file input of #/checkpoints → db.saveCheckpoint), which
 * is faster and more deterministic than training each kind in its page.
 *
 * Each is written as a checkpoint.json-only file (no Layers topology needed here): the browser's export is what
 * the test then checks, with its Layers models.
 */
import * as tf from '@tensorflow/tfjs';
import { DqnAgent } from '../../src/agents/dqn';
import { DEFAULT_DQN_CONFIG } from '../../src/agents/dqn-config';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { makeEnvFromConfig } from '../../src/envs/registry';
import { boxSize } from '../../src/envs/core';
import { createDistribution, DEFAULT_RING } from '../../src/generative/distributions';
import { Gan2d } from '../../src/generative/gan';
import { ganConfig } from '../../src/generative/gan-config';
import { Autoencoder } from '../../src/generative/autoencoder';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  DEFAULT_IMAGE_GAN_CONFIG,
  DEFAULT_VAE_CONFIG,
} from '../../src/generative/image-config';
import { ImageGan } from '../../src/generative/image-gan';
import type { ImageModel } from '../../src/generative/image-models';
import type { MnistSet } from '../../src/generative/mnist-asset';
import { Vae } from '../../src/generative/vae';
import { Cnn, DEFAULT_CLASSIFIER_CONFIG } from '../../src/learn/classifier';
import { RecurrentTrainer } from '../../src/learn/recurrent-trainer';
import { CELL_KINDS } from '../../src/learn/recurrent';
import { TransformerTrainer, DEFAULT_TRANSFORMER } from '../../src/learn/transformer-trainer';
import { createCheckpoint, type Checkpoint, type JsonRecord } from '../../src/storage/checkpoint';
import { captureDqnCheckpoint } from '../../src/agents/dqn-checkpoint';
import { exportCheckpointFile, withoutLayersTopologies } from '../../src/storage/export-file';
import { captureGanCheckpoint } from '../../src/generative/gan2d-checkpoint';
import { captureImageCheckpoint } from '../../src/generative/image-checkpoint';
import type { ModelKindId } from '../../src/ui/model-kinds';

export interface KindFixture {
  /** The checkpoint's name, unique per kind. */
  name: string;
  /** Its iteration, step or env-step count, which the resumed page must show. */
  count: number;
  /** A checkpoint.json-only file of it, for the import input. */
  file: Buffer;
}

const common = (name: string) => ({ name, appVersion: '0.1.0', backend: 'cpu' });

/** 64 random "digits": the image models only need their shapes here (resume uses the real digits). */
function fakeDigits(): MnistSet {
  let seed = 1;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return {
    count: 64,
    labels: Uint8Array.from({ length: 64 }, (_, i) => i % 10),
    pixels: Float32Array.from({ length: 64 * 784 }, () => next()),
  };
}

async function dqn(): Promise<Checkpoint> {
  const env = makeEnvFromConfig('CartPole-v1', {});
  const config = {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [16],
    learningStarts: 20,
    bufferSize: 500,
    batchSize: 16,
  };
  const agent = new DqnAgent(config, boxSize(env.spec.observationSpace), env.spec.actionSpace.n);
  const learner = new DqnLearner(agent, env);
  // Play to the end of an episode past 40 steps: a checkpoint is taken between episodes.
  while (learner.counters.envSteps < 40 || learner.getState().observation !== null) await learner.step();
  const checkpoint = await captureDqnCheckpoint(agent, learner, {
    ...common('e2e kinds: DQN agent'),
    gameId: 'CartPole-v1',
    envOptions: {},
    envRngState: env.getRngState(),
  });
  agent.dispose();
  return checkpoint;
}

async function gan2d(): Promise<Checkpoint> {
  const config = ganConfig({
    generator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
    discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'leakyRelu' },
    batchSize: 16,
    seed: 3,
  });
  const gan = new Gan2d(config, createDistribution(DEFAULT_RING));
  await gan.train(7);
  const checkpoint = await captureGanCheckpoint(gan, common('e2e kinds: 2-D GAN'));
  gan.dispose();
  return checkpoint;
}

async function image(model: ImageModel, name: string, iterations: number): Promise<Checkpoint> {
  await model.train(iterations);
  const checkpoint = await captureImageCheckpoint(model, common(name));
  model.dispose();
  return checkpoint;
}

async function classifier(): Promise<Checkpoint> {
  const cnn = new Cnn(DEFAULT_CLASSIFIER_CONFIG.seed);
  const weights = await cnn.getWeights();
  cnn.dispose();
  return createCheckpoint({
    kind: 'classifier',
    ...common('e2e kinds: digit classifier'),
    subject: { type: 'dataset', datasetId: 'mnist', options: {} },
    // The architecture string the vision panels check before they load a saved classifier.
    config: { ...DEFAULT_CLASSIFIER_CONFIG, architecture: 'conv8x5-pool2-conv16x5-pool2-dense10' },
    counters: { gradientSteps: 37, envSteps: 0, episodes: 0 },
    rngStates: {},
    metrics: {
      latest: { 'eval/testAccuracy': 0.1, 'charts/epochs': 0.3 },
      recentReturns: [],
      recentLengths: [],
    },
    networks: { classifier: { weights } },
    optimizers: {},
    state: { history: [[25, 2.2, 0.1, 0.1]] },
  });
}

async function sequenceRnn(): Promise<Checkpoint> {
  const config = {
    task: { kind: 'remember' as const, length: 8, frequency: 0.05, noise: 0.5 },
    hiddenSize: 6,
    learningRate: 0.01,
    keepBias: 1,
    seed: 3,
  };
  const trainers = CELL_KINDS.map((cell) => new RecurrentTrainer({ cell, ...config, batchSize: 32 }));
  for (const trainer of trainers) for (let i = 0; i < 5; i++) await trainer.step();
  const states = await Promise.all(trainers.map((t) => t.exportState()));
  trainers.forEach((t) => t.dispose());
  return createCheckpoint({
    kind: 'sequence-rnn',
    ...common('e2e kinds: RNN race'),
    subject: { type: 'dataset', datasetId: `sequence-${config.task.kind}`, options: { ...config.task } },
    config: config as unknown as JsonRecord,
    counters: { gradientSteps: 5, envSteps: 0, episodes: 0 },
    rngStates: Object.fromEntries(CELL_KINDS.map((cell, i) => [cell, states[i]!.rngState])),
    metrics: { latest: {}, recentReturns: [], recentLengths: [] },
    networks: Object.fromEntries(CELL_KINDS.map((cell, i) => [cell, { weights: states[i]!.weights }])),
    optimizers: Object.fromEntries(CELL_KINDS.map((cell, i) => [cell, states[i]!.optimizer])),
    state: {},
  });
}

async function transformer(): Promise<Checkpoint> {
  const trainer = new TransformerTrainer({
    ...DEFAULT_TRANSFORMER,
    dModel: 16,
    batchSize: 8,
    length: 4,
    seed: 5,
  });
  for (let i = 0; i < 4; i++) await trainer.step();
  const state = await trainer.exportState();
  const checkpoint = createCheckpoint({
    kind: 'transformer',
    ...common('e2e kinds: transformer'),
    subject: { type: 'dataset', datasetId: `digits-${trainer.config.task}`, options: {} },
    config: { ...trainer.config },
    counters: { gradientSteps: trainer.steps, envSteps: 0, episodes: 0 },
    rngStates: { transformer: state.rngState },
    metrics: { latest: {}, recentReturns: [], recentLengths: [] },
    networks: { transformer: { weights: state.weights } },
    optimizers: { transformer: state.optimizer },
    state: { probe: [3, 1, 4, 1] },
  });
  trainer.dispose();
  return checkpoint;
}

/** Every kind's fixture, keyed by registry id. */
export async function kindFixtures(): Promise<Record<ModelKindId, KindFixture>> {
  await tf.setBackend('cpu');
  await tf.ready();
  const digits = fakeDigits();
  const small = { batchSize: 8, seed: 2 };
  const checkpoints: Record<ModelKindId, Checkpoint> = {
    dqn: await dqn(),
    'gan-2d': await gan2d(),
    'digit-gan': await image(
      new ImageGan({ ...DEFAULT_IMAGE_GAN_CONFIG, ...small, width: 8, noiseDim: 8 }, digits),
      'e2e kinds: digit GAN',
      3,
    ),
    autoencoder: await image(
      new Autoencoder({ ...DEFAULT_AUTOENCODER_CONFIG, ...small, hiddenUnits: 16, bottleneck: 4 }, digits),
      'e2e kinds: autoencoder',
      4,
    ),
    vae: await image(
      new Vae({ ...DEFAULT_VAE_CONFIG, ...small, hiddenUnits: 16 }, digits),
      'e2e kinds: VAE',
      5,
    ),
    classifier: await classifier(),
    'sequence-rnn': await sequenceRnn(),
    transformer: await transformer(),
  };
  const out = {} as Record<ModelKindId, KindFixture>;
  for (const [id, checkpoint] of Object.entries(checkpoints) as [ModelKindId, Checkpoint][]) {
    out[id] = {
      name: checkpoint.name,
      count: id === 'dqn' ? checkpoint.counters.envSteps : checkpoint.counters.gradientSteps,
      file: Buffer.from(exportCheckpointFile(checkpoint, withoutLayersTopologies(checkpoint))),
    };
  }
  return out;
}
