/**
 * The 2-D GAN lab's run as the UI sees it: its worker, status, the latest snapshot and the series the charts
 * plot. Plain TypeScript (no Lit): the page subscribes with `onChange`.
 */
import { proxy } from 'comlink';
import { createStudioWorker } from '../../../workers/studio-client';
import type { WorkerBridge } from '../../../workers/bridge';
import type { StudioApi } from '../../../workers/studio.worker';
import type { BackendReport } from '../../../workers/protocol';
import { gan2dProfile } from '../../../workers/studio/gan2d-profile';
import type { Gan2dRunSpec, Gan2dSnapshot, Gan2dStatus } from '../../../workers/studio/gan2d-types';
import { loadBackendPreference, loadCachedMeasurement, saveMeasurement } from '../../../storage/settings';
import { saveCheckpoint, type SaveResult } from '../../../storage/db';
import type { Checkpoint, GenerativeCheckpoint } from '../../../storage/checkpoint';
import { errorText } from '../../../util/error-text';

export type RunStatus = Gan2dStatus | 'starting' | 'crashed';

export interface Gan2dSeries {
  lossIteration: number[];
  dLoss: number[];
  gLoss: number[];
  metricIteration: number[];
  /** Modes covered / modes (0..1); empty for targets that are not mixtures. */
  coverage: number[];
  highQuality: number[];
  kl: number[];
  js: number[];
}

/** Points kept per series; past it every other point is dropped, so a long run still shows its history. */
const MAX_POINTS = 3000;

function emptySeries(): Gan2dSeries {
  return {
    lossIteration: [],
    dLoss: [],
    gLoss: [],
    metricIteration: [],
    coverage: [],
    highQuality: [],
    kl: [],
    js: [],
  };
}

function thin(series: Gan2dSeries, keys: (keyof Gan2dSeries)[]): void {
  if (series[keys[0]].length < MAX_POINTS) return;
  for (const key of keys) series[key] = series[key].filter((_, i) => i % 2 === 0);
}

export class Gan2dRun {
  status: RunStatus = 'idle';
  backend: BackendReport | null = null;
  snapshot: Gan2dSnapshot | null = null;
  series: Gan2dSeries = emptySeries();
  message: string | null = null;
  /** Latest coverage, for the stats line. */
  modes: { covered: number; total: number } | null = null;
  /** Bumped on every new snapshot, so the view knows to redraw. */
  version = 0;
  private readonly bridge: WorkerBridge<StudioApi>;
  private training: Promise<void> | null = null;
  private disposed = false;

  constructor(
    public spec: Gan2dRunSpec,
    private readonly onChange: () => void,
  ) {
    this.bridge = createStudioWorker((message) => {
      this.status = 'crashed';
      this.message = `The training worker crashed (${message}). Press Reset to start again.`;
      this.training = null;
      this.onChange();
    });
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'training';
  }

  private backendOptions() {
    const profile = gan2dProfile(this.spec.config);
    return { preference: loadBackendPreference(), cached: loadCachedMeasurement(profile.key) };
  }

  private rememberMeasurement(report: BackendReport, cachedAt: string | undefined): void {
    if (report.measurement && report.measurement.measuredAt !== cachedAt) saveMeasurement(report.measurement);
  }

  /** Starts a fresh run of `spec` (the old one stops first); bad specs leave the old run as it was. */
  async start(spec: Gan2dRunSpec = this.spec): Promise<void> {
    await this.pause();
    const previous = this.status;
    this.status = 'starting';
    this.message = null;
    this.onChange();
    try {
      const options = this.backendOptions();
      const { backend, snapshot } = await this.bridge.api.gan2dStart(spec, options);
      this.rememberMeasurement(backend, options.cached?.measuredAt);
      this.spec = structuredClone(spec);
      this.backend = backend;
      this.series = emptySeries();
      this.modes = null;
      this.status = 'paused';
      this.apply(snapshot);
    } catch (error) {
      this.status = previous === 'starting' || previous === 'idle' ? 'crashed' : 'paused';
      this.message = errorText(error);
      this.onChange();
      throw error;
    }
  }

  /** Replaces this run with a saved one; returns the checkpoint's name. */
  async restore(checkpoint: Checkpoint): Promise<string> {
    await this.pause();
    this.status = 'starting';
    this.message = null;
    this.onChange();
    try {
      const options = { preference: loadBackendPreference() };
      const { backend, spec, name, snapshot } = await this.bridge.api.gan2dRestore(checkpoint, options);
      this.rememberMeasurement(backend, undefined);
      this.spec = spec;
      this.backend = backend;
      this.series = emptySeries();
      this.modes = null;
      this.status = 'paused';
      this.apply(snapshot);
      return name;
    } catch (error) {
      this.status = 'crashed';
      this.message = errorText(error);
      this.onChange();
      throw error;
    }
  }

  train(): void {
    if (this.status !== 'paused' && this.status !== 'diverged') return;
    this.status = 'training';
    this.message = null;
    this.onChange();
    this.training = (async () => {
      try {
        await this.bridge.api.gan2dTrain(proxy((snapshot: Gan2dSnapshot) => this.apply(snapshot)));
      } catch (error) {
        if (this.status !== 'crashed') {
          this.status = 'crashed';
          this.message = errorText(error);
          this.onChange();
        }
      } finally {
        this.training = null;
      }
    })();
  }

  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    await this.bridge.api.gan2dPause();
    await this.training;
  }

  async step(): Promise<void> {
    if (this.status !== 'paused' && this.status !== 'diverged') return;
    this.apply(await this.bridge.api.gan2dStep());
  }

  async setSpeed(iterationsPerSec: number): Promise<void> {
    await this.bridge.api.gan2dSetSpeed(iterationsPerSec);
  }

  /** A checkpoint of the run as it is now (training goes on). */
  checkpoint(name: string): Promise<GenerativeCheckpoint> {
    return this.bridge.api.gan2dCheckpoint(name);
  }

  async save(name: string): Promise<SaveResult> {
    return saveCheckpoint(await this.checkpoint(name));
  }

  dispose(): void {
    this.disposed = true;
    this.bridge.terminate();
  }

  private apply(snapshot: Gan2dSnapshot): void {
    if (this.disposed) return;
    this.snapshot = snapshot;
    this.version++;
    if (this.status !== 'starting') this.status = snapshot.status === 'idle' ? 'paused' : snapshot.status;
    if (snapshot.message) this.message = snapshot.message;
    const s = this.series;
    for (const p of snapshot.losses) {
      s.lossIteration.push(p.iteration);
      s.dLoss.push(p.dLoss);
      s.gLoss.push(p.gLoss);
    }
    for (const m of snapshot.metrics) {
      s.metricIteration.push(m.iteration);
      if (m.modesCovered !== null && m.modesTotal !== null) {
        s.coverage.push(m.modesCovered / m.modesTotal);
        this.modes = { covered: m.modesCovered, total: m.modesTotal };
      }
      if (m.highQuality !== null) s.highQuality.push(m.highQuality);
      s.kl.push(m.kl);
      s.js.push(m.js);
    }
    thin(s, ['lossIteration', 'dLoss', 'gLoss']);
    thin(s, ['metricIteration', 'coverage', 'highQuality', 'kl', 'js']);
    this.onChange();
  }
}
