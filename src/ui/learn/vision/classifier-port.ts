/**
 * The classifier's RunPort: its methods in a Learn worker (one per open panel), the backend chosen once per
 * worker as on every page (measured on a stand-in of the CNN's cost, cached for the next visit).
 */
import type { Checkpoint } from '../../../storage/checkpoint';
import { loadBackendPreference, loadCachedMeasurement } from '../../../storage/settings';
import { rememberBackend } from '../../backend-measure';
import { mlpProfile } from '../../../workers/backend-choice';
import type { WorkerBridge } from '../../../workers/bridge';
import { createLearnWorker } from '../../../workers/learn-client';
import type { LearnApi } from '../../../workers/protocol/learn';
import type { BackendReport } from '../../../workers/protocol';
import type { SessionStatus } from '../../../workers/core/session-status';
import type { ClassifierSettings, ClassifierUpdate } from '../../../workers/protocol/learn';
import type { RunPort } from '../../run/run-controller';
import { proxy } from 'comlink';

/**
 * What "auto" measures the backends on. A CNN step costs about as much as this MLP's (~10 M multiply-adds at
 * batch 64); a smaller stand-in let the plain-JS cpu backend win the measurement, and then lose the real
 * training by 20× to WASM.
 */
const PROFILE = mlpProfile([784, 128, 64, 10], 64);
/** Enough Adam steps (about 3 epochs of 8,000 digits) for ~97% test accuracy. */
export const DEFAULT_TRAIN_STEPS = 400;

export class ClassifierPort implements RunPort<ClassifierSettings, ClassifierUpdate> {
  private readonly bridge: WorkerBridge<LearnApi>;
  private backend: Promise<BackendReport> | null = null;

  constructor(onCrash: (message: string) => void) {
    this.bridge = createLearnWorker(onCrash);
  }

  /** The worker's whole API: the panels' tools (attacks, attributions, ...) are called through it. */
  get api(): WorkerBridge<LearnApi>['api'] {
    return this.bridge.api;
  }

  /** Picks the worker's backend once and loads the digits; resolves with the backend and the test-set size. */
  async prepare(): Promise<{ backend: BackendReport; testCount: number }> {
    this.backend ??= (async () => {
      const cached = loadCachedMeasurement(PROFILE.key);
      // Convolutions are where a GPU pays off: without a measurement, WebGPU first on a real GPU.
      const report = await this.api.init({
        preference: loadBackendPreference(),
        profile: PROFILE,
        cached,
        prefersGpu: true,
      });
      rememberBackend(report);
      return report;
    })();
    const backend = await this.backend;
    return { backend, testCount: (await this.api.visionPrepare()).testCount };
  }

  async start(settings: ClassifierSettings): Promise<{ backend: BackendReport; update: ClassifierUpdate }> {
    const { backend } = await this.prepare();
    return { backend, update: await this.api.visionStart(settings, DEFAULT_TRAIN_STEPS) };
  }

  async resume(
    checkpoint: Checkpoint,
  ): Promise<{ backend: BackendReport; spec: ClassifierSettings; update: ClassifierUpdate }> {
    const { backend } = await this.prepare();
    const { settings, update } = await this.api.visionResume(checkpoint);
    return { backend, spec: settings, update };
  }

  train(onUpdate: (update: ClassifierUpdate) => void): Promise<SessionStatus> {
    return this.api.visionTrain(proxy(onUpdate));
  }

  pause(): Promise<void> {
    return this.api.visionPause();
  }

  step(): Promise<ClassifierUpdate> {
    return this.api.visionStep();
  }

  checkpoint(name: string): Promise<Checkpoint> {
    return this.api.visionCheckpoint(name);
  }

  terminate(): void {
    this.bridge.terminate();
    this.backend = null;
  }
}
