/**
 * A GAN on MNIST digits (Goodfellow et al. 2014, with the non-saturating generator loss): an MLP GAN, or a small
 * DCGAN (Radford et al. 2016: resize-convolutions up from 7×7 in G, strided convolutions down in D, no
 * pooling). Optionally conditional on the digit label (Mirza & Osindero 2014): the label, one-hot or as a learned
 * embedding, is concatenated to G's noise, and D is a projection discriminator (Miyato & Koyama 2018): its logit
 * is ψ(φ(x)) + v_y·φ(x), with φ(x) its last hidden layer and v_y a learned vector per digit. Concatenating the
 * label to D's 784 pixels instead gives it so weak a say that G ignored the label for thousands of iterations.
 * One iteration = one D step on a real and a generated batch, then one G step. All noise comes from our seeded Rng.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { FlatOptimizer } from './flat-optimizer';
import { LABEL_EMBEDDING_SIZE, parseImageGanConfig, type ImageGanConfig } from './image-config';
import { sigmoidCrossEntropy } from './image-losses';
import { Net, oneHot, type LayerSpec } from './image-nets';
import { gradientsFor, MnistTrainer } from './image-trainer';
import { MNIST_PIXELS, MNIST_SIDE, type MnistSet } from './mnist-asset';
import type { NamedWeight } from './mlp';
import { drawNoise } from './noise';

/**
 * D's target for real digits: one-sided label smoothing (Salimans et al. 2016) keeps D from growing overconfident,
 * which otherwise starves G of gradient and helps it collapse onto one image.
 */
export const REAL_TARGET = 0.9;

export const GAN_METRICS = [
  'losses/discriminator',
  'losses/generator',
  'charts/dReal',
  'charts/dFake',
] as const;

/** The sample grid: GRID_COLUMNS fixed noise vectors; conditional rows are the digits 0–9. */
export const GRID_ROWS = 10;
export const GRID_COLUMNS = 10;
const EMBEDDING = 'label_embedding/embeddings';
const PROJECTION = 'label_projection/embeddings';

/** A point of G's input: noise z and label weights (one-hot, or a blend of two labels when interpolating). */
export interface GanInputPoint {
  z: Float32Array;
  /** Ten label weights (ignored by an unconditional GAN). */
  label: Float32Array;
}

/** G's layers (its input: z, then the label's one-hot or embedding row when conditional). */
export function generatorLayerSpecs({ architecture, width: w }: ImageGanConfig): LayerSpec[] {
  return architecture === 'mlp'
    ? [
        { type: 'dense', units: w, activation: 'leakyRelu' },
        { type: 'dense', units: 2 * w, activation: 'leakyRelu' },
        { type: 'dense', units: MNIST_PIXELS, activation: 'sigmoid' },
      ]
    : [
        { type: 'dense', units: 7 * 7 * 2 * w, activation: 'relu' },
        { type: 'reshape', shape: [7, 7, 2 * w] },
        { type: 'upconv', filters: w, kernel: 3, scale: 2, activation: 'relu' },
        { type: 'upconv', filters: 1, kernel: 3, scale: 2, activation: 'sigmoid' },
        { type: 'reshape', shape: [MNIST_PIXELS] },
      ];
}

export class ImageGan extends MnistTrainer<'generator' | 'discriminator'> {
  readonly kind = 'gan';
  protected readonly metricKeys = GAN_METRICS;
  readonly config: ImageGanConfig;
  readonly generator: Net;
  /** D's convolutions (DCGAN only): image → features; the label joins after them. */
  readonly trunk: Net | null;
  /** D's dense part: features → one logit (plus the label's projection when conditional). */
  readonly head: Net;
  private readonly gEmbedding: tf.Variable | null = null;
  /** D's per-digit projection vectors [10, |φ|] (conditional only). */
  private readonly projection: tf.Variable | null = null;
  /** G's input for the sample grid, the same at every snapshot. */
  readonly fixedNoise: Float32Array;

