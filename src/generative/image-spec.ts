/**
 * Which Studio MNIST model a checkpoint holds (kind + validated config), without tfjs: the page reads it to fill
 * its form before the worker rebuilds the model.
 */
import {
  parseAutoencoderConfig,
  parseImageGanConfig,
  parseVaeConfig,
  type ImageModelSpec,
} from './image-config';
import type { Checkpoint } from '../storage/checkpoint';
import { CheckpointError } from '../storage/errors';
import { errorText } from '../util/error-text';

export const MNIST_DATASET_ID = 'mnist';

/** The model a checkpoint resumes: its kind and validated config. Throws a clear error for anything else. */
export function imageSpecOf(
  checkpoint: Checkpoint,
  what = 'Cannot resume from this checkpoint',
): ImageModelSpec {
  if (
    checkpoint.kind === 'dqn' ||
    checkpoint.kind === 'classifier' ||
    checkpoint.kind === 'sequence-rnn' ||
    checkpoint.kind === 'transformer' ||
    checkpoint.subject.type !== 'dataset' ||
    checkpoint.subject.datasetId !== MNIST_DATASET_ID
  )
    throw new CheckpointError('invalid', `${what}: not a checkpoint of an MNIST model (${checkpoint.kind})`);
  try {
    switch (checkpoint.kind) {
      case 'gan':
        return { kind: 'gan', config: parseImageGanConfig(checkpoint.config) };
      case 'autoencoder':
        return { kind: 'autoencoder', config: parseAutoencoderConfig(checkpoint.config) };
      case 'vae':
        return { kind: 'vae', config: parseVaeConfig(checkpoint.config) };
    }
  } catch (error) {
    throw new CheckpointError('invalid', `${what}: ${errorText(error)}`);
  }
}
