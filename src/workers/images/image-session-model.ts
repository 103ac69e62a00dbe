/**
 * A Studio MNIST model (digit GAN, autoencoder or VAE) as the session driver trains it: chunks of iterations
 * whose metric rows are averaged between two updates, a finite copy of weights, optimizer slots and counters
 * for the driver to fall back on, and updates that carry the views (images as typed arrays, to transfer). The
 * driver owns the loop, pause/step and the NaN fall-back; this adapter only trains, measures and draws.
 */
import { Rng } from '../../envs/rng';
import { interpolatePoints, type GanInputPoint } from '../../generative/image-gan';
import { createImageModel, type ImageModel, type ImageModelSpec } from '../../generative/image-models';
import type { StepMetrics, TrainerState } from '../../generative/image-trainer';
import type { MnistData } from '../../generative/mnist-asset';
import { digitsPerClass } from '../../generative/mnist-batches';
import type { NamedWeight } from '../../generative/mlp';
import type { Checkpoint, GenerativeCheckpoint } from '../../storage/checkpoint';
import {
  captureImageCheckpoint,
  imageSpecOf,
  restoreImageCheckpoint,
  type ImageCaptureOptions,
} from '../../generative/image-checkpoint';
import type { ChunkOutcome, DriverTiming, TrainingModel, UpdateContext } from '../core/session-driver';
import type { ImageMetricPoint, ImageRunInfo, ImageUpdate } from '../protocol/images';
import { fullTestMetrics, imageViews } from './image-views';

/** Updates about seven times a second; held-out metrics and the costly views about every 1.5 s. */
export const IMAGE_TIMING: Partial<DriverTiming> = {
  chunkMs: 25,
  updateMs: 150,
  heavyMs: 1500,
  lastGoodMs: 2000,
};

/** Everything a rollback needs: with the batch order and noise streams, training continues as before. */
export interface ImageGood {
  networks: Record<string, NamedWeight[]>;
  optimizers: Record<string, NamedWeight[]>;
  state: TrainerState;
}

const allFinite = (weights: Record<string, NamedWeight[]>): boolean =>
  Object.values(weights).every((list) => list.every((w) => w.data.every(Number.isFinite)));

/** The first non-finite metric of some rows, in words ("a loss (losses/kl) became NaN"), or null. */
function problemOf(rows: readonly StepMetrics[]): string | null {
  for (const row of rows)
    for (const [key, value] of Object.entries(row))
      if (!Number.isFinite(value)) return `a loss (${key}) became ${value}`;
  return null;
}

function parameterCount(model: ImageModel): number {
  if (model.kind === 'gan')
    return model.generator.parameterCount + (model.trunk?.parameterCount ?? 0) + model.head.parameterCount;
  return model.encoder.parameterCount + model.decoder.parameterCount;
}

export class ImageSessionModel implements TrainingModel<ImageUpdate, ImageGood> {
  readonly unit = 'iteration';
  readonly info: ImageRunInfo;
  /** Metric rows since the last update (averaged into its train point). */
  private rows: StepMetrics[] = [];
  /** The last iteration's metrics, kept in checkpoints. */
  private latest: Record<string, number> = {};
  /** Fixed test digits of the views: one per class. */
  private readonly viewDigits: number[];
  /** Random inputs of the interpolation: never the model's own streams. */
  private readonly viewRng = new Rng(0x5eed);

  private constructor(
    readonly model: ImageModel,
    private readonly data: MnistData,
  ) {
    this.viewDigits = digitsPerClass(data.test, 1);
    this.info = {
      kind: model.kind,
      trainCount: data.train.count,
      testCount: data.test.count,
      batchesPerEpoch: Math.floor(data.train.count / model.config.batchSize),
      parameterCount: parameterCount(model),
    };
  }

  /** A fresh model. Bad specs throw before anything is built. */
  static create(spec: ImageModelSpec, data: MnistData): ImageSessionModel {
    return new ImageSessionModel(createImageModel(spec, data.train), data);
  }

