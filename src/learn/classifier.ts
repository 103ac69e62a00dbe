/**
 * The MNIST classifier the vision panels share: a small CNN (conv 8@5×5 → ReLU → max-pool 2 → conv 16@5×5 →
 * ReLU → max-pool 2 → dense 10), about 6,000 weights, kept in tf.Variables named as tfjs Layers would name
 * them (`conv_1/kernel`, shape [5, 5, 1, 8]), so they round-trip through a checkpoint.
 *
 * tfjs's WASM backend, the fastest here, cannot train tf.conv2d (no Conv2DBackpropFilter kernel), so the
 * convolution carries its own kernel gradient (conv2dValid), checked against the stock one in the tests.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import type { NamedWeight } from '../agents/weights';
import { DEFAULT_CLASSIFIER_SETTINGS, type ClassifierSettings } from '../workers/protocol/learn';

export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const CLASS_COUNT = 10;

export type ClassifierConfig = ClassifierSettings;
export const DEFAULT_CLASSIFIER_CONFIG: ClassifierConfig = DEFAULT_CLASSIFIER_SETTINGS;

/** The layers whose outputs the CNN panel shows, in order. */
export const FEATURE_LAYERS = ['conv_1', 'pool_1', 'conv_2', 'pool_2'] as const;
export type FeatureLayer = (typeof FEATURE_LAYERS)[number];

/** Weight names and shapes, in the order tfjs Layers lists them. */
export const CNN_WEIGHTS: readonly { name: string; shape: number[] }[] = [
  { name: 'conv_1/kernel', shape: [5, 5, 1, 8] },
  { name: 'conv_1/bias', shape: [8] },
  { name: 'conv_2/kernel', shape: [5, 5, 8, 16] },
  { name: 'conv_2/bias', shape: [16] },
  { name: 'logits/kernel', shape: [256, CLASS_COUNT] },
  { name: 'logits/bias', shape: [CLASS_COUNT] },
];

/**
 * 'valid' convolution (cross-correlation, stride 1) of NHWC `x` with an HWIO kernel: tf.conv2d forward, with
 * both gradients written as forward convolutions, since tfjs's WASM backend has no Conv2DBackpropFilter and a
 * slow Conv2DBackpropInput:
 * - ∂L/∂k[a,b,c,o] = Σ_{n,i,j} x[n,i+a,j+b,c]·dy[n,i,j,o]: x with channels as batch (the batch as channels)
 *   convolved with dy as the filter;
 * - ∂L/∂x = dy padded by k−1, convolved with the kernel flipped in space and with in/out channels swapped.
 * `inputGradient: false` skips ∂L/∂x (returns zeros) where the input is data, as in the first layer's training.
 */
export function conv2dValid(x: tf.Tensor4D, kernel: tf.Tensor4D, inputGradient = true): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x4, k4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x4, k4]);
    return {
      value: tf.conv2d(x4, k4, 1, 'valid'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        const k = ks.shape[0];
        const dx = inputGradient
          ? tf.conv2d(
              tf.pad(dy4, [
                [0, 0],
                [k - 1, k - 1],
                [k - 1, k - 1],
                [0, 0],
              ]),
              tf.transpose(tf.reverse(ks, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D,
              1,
              'valid',
            )
          : tf.zerosLike(xs);
        const dk = tf.transpose(
          tf.conv2d(
            tf.transpose(xs, [3, 1, 2, 0]) as tf.Tensor4D,
            tf.transpose(dy4, [1, 2, 0, 3]) as tf.Tensor4D,
            1,
            'valid',
          ),
          [1, 2, 0, 3],
        );
        return [dx, dk];
      },
    };
  });
  return op(x, kernel) as tf.Tensor4D;
}

/** Activations of one forward pass (NHWC), for the feature-map view. */
export interface CnnActivations {
  conv_1: tf.Tensor4D;
  pool_1: tf.Tensor4D;
  conv_2: tf.Tensor4D;
  pool_2: tf.Tensor4D;
  logits: tf.Tensor2D;
}

export class Cnn {
  /** By name, in CNN_WEIGHTS order. */
  readonly variables: Map<string, tf.Variable>;

  constructor(seed: number) {
    const rng = new Rng(seed);
    this.variables = new Map(
      CNN_WEIGHTS.map(({ name, shape }) => {
        const size = shape.reduce((a, b) => a * b, 1);
        let values = new Float32Array(size);
        if (name.endsWith('/kernel')) {
          // Glorot uniform, as tfjs: fans of a conv kernel are k·k·in and k·k·out.
          const receptive = shape.length === 4 ? shape[0]! * shape[1]! : 1;
          const fanIn = receptive * shape[shape.length - 2]!;
          const fanOut = receptive * shape[shape.length - 1]!;
          const limit = Math.sqrt(6 / (fanIn + fanOut));
          values = values.map(() => rng.uniform(-limit, limit));
        }
        return [name, tf.variable(tf.tensor(values, shape, 'float32'), true, `${name}_${seed}_${uid++}`)];
      }),
    );
  }

