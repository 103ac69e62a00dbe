/**
 * The page's side of the shared MNIST classifier: a RunController over the classifier's worker port, which
 * first loads the classifier saved in this browser (if any) and then trains it in runs of a step budget. The
 * panels call their tools through `api`; `view` is a fresh object on every render, so the card sees changes.
 */
import type { ReactiveControllerHost } from 'lit';
import { CheckpointError } from '../../../storage/errors';
import { loadCheckpoint } from '../../../storage/db';
import { errorText } from '../../../util/error-text';
import {
  CLASSIFIER_CHECKPOINT_ID,
  DEFAULT_CLASSIFIER_SETTINGS,
  type ClassifierSettings,
  type ClassifierUpdate,
  type TrainPoint,
} from '../../../workers/protocol/learn';
import { RunController } from '../../run/run-controller';
import type { RunStatus } from '../../run/run-status';
import { ClassifierPort, DEFAULT_TRAIN_STEPS } from './classifier-port';
import { ClassifierRunState } from './classifier-run-state';

export { DEFAULT_TRAIN_STEPS };

export interface ClassifierView {
  /** The run's status; 'starting' also while the worker picks its backend and loads the digits. */
  phase: RunStatus;
  latest: ClassifierUpdate | null;
  history: readonly TrainPoint[];
  /** A divergence, a crash, a save or a load that failed, in words. */
  message: string | null;
  testCount: number;
}

export class ClassifierSession {
  readonly run: RunController<ClassifierSettings, ClassifierUpdate>;
  private readonly state = new ClassifierRunState();
  private preparing: Promise<boolean> | null = null;
  private prepared = false;
  private prepareError: string | null = null;
  private testCount = 0;
  private seenStatus: RunStatus = 'idle';
  /** Called when a classifier becomes usable or changes: loaded, or a run ended (or diverged). */
  onModelChange: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    this.run = new RunController(host, {
      port: (onCrash) => new ClassifierPort(onCrash),
      state: this.state,
      activity: 'Training the digit classifier',
    });
    this.run.watch(() => this.noticeStatus());
    host.addController({ hostConnected: () => void this.start(), hostDisconnected: () => this.forget() });
  }

  private get port(): ClassifierPort {
    return this.run.worker as ClassifierPort;
  }

  /** The worker's API, for the panels' tools (started on first use; digits need no backend). */
  get api(): ClassifierPort['api'] {
    return this.port.api;
  }

  /** A classifier is in the worker (trained, being trained, or loaded). */
  get hasModel(): boolean {
    return this.run.ready;
  }

  get view(): ClassifierView {
    const run = this.run;
    return {
      phase: this.prepared || run.status !== 'idle' ? run.status : 'starting',
      latest: this.state.latest,
      history: this.state.history,
      message: run.message ?? this.prepareError,
      testCount: this.testCount,
    };
  }

  /** Starts the worker and loads the saved classifier, once; resolves true when the worker is ready. */
  start(): Promise<boolean> {
    this.preparing ??= (async () => {
      try {
        this.testCount = (await this.port.prepare()).testCount;
        const saved = await this.loadSaved();
        if (saved) await this.run.resume(saved);
        return true;
      } catch (error) {
        this.prepareError = errorText(error);
        return false;
      } finally {
        this.prepared = true;
        this.host.requestUpdate();
      }
    })();
    return this.preparing;
  }

  /** Trains a fresh classifier for DEFAULT_TRAIN_STEPS steps (Train the classifier, Retrain from scratch). */
  async trainFresh(): Promise<void> {
    this.prepareError = null;
    if (await this.run.start(DEFAULT_CLASSIFIER_SETTINGS)) this.run.train();
  }

  /** Trains the classifier there is for another DEFAULT_TRAIN_STEPS steps. */
  async trainMore(): Promise<void> {
    if (!this.run.ready || this.run.busy) return;
    await this.api.visionExtendRun(DEFAULT_TRAIN_STEPS);
    this.run.train();
  }

  pause(): Promise<void> {
    return this.run.pause();
  }

  /** Goes on with a paused run. */
  resume(): void {
    this.run.train();
  }

  /** Ends the run now: the worker measures every test digit and saves the classifier. */
  async stop(): Promise<void> {
    try {
      await this.api.visionStop();
      // A training run finishes by itself at its next chunk; a paused one needs one (empty) step.
      if (this.run.status === 'paused') await this.run.step();
    } catch (error) {
      this.prepareError = errorText(error);
      this.host.requestUpdate();
    }
  }

  /** The saved classifier, or null when none was saved; a slot that cannot be read says so and counts as none. */
  private async loadSaved() {
    try {
      return await loadCheckpoint(CLASSIFIER_CHECKPOINT_ID);
    } catch (error) {
      if (!(error instanceof CheckpointError && error.code === 'not-found'))
        this.prepareError = `The saved classifier could not be loaded (${errorText(error)}); train a new one.`;
      return null;
    }
  }

  /** Tells the panel when a run ends, a saved classifier is loaded, or a run diverges. */
  private noticeStatus(): void {
    const status = this.run.status;
    if (status === this.seenStatus) return;
    const diverged = this.seenStatus === 'training' && status === 'paused' && this.run.message !== null;
    this.seenStatus = status;
    if (status === 'finished' || diverged) this.onModelChange?.();
  }

  private forget(): void {
    this.preparing = null;
    this.prepared = false;
    this.seenStatus = 'idle';
  }
}