  constructor(config: ImageGanConfig, train: MnistSet) {
    super();
    this.config = parseImageGanConfig(config);
    const { architecture, conditioning, noiseDim, width: w, seed } = this.config;
    const c = conditioning === 'none' ? 0 : conditioning === 'one-hot' ? 10 : LABEL_EMBEDDING_SIZE;
    const initRng = new Rng(seed);
    const gLayers = generatorLayerSpecs(this.config);
    // G's input (z and a one-hot label) is data: no gradient for it, unless a learned embedding feeds it.
    this.generator = new Net([noiseDim + c], gLayers, initRng, 'generator', conditioning === 'embedding');
    this.trunk =
      architecture === 'mlp'
        ? null
        : new Net(
            [MNIST_PIXELS],
            [
              { type: 'reshape', shape: [MNIST_SIDE, MNIST_SIDE, 1] },
              { type: 'conv', filters: w, kernel: 4, stride: 2, activation: 'leakyRelu' },
              { type: 'conv', filters: 2 * w, kernel: 4, stride: 2, activation: 'leakyRelu' },
              { type: 'reshape', shape: [7 * 7 * 2 * w] },
            ],
            initRng,
            'trunk',
          );
    const features = this.trunk ? this.trunk.outputShape[0] : MNIST_PIXELS;
    const headLayers: LayerSpec[] =
      architecture === 'mlp'
        ? [
            { type: 'dense', units: 2 * w, activation: 'leakyRelu' },
            { type: 'dropout', rate: this.config.dropout },
            { type: 'dense', units: w, activation: 'leakyRelu' },
            { type: 'dropout', rate: this.config.dropout },
            { type: 'dense', units: 1, activation: 'linear' },
          ]
        : [
            { type: 'dropout', rate: this.config.dropout },
            { type: 'dense', units: 1, activation: 'linear' },
          ];
    // +1: the minibatch standard deviation feature.
    this.head = new Net([features + 1], headLayers, initRng, 'head');
    if (conditioning === 'embedding')
      this.gEmbedding = this.generator.addVariable(EMBEDDING, [10, LABEL_EMBEDDING_SIZE], 1, initRng);
    if (conditioning !== 'none') {
      const phi = architecture === 'mlp' ? w : features + 1;
      this.projection = this.head.addVariable(PROJECTION, [10, phi], Math.sqrt(6 / (10 + phi)), initRng);
    }
    if (architecture === 'mlp') this.startAtMeanDigit(train);
    const optimizers = {
      generator: new FlatOptimizer(this.config.generatorOptimizer, this.generator.variables),
      discriminator: new FlatOptimizer(this.config.discriminatorOptimizer, this.discriminatorVariables),
    };
    this.startTraining(optimizers, train, this.config.batchSize, initRng);
    const count = this.conditional ? GRID_COLUMNS : GRID_ROWS * GRID_COLUMNS;
    this.fixedNoise = drawNoise(count, noiseDim, 'gaussian', new Rng(initRng.nextUint32()));
  }

  /**
   * G's output bias starts at the logit of the mean training digit, so G's first samples are a blurred average
   * digit rather than salt-and-pepper noise: D then has to judge shapes from the start, and digits come sooner.
   */
  private startAtMeanDigit(train: MnistSet): void {
    const mean = new Float32Array(MNIST_PIXELS);
    // Digit by digit, pixel by pixel: the same float32 sums in the same order, without a remainder per pixel.
    for (let digit = 0; digit < train.count; digit++) {
      const from = digit * MNIST_PIXELS;
      for (let i = 0; i < MNIST_PIXELS; i++) mean[i] += train.pixels[from + i];
    }
    const logits = mean.map((total) => {
      const p = Math.min(Math.max(total / train.count, 0.01), 0.99);
      return Math.log(p / (1 - p));
    });
    const last = this.generator.names.findLastIndex((name) => name.endsWith('/bias'));
    const bias = this.generator.variables[last];
    tf.tidy(() => bias.assign(tf.tensor1d(logits)));
  }

  get conditional(): boolean {
    return this.config.conditioning !== 'none';
  }

