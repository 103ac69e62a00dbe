/** Builds the Studio's MNIST models from a spec (kind + config): the one switch over model kinds. */
import { Autoencoder } from './autoencoder';
import { ImageGan } from './image-gan';
import type { ImageModelSpec } from './image-config';
import type { MnistSet } from './mnist-asset';
import { Vae } from './vae';

export type { ImageModelSpec } from './image-config';

export type ImageModel = ImageGan | Autoencoder | Vae;

export function createImageModel(spec: ImageModelSpec, train: MnistSet): ImageModel {
  switch (spec.kind) {
    case 'gan':
      return new ImageGan(spec.config, train);
    case 'autoencoder':
      return new Autoencoder(spec.config, train);
    case 'vae':
      return new Vae(spec.config, train);
  }
}

/** The spec a model was built from (its config as validated and possibly changed since, e.g. the noise level). */
export function specOf(model: ImageModel): ImageModelSpec {
  switch (model.kind) {
    case 'gan':
      return { kind: 'gan', config: structuredClone(model.config) };
    case 'autoencoder':
      return { kind: 'autoencoder', config: structuredClone(model.config) };
    case 'vae':
      return { kind: 'vae', config: structuredClone(model.config) };
  }
}
