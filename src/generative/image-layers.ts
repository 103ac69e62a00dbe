/**
 * The Studio MNIST models as stock TensorFlow.js Layers models, for exporting a checkpoint as files that
 * `tf.loadLayersModel` opens and that predict what our networks predict. Our Net (image-nets.ts) computes with
 * raw ops; each of its layer specs maps onto standard Keras layers with the same weight names and layouts:
 * - dense → Dense `dense_<i>` (kernel [in, out]); leaky ReLU, which a Dense layer cannot name, as its own
 *   LeakyReLU layer (α = LEAKY_SLOPE);
 * - reshape → Reshape; dropout → Dropout (identity when predicting);
 * - upconv → UpSampling2D (nearest) then Conv2D `upconv_<i>` (kernel [k, k, in, out], stride 1, 'same'
 *   padding, which pads as TensorFlow does, the odd pixel bottom/right, as ours does);
 * - stride-1 conv → Conv2D `conv_<i>`. A stride-2 conv stores its kernel after a space-to-depth rearrangement
 *   ([k/2, k/2, 4·in, out]), which no Conv2D reads as is: it has no topology here.
 * The digit GAN's generator takes two inputs, `z` and the label (one-hot [10], or with a learned embedding the
 * digit as an integer [1] into an Embedding `label_embedding` whose rows are our embedding's rows). Its
 * discriminator has none: the minibatch standard deviation and the label projection are not Keras layers, so it
 * stays in checkpoint.json (export-file.ts stores it in checkpoint.bin). The autoencoder's and VAE's decoders
 * output logits (apply a sigmoid for pixel probabilities); the VAE's encoder outputs [μ, log σ²] side by side.
 */
import * as tf from '@tensorflow/tfjs';
import type { Checkpoint } from '../storage/checkpoint';
import { imageSpecOf } from './image-spec';
import { captureLayersTopology, type LayersTopology } from '../storage/tfjs-format';
import { autoencoderLayerSpecs } from './autoencoder';
import { LABEL_EMBEDDING_SIZE, type ImageGanConfig, type ImageModelSpec } from './image-config';
import { generatorLayerSpecs } from './image-gan';
import { LEAKY_SLOPE, type ImageActivation, type LayerSpec } from './image-nets';
import { MNIST_PIXELS } from './mnist-asset';
import { vaeLayerSpecs } from './vae';

type KerasActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

/** Applies `specs` as Net does, naming each weighted layer as Net names its variables. */
function applySpecs(input: tf.SymbolicTensor, specs: readonly LayerSpec[]): tf.SymbolicTensor {
  let x = input;
  const activation = (a: ImageActivation): KerasActivation => (a === 'leakyRelu' ? 'linear' : a);
  const leaky = (a: ImageActivation, i: number): void => {
    if (a === 'leakyRelu')
      x = tf.layers.leakyReLU({ name: `leaky_relu_${i}`, alpha: LEAKY_SLOPE }).apply(x) as tf.SymbolicTensor;
  };
  specs.forEach((spec, i) => {
    switch (spec.type) {
      case 'dense':
        x = tf.layers
          .dense({ name: `dense_${i}`, units: spec.units, activation: activation(spec.activation) })
          .apply(x) as tf.SymbolicTensor;
        leaky(spec.activation, i);
        return;
      case 'reshape':
        x = tf.layers
          .reshape({ name: `reshape_${i}`, targetShape: spec.shape })
          .apply(x) as tf.SymbolicTensor;
        return;
      case 'dropout':
        x = tf.layers.dropout({ name: `dropout_${i}`, rate: spec.rate }).apply(x) as tf.SymbolicTensor;
        return;
      case 'upconv':
      case 'conv': {
        if (spec.type === 'conv' && spec.stride !== 1)
          throw new Error(
            `Layer ${i}: a stride-2 convolution has no Keras equivalent with our kernel layout`,
          );
        if (spec.type === 'upconv')
          x = tf.layers
            .upSampling2d({
              name: `up_sampling_${i}`,
              size: [spec.scale, spec.scale],
              interpolation: 'nearest',
            })
            .apply(x) as tf.SymbolicTensor;
        x = tf.layers
          .conv2d({
            name: `${spec.type}_${i}`,
            filters: spec.filters,
            kernelSize: spec.kernel,
            strides: 1,
            padding: 'same',
            activation: activation(spec.activation),
          })
          .apply(x) as tf.SymbolicTensor;
        leaky(spec.activation, i);
        return;
      }
    }
  });
  return x;
}

/** A one-input model of `specs` on [inputSize] vectors. */
function plainModel(name: string, inputSize: number, specs: readonly LayerSpec[]): tf.LayersModel {
  const input = tf.input({ shape: [inputSize], name: 'input' });
  return tf.model({ name, inputs: input, outputs: applySpecs(input, specs) });
}

/** The digit GAN's generator: inputs [z, label], output [784] pixel probabilities. */
export function imageGeneratorModel(config: ImageGanConfig): tf.LayersModel {
  const z = tf.input({ shape: [config.noiseDim], name: 'z' });
  const specs = generatorLayerSpecs(config);
  if (config.conditioning === 'none')
    return tf.model({ name: 'generator', inputs: z, outputs: applySpecs(z, specs) });
  let label: tf.SymbolicTensor;
  let condition: tf.SymbolicTensor;
  if (config.conditioning === 'one-hot') {
    label = tf.input({ shape: [10], name: 'label' });
    condition = label;
  } else {
    label = tf.input({ shape: [1], name: 'label' });
    const rows = tf.layers
      .embedding({ name: 'label_embedding', inputDim: 10, outputDim: LABEL_EMBEDDING_SIZE, inputLength: 1 })
      .apply(label) as tf.SymbolicTensor;
    condition = tf.layers.flatten({ name: 'label_row' }).apply(rows) as tf.SymbolicTensor;
  }
  const joined = tf.layers.concatenate({ name: 'z_and_label', axis: -1 }).apply([z, condition]);
  return tf.model({
    name: 'generator',
    inputs: [z, label],
    outputs: applySpecs(joined as tf.SymbolicTensor, specs),
  });
}

/**
 * The Layers model of one network of a Studio MNIST model, or null where no stock Layers model computes it
 * (the digit GAN's discriminator).
 */
export function imageLayersModel(spec: ImageModelSpec, network: string): tf.LayersModel | null {
  if (spec.kind === 'gan') return network === 'generator' ? imageGeneratorModel(spec.config) : null;
  const layers = spec.kind === 'vae' ? vaeLayerSpecs(spec.config) : autoencoderLayerSpecs(spec.config);
  const code = spec.kind === 'vae' ? spec.config.latentDim : spec.config.bottleneck;
  if (network === 'encoder') return plainModel('encoder', MNIST_PIXELS, layers.encoder);
  if (network === 'decoder') return plainModel('decoder', code, layers.decoder);
  return null;
}

/** Per network of a digit GAN, autoencoder or VAE checkpoint: its Layers topology, or null (checkpoint.json). */
export async function imageLayersTopologies(
  checkpoint: Checkpoint,
): Promise<Record<string, LayersTopology | null>> {
  const spec = imageSpecOf(checkpoint, 'Cannot export this checkpoint');
  const out: Record<string, LayersTopology | null> = {};
  for (const network of Object.keys(checkpoint.networks)) {
    const model = imageLayersModel(spec, network);
    try {
      out[network] = model ? await captureLayersTopology(model) : null;
    } finally {
      model?.dispose();
    }
  }
  return out;
}
