/**
 * A variational autoencoder on MNIST as Kingma & Welling (2014) train it: an MLP encoder gives q(z|x) =
 * N(μ, diag σ²), z = μ + σ ⊙ ε with ε ~ N(0, I) (the reparameterisation trick), an MLP decoder gives Bernoulli
 * pixel probabilities p(x|z), and the loss is the negative ELBO per digit: the binary cross-entropy summed over
 * the 784 pixels plus the analytic KL(q(z|x) ‖ N(0, I)). ε comes from our seeded Rng, so runs are reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { parseVaeConfig, type VaeConfig } from './image-config';
import { bernoulliNll, gaussianKl } from './image-losses';
import { EncoderDecoderTrainer, encoderDecoderLayerSpecs, gradientsFor } from './image-trainer';
import type { LayerSpec } from './image-nets';
import { MNIST_PIXELS, type MnistSet } from './mnist-asset';
import { drawNoise } from './noise';

export const VAE_METRICS = ['losses/negativeElbo', 'losses/reconstruction', 'losses/kl'] as const;

/** Rows per forward pass when evaluating or encoding a whole set (bounds memory on any backend). */
const EVAL_CHUNK = 500;

export interface ElboEstimate {
  /** Mean −ELBO per digit, in nats (reconstruction + KL). */
  negativeElbo: number;
  reconstruction: number;
  kl: number;
}

/** Encoder 784 → hidden → [μ, log σ²] side by side; decoder z → hidden → logits of the pixel probabilities. */
export function vaeLayerSpecs({ latentDim, hiddenUnits }: VaeConfig): {
  encoder: LayerSpec[];
  decoder: LayerSpec[];
} {
  return encoderDecoderLayerSpecs(hiddenUnits, 2 * latentDim);
}

export class Vae extends EncoderDecoderTrainer {
  readonly kind = 'vae';
  readonly config: VaeConfig;
  protected readonly metricKeys = VAE_METRICS;

  constructor(config: VaeConfig, train: MnistSet) {
    const parsed = parseVaeConfig(config);
    // The encoder gives μ and log σ² side by side; the decoder, the logits of the Bernoulli pixel probabilities.
    super(parsed, 2 * parsed.latentDim, parsed.latentDim, train);
    this.config = parsed;
  }

