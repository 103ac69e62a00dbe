/**
 * The page's side of the shared MNIST classifier: one Learn worker per open panel, its backend chosen as on
 * every page, the saved classifier loaded from IndexedDB, and a training run with its curve. The host panel
 * re-renders on every change; `view` is a fresh object each time, so child elements see the change.
 */
import { proxy } from 'comlink';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WorkerController } from '../../components/worker-controller';
import { createLearnWorker } from '../../../workers/learn-client';
import type { LearnApi } from '../../../workers/learn.worker';
import { mlpProfile } from '../../../workers/backend-choice';
import { loadBackendPreference, loadCachedMeasurement, saveMeasurement } from '../../../storage/settings';
import type { ClassifierStatus, TrainPoint, TrainProgress } from '../../../learn/vision-protocol';
import { errorText } from '../../../util/error-text';

/**
 * What "auto" measures the backends on. A CNN step costs about as much as this MLP's (~10 M multiply-adds at
 * batch 64); a smaller stand-in let the plain-JS cpu backend win the measurement, and then lose the real
 * training by 20× to WASM.
 */
const PROFILE = mlpProfile([784, 128, 64, 10], 64);
/** Enough Adam steps (about 3 epochs of 8,000 digits) for ~97% test accuracy. */
export const DEFAULT_TRAIN_STEPS = 400;

export interface ClassifierView {
  /** 'starting' until the worker has its backend, digits and saved classifier. */
  phase: 'starting' | 'failed' | ClassifierStatus['phase'];
  status: ClassifierStatus | null;
  history: readonly TrainPoint[];
  /** Share of the current run done. */
  fraction: number;
  error: string | null;
  testCount: number;
}

export class ClassifierSession implements ReactiveController {
  readonly worker: WorkerController<LearnApi>;
  view: ClassifierView = {
    phase: 'starting',
    status: null,
    history: [],
    fraction: 0,
    error: null,
    testCount: 0,
  };
  private started: Promise<boolean> | null = null;
  /** Called when a classifier becomes available or changes (after training or loading). */
  onModelChange: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    this.worker = new WorkerController(host, createLearnWorker);
    host.addController(this);
  }

  get api() {
    return this.worker.api;
  }

  /** A classifier exists in the worker (trained, being trained, or loaded). */
  get hasModel(): boolean {
    return this.view.status?.source != null && this.view.phase !== 'starting' && this.view.phase !== 'failed';
  }

  private set(patch: Partial<ClassifierView>): void {
    this.view = { ...this.view, ...patch };
    this.host.requestUpdate();
  }

  hostConnected(): void {
    void this.start();
  }

  hostDisconnected(): void {
    this.started = null;
  }

  /** Starts the worker once; resolves true when it is ready. */
  start(): Promise<boolean> {
    this.started ??= (async () => {
      try {
        const cached = loadCachedMeasurement(PROFILE.key);
        const report = await this.api.init({ preference: loadBackendPreference(), profile: PROFILE, cached });
        if (report.measurement && report.measurement.measuredAt !== cached?.measuredAt)
          saveMeasurement(report.measurement);
        const prepared = await this.api.visionPrepare();
        this.set({
          phase: prepared.status.phase,
          status: prepared.status,
          history: prepared.history,
          testCount: prepared.testCount,
          error: prepared.status.message,
        });
        if (prepared.status.phase === 'ready') this.onModelChange?.();
        return true;
      } catch (error) {
        this.set({ phase: 'failed', error: errorText(error) });
        return false;
      }
    })();
    return this.started;
  }

  async train(steps: number, fresh: boolean, stopAtAccuracy?: number): Promise<void> {
    if (!(await this.start())) return;
    this.set({ error: null, fraction: 0, ...(fresh ? { history: [] } : {}) });
    try {
      const status = await this.api.visionTrain(
        { steps, fresh, ...(stopAtAccuracy !== undefined ? { stopAtAccuracy } : {}) },
        proxy((progress: TrainProgress) => this.apply(progress)),
      );
      this.set({ phase: status.phase, status, error: status.message });
      this.onModelChange?.();
    } catch (error) {
      this.set({ error: errorText(error) });
    }
  }

  private apply(progress: TrainProgress): void {
    this.set({
      phase: progress.status.phase,
      status: progress.status,
      history: progress.points.length > 0 ? [...this.view.history, ...progress.points] : this.view.history,
      fraction: progress.fraction,
    });
  }

  pause(): void {
    void this.api.visionPause();
  }

  resume(): void {
    void this.api.visionResume();
  }

  stop(): void {
    void this.api.visionStop();
  }
}
