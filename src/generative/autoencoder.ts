/**
 * A plain or denoising autoencoder on MNIST: encoder 784 → hidden → bottleneck, decoder back to 784 pixel
 * logits, trained on the binary cross-entropy summed over pixels. The denoising variant (Vincent et al. 2008)
 * feeds the encoder a corrupted digit, x̃ = clip(x + σ·ε, 0, 1) with ε ~ N(0, I) from our seeded Rng, and asks
 * the decoder for the clean x. A digit's reconstruction error is its anomaly score: digits unlike the
 * training data reconstruct badly.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { parseAutoencoderConfig, type AutoencoderConfig } from './image-config';
import { bernoulliNll, meanSquaredErrorPerRow } from './image-losses';
import { EncoderDecoderTrainer, encoderDecoderLayerSpecs, gradientsFor } from './image-trainer';
import type { LayerSpec } from './image-nets';
import { MNIST_PIXELS, type MnistSet } from './mnist-asset';

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
  return encoderDecoderLayerSpecs(hiddenUnits, bottleneck);
}

export class Autoencoder extends EncoderDecoderTrainer {
  readonly kind = 'autoencoder';
  readonly config: AutoencoderConfig;
  protected readonly metricKeys = AUTOENCODER_METRICS;

  constructor(config: AutoencoderConfig, train: MnistSet) {
    const parsed = parseAutoencoderConfig(config);
    super(parsed, parsed.bottleneck, parsed.bottleneck, train);
    this.config = parsed;
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

  protected trainStep(): tf.Tensor1D {
    const { pixels } = this.batcher.next();
    return this.stepOn(this.inputFor(pixels, this.rng), pixels);
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
}

/** Indices of the `count` highest and lowest scores, highest (lowest) first. */
export function extremes(scores: ArrayLike<number>, count: number): { highest: number[]; lowest: number[] } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  return { highest: order.slice(0, count), lowest: order.slice(-count).reverse() };
}
