/**
 * A Studio MNIST run as the page sees it: the worker (started lazily, ended when the page leaves), the status,
 * progress, metric histories and latest images. The page renders from these fields; every change calls
 * `host.requestUpdate()`.
 */
import { proxy } from 'comlink';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createImagesWorker } from '../../../workers/images-client';
import type { ImagesApi } from '../../../workers/images.worker';
import type {
  ImageLoadProgress,
  ImageMetricPoint,
  ImageRunInfo,
  ImageRunStatus,
  ImageUpdate,
  ImageViews,
} from '../../../workers/images-protocol';
import type { BackendReport } from '../../../workers/protocol';
import type { ImageModelSpec } from '../../../generative/image-config';
import type { WorkerBridge } from '../../../workers/bridge';
import { imageProfile } from '../../../workers/image-profile';
import { loadBackendPreference, loadCachedMeasurement, saveMeasurement } from '../../../storage/settings';
import { loadCheckpoint, saveCheckpoint } from '../../../storage/db';
import { imageSpecOf } from '../../../generative/image-spec';
import { errorText } from '../../../util/error-text';

export type RunStatus = ImageRunStatus | 'starting' | 'crashed';

/** Points kept per metric; older history is thinned (every other point dropped) beyond this. */
const MAX_POINTS = 1500;

/** One metric's history: iterations and values. */
export interface History {
  x: number[];
  values: Record<string, number[]>;
}

function push(history: History, point: ImageMetricPoint): void {
  history.x.push(point.iteration);
  for (const [key, value] of Object.entries(point.values)) {
    const list = (history.values[key] ??= []);
    while (list.length < history.x.length - 1) list.push(NaN);
    list.push(value);
  }
  if (history.x.length > MAX_POINTS) {
    const keep = (_: number, i: number) => i % 2 === 0 || i === history.x.length - 1;
    history.x = history.x.filter(keep);
    for (const key of Object.keys(history.values)) history.values[key] = history.values[key].filter(keep);
  }
}

