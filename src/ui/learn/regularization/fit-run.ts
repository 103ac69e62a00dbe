/**
 * The regularization fit as a run: its port onto the Learn worker (the backend is chosen, and measured once
 * per device in auto mode, before the first fit) and its state: the loss curves, the fitted curve and the
 * latest readout. The fit has no checkpoint kind, so it cannot be saved.
 */
import { proxy } from 'comlink';
import type { FitConfig, FitStop } from '../../../learn/regression-fit';
import { loadBackendPreference, loadCachedMeasurement } from '../../../storage/settings';
import { rememberBackend } from '../../backend-measure';
import { mlpProfile } from '../../../workers/backend-choice';
import type { FitUpdate } from '../../../workers/protocol/learn';
import type { BackendReport } from '../../../workers/protocol';
import type { RunState } from '../../run/run-controller';
import { learnPort } from '../learn-port';

export const STOP_MESSAGES: Record<FitStop, string> = {
  'early-stopping':
    'Early stopping: the validation loss stopped improving, so the best epoch’s weights were restored.',
  'max-epochs': 'Reached the epoch budget.',
  diverged: 'Training stopped: the loss became NaN or infinite. Lower the learning rate and reset.',
  'stopped-by-user': 'Stopped. The test set is used now, once, to estimate how well this model generalises.',
};

export class FitRunState implements RunState<FitConfig, FitUpdate> {
  epochs: number[] = [];
  train: number[] = [];
  validation: number[] = [];
  curve: Float32Array = new Float32Array(0);
  last: FitUpdate | null = null;

  apply(update: FitUpdate): void {
    if (update.epochs.length > 0) {
      this.epochs = [...this.epochs, ...update.epochs];
      this.train = [...this.train, ...update.trainLoss];
      this.validation = [...this.validation, ...update.validationLoss];
    }
    this.curve = update.curve;
    this.last = update;
  }

  clear(): void {
    this.epochs = [];
    this.train = [];
    this.validation = [];
    this.curve = new Float32Array(0);
    this.last = null;
  }
}

export type FitPort = ReturnType<typeof fitPort>;

export function fitPort(onCrash: (message: string) => void) {
  let backend: BackendReport | null = null;
  return learnPort<FitConfig, FitUpdate, { stop(): Promise<void> }>(onCrash, (api) => ({
    start: async (config) => {
      if (!backend) {
        const profile = mlpProfile([1, 64, 64, 1], 16);
        const cached = loadCachedMeasurement(profile.key);
        backend = await api.init({ preference: loadBackendPreference(), profile, cached });
        rememberBackend(backend);
      }
      return { backend, update: await api.foundationsFitStart(config) };
    },
    resume: () => Promise.reject(new Error('The regularization fit has no checkpoints to resume')),
    train: (onUpdate) => api.foundationsFitTrain(proxy(onUpdate)),
    pause: () => api.foundationsFitPause(),
    step: () => api.foundationsFitStep(),
    checkpoint: () => Promise.reject(new Error('The regularization fit cannot be saved')),
    stop: () => api.foundationsFitStop(),
  }));
}
