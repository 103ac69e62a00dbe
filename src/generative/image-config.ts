/**
 * Hyperparameters of the Studio's MNIST models (digit GAN, autoencoder, VAE): typed, JSON-safe objects that
 * travel inside checkpoints, with defaults measured to show digit-like results within a minute or two on WASM
 * (see the bench scenarios in bench/image-scenarios.ts). Every config from outside goes through parse*Config.
 */
import * as v from 'valibot';
import type { GanOptimizerConfig } from './gan-config';

export type { GanOptimizerConfig as ImageOptimizerConfig } from './gan-config';

export type ImageGanArchitecture = 'mlp' | 'dcgan';
export const IMAGE_GAN_ARCHITECTURES: readonly ImageGanArchitecture[] = ['mlp', 'dcgan'];

/** How the digit label conditions G and D: not at all, a one-hot vector, or a learned embedding. */
export type Conditioning = 'none' | 'one-hot' | 'embedding';
export const CONDITIONINGS: readonly Conditioning[] = ['none', 'one-hot', 'embedding'];

/** Size of the learned label embedding (conditioning 'embedding'). */
export const LABEL_EMBEDDING_SIZE = 10;

export interface ImageGanConfig {
  /** 'mlp': dense G and D; 'dcgan': G upsamples 7×7 feature maps with transposed convolutions, D strides down. */
  architecture: ImageGanArchitecture;
  conditioning: Conditioning;
  /** Size of z ~ N(0, I). */
  noiseDim: number;
  /** Hidden units of each dense hidden layer (MLP), or the base channel count (DCGAN: G 2×, 1×; D 1×, 2×). */
  width: number;
  /** Dropout rate on D's hidden units while training (keeps D from memorising pixel patterns G then exploits). */
  dropout: number;
  batchSize: number;
  generatorOptimizer: GanOptimizerConfig;
  discriminatorOptimizer: GanOptimizerConfig;
  seed: number;
}

export type AutoencoderLoss = 'bce' | 'mse';

export interface AutoencoderConfig {
  /** Size of the code between encoder and decoder. */
  bottleneck: number;
  hiddenUnits: number;
  /** Denoising: the encoder sees x + σ·ε (clipped to [0, 1]) and the decoder must give back the clean x. */
  denoising: boolean;
  /** σ of the Gaussian corruption, in pixel units (0–1). */
  noiseLevel: number;
  batchSize: number;
  optimizer: GanOptimizerConfig;
  seed: number;
}

export interface VaeConfig {
  /** Size of z; the Studio's plane views need 2. */
  latentDim: number;
  hiddenUnits: number;
  batchSize: number;
  optimizer: GanOptimizerConfig;
  seed: number;
}

/** A model to build: its kind and its config. */
export type ImageModelSpec =
  | { kind: 'gan'; config: ImageGanConfig }
  | { kind: 'autoencoder'; config: AutoencoderConfig }
  | { kind: 'vae'; config: VaeConfig };

/** Adam as DCGAN (Radford et al. 2016) trains: lr 2e-4, β₁ 0.5. */
const GAN_ADAM: GanOptimizerConfig = { name: 'adam', learningRate: 2e-4, beta1: 0.5, beta2: 0.999 };
const ADAM_1E3: GanOptimizerConfig = { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999 };

export const DEFAULT_IMAGE_GAN_CONFIG: ImageGanConfig = {
  architecture: 'mlp',
  conditioning: 'one-hot',
  noiseDim: 64,
  width: 128,
  // No dropout by default: with the projection D, 0.3 left G's samples noisy speckle at 600 iterations, where
  // without it most rows are legible digits.
  dropout: 0,
  batchSize: 64,
  // 1e-3 rather than DCGAN's 2e-4 (β₁ stays 0.5): with G starting at the mean digit and a projection D, each row
  // shows its own digit after ~600 iterations (5e-4: still one shared blob per column at 600).
  generatorOptimizer: { ...GAN_ADAM, learningRate: 1e-3 },
  discriminatorOptimizer: { ...GAN_ADAM, learningRate: 1e-3 },
  seed: 1,
};

/** DCGAN's base channel count (its convolutions cost far more per unit than dense layers). */
export const DEFAULT_DCGAN_WIDTH = 16;

export const DEFAULT_AUTOENCODER_CONFIG: AutoencoderConfig = {
  bottleneck: 16,
  hiddenUnits: 256,
  denoising: true,
  noiseLevel: 0.4,
  batchSize: 100,
  optimizer: ADAM_1E3,
  seed: 1,
};

export const DEFAULT_VAE_CONFIG: VaeConfig = {
  latentDim: 2,
  hiddenUnits: 256,
  batchSize: 100,
  optimizer: ADAM_1E3,
  seed: 1,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const optimizer = v.strictObject({
  name: v.picklist(['adam', 'sgd', 'rmsprop']),
  learningRate: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  beta1: v.pipe(v.number(), v.minValue(0), v.ltValue(1)),
  beta2: v.pipe(v.number(), v.minValue(0), v.ltValue(1)),
});
const seed = v.pipe(v.number(), v.finite());

const imageGanSchema = v.strictObject({
  architecture: v.picklist(IMAGE_GAN_ARCHITECTURES),
  conditioning: v.picklist(CONDITIONINGS),
  noiseDim: int(1, 256),
  width: int(4, 1024),
  dropout: v.pipe(v.number(), v.minValue(0), v.ltValue(1)),
  batchSize: int(1, 512),
  generatorOptimizer: optimizer,
  discriminatorOptimizer: optimizer,
  seed,
});

const autoencoderSchema = v.strictObject({
  bottleneck: int(1, 256),
  hiddenUnits: int(4, 1024),
  denoising: v.boolean(),
  noiseLevel: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  batchSize: int(1, 1000),
  optimizer,
  seed,
});

const vaeSchema = v.strictObject({
  latentDim: int(1, 64),
  hiddenUnits: int(4, 1024),
  batchSize: int(1, 1000),
  optimizer,
  seed,
});

function parse<T extends v.GenericSchema>(schema: T, value: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.') || '(root)';
  throw new Error(`Invalid ${what} config: ${path}: ${issue.message}`);
}

/** A validated copy, or an error naming the first bad field ("Invalid VAE config: latentDim: ..."). */
export function parseImageGanConfig(value: unknown): ImageGanConfig {
  return structuredClone(parse(imageGanSchema, value, 'digit GAN'));
}

export function parseAutoencoderConfig(value: unknown): AutoencoderConfig {
  return structuredClone(parse(autoencoderSchema, value, 'autoencoder'));
}

export function parseVaeConfig(value: unknown): VaeConfig {
  return structuredClone(parse(vaeSchema, value, 'VAE'));
}