export class ImageRun<V extends ImageViews = ImageViews> implements ReactiveController {
  status: RunStatus = 'idle';
  progress: ImageLoadProgress | null = null;
  info: ImageRunInfo | null = null;
  backend: BackendReport | null = null;
  iteration = 0;
  epoch = 0;
  itersPerSec = 0;
  train: History = { x: [], values: {} };
  test: History = { x: [], values: {} };
  views: V | null = null;
  message: string | null = null;
  /** The outcome of the last save, shown next to the button. */
  saved: { ok: boolean; text: string } | null = null;
  /** Bumped on every update: cheap change detection for views that depend on the run. */
  version = 0;
  private readonly bridge: WorkerBridge<ImagesApi>;
  private startedSpec: string | null = null;
  private training: Promise<void> | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    this.bridge = createImagesWorker((message) => {
      this.status = 'crashed';
      this.message = `The worker stopped: ${message}`;
      this.changed();
    });
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bridge.terminate();
    this.startedSpec = null;
  }

  get api(): WorkerBridge<ImagesApi>['api'] {
    return this.bridge.api;
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'loading' || this.status === 'training';
  }

  get started(): boolean {
    return this.startedSpec !== null && this.status !== 'crashed';
  }

  private changed(): void {
    this.version++;
    this.host.requestUpdate();
  }

  private clearHistory(): void {
    this.train = { x: [], values: {} };
    this.test = { x: [], values: {} };
    this.views = null;
    this.iteration = 0;
    this.epoch = 0;
    this.itersPerSec = 0;
  }

  private readonly onProgress = (progress: ImageLoadProgress): void => {
    this.progress = progress;
    this.changed();
  };

  private backendOptions(spec: ImageModelSpec) {
    const profile = imageProfile(spec);
    return { preference: loadBackendPreference(), cached: loadCachedMeasurement(profile.key) };
  }

  private accept(backend: BackendReport, cachedAt: string | undefined): void {
    if (backend.measurement && backend.measurement.measuredAt !== cachedAt)
      saveMeasurement(backend.measurement);
    this.backend = backend;
  }

  /** Builds the model in the worker (fresh weights) unless this very spec is already running. */
  async prepare(spec: ImageModelSpec): Promise<boolean> {
    const key = JSON.stringify(spec);
    if (this.startedSpec === key && this.status !== 'crashed') return true;
    if (this.status === 'crashed') this.bridge.terminate();
    this.status = 'starting';
    this.message = null;
    this.clearHistory();
    this.changed();
    try {
      const options = this.backendOptions(spec);
      const { info, backend } = await this.api.start(spec, options, proxy(this.onProgress));
      this.accept(backend, options.cached?.measuredAt);
      this.info = info;
      this.startedSpec = key;
      this.status = 'paused';
      this.changed();
      await this.refreshViews();
      return true;
    } catch (error) {
      this.status = 'crashed';
      this.message = errorText(error);
      this.changed();
      return false;
    }
  }

  /** Starts over with fresh weights (the next train or step builds the model again). */
  async reset(): Promise<void> {
    await this.pause();
    this.startedSpec = null;
    this.status = 'idle';
    this.message = null;
    this.saved = null;
    this.clearHistory();
    this.changed();
  }

  async trainModel(spec: ImageModelSpec): Promise<void> {
    if (this.status === 'training' || !(await this.prepare(spec))) return;
    if (this.status !== 'paused' && this.status !== 'diverged') return;
    this.status = 'training';
    this.message = null;
    this.changed();
    this.training = (async () => {
      try {
        await this.api.train(proxy((update: ImageUpdate) => this.apply(update)));
      } catch (error) {
        this.status = 'crashed';
        this.message = errorText(error);
        this.changed();
      } finally {
        this.training = null;
      }
    })();
  }

  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    await this.api.pause();
    await this.training;
  }

  async step(spec: ImageModelSpec): Promise<void> {
    if (this.status === 'training' || !(await this.prepare(spec))) return;
    try {
      this.apply(await this.api.stepOnce());
    } catch (error) {
      this.message = errorText(error);
      this.changed();
    }
  }

  async refreshViews(): Promise<void> {
    if (!this.started) return;
    try {
      this.apply(await this.api.views());
    } catch (error) {
      this.message = errorText(error);
      this.changed();
    }
  }

  apply(update: ImageUpdate): void {
    this.status = update.status;
    this.iteration = update.iteration;
    this.epoch = update.epoch;
    if (update.status === 'training') this.itersPerSec = update.itersPerSec;
    if (update.train) push(this.train, update.train);
    if (update.test) push(this.test, update.test);
    // Light snapshots omit the costly views (latent scatter, anomaly list...): keep the last ones.
    if (update.views)
      this.views =
        this.views && this.views.type === update.views.type
          ? ({ ...this.views, ...update.views } as V)
          : (update.views as V);
    if (update.message) this.message = update.message;
    this.changed();
  }

  /** Saves the run to IndexedDB (taken between two iterations; training goes on). */
  async save(name: string): Promise<void> {
    if (!this.started) return;
    this.saved = null;
    try {
      const checkpoint = await this.api.checkpoint(name);
      const result = await saveCheckpoint(checkpoint);
      this.saved = {
        ok: true,
        text: `Saved “${checkpoint.name}” (${Math.round(result.record.sizeBytes / 1024)} KB).`,
      };
    } catch (error) {
      this.saved = { ok: false, text: errorText(error) };
    }
    this.changed();
  }

  /** Replaces the run with a saved one; returns the spec it runs (for the page's form) or null on failure. */
  async resume(id: string): Promise<ImageModelSpec | null> {
    await this.pause();
    this.status = 'starting';
    this.message = null;
    this.clearHistory();
    this.changed();
    try {
      const checkpoint = await loadCheckpoint(id);
      const spec = imageSpecOf(checkpoint);
      const options = this.backendOptions(spec);
      const { info, backend } = await this.api.restore(checkpoint, options, proxy(this.onProgress));
      this.accept(backend, options.cached?.measuredAt);
      this.info = info;
      this.startedSpec = JSON.stringify(spec);
      this.status = 'paused';
      this.iteration = checkpoint.counters.gradientSteps;
      this.saved = {
        ok: true,
        text: `Resumed “${checkpoint.name}” at iteration ${checkpoint.counters.gradientSteps}.`,
      };
      this.changed();
      await this.refreshViews();
      return spec;
    } catch (error) {
      this.status = 'crashed';
      this.message = `Could not resume checkpoint ${id}: ${errorText(error)}`;
      this.changed();
      return null;
    }
  }

  /** The spec now running (as started), or null. */
  get runningSpec(): ImageModelSpec | null {
    return this.startedSpec ? (JSON.parse(this.startedSpec) as ImageModelSpec) : null;
  }
}