  /** μ and log σ² of q(z|x). */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
    const L = this.config.latentDim;
    return tf.tidy(() => {
      const out = this.encoder.apply(x) as tf.Tensor2D;
      return {
        mu: tf.slice(out, [0, 0], [-1, L]),
        logVar: tf.slice(out, [0, L], [-1, L]),
      };
    });
  }

  /**
   * Per-digit reconstruction term and KL for a batch, with z = μ + σ ⊙ ε. Exposed for tests and evaluation;
   * training averages both over the batch.
   */
  lossTerms(x: tf.Tensor2D, epsilon: tf.Tensor2D): { reconstruction: tf.Tensor1D; kl: tf.Tensor1D } {
    return tf.tidy(() => {
      const { mu, logVar } = this.encode(x);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon)) as tf.Tensor2D;
      const logits = this.decoder.apply(z) as tf.Tensor2D;
      return { reconstruction: bernoulliNll(logits, x), kl: gaussianKl(mu, logVar) };
    });
  }

  /** One Adam step of encoder and decoder on the batch; returns [−ELBO, reconstruction, KL] on the device. */
  stepOn(pixels: Float32Array, epsilonData: Float32Array): tf.Tensor1D {
    const n = pixels.length / MNIST_PIXELS;
    const L = this.config.latentDim;
    return tf.tidy(() => {
      const x = tf.tensor2d(pixels, [n, MNIST_PIXELS]);
      const epsilon = tf.tensor2d(epsilonData, [n, L]);
      let parts: tf.Tensor[] = [];
      const vars = [...this.encoder.variables, ...this.decoder.variables];
      const { value, grads } = tf.variableGrads(() => {
        const { reconstruction, kl } = this.lossTerms(x, epsilon);
        parts = [tf.keep(tf.mean(reconstruction)), tf.keep(tf.mean(kl))];
        return tf.add(parts[0], parts[1]) as tf.Scalar;
      }, vars);
      this.optimizers.encoder.applyGradients(gradientsFor(this.encoder, grads));
      this.optimizers.decoder.applyGradients(gradientsFor(this.decoder, grads));
      const row = tf.stack([value, ...parts]) as tf.Tensor1D;
      tf.dispose(parts);
      return row;
    });
  }

  protected trainStep(): tf.Tensor1D {
    const { pixels } = this.batcher.next();
    return this.stepOn(pixels, drawNoise(this.config.batchSize, this.config.latentDim, 'gaussian', this.rng));
  }

  /**
   * The single-sample estimate of −ELBO per digit over a set (ε from a fixed seed, so two evaluations of the
   * same weights agree), in nats. Kingma & Welling report the ELBO itself, i.e. minus this.
   */
  async evaluate(set: MnistSet, limit = set.count): Promise<ElboEstimate> {
    const n = Math.min(limit, set.count);
    const rng = new Rng(0xe1b0);
    let reconstruction = 0;
    let kl = 0;
    for (let from = 0; from < n; from += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - from);
      const epsilon = drawNoise(m, this.config.latentDim, 'gaussian', rng);
      const sums = tf.tidy(() => {
        const x = tf.tensor2d(set.pixels.subarray(from * MNIST_PIXELS, (from + m) * MNIST_PIXELS), [
          m,
          MNIST_PIXELS,
        ]);
        const terms = this.lossTerms(x, tf.tensor2d(epsilon, [m, this.config.latentDim]));
        return tf.stack([tf.sum(terms.reconstruction), tf.sum(terms.kl)]);
      });
      const [r, k] = await sums.data();
      sums.dispose();
      reconstruction += r;
      kl += k;
    }
    return { negativeElbo: (reconstruction + kl) / n, reconstruction: reconstruction / n, kl: kl / n };
  }

  /** μ of q(z|x) for `count` digits, flat [count × latentDim]. */
  async encodeMeans(pixels: Float32Array): Promise<Float32Array> {
    const n = pixels.length / MNIST_PIXELS;
    const out = new Float32Array(n * this.config.latentDim);
    for (let from = 0; from < n; from += EVAL_CHUNK) {
      const m = Math.min(EVAL_CHUNK, n - from);
      const mu = tf.tidy(
        () =>
          this.encode(
            tf.tensor2d(pixels.subarray(from * MNIST_PIXELS, (from + m) * MNIST_PIXELS), [m, MNIST_PIXELS]),
          ).mu,
      );
      out.set(await mu.data(), from * this.config.latentDim);
      mu.dispose();
    }
    return out;
  }

  /** Pixel probabilities σ(decoder(z)) for flat latent points [count × latentDim]. */
  async decode(z: Float32Array): Promise<Float32Array> {
    const n = z.length / this.config.latentDim;
    const probs = tf.tidy(() => tf.sigmoid(this.decoder.apply(tf.tensor2d(z, [n, this.config.latentDim]))));
    try {
      return (await probs.data()) as Float32Array;
    } finally {
      probs.dispose();
    }
  }

  /** Reconstructions through the mean code: σ(decoder(μ(x))). */
  async reconstruct(pixels: Float32Array): Promise<Float32Array> {
    return this.decode(await this.encodeMeans(pixels));
  }
}

/** The latent points of a size × size grid over [−extent, extent]², row-major, row 0 at the top (z₂ = +extent). */
export function latentGridPoints(size: number, extent: number, latentDim: number): Float32Array {
  const z = new Float32Array(size * size * latentDim);
  const at = (i: number) => -extent + (2 * extent * i) / (size - 1);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const k = (row * size + col) * latentDim;
      z[k] = at(col);
      if (latentDim > 1) z[k + 1] = at(size - 1 - row);
    }
  }
  return z;
}
