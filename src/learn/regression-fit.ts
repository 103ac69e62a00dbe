/**
 * An MLP (1 → hidden → hidden → 1, tanh) fitted to a 1-D regression set with tfjs, one full-batch Adam step
 * per epoch, with the regularizers the panel toggles: inverted dropout on the hidden units (masks drawn from
 * our seeded Rng, so a run is reproducible), L2 weight decay λ·Σ‖W‖² on the kernels (as Keras' l2
 * regularizer), input jitter as data augmentation, and early stopping with patience that restores the
 * weights of the best validation epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import type { RegressionData } from './regression-data';
import { validateFitConfig, type FitConfig } from './fit-config';
import { captureTrainerState, restoreTrainerState, type TrainerState } from './trainer-state';

export { DEFAULT_FIT_CONFIG, validateFitConfig, type FitConfig } from './fit-config';

export interface EpochResult {
  epoch: number;
  /** Mean squared error on the training set (no dropout, no penalty), comparable with validation. */
  trainLoss: number;
  validationLoss: number;
}

/** Everything needed to put a fit back where it was (weights, Adam, dropout stream, counters). */
export interface FitState {
  trainer: TrainerState;
  bestEpoch: number;
  bestValidation: number;
  bestWeights: Float32Array[] | null;
}

export type FitStop = 'early-stopping' | 'max-epochs' | 'diverged' | 'stopped-by-user';

function mse(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(prediction, target)));
}

export class RegressionFit {
  readonly config: FitConfig;
  private readonly rng: Rng;
  private readonly variables: tf.Variable[];
  private readonly optimizer: tf.AdamOptimizer;
  private readonly trainX: tf.Tensor2D;
  private readonly trainY: tf.Tensor2D;
  private readonly evalX: tf.Tensor2D;
  private readonly evalY: tf.Tensor2D;
  private readonly trainCount: number;
  private readonly testX: tf.Tensor2D;
  private readonly testY: tf.Tensor2D;
  epoch = 0;
  bestEpoch = 0;
  bestValidation = Infinity;
  private bestWeights: Float32Array[] | null = null;
  stopped: FitStop | null = null;

