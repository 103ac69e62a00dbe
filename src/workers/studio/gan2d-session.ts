/**
 * One 2-D GAN run as the studio worker drives it: trains in time-sliced chunks (yielding between them, so that
 * pause/step/speed/checkpoint calls are honoured at once), streams view snapshots at a steady ~12 Hz, computes
 * sample-quality metrics every METRICS_EVERY iterations, and stops on a non-finite loss after restoring the
 * last finite weights. No Comlink and no worker globals here: the yield and the clock are injected, so the
 * whole loop runs in Node tests.
 */
import { Rng } from '../../envs/rng';
import { createDistribution, type Distribution2d } from '../../generative/distributions';
import { Gan2d, type GanIterationStats, type GanState, type NamedWeight } from '../../generative/gan';
import { assertValidGanConfig } from '../../generative/gan-config';
import { gridDivergence, modeCoverage } from '../../generative/metrics';
import { drawNoise } from '../../generative/noise';
import type { GenerativeCheckpoint } from '../../storage/checkpoint';
import { captureGanCheckpoint, restoreGanCheckpoint } from '../../generative/gan2d-checkpoint';
import { parseDistributionSpec } from '../../storage/validate-gan';
import {
  GAN2D_VIEW,
  METRIC_SAMPLES,
  METRICS_EVERY,
  type Gan2dLossPoint,
  type Gan2dMetricPoint,
  type Gan2dRunSpec,
  type Gan2dSnapshot,
  type Gan2dStatus,
} from './gan2d-types';

/** Time spent training before yielding to the message queue (pause must feel instant). */
const CHUNK_MS = 16;
/** Snapshots at most this often (~12 Hz); slower when drawing them costs much (WebGPU read-backs). */
const SNAPSHOT_MS = 80;
/** Snapshots take at most ~1/SNAPSHOT_COST_SHARE of the time. */
const SNAPSHOT_COST_FACTOR = 4;
/** A finite copy of everything is kept this often, to fall back on if training diverges. */
const LAST_GOOD_MS = 1000;
const MAX_CHUNK = 2000;

export interface SessionEnvironment {
  /** Lets queued messages (pause, step, ...) run; a MessageChannel round trip in the worker. */
  yieldToEvents: () => Promise<void>;
  now: () => number;
  /** Waits `ms` (or until woken); used only when the speed is capped. */
  sleep: (ms: number, wake: Promise<void>) => Promise<void>;
}

interface LastGood {
  weights: NamedWeight[];
  optimizer: NamedWeight[];
  state: GanState;
}

interface Run {
  spec: Gan2dRunSpec;
  distribution: Distribution2d;
  gan: Gan2d;
  real: Float32Array;
  /** Real samples the divergence is measured against (fixed per run). */
  metricReal: Float32Array;
  /** Noise of the drawn generated samples (fixed per run, so they move smoothly). */
  viewNoise: Float32Array;
  lastGood: LastGood;
}

const isFiniteStats = (s: GanIterationStats): boolean =>
  [s.dLoss, s.gLoss, s.dReal, s.dFake].every(Number.isFinite);

