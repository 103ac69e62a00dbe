/**
 * The 2-D GAN as the session driver trains it: chunks of iterations that end on the multiples of
 * METRICS_EVERY (so metrics are measured exactly there), losses averaged between two snapshots, and snapshots
 * with every view of the lab. The driver owns the loop, pause/step/speed and the fall-back to the last finite
 * weights; this adapter only trains, measures and draws.
 */
import { Rng } from '../../envs/rng';
import { createDistribution, type Distribution2d } from '../../generative/distributions';
import { createGan2d } from '../../generative/gan-engine';
import type { Gan2dEngineName, Gan2dTrainer, GanIterationStats, GanState } from '../../generative/gan-types';
import type { NamedWeight } from '../../generative/weights';
import { assertValidGanConfig } from '../../generative/gan-config';
import { gridDivergence, modeCoverage } from '../../generative/metrics';
import { drawNoise } from '../../generative/noise';
import type { GenerativeCheckpoint } from '../../storage/checkpoint';
import { captureGanCheckpoint, restoreGanCheckpoint } from '../../generative/gan2d-checkpoint';
import { parseDistributionSpec } from '../../storage/validate-gan';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../core/session-driver';
import {
  GAN2D_VIEW,
  METRIC_SAMPLES,
  METRICS_EVERY,
  type Gan2dLossPoint,
  type Gan2dMetricPoint,
  type Gan2dRunSpec,
  type Gan2dSnapshot,
} from '../protocol/studio';

interface Gan2dGood {
  weights: NamedWeight[];
  optimizer: NamedWeight[];
  state: GanState;
}

const isFiniteStats = (s: GanIterationStats): boolean =>
  [s.dLoss, s.gLoss, s.dReal, s.dFake].every(Number.isFinite);

function describeProblem(bad: GanIterationStats): string {
  if (!Number.isFinite(bad.dLoss)) return `D’s loss became ${bad.dLoss}`;
  if (!Number.isFinite(bad.gLoss)) return `G’s loss became ${bad.gLoss}`;
  return `D’s output became ${Number.isFinite(bad.dReal) ? bad.dFake : bad.dReal}`;
}

