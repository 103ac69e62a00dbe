import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Autoencoder } from '../../src/generative/autoencoder';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  DEFAULT_IMAGE_GAN_CONFIG,
  DEFAULT_VAE_CONFIG,
  type ImageGanConfig,
} from '../../src/generative/image-config';
import { ImageGan } from '../../src/generative/image-gan';
import { imageLayersTopologies } from '../../src/generative/image-layers';
import type { ImageModel } from '../../src/generative/image-models';
import { oneHot } from '../../src/generative/image-nets';
import { MNIST_PIXELS } from '../../src/generative/mnist-asset';
import { Vae } from '../../src/generative/vae';
import {
  exportCheckpointFile,
  importCheckpointFile,
  readLayersModelFile,
} from '../../src/storage/export-file';
import { captureImageCheckpoint } from '../../src/generative/image-checkpoint';
import { expectAllClose } from './close';
import { mnistForTests } from './mnist-fixture';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const N = 6;

/** Exports `model`'s checkpoint, checks that it imports back unchanged, and returns the file. */
async function exported(model: ImageModel): Promise<Uint8Array> {
  await model.train(2); // moves every weight, biases included, off its initial value
  const checkpoint = await captureImageCheckpoint(model, { name: 'x', appVersion: 't', backend: 'wasm' });
  const file = exportCheckpointFile(checkpoint, await imageLayersTopologies(checkpoint));
  // Weights come back in model.json's order (a generator's label embedding first), each unchanged.
  expect(byName(importCheckpointFile(file))).toEqual(byName(checkpoint));
  return file;
}

function byName<T extends { networks: Record<string, { weights: { name: string }[] }> }>(checkpoint: T): T {
  const networks = Object.fromEntries(
    Object.entries(checkpoint.networks).map(([network, { weights }]) => [
      network,
      { weights: [...weights].sort((a, b) => a.name.localeCompare(b.name)) },
    ]),
  );
  return { ...checkpoint, networks };
}

/** A network of the file as stock tfjs opens it. */
async function stockModel(file: Uint8Array, network: string): Promise<tf.LayersModel> {
  const { modelJson, weightData } = readLayersModelFile(file, network);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData,
    }),
  );
}

async function predicted(model: tf.LayersModel, inputs: tf.Tensor | tf.Tensor[]): Promise<Float32Array> {
  const out = model.predict(inputs) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([out, inputs]);
  model.dispose();
  return values;
}

async function ours(make: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(make);
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return values;
}

const pixels = (): Float32Array => mnistForTests().test.pixels.slice(0, N * MNIST_PIXELS);
const noise = (dim: number): Float32Array =>
  Float32Array.from({ length: N * dim }, (_, i) => Math.sin(i * 1.7));
const digits = Uint8Array.from({ length: N }, (_, i) => (i * 3) % 10);

describe('Studio MNIST models as TF.js Layers models', () => {
  const data = mnistForTests();

  const ganCases: [string, Partial<ImageGanConfig>][] = [
    ['MLP, one-hot label', { architecture: 'mlp', conditioning: 'one-hot', width: 16 }],
    ['MLP, learned label embedding', { architecture: 'mlp', conditioning: 'embedding', width: 16 }],
    ['DCGAN, unconditional', { architecture: 'dcgan', conditioning: 'none', width: 4 }],
    ['DCGAN, one-hot label', { architecture: 'dcgan', conditioning: 'one-hot', width: 4 }],
  ];
  for (const [title, change] of ganCases) {
    it(`digit GAN (${title}): stock tfjs loads the generator and draws the same digits`, async () => {
      const config = { ...DEFAULT_IMAGE_GAN_CONFIG, noiseDim: 8, batchSize: 8, ...change };
      const gan = new ImageGan(config, data.train);
      const file = await exported(gan);
      const z = noise(config.noiseDim);
      const labels = config.conditioning === 'none' ? null : oneHot(digits);
      const expected = await ours(() =>
        gan.generate(tf.tensor2d(z, [N, config.noiseDim]), labels ? tf.tensor2d(labels, [N, 10]) : null),
      );
      const zt = tf.tensor2d(z, [N, config.noiseDim]);
      const inputs =
        config.conditioning === 'none'
          ? zt
          : config.conditioning === 'one-hot'
            ? [zt, tf.tensor2d(labels!, [N, 10])]
            : [zt, tf.tensor2d(Float32Array.from(digits), [N, 1])];
      expectAllClose(await predicted(await stockModel(file, 'generator'), inputs), expected, 1e-4);
      // The discriminator has no Layers topology: it travels in checkpoint.json / checkpoint.bin only.
      expect(() => readLayersModelFile(file, 'discriminator')).toThrow(/no network/);
      gan.dispose();
    });
  }

  it('autoencoder: stock tfjs loads the encoder and the decoder and computes the same codes and logits', async () => {
    const ae = new Autoencoder({ ...DEFAULT_AUTOENCODER_CONFIG, hiddenUnits: 32, batchSize: 8 }, data.train);
    const file = await exported(ae);
    const x = pixels();
    const code = await ours(() => ae.encoder.apply(tf.tensor2d(x, [N, MNIST_PIXELS])));
    expectAllClose(
      await predicted(await stockModel(file, 'encoder'), tf.tensor2d(x, [N, MNIST_PIXELS])),
      code,
      1e-4,
    );
    const bottleneck = DEFAULT_AUTOENCODER_CONFIG.bottleneck;
    const logits = await ours(() => ae.decoder.apply(tf.tensor2d(code, [N, bottleneck])));
    expectAllClose(
      await predicted(await stockModel(file, 'decoder'), tf.tensor2d(code, [N, bottleneck])),
      logits,
      1e-4,
    );
    ae.dispose();
  });

  it('VAE: stock tfjs loads the encoder ([μ, log σ²]) and the decoder and computes the same numbers', async () => {
    const vae = new Vae({ ...DEFAULT_VAE_CONFIG, hiddenUnits: 32, batchSize: 8 }, data.train);
    const file = await exported(vae);
    const x = pixels();
    const encoded = await ours(() => vae.encoder.apply(tf.tensor2d(x, [N, MNIST_PIXELS])));
    expectAllClose(
      await predicted(await stockModel(file, 'encoder'), tf.tensor2d(x, [N, MNIST_PIXELS])),
      encoded,
      1e-4,
    );
    const L = DEFAULT_VAE_CONFIG.latentDim;
    const z = noise(L);
    const logits = await ours(() => vae.decoder.apply(tf.tensor2d(z, [N, L])));
    expectAllClose(await predicted(await stockModel(file, 'decoder'), tf.tensor2d(z, [N, L])), logits, 1e-4);
    vae.dispose();
  });
});
