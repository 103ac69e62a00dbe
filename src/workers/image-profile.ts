/** The backend-measurement profile of a Studio MNIST model: a dense net of its size (DCGAN convolutions approximated). */
import { mlpProfile } from './backend-choice';
import type { ModelProfile } from './protocol';
import type { ImageModelSpec } from '../generative/image-config';

const PIXELS = 784;

export function imageProfile(spec: ImageModelSpec): ModelProfile {
  switch (spec.kind) {
    case 'gan':
      return mlpProfile([PIXELS + 10, 2 * spec.config.width, spec.config.width, 1], spec.config.batchSize);
    case 'autoencoder':
      return mlpProfile([PIXELS, spec.config.hiddenUnits, spec.config.bottleneck], spec.config.batchSize);
    case 'vae':
      return mlpProfile([PIXELS, spec.config.hiddenUnits, 2 * spec.config.latentDim], spec.config.batchSize);
  }
}