  /** A model rebuilt from a validated checkpoint, exactly where it stopped. */
  static async restore(checkpoint: Checkpoint, data: MnistData): Promise<ImageSessionModel> {
    const session = ImageSessionModel.create(imageSpecOf(checkpoint), data);
    try {
      await restoreImageCheckpoint(checkpoint, session.model);
    } catch (error) {
      session.dispose();
      throw error;
    }
    session.latest = { ...checkpoint.metrics.latest };
    return session;
  }

  get progress(): number {
    return this.model.iterations;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    const rows = await this.model.train(count);
    const problem = problemOf(rows);
    if (problem !== null) return { done: rows.length, problem };
    this.rows.push(...rows);
    if (rows.length > 0) this.latest = rows[rows.length - 1];
    return { done: rows.length };
  }

  async captureGood(): Promise<ImageGood | null> {
    const networks = await this.model.networkWeights();
    if (!allFinite(networks)) return null;
    return { networks, optimizers: await this.model.optimizerStates(), state: this.model.getState() };
  }

  restoreGood(good: ImageGood): void {
    this.model.setNetworkWeights(good.networks);
    this.model.setOptimizerStates(good.optimizers);
    this.model.setState(good.state);
    this.rows = [];
  }

  async update(context: UpdateContext): Promise<ImageUpdate> {
    const seen = await imageViews(this.model, this.data, this.viewDigits, context.heavy);
    const update: ImageUpdate = {
      status: context.status,
      iteration: this.model.iterations,
      epoch: this.model.epochs,
      itersPerSec: context.unitsPerSec,
      train: this.rows.length > 0 ? this.point(average(this.rows)) : null,
      views: seen.views,
      ...(seen.test ? { test: this.point(seen.test) } : {}),
      ...(context.message !== undefined ? { message: context.message } : {}),
    };
    this.rows = [];
    return update;
  }

  checkpoint(options: Omit<ImageCaptureOptions, 'latestMetrics'>): Promise<GenerativeCheckpoint> {
    return captureImageCheckpoint(this.model, { ...options, latestMetrics: this.latest });
  }

  /** Held-out metrics over the whole test set. */
  evaluate(): Promise<Record<string, number>> {
    return fullTestMetrics(this.model, this.data);
  }

  /** The denoising autoencoder's σ; takes effect at the next iteration. */
  setNoiseLevel(sigma: number): void {
    if (this.model.kind !== 'autoencoder') throw new Error('Only the autoencoder has a noise level');
    this.model.setNoiseLevel(sigma);
  }

  /**
   * The digit GAN's images along a line in its input space: from grid cell `from` to cell `to` (row-major), or
   * from/to a fresh random point where null. Labels are blended too.
   */
  interpolate(from: number | null, to: number | null, steps: number): Promise<Float32Array> {
    const model = this.model;
    if (model.kind !== 'gan') throw new Error('Only the digit GAN interpolates');
    const grid = model.gridPoints();
    const pick = (cell: number | null): GanInputPoint => {
      if (cell === null) return model.randomPoint(this.viewRng);
      if (!Number.isInteger(cell) || cell < 0 || cell >= grid.length)
        throw new Error(`Expected a grid cell in [0, ${grid.length - 1}], got ${cell}`);
      return grid[cell];
    };
    return model.sample(interpolatePoints(pick(from), pick(to), steps));
  }

  dispose(): void {
    this.model.dispose();
  }

  private point(values: Record<string, number>): ImageMetricPoint {
    return { iteration: this.model.iterations, epoch: this.model.epochs, values };
  }
}

/** The mean of each metric over some rows. */
function average(rows: readonly StepMetrics[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows)
    for (const [key, value] of Object.entries(row)) sums[key] = (sums[key] ?? 0) + value;
  for (const key of Object.keys(sums)) sums[key] /= rows.length;
  return sums;
}
