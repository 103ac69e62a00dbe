/**
 * A plain or denoising autoencoder on MNIST: encoder 784 → hidden → bottleneck, decoder back to 784 pixel
 * logits, trained on the binary cross-entropy summed over pixels. The denoising variant (Vincent et al. 2008)
 * feeds the encoder a corrupted digit, x̃ = clip(x + σ·ε, 0, 1) with ε ~ N(0, I) from our seeded Rng, and asks
 * the decoder for the clean x. A digit's reconstruction error is its anomaly score: digits unlike the
 * training data reconstruct badly.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { FlatOptimizer } from './flat-optimizer';
import { parseAutoencoderConfig, type AutoencoderConfig } from './image-config';
import { bernoulliNll, meanSquaredErrorPerRow } from './image-losses';
import { Net, type LayerSpec } from './image-nets';
import {
  checkCount,
  gradientsFor,
  optimizerStatesOf,
  readRows,
  setOptimizerStatesOf,
  type ImageTrainer,
  type StepMetrics,
  type TrainerState,
} from './image-trainer';
import { MnistBatcher, uint32State } from './mnist-batches';
import { MNIST_PIXELS, type MnistSet } from './mnist-asset';
import type { NamedWeight } from './mlp';

export const AUTOENCODER_METRICS = ['losses/reconstruction'] as const;

const EVAL_CHUNK = 500;
/** Seed of the fixed corruption used for the views and the test loss (so they change only with σ). */
const EVAL_NOISE_SEED = 0xd0e5;

/** Standard normal draws for `count` values. */
export function gaussianNoise(count: number, rng: Rng): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}

/** x̃ = clip(x + σ·ε, 0, 1): every value stays a valid pixel. */
export function corrupt(pixels: Float32Array, sigma: number, epsilon: Float32Array): Float32Array {
  if (epsilon.length < pixels.length)
    throw new Error(`Expected ${pixels.length} noise values, got ${epsilon.length}`);
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.min(1, Math.max(0, pixels[i] + sigma * epsilon[i]));
  return out;
}

/** Corrupts with fresh draws from `rng` (same seed, same noise). */
export function corruptDigits(pixels: Float32Array, sigma: number, rng: Rng): Float32Array {
  return corrupt(pixels, sigma, gaussianNoise(pixels.length, rng));
}

export interface AutoencoderEvaluation {
  /** Mean reconstruction loss per test digit (BCE summed over pixels), from the (corrupted) input. */
  loss: number;
  /** Per digit: mean squared error of the reconstruction of the clean digit (the anomaly score). */
  scores: Float32Array;
}

/** Encoder 784 → hidden → bottleneck (the code), decoder bottleneck → hidden → 784 pixel logits. */
export function autoencoderLayerSpecs({ bottleneck, hiddenUnits }: AutoencoderConfig): {
  encoder: LayerSpec[];
  decoder: LayerSpec[];
} {
  return {
    encoder: [
      { type: 'dense', units: hiddenUnits, activation: 'relu' },
      { type: 'dense', units: bottleneck, activation: 'linear' },
    ],
    decoder: [
      { type: 'dense', units: hiddenUnits, activation: 'relu' },
      { type: 'dense', units: MNIST_PIXELS, activation: 'linear' },
    ],
  };
}

export class Autoencoder implements ImageTrainer {
  readonly kind = 'autoencoder';
  readonly config: AutoencoderConfig;
  readonly encoder: Net;
  readonly decoder: Net;
  private readonly optimizers: Record<'encoder' | 'decoder', FlatOptimizer>;
  private readonly batcher: MnistBatcher;
  private readonly rng: Rng;
  private iterationCount = 0;

  constructor(config: AutoencoderConfig, train: MnistSet) {
    this.config = parseAutoencoderConfig(config);
    const { bottleneck, seed } = this.config;
    const initRng = new Rng(seed);
    const layers = autoencoderLayerSpecs(this.config);
    this.encoder = new Net([MNIST_PIXELS], layers.encoder, initRng, 'encoder', false);
    this.decoder = new Net([bottleneck], layers.decoder, initRng, 'decoder');
    this.optimizers = {
      encoder: new FlatOptimizer(this.config.optimizer, this.encoder.variables),
      decoder: new FlatOptimizer(this.config.optimizer, this.decoder.variables),
    };
    this.batcher = new MnistBatcher(train, this.config.batchSize, initRng.nextUint32());
    this.rng = new Rng(initRng.nextUint32());
  }

  get iterations(): number {
    return this.iterationCount;
  }

  get epochs(): number {
    return this.batcher.epochs;
  }

  /** σ of the corruption (denoising only); may change while training. */
  setNoiseLevel(sigma: number): void {
    if (!(sigma >= 0 && sigma <= 1)) throw new Error(`Expected a noise level in [0, 1], got ${sigma}`);
    this.config.noiseLevel = sigma;
  }

  /** The encoder's input for clean digits: corrupted when denoising. */
  private inputFor(pixels: Float32Array, rng: Rng): Float32Array {
    const { denoising, noiseLevel } = this.config;
    return denoising ? corruptDigits(pixels, noiseLevel, rng) : pixels;
  }

