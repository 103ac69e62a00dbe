/** Small tfjs workloads used to measure backends: a matmul, an MLP training step, a batch-1 forward pass. */
import * as tf from '@tensorflow/tfjs';
import { median } from './backend-choice';
import type { BenchStats, ModelProfile } from './protocol';

export interface TimingOptions {
  /** Untimed runs first: shader compilation and buffer allocation happen here. */
  warmup: number;
  maxRuns: number;
  /** Stop adding runs once this much time went into timed runs (slow backends still get ≥ minRuns). */
  budgetMs: number;
  minRuns: number;
}

/** Timed samples shorter than this are batched: browsers coarsen performance.now() to 0.1 ms or worse. */
const MIN_SAMPLE_MS = 2;

/** Most repetitions in one timed sample (a sub-microsecond run needs thousands to reach MIN_SAMPLE_MS). */
const MAX_REPS_PER_SAMPLE = 100_000;

/**
 * How many runs one timed sample needs to last MIN_SAMPLE_MS: grows tenfold until a batch does, so a run far
 * below the timer's resolution (the typed-array engine's batch-1 forward pass) is not timed as 0.
 */
async function repsForSample(run: () => Promise<void>): Promise<number> {
  for (let reps = 1; ; reps *= 10) {
    const start = performance.now();
    for (let rep = 0; rep < reps; rep++) await run();
    const ms = performance.now() - start;
    if (ms >= MIN_SAMPLE_MS || reps >= MAX_REPS_PER_SAMPLE) {
      return ms >= MIN_SAMPLE_MS ? Math.max(1, Math.ceil((reps * MIN_SAMPLE_MS) / ms)) : reps;
    }
  }
}

export async function timeRuns(run: () => Promise<void>, options: TimingOptions): Promise<BenchStats> {
  for (let i = 0; i < options.warmup; i++) await run();
  let repsPerSample = await repsForSample(run);
  const times: number[] = [];
  const start = performance.now();
  while (
    times.length < options.minRuns ||
    (times.length < options.maxRuns && performance.now() - start < options.budgetMs)
  ) {
    const t0 = performance.now();
    for (let rep = 0; rep < repsPerSample; rep++) await run();
    const elapsed = performance.now() - t0;
    // Far shorter than a sample should last: the probe was slowed (a pause, a busy machine) and chose too few
    // runs, which a coarse timer would time as 0. Batch ten times more and time again.
    if (elapsed < MIN_SAMPLE_MS / 4 && repsPerSample < MAX_REPS_PER_SAMPLE) {
      repsPerSample = Math.min(MAX_REPS_PER_SAMPLE, repsPerSample * 10);
      continue;
    }
    times.push(elapsed / repsPerSample);
  }
  // Three significant digits: a SIMD forward pass takes well under a microsecond, which fixed decimals round to 0.
  const round = (ms: number): number => Number(ms.toPrecision(3));
  return {
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    runs: times.length * repsPerSample,
  };
}

export function buildMlp(layers: readonly number[], seed = 1): tf.Sequential {
  const model = tf.sequential();
  for (let i = 1; i < layers.length; i++) {
    model.add(
      tf.layers.dense({
        units: layers[i]!,
        inputShape: i === 1 ? [layers[0]!] : undefined,
        activation: i < layers.length - 1 ? 'relu' : 'linear',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
      }),
    );
  }
  return model;
}

/** A model, an optimizer and a fixed batch: one call = one Adam step with the loss read back, as trainers do. */
export class MlpTrainer {
  readonly model: tf.Sequential;
  private readonly optimizer = tf.train.adam(1e-3);
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;

  constructor(profile: ModelProfile, seed = 1) {
    const inputs = profile.layers[0]!;
    const outputs = profile.layers[profile.layers.length - 1]!;
    this.model = buildMlp(profile.layers, seed);
    this.x = tf.randomNormal([profile.batch, inputs], 0, 1, 'float32', seed);
    this.y = tf.randomNormal([profile.batch, outputs], 0, 1, 'float32', seed + 1);
  }

  async step(): Promise<number> {
    const loss = this.optimizer.minimize(
      () => tf.losses.meanSquaredError(this.y, this.model.apply(this.x) as tf.Tensor2D) as tf.Scalar,
      true,
    );
    const value = (await loss!.data())[0]!;
    loss!.dispose();
    return value;
  }

  async forwardOne(): Promise<void> {
    const input = tf.zeros([1, this.x.shape[1]]);
    const output = this.model.predict(input) as tf.Tensor;
    await output.data();
    tf.dispose([input, output]);
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
    tf.dispose([this.x, this.y]);
  }
}

export async function benchMatmul(size: number, options: TimingOptions): Promise<BenchStats> {
  const a = tf.randomNormal([size, size], 0, 1, 'float32', 1);
  const b = tf.randomNormal([size, size], 0, 1, 'float32', 2);
  try {
    return await timeRuns(async () => {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    }, options);
  } finally {
    tf.dispose([a, b]);
  }
}
