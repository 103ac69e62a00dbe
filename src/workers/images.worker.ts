/**
 * One Studio MNIST run (digit GAN, autoencoder or VAE) training in this worker. The digits are fetched only when
 * a model starts. Training runs in chunks of ~25 ms and yields to the message queue between them, so pause, step
 * and checkpoint calls are honoured at once; updates (metrics, images as transferred typed arrays) stream about
 * seven times a second, held-out metrics and the heavier views about every 1.5 s.
 */
import { expose, transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from './backend';
import { imageProfile } from './image-profile';
import type { BackendReport } from './protocol';
import type {
  AutoencoderViews,
  GanViews,
  ImageLoadProgress,
  ImageMetricPoint,
  ImageModelSpec,
  ImageRunInfo,
  ImageRunStatus,
  ImageUpdate,
  ImageViews,
  VaeViews,
} from './images-protocol';
import { Rng } from '../envs/rng';
import { extremes } from '../generative/autoencoder';
import { GRID_COLUMNS, GRID_ROWS, interpolatePoints, type GanInputPoint } from '../generative/image-gan';
import { createImageModel, type ImageModel } from '../generative/image-models';
import type { StepMetrics, TrainerState } from '../generative/image-trainer';
import { loadMnist, MNIST_PIXELS, type MnistData } from '../generative/mnist-asset';
import { digitsPerClass, gatherDigits } from '../generative/mnist-batches';
import type { NamedWeight } from '../generative/mlp';
import { latentGridPoints } from '../generative/vae';
import type { Checkpoint, GenerativeCheckpoint } from '../storage/checkpoint';
import { captureImageCheckpoint, imageSpecOf, restoreImageCheckpoint } from '../generative/image-checkpoint';
import { validateCheckpoint } from '../storage/validate';
import { exportCheckpointFile } from '../storage/export-file';
import { imageLayersTopologies } from '../generative/image-layers';
import { APP_VERSION } from '../version';

const CHUNK_MS = 25;
const UPDATE_MS = 150;
const HEAVY_MS = 1500;
const LAST_GOOD_MS = 2000;
/** Test digits the held-out loss and the latent scatter use (all 2,000 cost too much per snapshot). */
const TEST_SUBSET = 1000;
const LATENT_GRID = 15;
const LATENT_EXTENT = 3;
const ANOMALY_COUNT = 8;

/** A zero-delay yield: setTimeout(0) is clamped to 4 ms when nested, a MessageChannel is not. */
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

interface Snapshot {
  networks: Record<string, NamedWeight[]>;
  optimizers: Record<string, NamedWeight[]>;
  state: TrainerState;
}

interface Run {
  model: ImageModel;
  data: MnistData;
  info: ImageRunInfo;
  /** Fixed test digits of the views: one per class. */
  viewDigits: number[];
  lastGood: Snapshot | null;
  latest: Record<string, number>;
}

let run: Run | null = null;
let status: ImageRunStatus = 'idle';
let stopRequested = false;
/** Work that must run between two iterations (checkpoints, view requests), done by the loop when training. */
const exclusive: (() => Promise<void>)[] = [];
const viewRng = new Rng(0x5eed);

function requireRun(): Run {
  if (!run) throw new Error('No model is set up: start one first');
  return run;
}

/** Runs `work` between two iterations: at once when idle, else at the training loop's next chunk boundary. */
function between<T>(work: () => Promise<T>): Promise<T> {
  if (status !== 'training') return work();
  return new Promise<T>((resolve, reject) => exclusive.push(() => work().then(resolve, reject)));
}

async function drainExclusive(): Promise<void> {
  while (exclusive.length > 0) await exclusive.shift()!();
}

async function snapshot(model: ImageModel): Promise<Snapshot> {
  return {
    networks: await model.networkWeights(),
    optimizers: await model.optimizerStates(),
    state: model.getState(),
  };
}

function finite(snapshotValue: Snapshot): boolean {
  return Object.values(snapshotValue.networks).every((list) =>
    list.every((w) => w.data.every(Number.isFinite)),
  );
}

function restore(model: ImageModel, saved: Snapshot): void {
  model.setNetworkWeights(saved.networks);
  model.setOptimizerStates(saved.optimizers);
  model.setState(saved.state);
}

function parameterCount(model: ImageModel): number {
  if (model.kind === 'gan')
    return model.generator.parameterCount + (model.trunk?.parameterCount ?? 0) + model.head.parameterCount;
  return model.encoder.parameterCount + model.decoder.parameterCount;
}

/** The images (and for `heavy`, the held-out metrics and costly views) of the model now. */
async function views(
  current: Run,
  heavy: boolean,
): Promise<{ views: ImageViews; test?: Record<string, number> }> {
  const { model, data, viewDigits } = current;
  const digits = gatherDigits(data.test, viewDigits);
  const labels = Array.from(digits.labels);
  if (model.kind === 'gan') {
    const samples = await model.sample(model.gridPoints());
    const result: GanViews = {
      type: 'gan',
      samples,
      rows: GRID_ROWS,
      cols: GRID_COLUMNS,
      rowLabels: model.conditional ? Array.from({ length: GRID_ROWS }, (_, i) => i) : null,
    };
    return { views: result };
  }
  if (model.kind === 'autoencoder') {
    const noisy = model.viewInput(digits.pixels);
    const result: AutoencoderViews = {
      type: 'autoencoder',
      noisy,
      reconstruction: await model.reconstruct(noisy),
      clean: digits.pixels,
      labels,
      noiseLevel: model.config.noiseLevel,
    };
    if (!heavy) return { views: result };
    const evaluation = await model.evaluate(data.test, TEST_SUBSET);
    const { highest, lowest } = extremes(evaluation.scores, ANOMALY_COUNT);
    const scored = (indices: number[]) =>
      indices.map((index) => ({ index, label: data.test.labels[index], score: evaluation.scores[index] }));
    result.anomaly = {
      highest: scored(highest),
      lowest: scored(lowest),
      highestPixels: gatherDigits(data.test, highest).pixels,
      lowestPixels: gatherDigits(data.test, lowest).pixels,
    };
    return { views: result, test: { 'test/reconstruction': evaluation.loss } };
  }
  const result: VaeViews = {
    type: 'vae',
    originals: digits.pixels,
    reconstruction: await model.reconstruct(digits.pixels),
    labels,
  };
  if (!heavy) return { views: result };
  const { latentDim } = model.config;
  const subset = data.test.pixels.subarray(0, TEST_SUBSET * MNIST_PIXELS);
  const means = await model.encodeMeans(subset);
  const points = new Float32Array(TEST_SUBSET * 2);
  for (let i = 0; i < TEST_SUBSET; i++) {
    points[2 * i] = means[i * latentDim];
    points[2 * i + 1] = latentDim > 1 ? means[i * latentDim + 1] : 0;
  }
  result.latent = { points, labels: data.test.labels.slice(0, TEST_SUBSET) };
  result.grid = {
    size: LATENT_GRID,
    extent: LATENT_EXTENT,
    pixels: await model.decode(latentGridPoints(LATENT_GRID, LATENT_EXTENT, latentDim)),
  };
  result.decoder = await model.decoder.getWeights();
  const elbo = await model.evaluate(data.test, TEST_SUBSET);
  return {
    views: result,
    test: {
      'test/negativeElbo': elbo.negativeElbo,
      'test/reconstruction': elbo.reconstruction,
      'test/kl': elbo.kl,
    },
  };
}

function buffersOf(value: ImageViews | undefined): ArrayBuffer[] {
  if (!value) return [];
  const arrays: ArrayBufferView[] = [];
  if (value.type === 'gan') arrays.push(value.samples);
  else if (value.type === 'autoencoder') {
    arrays.push(value.noisy, value.reconstruction, value.clean);
    if (value.anomaly) arrays.push(value.anomaly.highestPixels, value.anomaly.lowestPixels);
  } else {
    arrays.push(value.originals, value.reconstruction);
    if (value.grid) arrays.push(value.grid.pixels);
    if (value.latent) arrays.push(value.latent.points, value.latent.labels);
    for (const w of value.decoder ?? []) arrays.push(w.data);
  }
  // Distinct buffers only (a transfer list must not repeat one); views of shared data are copied by the caller.
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Sends an update, handing the image buffers over instead of copying them. */
function send(onUpdate: (update: ImageUpdate) => void, update: ImageUpdate): void {
  onUpdate(transfer(update, buffersOf(update.views)));
}

/** Averages metric rows. */
function average(rows: readonly StepMetrics[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows)
    for (const [key, value] of Object.entries(row)) sums[key] = (sums[key] ?? 0) + value;
  for (const key of Object.keys(sums)) sums[key] /= rows.length;
  return sums;
}

function allFinite(rows: readonly StepMetrics[]): boolean {
  return rows.every((row) => Object.values(row).every(Number.isFinite));
}

function point(model: ImageModel, values: Record<string, number>): ImageMetricPoint {
  return { iteration: model.iterations, epoch: model.epochs, values };
}

async function startModel(
  spec: ImageModelSpec,
  backend: Omit<InitOptions, 'profile' | 'unsupported'>,
  onProgress: (progress: ImageLoadProgress) => void,
): Promise<{ info: ImageRunInfo; backend: BackendReport }> {
  stopRequested = true;
  run?.model.dispose();
  run = null;
  status = 'loading';
  try {
    onProgress({ stage: 'digits', text: 'Loading the MNIST digits…' });
    const data = await loadMnist(new URL(import.meta.env.BASE_URL, self.location.href));
    onProgress({ stage: 'backend', text: 'Choosing the fastest backend for this model…' });
    const report = await initBackend({ ...backend, profile: imageProfile(spec) });
    onProgress({ stage: 'model', text: 'Building the networks…' });
    const model = createImageModel(spec, data.train);
    const info: ImageRunInfo = {
      kind: model.kind,
      trainCount: data.train.count,
      testCount: data.test.count,
      batchesPerEpoch: Math.floor(data.train.count / spec.config.batchSize),
      parameterCount: parameterCount(model),
    };
    run = { model, data, info, viewDigits: digitsPerClass(data.test, 1), lastGood: null, latest: {} };
    status = 'paused';
    onProgress({ stage: 'ready', text: 'Ready' });
    return { info, backend: report };
  } catch (error) {
    status = 'idle';
    throw error;
  }
}

const api = {
  /** Loads the digits (once per worker), picks the backend for this model's size, and builds the model. */
  start(
    spec: ImageModelSpec,
    backend: Omit<InitOptions, 'profile' | 'unsupported'>,
    onProgress: (progress: ImageLoadProgress) => void,
  ): Promise<{ info: ImageRunInfo; backend: BackendReport }> {
    return startModel(spec, backend, onProgress);
  },

  /**
   * Trains until pause(), `maxIterations` or divergence, streaming updates; a final update carries the status it
   * stopped in. A NaN or infinite loss restores the last finite weights and stops with a message.
   */
  async train(onUpdate: (update: ImageUpdate) => void, maxIterations = Infinity): Promise<ImageRunStatus> {
    const current = requireRun();
    if (status === 'training') throw new Error('This model is already training');
    const { model } = current;
    status = 'training';
    stopRequested = false;
    let rows: StepMetrics[] = [];
    let lastUpdate = performance.now();
    let lastHeavy = -Infinity;
    let lastGoodAt = -Infinity;
    let windowStart = performance.now();
    let windowIterations = model.iterations;
    let msPerIteration = 50;
    let message: string | undefined;
    try {
      while (!stopRequested) {
        const now = performance.now();
        if (now - lastGoodAt > LAST_GOOD_MS) {
          const saved = await snapshot(model);
          if (finite(saved)) current.lastGood = saved;
          lastGoodAt = now;
        }
        const count = Math.max(
          1,
          Math.min(maxIterations - model.iterations, Math.round(CHUNK_MS / msPerIteration)),
        );
        const t0 = performance.now();
        const chunk = await model.train(count);
        msPerIteration = 0.7 * msPerIteration + (0.3 * (performance.now() - t0)) / count;
        if (!allFinite(chunk)) {
          if (current.lastGood) restore(model, current.lastGood);
          status = 'diverged';
          message = `Training diverged at iteration ${model.iterations}: a loss became NaN or infinite. The last finite weights (iteration ${model.iterations}) were restored; lower the learning rate and train again.`;
          break;
        }
        rows.push(...chunk);
        current.latest = chunk[chunk.length - 1];
        if (model.iterations >= maxIterations) break;
        await drainExclusive();
        const after = performance.now();
        if (after - lastUpdate >= UPDATE_MS && !stopRequested) {
          const heavy = after - lastHeavy >= HEAVY_MS;
          const seen = await views(current, heavy);
          if (heavy) lastHeavy = performance.now();
          const elapsed = (after - windowStart) / 1000;
          send(onUpdate, {
            status: 'training',
            iteration: model.iterations,
            epoch: model.epochs,
            itersPerSec: elapsed > 0 ? (model.iterations - windowIterations) / elapsed : 0,
            train: rows.length > 0 ? point(model, average(rows)) : null,
            test: seen.test ? point(model, seen.test) : undefined,
            views: seen.views,
          });
          rows = [];
          lastUpdate = performance.now();
          windowStart = after;
          windowIterations = model.iterations;
        }
        await yieldToEvents();
      }
    } finally {
      if (status === 'training') status = 'paused';
    }
    await drainExclusive();
    const seen = await views(current, true);
    send(onUpdate, {
      status,
      iteration: model.iterations,
      epoch: model.epochs,
      itersPerSec: 0,
      train: rows.length > 0 ? point(model, average(rows)) : null,
      test: seen.test ? point(model, seen.test) : undefined,
      views: seen.views,
      message,
    });
    return status;
  },

  /** Asks a training loop to stop after its current iteration. */
  pause(): void {
    stopRequested = true;
  },

  /** One iteration by hand (the run must be paused), with fresh views. */
  async stepOnce(): Promise<ImageUpdate> {
    const current = requireRun();
    if (status === 'training') throw new Error('Pause the run before stepping it by hand');
    const { model } = current;
    const rows = await model.train(1);
    let message: string | undefined;
    if (!allFinite(rows)) {
      if (current.lastGood) restore(model, current.lastGood);
      status = 'diverged';
      message = 'Training diverged: a loss became NaN or infinite. The last finite weights were restored.';
    }
    const seen = await views(current, true);
    const update: ImageUpdate = {
      status,
      iteration: model.iterations,
      epoch: model.epochs,
      itersPerSec: 0,
      train: point(model, rows[0]),
      test: seen.test ? point(model, seen.test) : undefined,
      views: seen.views,
      message,
    };
    return transfer(update, buffersOf(update.views));
  },

  /** The current views (all of them), e.g. after a restore or a change of the noise level while paused. */
  async views(): Promise<ImageUpdate> {
    const current = requireRun();
    return between(async () => {
      const seen = await views(current, true);
      const update: ImageUpdate = {
        status,
        iteration: current.model.iterations,
        epoch: current.model.epochs,
        itersPerSec: 0,
        train: null,
        test: seen.test ? point(current.model, seen.test) : undefined,
        views: seen.views,
      };
      return transfer(update, buffersOf(update.views));
    });
  },

  /** The denoising autoencoder's σ; takes effect at the next iteration. */
  setNoiseLevel(sigma: number): void {
    const { model } = requireRun();
    if (model.kind !== 'autoencoder') throw new Error('Only the autoencoder has a noise level');
    model.setNoiseLevel(sigma);
  },

  /**
   * The digit GAN's images along a line in its input space: from grid cell `from` to cell `to` (row-major
   * indices), or from/to a fresh random point where null. Labels are blended too.
   */
  async interpolate(from: number | null, to: number | null, steps: number): Promise<Float32Array> {
    const { model } = requireRun();
    if (model.kind !== 'gan') throw new Error('Only the digit GAN interpolates');
    return between(async () => {
      const grid = model.gridPoints();
      const pick = (cell: number | null): GanInputPoint => {
        if (cell === null) return model.randomPoint(viewRng);
        if (!Number.isInteger(cell) || cell < 0 || cell >= grid.length)
          throw new Error(`Expected a grid cell in [0, ${grid.length - 1}], got ${cell}`);
        return grid[cell];
      };
      const pixels = await model.sample(interpolatePoints(pick(from), pick(to), steps));
      return transfer(pixels, [pixels.buffer as ArrayBuffer]);
    });
  },

  /** A checkpoint between two iterations (training goes on). */
  async checkpoint(name: string): Promise<GenerativeCheckpoint> {
    const current = requireRun();
    return between(() =>
      captureImageCheckpoint(current.model, {
        name,
        appVersion: APP_VERSION,
        backend: tf.getBackend(),
        latestMetrics: current.latest,
      }),
    );
  },

  /** Rebuilds a run from a checkpoint (validated again here: it may come from a file or an old database). */
  async restore(
    untrusted: unknown,
    backend: Omit<InitOptions, 'profile' | 'unsupported'>,
    onProgress: (progress: ImageLoadProgress) => void,
  ): Promise<{ info: ImageRunInfo; backend: BackendReport }> {
    const checkpoint: Checkpoint = validateCheckpoint(untrusted, 'Cannot resume from this checkpoint');
    const spec = imageSpecOf(checkpoint);
    const started = await startModel(spec, backend, onProgress);
    const current = requireRun();
    try {
      await restoreImageCheckpoint(checkpoint, current.model);
      current.latest = { ...checkpoint.metrics.latest };
    } catch (error) {
      current.model.dispose();
      run = null;
      status = 'idle';
      throw error;
    }
    return started;
  },

  /** Held-out metrics over the whole test set (2,000 digits): the VAE's −ELBO terms, the autoencoder's loss. */
  async evaluate(): Promise<Record<string, number>> {
    const { model, data } = requireRun();
    return between(async (): Promise<Record<string, number>> => {
      if (model.kind === 'vae') {
        const elbo = await model.evaluate(data.test);
        return {
          'test/negativeElbo': elbo.negativeElbo,
          'test/reconstruction': elbo.reconstruction,
          'test/kl': elbo.kl,
        };
      }
      if (model.kind === 'autoencoder')
        return { 'test/reconstruction': (await model.evaluate(data.test)).loss };
      return {};
    });
  },

  status(): ImageRunStatus {
    return status;
  },

  /** A checkpoint as one zip: TF.js Layers models where a network has one (image-layers.ts), ours for the rest. */
  async exportFile(untrusted: unknown): Promise<Uint8Array> {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    if (!run) await tf.setBackend('cpu'); // a worker started just to export: the CPU backend starts at once
    const bytes = exportCheckpointFile(checkpoint, await imageLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
  numTensors(): number {
    return tf.memory().numTensors;
  },
};

export type ImagesApi = typeof api;
expose(api);