  constructor(
    readonly data: RegressionData,
    config: FitConfig,
  ) {
    validateFitConfig(config);
    this.config = { ...config };
    this.rng = new Rng(config.seed);
    const h = config.hidden;
    const glorot = (fanIn: number, fanOut: number): tf.Variable => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const values = Float32Array.from({ length: fanIn * fanOut }, () => this.rng.uniform(-limit, limit));
      return tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut])));
    };
    this.variables = [
      glorot(1, h),
      tf.tidy(() => tf.variable(tf.zeros([h]))),
      glorot(h, h),
      tf.tidy(() => tf.variable(tf.zeros([h]))),
      glorot(h, 1),
      tf.tidy(() => tf.variable(tf.zeros([1]))),
    ];
    this.optimizer = tf.train.adam(config.learningRate);
    const column = (values: number[]): tf.Tensor2D => tf.tensor2d(values, [values.length, 1]);
    this.trainCount = data.train.x.length;
    this.trainX = column(data.train.x);
    this.trainY = column(data.train.y);
    this.evalX = column([...data.train.x, ...data.validation.x]);
    this.evalY = column([...data.train.y, ...data.validation.y]);
    this.testX = column(data.test.x);
    this.testY = column(data.test.y);
  }

  private forward(x: tf.Tensor2D, masks: [tf.Tensor2D, tf.Tensor2D] | null): tf.Tensor2D {
    const [w1, b1, w2, b2, w3, b3] = this.variables as [
      tf.Variable,
      tf.Variable,
      tf.Variable,
      tf.Variable,
      tf.Variable,
      tf.Variable,
    ];
    let h = tf.tanh(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1));
    if (masks) h = tf.mul(h, masks[0]);
    h = tf.tanh(tf.add(tf.matMul(h as tf.Tensor2D, w2 as tf.Tensor2D), b2));
    if (masks) h = tf.mul(h, masks[1]);
    return tf.add(tf.matMul(h as tf.Tensor2D, w3 as tf.Tensor2D), b3) as tf.Tensor2D;
  }

  /** Inverted dropout: keep with probability 1 − p and scale by 1/(1 − p), so inference needs no change. */
  private dropoutMask(rows: number): tf.Tensor2D {
    const p = this.config.dropout;
    const keep = 1 / (1 - p);
    const values = Float32Array.from({ length: rows * this.config.hidden }, () =>
      this.rng.nextFloat() >= p ? keep : 0,
    );
    return tf.tensor2d(values, [rows, this.config.hidden]);
  }

  /** One full-batch training step and the losses after it. Returns null once the fit has stopped. */
  async trainEpoch(): Promise<EpochResult | null> {
    if (this.stopped) return null;
    const n = this.trainCount;
    const { dropout, l2, jitter } = this.config;
    const jittered = jitter > 0 ? this.data.train.x.map((x) => x + jitter * this.rng.normal()) : null;
    const masks: [tf.Tensor2D, tf.Tensor2D] | null =
      dropout > 0 ? [this.dropoutMask(n), this.dropoutMask(n)] : null;
    tf.tidy(() => {
      const x = jittered ? tf.tensor2d(jittered, [n, 1]) : this.trainX;
      this.optimizer.minimize(
        () => {
          let loss = mse(this.forward(x, masks), this.trainY);
          if (l2 > 0) {
            for (const kernel of [this.variables[0]!, this.variables[2]!, this.variables[4]!]) {
              loss = tf.add(loss, tf.mul(l2, tf.sum(tf.square(kernel))));
            }
          }
          return loss;
        },
        false,
        this.variables,
      );
    });
    masks?.forEach((mask) => mask.dispose());
    this.epoch += 1;
    const losses = tf.tidy(() => {
      const squared = tf.square(tf.sub(this.forward(this.evalX, null), this.evalY));
      const [train, validation] = tf.split(squared, [n, this.data.validation.x.length]);
      return tf.stack([tf.mean(train!), tf.mean(validation!)]);
    });
    const [trainLoss, validationLoss] = Array.from(await losses.data());
    losses.dispose();
    const result: EpochResult = { epoch: this.epoch, trainLoss: trainLoss!, validationLoss: validationLoss! };
    if (!Number.isFinite(result.trainLoss) || !Number.isFinite(result.validationLoss)) {
      this.stopped = 'diverged';
      return result;
    }
    if (result.validationLoss < this.bestValidation) {
      this.bestValidation = result.validationLoss;
      this.bestEpoch = this.epoch;
      if (this.config.patience > 0) this.bestWeights = await this.readWeights();
    } else if (this.config.patience > 0 && this.epoch - this.bestEpoch >= this.config.patience) {
      this.stopped = 'early-stopping';
      if (this.bestWeights) this.writeWeights(this.bestWeights);
      return result;
    }
    if (this.epoch >= this.config.maxEpochs) this.stopped = 'max-epochs';
    return result;
  }

  private async readWeights(): Promise<Float32Array[]> {
    return Promise.all(this.variables.map(async (v) => (await v.data()) as Float32Array));
  }

  private writeWeights(weights: readonly Float32Array[]): void {
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.tensor(weights[i]!, v.shape))));
  }

  /** A copy of the whole fit, or null when its weights are not finite. */
  async captureState(): Promise<FitState | null> {
    const trainer = await captureTrainerState(this.parts());
    if (trainer.weights.some((w) => !w.data.every(Number.isFinite))) return null;
    return {
      trainer,
      bestEpoch: this.bestEpoch,
      bestValidation: this.bestValidation,
      bestWeights: this.bestWeights?.map((w) => w.slice()) ?? null,
    };
  }

  /** Puts a captureState() of this fit back; a fit stopped by divergence can train again. */
  async restoreState(state: FitState): Promise<void> {
    this.epoch = await restoreTrainerState({ ...this.parts(), steps: 0 }, state.trainer);
    this.bestEpoch = state.bestEpoch;
    this.bestValidation = state.bestValidation;
    this.bestWeights = state.bestWeights?.map((w) => w.slice()) ?? null;
    if (this.stopped === 'diverged') this.stopped = null;
  }

  private parts() {
    return { variables: this.variables, optimizer: this.optimizer, rng: this.rng, steps: this.epoch };
  }

  /** Ends training where it is (the test loss may then be read). */
  stop(): void {
    this.stopped ??= 'stopped-by-user';
  }

  /** The model's prediction at each x (no dropout). */
  async predict(xs: readonly number[]): Promise<Float32Array> {
    const y = tf.tidy(() => this.forward(tf.tensor2d([...xs], [xs.length, 1]), null));
    const values = (await y.data()) as Float32Array;
    y.dispose();
    return values;
  }

  /** Mean squared error on the held-out test set: read only once training has stopped. */
  async testLoss(): Promise<number> {
    const loss = tf.tidy(() => mse(this.forward(this.testX, null), this.testY));
    const value = (await loss.data())[0]!;
    loss.dispose();
    return value;
  }

  dispose(): void {
    for (const t of [
      ...this.variables,
      this.trainX,
      this.trainY,
      this.evalX,
      this.evalY,
      this.testX,
      this.testY,
    ])
      t.dispose();
    this.optimizer.dispose();
  }
}