  private logits(x: tf.Tensor2D): tf.Tensor2D {
    return this.decoder.apply(this.encoder.apply(x)) as tf.Tensor2D;
  }

  /** One step on clean digits `pixels` with encoder input `input`; returns [loss] on the device. */
  stepOn(input: Float32Array, pixels: Float32Array): tf.Tensor1D {
    const n = pixels.length / MNIST_PIXELS;
    return tf.tidy(() => {
      const xIn = tf.tensor2d(input, [n, MNIST_PIXELS]);
      const target = tf.tensor2d(pixels, [n, MNIST_PIXELS]);
      const vars = [...this.encoder.variables, ...this.decoder.variables];
      const { value, grads } = tf.variableGrads(
        () => tf.mean(bernoulliNll(this.logits(xIn), target)) as tf.Scalar,
        vars,
      );
      this.optimizers.encoder.applyGradients(gradientsFor(this.encoder, grads));
      this.optimizers.decoder.applyGradients(gradientsFor(this.decoder, grads));
      return tf.reshape(value, [1]) as tf.Tensor1D;
    });
  }

  async train(count: number): Promise<StepMetrics[]> {
    checkCount(count);
    const rows: tf.Tensor1D[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const { pixels } = this.batcher.next();
        rows.push(this.stepOn(this.inputFor(pixels, this.rng), pixels));
        this.iterationCount++;
      }
      return await readRows(rows, AUTOENCODER_METRICS);
    } finally {
      tf.dispose(rows);
    }
  }

  /** The fixed corruption of `pixels` used for views and the test loss (changes only with σ). */
  viewInput(pixels: Float32Array): Float32Array {
    return this.inputFor(pixels, new Rng(EVAL_NOISE_SEED));
  }

  /** Pixel probabilities of the reconstruction of `input`. */
  async reconstruct(input: Float32Array): Promise<Float32Array> {
    const n = input.length / MNIST_PIXELS;
    const out = new Float32Array(input.length);
    for (let from = 0; from < n; from += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - from);
      const probs = tf.tidy(() =>
        tf.sigmoid(
          this.logits(
            tf.tensor2d(input.subarray(from * MNIST_PIXELS, (from + m) * MNIST_PIXELS), [m, MNIST_PIXELS]),
          ),
        ),
      );
      out.set(await probs.data(), from * MNIST_PIXELS);
      probs.dispose();
    }
    return out;
  }

  /** Test loss from the fixed-corruption input, and every digit's anomaly score from its clean input. */
  async evaluate(set: MnistSet, limit = set.count): Promise<AutoencoderEvaluation> {
    const n = Math.min(limit, set.count);
    const clean = set.pixels.subarray(0, n * MNIST_PIXELS);
    const input = this.viewInput(clean);
    const scores = new Float32Array(n);
    let loss = 0;
    for (let from = 0; from < n; from += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - from);
      const slice = (a: Float32Array) =>
        tf.tensor2d(a.subarray(from * MNIST_PIXELS, (from + m) * MNIST_PIXELS), [m, MNIST_PIXELS]);
      const [lossSum, score] = tf.tidy(() => {
        const target = slice(clean);
        const lossSum = tf.sum(bernoulliNll(this.logits(slice(input)), target));
        const score = meanSquaredErrorPerRow(tf.sigmoid(this.logits(target)), target);
        return [lossSum, score];
      });
      loss += (await lossSum.data())[0];
      scores.set(await score.data(), from);
      tf.dispose([lossSum, score]);
    }
    return { loss: loss / n, scores };
  }

  async networkWeights(): Promise<Record<string, NamedWeight[]>> {
    return { encoder: await this.encoder.getWeights(), decoder: await this.decoder.getWeights() };
  }

  setNetworkWeights(weights: Record<string, NamedWeight[]>): void {
    this.encoder.setWeights(weights.encoder ?? []);
    this.decoder.setWeights(weights.decoder ?? []);
  }

  optimizerStates(): Promise<Record<string, NamedWeight[]>> {
    return optimizerStatesOf(this.optimizers);
  }

  setOptimizerStates(states: Record<string, NamedWeight[]>): void {
    setOptimizerStatesOf(this.optimizers, states);
  }

  getState(): TrainerState {
    return {
      iterations: this.iterationCount,
      batcher: this.batcher.getState(),
      rngState: uint32State(this.rng.getState()),
    };
  }

  setState(state: TrainerState): void {
    this.batcher.setState(state.batcher);
    this.rng.setState(state.rngState);
    this.iterationCount = state.iterations;
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.optimizers.encoder.dispose();
    this.optimizers.decoder.dispose();
  }
}

/** Indices of the `count` highest and lowest scores, highest (lowest) first. */
export function extremes(scores: ArrayLike<number>, count: number): { highest: number[]; lowest: number[] } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  return { highest: order.slice(0, count), lowest: order.slice(-count).reverse() };
}