  private v(name: string): tf.Variable {
    return this.variables.get(name)!;
  }

  /**
   * Flat [n, 784] pixels in [0, 1] → every layer's activations (the caller tidies). Training passes
   * `inputGradient: false`: nobody needs ∂L/∂pixels then, and it is the most expensive gradient.
   */
  activations(pixels: tf.Tensor2D, inputGradient = true): CnnActivations {
    const x = tf.reshape(pixels, [-1, IMAGE_SIDE, IMAGE_SIDE, 1]) as tf.Tensor4D;
    const conv_1 = tf.relu(
      tf.add(conv2dValid(x, this.v('conv_1/kernel') as tf.Tensor4D, inputGradient), this.v('conv_1/bias')),
    ) as tf.Tensor4D;
    const pool_1 = tf.maxPool(conv_1, 2, 2, 'valid');
    const conv_2 = tf.relu(
      tf.add(conv2dValid(pool_1, this.v('conv_2/kernel') as tf.Tensor4D), this.v('conv_2/bias')),
    ) as tf.Tensor4D;
    const pool_2 = tf.maxPool(conv_2, 2, 2, 'valid');
    const flat = tf.reshape(pool_2, [-1, 256]) as tf.Tensor2D;
    const logits = tf.add(tf.matMul(flat, this.v('logits/kernel')), this.v('logits/bias')) as tf.Tensor2D;
    return { conv_1, pool_1, conv_2, pool_2, logits };
  }

  /** Flat [n, 784] pixels → logits [n, 10] (differentiable: attacks and saliency go through it). */
  logits(pixels: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.activations(pixels).logits);
  }

  trainableVariables(): tf.Variable[] {
    return [...this.variables.values()];
  }

  /** Every weight as plain data. */
  async getWeights(): Promise<NamedWeight[]> {
    const out: NamedWeight[] = [];
    for (const [name, variable] of this.variables)
      out.push({ name, shape: variable.shape.slice(), data: Float32Array.from(await variable.data()) });
    return out;
  }

  /** Loads weights named as getWeights names them; each must be present, of the right shape and finite. */
  setWeights(weights: readonly NamedWeight[]): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const checked = CNN_WEIGHTS.map(({ name, shape }) => {
      const entry = byName.get(name);
      if (!entry) throw new Error(`Expected a weight named ${name}, got none`);
      if (entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i]))
        throw new Error(`Expected ${name} of shape [${shape}], got [${entry.shape}]`);
      if (!entry.data.every(Number.isFinite)) throw new Error(`Expected finite values in ${name}`);
      return entry;
    });
    tf.tidy(() => checked.forEach((w) => this.v(w.name).assign(tf.tensor(w.data, w.shape, 'float32'))));
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }
}

/** Variable names must be unique in a tfjs engine; several networks (e.g. a compressed copy) can coexist. */
let uid = 0;

/** Mean softmax cross-entropy of logits against integer labels. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, CLASS_COUNT), logits) as tf.Scalar;
}

export interface LabelledSet {
  count: number;
  pixels: Float32Array;
  labels: Uint8Array;
}

/** Reshuffles the training digits once per epoch with a seeded RNG and hands out mini-batches. */
export class BatchSampler {
  private order: Uint32Array;
  private position = 0;
  epoch = 0;

  constructor(
    private readonly set: LabelledSet,
    private readonly rng: Rng,
  ) {
    this.order = Uint32Array.from({ length: set.count }, (_, i) => i);
    this.shuffle();
  }

  private shuffle(): void {
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = this.rng.nextInt(i + 1);
      const t = this.order[i]!;
      this.order[i] = this.order[j]!;
      this.order[j] = t;
    }
  }

  next(size: number): { pixels: Float32Array; labels: Int32Array } {
    const pixels = new Float32Array(size * IMAGE_PIXELS);
    const labels = new Int32Array(size);
    for (let k = 0; k < size; k++) {
      if (this.position >= this.order.length) {
        this.position = 0;
        this.epoch++;
        this.shuffle();
      }
      const i = this.order[this.position++]!;
      pixels.set(this.set.pixels.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS);
      labels[k] = this.set.labels[i]!;
    }
    return { pixels, labels };
  }

  /** Fraction of the current epoch done. */
  get progress(): number {
    return this.position / this.order.length;
  }
}

/** The CNN and its optimizer: one `trainStep` is one Adam update on one mini-batch. */
export class ClassifierTrainer {
  readonly model: Cnn;
  readonly sampler: BatchSampler;
  private optimizer: tf.Optimizer;
  steps = 0;

  constructor(
    readonly config: ClassifierConfig,
    train: LabelledSet,
  ) {
    this.model = new Cnn(config.seed);
    this.optimizer = tf.train.adam(config.learningRate);
    this.sampler = new BatchSampler(train, new Rng(config.seed ^ 0x5eed));
  }