/** A tiny FIFO mutex: training chunks, steps, snapshots and checkpoints never interleave. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class Gan2dSession {
  private run: Run | null = null;
  private statusValue: Gan2dStatus = 'idle';
  private stopRequested = false;
  private wakeUp: () => void = () => {};
  private wake: Promise<void> = Promise.resolve();
  /** Iterations per second; 0 means as fast as possible. */
  private speed = 0;
  private readonly lock = new Mutex();
  private pendingLosses: Gan2dLossPoint[] = [];
  private pendingMetrics: Gan2dMetricPoint[] = [];
  private window = { count: 0, dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
  private lastMetricsAt = -1;
  private message: string | undefined;

  constructor(private readonly env: SessionEnvironment) {
    this.resetWake();
  }

  get status(): Gan2dStatus {
    return this.statusValue;
  }

  get iterations(): number {
    return this.run?.gan.iterations ?? 0;
  }

  /** The GAN being trained (tests and the bench read it; the UI never does). */
  get gan(): Gan2d | null {
    return this.run?.gan ?? null;
  }

  /** Builds a fresh run (any previous one is stopped and freed). Bad specs throw before anything changes. */
  async start(spec: Gan2dRunSpec): Promise<void> {
    const config = assertValidGanConfig(structuredClone(spec.config));
    const distributionSpec = parseDistributionSpec(spec.distribution, 'Invalid target distribution');
    const distribution = createDistribution(distributionSpec);
    await this.stopAndWait();
    await this.lock.run(async () => {
      this.dispose();
      await this.adopt(new Gan2d(config, distribution), { config, distribution: distributionSpec });
    });
  }

  /** Rebuilds the run from a checkpoint (validated: it may come from a file, a link or an old database). */
  async restore(untrusted: unknown): Promise<GenerativeCheckpoint> {
    await this.stopAndWait();
    return this.lock.run(async () => {
      const { gan, checkpoint } = await restoreGanCheckpoint(untrusted);
      this.dispose();
      await this.adopt(gan, { config: gan.config, distribution: gan.distribution.spec });
      return checkpoint as GenerativeCheckpoint;
    });
  }

  private async adopt(gan: Gan2d, spec: Gan2dRunSpec): Promise<void> {
    const distribution = gan.distribution;
    // The views' own random streams: drawing never touches the GAN's training or view RNGs.
    const rng = new Rng((spec.config.seed ^ 0x5eed) >>> 0);
    const real = distribution.sample(GAN2D_VIEW.realSamples, rng);
    const metricReal = distribution.sample(METRIC_SAMPLES, rng);
    const viewNoise = drawNoise(GAN2D_VIEW.samples, spec.config.noiseDim, spec.config.noise, rng);
    const lastGood = await this.captureLastGood(gan);
    this.run = { spec: structuredClone(spec), distribution, gan, real, metricReal, viewNoise, lastGood };
    this.statusValue = 'paused';
    this.pendingLosses = [];
    this.pendingMetrics = [];
    this.window = { count: 0, dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
    this.lastMetricsAt = -1;
    this.message = undefined;
  }

  /** Caps training at `iterationsPerSec` (0: as fast as possible); applies at once, also while training. */
  setSpeed(iterationsPerSec: number): void {
    if (!Number.isFinite(iterationsPerSec) || iterationsPerSec < 0)
      throw new Error(`Expected a speed ≥ 0 iterations per second, got ${iterationsPerSec}`);
    this.speed = iterationsPerSec;
    this.wakeUp();
  }

  /**
   * Trains until pause(), `maxIterations` or divergence, handing `onSnapshot` a snapshot ~12 times a second
   * and a last one with the status it stopped in. Resolves with that status.
   */
  async train(onSnapshot: (snapshot: Gan2dSnapshot) => void, maxIterations = Infinity): Promise<Gan2dStatus> {
    const run = this.requireRun();
    if (this.statusValue === 'training') throw new Error('This run is already training');
    if (this.statusValue === 'diverged') this.statusValue = 'paused';
    this.statusValue = 'training';
    this.stopRequested = false;
    this.message = undefined;
    const { now } = this.env;
    // The first chunk is one iteration: on a slow backend (WebGPU in software) even 8 could take seconds.
    let msPerIteration = CHUNK_MS;
    let lastSnapshot = -Infinity;
    let snapshotCost = 0;
    let lastGoodAt = now();
    let rateStart = now();
    let rateDone = 0;
    let rateSpeed = this.speed;
    let windowStart = now();
    let windowIterations = run.gan.iterations;
    try {
      while (!this.stopRequested && run.gan.iterations < maxIterations) {
        if (rateSpeed !== this.speed) {
          [rateStart, rateDone, rateSpeed] = [now(), 0, this.speed];
        }
        let count = Math.max(1, Math.min(MAX_CHUNK, Math.floor(CHUNK_MS / msPerIteration)));
        if (this.speed > 0) {
          const due = Math.floor((this.speed * (now() - rateStart)) / 1000) - rateDone;
          if (due <= 0) {
            const wait = Math.min(SNAPSHOT_MS, 1000 / this.speed);
            await this.env.sleep(wait, this.wake);
          }
          count = Math.min(count, Math.max(0, due));
        }
        count = Math.min(count, maxIterations - run.gan.iterations);
        // Chunks end on multiples of METRICS_EVERY, so that metrics are measured exactly there.
        count = Math.min(count, METRICS_EVERY - (run.gan.iterations % METRICS_EVERY));
        if (count > 0) {
          const t0 = now();
          const problem = await this.lock.run(() => this.trainChunk(run, count));
          const elapsed = now() - t0;
          msPerIteration = 0.7 * msPerIteration + 0.3 * Math.max(0.01, elapsed / count);
          rateDone += count;
          if (problem) {
            this.message = problem;
            this.statusValue = 'diverged';
            break;
          }
          if (now() - lastGoodAt > LAST_GOOD_MS) {
            run.lastGood = await this.lock.run(() => this.captureLastGood(run.gan));
            lastGoodAt = now();
          }
        }
        const t = now();
        if (t - lastSnapshot >= Math.max(SNAPSHOT_MS, SNAPSHOT_COST_FACTOR * snapshotCost)) {
          const rate =
            t > windowStart ? ((run.gan.iterations - windowIterations) * 1000) / (t - windowStart) : 0;
          [windowStart, windowIterations] = [t, run.gan.iterations];
          onSnapshot(await this.lock.run(() => this.snapshotOf(run, rate)));
          lastSnapshot = t;
          snapshotCost = now() - t;
        }
        await this.env.yieldToEvents();
      }
    } finally {
      if (this.statusValue === 'training') this.statusValue = 'paused';
    }
    onSnapshot(await this.lock.run(() => this.snapshotOf(run, 0)));
    return this.statusValue;
  }

  /** Asks the training loop to stop after its current chunk. */
  pause(): void {
    this.stopRequested = true;
    this.wakeUp();
  }

  /** One iteration (k D steps + one G step) of a paused run, and the snapshot after it. */
  async step(): Promise<Gan2dSnapshot> {
    const run = this.requireRun();
    if (this.statusValue === 'training') throw new Error('Pause the run before stepping it by hand');
    return this.lock.run(async () => {
      this.message = undefined;
      const problem = await this.trainChunk(run, 1);
      if (problem) {
        this.message = problem;
        this.statusValue = 'diverged';
      } else this.statusValue = 'paused';
      return this.snapshotOf(run, 0);
    });
  }

  /** The views now, without training (for the first frame and after changes while paused). */
  snapshot(): Promise<Gan2dSnapshot> {
    const run = this.requireRun();
    return this.lock.run(() => this.snapshotOf(run, 0));
  }

  /** n fresh generated samples (the share view animates these), flat [x0, y0, ...]. */
  sample(n: number): Promise<Float32Array> {
    const run = this.requireRun();
    return this.lock.run(() => run.gan.sample(n));
  }

  /** A checkpoint between two chunks (training goes on). */
  checkpoint(options: { name: string; appVersion: string; backend: string }): Promise<GenerativeCheckpoint> {
    const run = this.requireRun();
    return this.lock.run(async () => {
      const latest: Record<string, number> = {};
      const loss = this.lastLoss;
      if (loss) {
        latest['losses/discriminator'] = loss.dLoss;
        latest['losses/generator'] = loss.gLoss;
      }
      const metric = this.lastMetric;
      if (metric) {
        if (metric.modesCovered !== null) latest['metrics/modesCovered'] = metric.modesCovered;
        if (metric.modesTotal !== null) latest['metrics/modesTotal'] = metric.modesTotal;
        if (metric.highQuality !== null) latest['metrics/highQualityShare'] = metric.highQuality;
        latest['metrics/js'] = metric.js;
        latest['metrics/kl'] = metric.kl;
      }
      return captureGanCheckpoint(run.gan, { ...options, latestMetrics: latest });
    });
  }

  private lastLoss: Gan2dLossPoint | null = null;
  private lastMetric: Gan2dMetricPoint | null = null;

  /** Frees the run's tensors. */
  dispose(): void {
    this.run?.gan.dispose();
    this.run = null;
    this.statusValue = 'idle';
  }

  /** Runs `count` iterations; returns a message when a loss was not finite (after restoring the last good state). */
  private async trainChunk(run: Run, count: number): Promise<string | null> {
    const rows = await run.gan.train(count);
    const bad = rows.find((r) => !isFiniteStats(r));
    if (bad) {
      const good = run.lastGood;
      run.gan.setWeights(good.weights);
      run.gan.setOptimizerState(good.optimizer);
      run.gan.setState(good.state);
      const what = !Number.isFinite(bad.dLoss)
        ? `D’s loss became ${bad.dLoss}`
        : !Number.isFinite(bad.gLoss)
          ? `G’s loss became ${bad.gLoss}`
          : `D’s output became ${Number.isFinite(bad.dReal) ? bad.dFake : bad.dReal}`;
      return (
        `Training diverged at iteration ${bad.iteration.toLocaleString('en-US')}: ${what}. ` +
        `The last finite weights (iteration ${good.state.iterations.toLocaleString('en-US')}) were restored; ` +
        'lower the learning rates or pick another loss, then train again.'
      );
    }
    for (const r of rows) {
      this.window.count++;
      this.window.dLoss += r.dLoss;
      this.window.gLoss += r.gLoss;
      this.window.dReal += r.dReal;
      this.window.dFake += r.dFake;
    }
    const it = run.gan.iterations;
    if (
      Math.floor(it / METRICS_EVERY) !== Math.floor((it - count) / METRICS_EVERY) ||
      this.lastMetricsAt < 0
    ) {
      await this.measure(run);
    }
    return null;
  }

  /** Coverage, quality and grid divergence on METRIC_SAMPLES fresh generated samples. */
  private async measure(run: Run): Promise<void> {
    const samples = await run.gan.sample(METRIC_SAMPLES);
    const modes = run.distribution.modes;
    const coverage = modes ? modeCoverage(samples, modes) : null;
    const { kl, js } = gridDivergence(run.metricReal, samples, run.distribution.bounds);
    const point: Gan2dMetricPoint = {
      iteration: run.gan.iterations,
      modesCovered: coverage?.covered ?? null,
      modesTotal: coverage?.total ?? null,
      highQuality: coverage?.highQualityShare ?? null,
      kl,
      js,
    };
    this.pendingMetrics.push(point);
    this.lastMetric = point;
    this.lastMetricsAt = run.gan.iterations;
  }

  private async snapshotOf(run: Run, iterationsPerSec: number): Promise<Gan2dSnapshot> {
    const { gan } = run;
    if (this.window.count > 0) {
      const w = this.window;
      const point: Gan2dLossPoint = {
        iteration: gan.iterations,
        dLoss: w.dLoss / w.count,
        gLoss: w.gLoss / w.count,
        dReal: w.dReal / w.count,
        dFake: w.dFake / w.count,
      };
      this.pendingLosses.push(point);
      this.lastLoss = point;
      this.window = { count: 0, dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
    }
    if (this.lastMetricsAt < 0) await this.measure(run);
    const { points, directions } = await gan.generatorGradients(GAN2D_VIEW.samples, run.viewNoise);
    const grid = await gan.discriminatorGrid(GAN2D_VIEW.gridResolution);
    const oneD = gan.config.noiseDim === 1;
    const manifold = await gan.manifold(oneD ? GAN2D_VIEW.curvePoints : GAN2D_VIEW.meshSize);
    const snapshot: Gan2dSnapshot = {
      status: this.statusValue,
      iteration: gan.iterations,
      iterationsPerSec,
      bounds: run.distribution.bounds,
      real: run.real.slice(),
      fake: points,
      arrows: directions,
      grid: { resolution: grid.resolution, values: grid.values, kind: grid.kind },
      manifold: { dims: manifold.dims, gridSize: manifold.gridSize, points: manifold.points },
      losses: this.pendingLosses,
      metrics: this.pendingMetrics,
      ...(this.message ? { message: this.message } : {}),
    };
    this.pendingLosses = [];
    this.pendingMetrics = [];
    return snapshot;
  }

  private async captureLastGood(gan: Gan2d): Promise<LastGood> {
    return {
      weights: await gan.getWeights(),
      optimizer: await gan.getOptimizerState(),
      state: gan.getState(),
    };
  }

  private async stopAndWait(): Promise<void> {
    if (this.statusValue !== 'training') return;
    this.pause();
    // The loop ends after its current chunk and final snapshot; the lock then frees.
    while (this.statusValue === 'training') await this.env.yieldToEvents();
  }

  private resetWake(): void {
    this.wake = new Promise((resolve) => (this.wakeUp = resolve));
    void this.wake.then(() => this.resetWake());
  }

  private requireRun(): Run {
    if (!this.run) throw new Error('No run is set up: call start() first');
    return this.run;
  }
}

/** The buffers of a snapshot, to transfer instead of copying. */
export function snapshotBuffers(s: Gan2dSnapshot): ArrayBuffer[] {
  return [s.real, s.fake, s.arrows, s.grid.values, s.manifold.points].map((a) => a.buffer as ArrayBuffer);
}