  private get discriminatorVariables(): tf.Variable[] {
    return [...(this.trunk?.variables ?? []), ...this.head.variables];
  }

  /** The label as G sees it: the one-hot weights themselves, or their blend of embedding rows. */
  private condition(labels: tf.Tensor2D): tf.Tensor2D {
    return this.gEmbedding ? tf.matMul(labels, this.gEmbedding as tf.Tensor2D) : labels;
  }

  /** G(z, label): pixels in (0, 1), [n, 784]. */
  generate(z: tf.Tensor2D, labels: tf.Tensor2D | null): tf.Tensor2D {
    const input = labels ? tf.concat([z, this.condition(labels)], 1) : z;
    return this.generator.apply(input) as tf.Tensor2D;
  }

  /**
   * D's logit (real vs generated) for a batch of images [n, 784], judged together: besides each image's features
   * D sees the batch's mean standard deviation across samples (Karras et al. 2018's minibatch standard
   * deviation), so a generator that collapses onto one image is easy to tell apart. A label adds v_y·φ(x).
   */
  discriminate(
    x: tf.Tensor2D,
    labels: tf.Tensor2D | null,
    dropoutRng?: Rng,
    inputGradient = true,
  ): tf.Tensor2D {
    const features = this.trunk ? (this.trunk.apply(x, undefined, inputGradient) as tf.Tensor2D) : x;
    const { variance } = tf.moments(features, 0);
    const spread = tf.mul(tf.ones([x.shape[0], 1]), tf.mean(tf.sqrt(tf.add(variance, 1e-8))));
    const { output, features: phi } = this.head.applyWithFeatures(
      tf.concat([features, spread], 1),
      dropoutRng,
      inputGradient || this.trunk !== null,
    );
    if (!labels || !this.projection) return output as tf.Tensor2D;
    const v = tf.matMul(labels, this.projection as tf.Tensor2D);
    return tf.add(output, tf.sum(tf.mul(v, phi), 1, true)) as tf.Tensor2D;
  }