  /** One update; returns the batch loss and accuracy (read back, so the caller can stop on NaN). */
  async trainStep(): Promise<{ loss: number; accuracy: number }> {
    const { batchSize } = this.config;
    const batch = this.sampler.next(batchSize);
    const [loss, correct] = tf.tidy(() => {
      const x = tf.tensor2d(batch.pixels, [batchSize, IMAGE_PIXELS]);
      const y = tf.tensor1d(batch.labels, 'int32');
      let hits: tf.Tensor | null = null;
      const cost = this.optimizer.minimize(
        () => {
          const logits = this.model.activations(x, false).logits;
          // Kept out of minimize's inner scope; disposed below once read.
          hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'int32')));
          return crossEntropy(logits, y);
        },
        true,
        this.model.trainableVariables(),
      )!;
      return [cost, hits!];
    });
    const [lossValue, hitValue] = await Promise.all([loss.data(), correct.data()]);
    tf.dispose([loss, correct]);
    this.steps++;
    return { loss: lossValue[0]!, accuracy: hitValue[0]! / batchSize };
  }

  /**
   * Puts back weights taken at step `steps` (after a NaN, or from a checkpoint) with a fresh Adam: moments
   * that saw a NaN would poison every later step.
   */
  restore(weights: readonly NamedWeight[], steps: number): void {
    if (!Number.isInteger(steps) || steps < 0)
      throw new Error(`Expected a whole step count ≥ 0, got ${steps}`);
    this.model.setWeights(weights);
    this.optimizer.dispose();
    this.optimizer = tf.train.adam(this.config.learningRate);
    this.steps = steps;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}

/** Class probabilities for the first `count` digits of `pixels`, in batches (no tensor outlives the call). */
export async function predictProbabilities(
  model: Cnn,
  pixels: Float32Array,
  count = pixels.length / IMAGE_PIXELS,
  batch = 250,
): Promise<Float32Array> {
  const out = new Float32Array(count * CLASS_COUNT);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const probs = tf.tidy(() =>
      tf.softmax(
        model.logits(
          tf.tensor2d(pixels.subarray(start * IMAGE_PIXELS, (start + n) * IMAGE_PIXELS), [n, IMAGE_PIXELS]),
        ),
      ),
    );
    out.set(await probs.data(), start * CLASS_COUNT);
    probs.dispose();
  }
  return out;
}

/** Index of the largest of `length` values from `offset`. */
export function argMaxOf(values: ArrayLike<number>, offset = 0, length = CLASS_COUNT): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i]! > values[offset + best]!) best = i;
  return best;
}

/** Fraction of the first `count` digits of a set that the model classifies correctly. */
export async function accuracyOn(model: Cnn, set: LabelledSet, count = set.count): Promise<number> {
  const n = Math.min(count, set.count);
  if (n === 0) return 0;
  const probs = await predictProbabilities(model, set.pixels, n);
  let hits = 0;
  for (let i = 0; i < n; i++) if (argMaxOf(probs, i * CLASS_COUNT) === set.labels[i]) hits++;
  return hits / n;
}

/** Feature maps of one digit at each of FEATURE_LAYERS: channel-major [channel][row][col] values. */
export interface FeatureMap {
  layer: FeatureLayer;
  channels: number;
  rows: number;
  cols: number;
  /** channels × rows × cols, channel by channel. */
  values: Float32Array;
}

export async function featureMapsOf(model: Cnn, digit: Float32Array): Promise<FeatureMap[]> {
  const tensors = tf.tidy(() => {
    const acts = model.activations(tf.tensor2d(digit, [1, IMAGE_PIXELS]));
    // [1, h, w, c] → [c, h, w], so each channel is one contiguous image.
    return FEATURE_LAYERS.map((layer) => tf.transpose(tf.squeeze(acts[layer], [0]), [2, 0, 1]));
  });
  const maps: FeatureMap[] = [];
  for (let i = 0; i < tensors.length; i++) {
    const [channels, rows, cols] = tensors[i]!.shape as [number, number, number];
    maps.push({
      layer: FEATURE_LAYERS[i]!,
      channels,
      rows,
      cols,
      values: Float32Array.from(await tensors[i]!.data()),
    });
  }
  tf.dispose(tensors);
  return maps;
}

/** The first layer's kernels as [filter][row][col] (5×5 each), from `conv_1/kernel` [5, 5, 1, 8]. */
export function firstLayerFilters(weights: readonly NamedWeight[]): {
  count: number;
  size: number;
  values: Float32Array;
} {
  const kernel = weights.find((w) => w.name === 'conv_1/kernel');
  if (!kernel) throw new Error('Expected a conv_1/kernel weight');
  const [size, , , count] = kernel.shape as [number, number, number, number];
  const values = new Float32Array(count * size * size);
  for (let f = 0; f < count; f++)
    for (let p = 0; p < size * size; p++) values[f * size * size + p] = kernel.data[p * count + f]!;
  return { count, size, values };
}
