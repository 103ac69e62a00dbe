/**
 * Studio MNIST models (digit GAN, autoencoder, VAE) ↔ checkpoints: weights of every network, optimizer slots
 * (G/D or encoder/decoder), the iteration count, the batch order's position and RNG states, so that a resumed
 * run continues exactly as the saved one would have. Runs where the model lives (a worker, with tfjs).
 */
import * as v from 'valibot';
import { specOf, type ImageModel } from './image-models';
import type { TrainerState } from './image-trainer';
import {
  createCheckpoint,
  type Checkpoint,
  type GenerativeCheckpoint,
  type JsonRecord,
} from '../storage/checkpoint';
import { CheckpointError, guardAsync } from '../storage/errors';
import { imageSpecOf, MNIST_DATASET_ID } from './image-spec';
import * as s from '../storage/schemas';
import { parseWith, validateCheckpoint } from '../storage/validate';

export { imageSpecOf, MNIST_DATASET_ID } from './image-spec';

export interface ImageCaptureOptions {
  name: string;
  appVersion: string;
  backend: string;
  /** Latest values of namespaced metrics ('losses/reconstruction', ...). */
  latestMetrics?: Record<string, number>;
}

const trainerState = v.strictObject({
  iterations: s.nonNegativeInteger,
  epoch: s.nonNegativeInteger,
  cursor: s.nonNegativeInteger,
});

/** Takes a checkpoint of a model between two iterations. */
export async function captureImageCheckpoint(
  model: ImageModel,
  options: ImageCaptureOptions,
): Promise<GenerativeCheckpoint> {
  return guardAsync('Cannot take a checkpoint', 'invalid', async () => {
    const state = model.getState();
    const spec = specOf(model);
    const networks = await model.networkWeights();
    const checkpoint = createCheckpoint({
      kind: model.kind,
      name: options.name,
      appVersion: options.appVersion,
      backend: options.backend,
      subject: { type: 'dataset', datasetId: MNIST_DATASET_ID, options: { split: 'train-8000' } },
      config: spec.config as unknown as JsonRecord,
      counters: { gradientSteps: state.iterations, envSteps: 0, episodes: 0 },
      rngStates: {
        batches: state.batcher.rngState,
        epochOrder: state.batcher.epochRngState,
        noise: state.rngState,
      },
      metrics: { latest: { ...options.latestMetrics }, recentReturns: [], recentLengths: [] },
      networks: Object.fromEntries(Object.entries(networks).map(([name, weights]) => [name, { weights }])),
      optimizers: await model.optimizerStates(),
      state: {
        trainer: { iterations: state.iterations, epoch: state.batcher.epoch, cursor: state.batcher.cursor },
      },
    });
    return validateCheckpoint(checkpoint, 'Cannot take a checkpoint') as GenerativeCheckpoint;
  });
}

/** Loads a checkpoint into a model built from imageSpecOf(checkpoint). On an error, discard the model. */
export async function restoreImageCheckpoint(checkpoint: Checkpoint, model: ImageModel): Promise<void> {
  const what = 'Cannot resume from this checkpoint';
  await guardAsync(what, 'invalid', async () => {
    const cp = validateCheckpoint(checkpoint, what);
    const spec = imageSpecOf(cp, what);
    if (spec.kind !== model.kind)
      throw new CheckpointError('invalid', `${what}: a ${spec.kind} checkpoint, not ${model.kind}`);
    const saved = parseWith(trainerState, cp.state.trainer, `${what}: state.trainer`);
    const rng = (name: string) => {
      const value = cp.rngStates[name];
      if (!value) throw new CheckpointError('invalid', `${what}: rngStates: missing ${name}`);
      return value;
    };
    const state: TrainerState = {
      iterations: saved.iterations,
      batcher: {
        epoch: saved.epoch,
        cursor: saved.cursor,
        epochRngState: rng('epochOrder'),
        rngState: rng('batches'),
      },
      rngState: rng('noise'),
    };
    model.setNetworkWeights(
      Object.fromEntries(Object.entries(cp.networks).map(([name, n]) => [name, n.weights])),
    );
    model.setOptimizerStates(cp.optimizers);
    model.setState(state);
  });
}