  private randomLabels(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.rng.nextInt(10));
  }

  /**
   * One D step on (real, G(z)) and one G step on fresh noise, from given data; returns
   * [D loss, G loss, mean D(real), mean D(G(z))] on the device (D's numbers from before its update, with
   * dropout active). Dropout masks come from the training Rng.
   */
  stepOn(
    real: Float32Array,
    realLabels: Uint8Array,
    noiseD: Float32Array,
    fakeLabelsD: Uint8Array,
    noiseG: Float32Array,
    fakeLabelsG: Uint8Array,
  ): tf.Tensor1D {
    const n = realLabels.length;
    const { noiseDim } = this.config;
    const labels = (values: Uint8Array) => (this.conditional ? tf.tensor2d(oneHot(values), [n, 10]) : null);
    return tf.tidy(() => {
      const x = tf.tensor2d(real, [n, MNIST_PIXELS]);
      const yReal = labels(realLabels);
      const yFakeD = labels(fakeLabelsD);
      // D's step treats G's samples as constants.
      const fake = this.generate(tf.tensor2d(noiseD, [n, noiseDim]), yFakeD);
      let dStats: tf.Tensor[] = [];
      const d = tf.variableGrads(() => {
        // D's inputs are constants in its own step: skip the gradient with respect to them.
        const realLogits = this.discriminate(x, yReal, this.rng, false);
        const fakeLogits = this.discriminate(fake, yFakeD, this.rng, false);
        dStats = [tf.keep(tf.mean(tf.sigmoid(realLogits))), tf.keep(tf.mean(tf.sigmoid(fakeLogits)))];
        return tf.add(
          sigmoidCrossEntropy(realLogits, REAL_TARGET),
          sigmoidCrossEntropy(fakeLogits, 0),
        ) as tf.Scalar;
      }, this.discriminatorVariables);
      this.optimizers.discriminator.applyGradients([
        ...(this.trunk ? gradientsFor(this.trunk, d.grads) : []),
        ...gradientsFor(this.head, d.grads),
      ]);

      const zG = tf.tensor2d(noiseG, [n, noiseDim]);
      const yFakeG = labels(fakeLabelsG);
      // Non-saturating: G maximises log D(G(z)).
      const g = tf.variableGrads(
        () => sigmoidCrossEntropy(this.discriminate(this.generate(zG, yFakeG), yFakeG, this.rng), 1),
        this.generator.variables,
      );
      this.optimizers.generator.applyGradients(gradientsFor(this.generator, g.grads));
      const row = tf.stack([d.value, g.value, ...dStats]) as tf.Tensor1D;
      tf.dispose(dStats);
      return row;
    });
  }

  protected trainStep(): tf.Tensor1D {
    const { batchSize: n, noiseDim } = this.config;
    const { pixels, labels } = this.batcher.next();
    const noiseD = drawNoise(n, noiseDim, 'gaussian', this.rng);
    const fakeD = this.randomLabels(n);
    const noiseG = drawNoise(n, noiseDim, 'gaussian', this.rng);
    const fakeG = this.randomLabels(n);
    return this.stepOn(pixels, labels, noiseD, fakeD, noiseG, fakeG);
  }

  /** G's images for input points, flat [n × 784]. */
  async sample(points: readonly GanInputPoint[]): Promise<Float32Array> {
    const n = points.length;
    const { noiseDim } = this.config;
    const z = new Float32Array(n * noiseDim);
    const y = new Float32Array(n * 10);
    points.forEach((p, i) => {
      z.set(p.z.subarray(0, noiseDim), i * noiseDim);
      y.set(p.label.subarray(0, 10), i * 10);
    });
    const images = tf.tidy(() =>
      this.generate(tf.tensor2d(z, [n, noiseDim]), this.conditional ? tf.tensor2d(y, [n, 10]) : null),
    );
    try {
      return (await images.data()) as Float32Array;
    } finally {
      images.dispose();
    }
  }

  /** The grid's input points, row-major: conditional rows are digits 0–9 with the same noise per column. */
  gridPoints(): GanInputPoint[] {
    const { noiseDim } = this.config;
    return Array.from({ length: GRID_ROWS * GRID_COLUMNS }, (_, k) => {
      const row = Math.floor(k / GRID_COLUMNS);
      const col = k % GRID_COLUMNS;
      const which = this.conditional ? col : k;
      const label = new Float32Array(10);
      label[row] = 1;
      return { z: this.fixedNoise.slice(which * noiseDim, (which + 1) * noiseDim), label };
    });
  }

  /** Fresh random points (from a caller's Rng, so views never touch the training stream). */
  randomPoint(rng: Rng): GanInputPoint {
    const label = new Float32Array(10);
    label[rng.nextInt(10)] = 1;
    return { z: drawNoise(1, this.config.noiseDim, 'gaussian', rng), label };
  }

  async networkWeights(): Promise<Record<string, NamedWeight[]>> {
    return {
      generator: await this.generator.getWeights(),
      discriminator: [
        ...((await this.trunk?.getWeights('trunk')) ?? []),
        ...(await this.head.getWeights('head')),
      ],
    };
  }

  setNetworkWeights(weights: Record<string, NamedWeight[]>): void {
    this.generator.setWeights(weights.generator ?? []);
    this.trunk?.setWeights(weights.discriminator ?? [], 'trunk');
    this.head.setWeights(weights.discriminator ?? [], 'head');
  }

  protected disposeNetworks(): void {
    this.generator.dispose();
    this.trunk?.dispose();
    this.head.dispose();
  }
}

/** `steps` points from a to b inclusive, linear in z and in the label weights (a 3 fades into an 8). */
export function interpolatePoints(a: GanInputPoint, b: GanInputPoint, steps: number): GanInputPoint[] {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`Expected at least 2 steps, got ${steps}`);
  return Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    const mix = (p: Float32Array, q: Float32Array) => Float32Array.from(p, (v, k) => (1 - t) * v + t * q[k]);
    return { z: mix(a.z, b.z), label: mix(a.label, b.label) };
  });
}