export class Gan2dModel implements TrainingModel<Gan2dSnapshot, Gan2dGood> {
  readonly unit = 'iteration';
  readonly divergenceAdvice = 'lower the learning rates or pick another loss, then train again';
  private pendingLosses: Gan2dLossPoint[] = [];
  private pendingMetrics: Gan2dMetricPoint[] = [];
  private window = { count: 0, dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
  private lastMetricsAt = -1;
  private lastLoss: Gan2dLossPoint | null = null;
  private lastMetric: Gan2dMetricPoint | null = null;

  private constructor(
    readonly spec: Gan2dRunSpec,
    readonly gan: Gan2dTrainer,
    private readonly distribution: Distribution2d,
    /** Fixed real samples drawn on the plane. */
    private readonly real: Float32Array,
    /** Real samples the divergence is measured against (fixed per run). */
    private readonly metricReal: Float32Array,
    /** Noise of the drawn generated samples (fixed per run, so they move smoothly). */
    private readonly viewNoise: Float32Array,
  ) {}

  /** A fresh run on `engine` ('js': the typed-array engine). Bad specs throw before anything is built. */
  static create(spec: Gan2dRunSpec, engine: Gan2dEngineName = 'tfjs'): Gan2dModel {
    const config = assertValidGanConfig(structuredClone(spec.config));
    const distributionSpec = parseDistributionSpec(spec.distribution, 'Invalid target distribution');
    const distribution = createDistribution(distributionSpec);
    const gan = createGan2d(config, distribution, engine);
    return Gan2dModel.around(gan, { config, distribution: distributionSpec });
  }

  /** A run rebuilt from a checkpoint (validated: it may come from a file, a link or an old database). */
  static async restore(
    untrusted: unknown,
    engine: Gan2dEngineName = 'tfjs',
  ): Promise<{ model: Gan2dModel; checkpoint: GenerativeCheckpoint }> {
    const { gan, checkpoint } = await restoreGanCheckpoint(untrusted, engine);
    const model = Gan2dModel.around(gan, { config: gan.config, distribution: gan.distribution.spec });
    return { model, checkpoint: checkpoint as GenerativeCheckpoint };
  }

  private static around(gan: Gan2dTrainer, spec: Gan2dRunSpec): Gan2dModel {
    const distribution = gan.distribution;
    // The views' own random stream: drawing never touches the GAN's training or view RNGs.
    const rng = new Rng((spec.config.seed ^ 0x5eed) >>> 0);
    const real = distribution.sample(GAN2D_VIEW.realSamples, rng);
    const metricReal = distribution.sample(METRIC_SAMPLES, rng);
    const viewNoise = drawNoise(GAN2D_VIEW.samples, spec.config.noiseDim, spec.config.noise, rng);
    return new Gan2dModel(structuredClone(spec), gan, distribution, real, metricReal, viewNoise);
  }

  get progress(): number {
    return this.gan.iterations;
  }

  chunkLimit(): number {
    return METRICS_EVERY - (this.gan.iterations % METRICS_EVERY);
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    const rows = await this.gan.train(count);
    const bad = rows.find((r) => !isFiniteStats(r));
    if (bad) return { done: rows.length, problem: describeProblem(bad), at: bad.iteration };
    for (const r of rows) {
      this.window.count++;
      this.window.dLoss += r.dLoss;
      this.window.gLoss += r.gLoss;
      this.window.dReal += r.dReal;
      this.window.dFake += r.dFake;
    }
    const it = this.gan.iterations;
    if (Math.floor(it / METRICS_EVERY) !== Math.floor((it - count) / METRICS_EVERY) || this.lastMetricsAt < 0)
      await this.measure();
    return { done: rows.length };
  }

  async captureGood(): Promise<Gan2dGood> {
    return {
      weights: await this.gan.getWeights(),
      optimizer: await this.gan.getOptimizerState(),
      state: this.gan.getState(),
    };
  }

  restoreGood(good: Gan2dGood): void {
    this.gan.setWeights(good.weights);
    this.gan.setOptimizerState(good.optimizer);
    this.gan.setState(good.state);
  }

  /** n fresh generated samples (the share view animates these), flat [x0, y0, ...]. */
  sample(n: number): Promise<Float32Array> {
    return this.gan.sample(n);
  }

  checkpoint(options: { name: string; appVersion: string; backend: string }): Promise<GenerativeCheckpoint> {
    const latest: Record<string, number> = {};
    if (this.lastLoss) {
      latest['losses/discriminator'] = this.lastLoss.dLoss;
      latest['losses/generator'] = this.lastLoss.gLoss;
    }
    const metric = this.lastMetric;
    if (metric) {
      if (metric.modesCovered !== null) latest['metrics/modesCovered'] = metric.modesCovered;
      if (metric.modesTotal !== null) latest['metrics/modesTotal'] = metric.modesTotal;
      if (metric.highQuality !== null) latest['metrics/highQualityShare'] = metric.highQuality;
      latest['metrics/js'] = metric.js;
      latest['metrics/kl'] = metric.kl;
    }
    return captureGanCheckpoint(this.gan, { ...options, latestMetrics: latest });
  }

  async update(context: UpdateContext): Promise<Gan2dSnapshot> {
    const { gan } = this;
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
    if (this.lastMetricsAt < 0) await this.measure();
    const { points, directions } = await gan.generatorGradients(GAN2D_VIEW.samples, this.viewNoise);
    const grid = await gan.discriminatorGrid(GAN2D_VIEW.gridResolution);
    const oneD = gan.config.noiseDim === 1;
    const manifold = await gan.manifold(oneD ? GAN2D_VIEW.curvePoints : GAN2D_VIEW.meshSize);
    const snapshot: Gan2dSnapshot = {
      // The finished state does not occur here (a GAN has no end of its own).
      status: context.status === 'finished' ? 'paused' : context.status,
      iteration: gan.iterations,
      iterationsPerSec: context.unitsPerSec,
      bounds: this.distribution.bounds,
      real: this.real.slice(),
      fake: points,
      arrows: directions,
      grid: { resolution: grid.resolution, values: grid.values, kind: grid.kind },
      manifold: { dims: manifold.dims, gridSize: manifold.gridSize, points: manifold.points },
      losses: this.pendingLosses,
      metrics: this.pendingMetrics,
      ...(context.message ? { message: context.message } : {}),
    };
    this.pendingLosses = [];
    this.pendingMetrics = [];
    return snapshot;
  }

  dispose(): void {
    this.gan.dispose();
  }

  /** Coverage, quality and grid divergence on METRIC_SAMPLES fresh generated samples. */
  private async measure(): Promise<void> {
    const samples = await this.gan.sample(METRIC_SAMPLES);
    const modes = this.distribution.modes;
    const coverage = modes ? modeCoverage(samples, modes) : null;
    const { kl, js } = gridDivergence(this.metricReal, samples, this.distribution.bounds);
    const point: Gan2dMetricPoint = {
      iteration: this.gan.iterations,
      modesCovered: coverage?.covered ?? null,
      modesTotal: coverage?.total ?? null,
      highQuality: coverage?.highQualityShare ?? null,
      kl,
      js,
    };
    this.pendingMetrics.push(point);
    this.lastMetric = point;
    this.lastMetricsAt = this.gan.iterations;
  }
}

/** The buffers of a snapshot, to transfer instead of copying. */
export function snapshotBuffers(s: Gan2dSnapshot): ArrayBuffer[] {
  return [s.real, s.fake, s.arrows, s.grid.values, s.manifold.points].map((a) => a.buffer as ArrayBuffer);
}
