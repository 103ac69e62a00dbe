/**
 * Learn panels 1–6: worker-side jobs. The activations panel's deep-stack gradients, and the regularization
 * panel's live fit (a tfjs MLP on a noisy 1-D regression set), trained in short slices so that pause is honoured at once, with the loss curves and
 * the fitted curve streamed to the page. Methods are prefixed `foundations`.
 */
import { transfer } from 'comlink';
import {
  makeRegressionData,
  type RegressionData,
  type RegressionDataOptions,
  DEFAULT_DATA_OPTIONS,
} from '../../learn/regression-data';
import { RegressionFit, validateFitConfig, type FitConfig, type FitStop } from '../../learn/regression-fit';
import { deepStackGradients, type DeepStackOptions, type DeepStackResult } from '../../learn/deep-stack';

/** Time spent training before yielding to the message queue. */
const CHUNK_MS = 20;
/** How often the page gets new points and the fitted curve. */
const UPDATE_MS = 120;
/** Where the fitted curve is drawn. */
const CURVE_POINTS = 101;
export const FIT_CURVE_X: readonly number[] = Array.from(
  { length: CURVE_POINTS },
  (_, i) => -1.1 + (2.2 * i) / (CURVE_POINTS - 1),
);

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

export interface FitSetup {
  data: RegressionData;
  curveX: number[];
  /** The untrained net's prediction at curveX. */
  curve: Float32Array;
}

export interface FitUpdate {
  status: 'training' | 'paused' | 'stopped';
  /** New points since the previous update. */
  epochs: number[];
  trainLoss: number[];
  validationLoss: number[];
  epoch: number;
  bestEpoch: number;
  bestValidation: number;
  /** The prediction at FIT_CURVE_X, now. */
  curve: Float32Array;
  stopReason: FitStop | null;
  /** Test-set MSE: only once training has stopped. */
  testLoss: number | null;
  message: string | null;
}

let fit: RegressionFit | null = null;
let pauseRequested = false;
let running = false;

function requireFit(): RegressionFit {
  if (!fit) throw new Error('No fit is set up: call foundationsFitSetup first');
  return fit;
}

const STOP_MESSAGES: Record<FitStop, string> = {
  'early-stopping':
    'Early stopping: the validation loss stopped improving, so the best epoch’s weights were restored.',
  'max-epochs': 'Reached the epoch budget.',
  diverged: 'Training stopped: the loss became NaN or infinite. Lower the learning rate and reset.',
  'stopped-by-user': 'Stopped. The test set is used now, once, to estimate how well this model generalises.',
};

async function snapshot(
  current: RegressionFit,
  status: FitUpdate['status'],
  points: Pick<FitUpdate, 'epochs' | 'trainLoss' | 'validationLoss'>,
): Promise<FitUpdate> {
  const stopped = current.stopped;
  const curve = await current.predict(FIT_CURVE_X);
  return {
    status,
    ...points,
    epoch: current.epoch,
    bestEpoch: current.bestEpoch,
    bestValidation: current.bestValidation,
    curve,
    stopReason: stopped,
    testLoss: stopped ? await current.testLoss() : null,
    message: stopped ? STOP_MESSAGES[stopped] : null,
  };
}

export const foundationsApi = {
  /**
   * The activations panel's deep stack: forward and backward through up to 50 layers (tens of ms with
   * GELU's erf), kept off the page's thread.
   */
  foundationsDeepStack(options: DeepStackOptions): DeepStackResult {
    return deepStackGradients(options);
  },

  /** A fresh dataset and an untrained net (the old one is disposed). */
  async foundationsFitSetup(
    config: FitConfig,
    dataOptions: RegressionDataOptions = DEFAULT_DATA_OPTIONS,
  ): Promise<FitSetup> {
    if (running) throw new Error('Pause the fit before setting up a new one');
    validateFitConfig(config);
    fit?.dispose();
    fit = new RegressionFit(makeRegressionData(dataOptions), config);
    const curve = await fit.predict(FIT_CURVE_X);
    return transfer({ data: fit.data, curveX: [...FIT_CURVE_X], curve }, [curve.buffer as ArrayBuffer]);
  },

  /** Trains until paused, stopped early, out of epochs, or diverged; streams updates; returns the last one. */
  async foundationsFitRun(onUpdate: (update: FitUpdate) => void): Promise<FitUpdate> {
    const current = requireFit();
    if (running) throw new Error('The fit is already training');
    running = true;
    pauseRequested = false;
    let points = { epochs: [] as number[], trainLoss: [] as number[], validationLoss: [] as number[] };
    let lastUpdate = performance.now();
    try {
      while (!pauseRequested && !current.stopped) {
        const sliceEnd = performance.now() + CHUNK_MS;
        while (performance.now() < sliceEnd && !current.stopped) {
          const result = await current.trainEpoch();
          if (!result) break;
          points.epochs.push(result.epoch);
          points.trainLoss.push(result.trainLoss);
          points.validationLoss.push(result.validationLoss);
        }
        if (performance.now() - lastUpdate >= UPDATE_MS && !current.stopped) {
          const update = await snapshot(current, 'training', points);
          onUpdate(transfer(update, [update.curve.buffer as ArrayBuffer]));
          points = { epochs: [], trainLoss: [], validationLoss: [] };
          lastUpdate = performance.now();
        }
        await yieldToEvents();
      }
      const last = await snapshot(current, current.stopped ? 'stopped' : 'paused', points);
      return transfer(last, [last.curve.buffer as ArrayBuffer]);
    } finally {
      running = false;
    }
  },

  /** Ends the fit for good (a running one stops after its current epoch); returns its final state. */
  async foundationsFitStop(): Promise<FitUpdate> {
    const current = requireFit();
    current.stop();
    pauseRequested = true;
    if (running) throw new Error('The fit is still running: it stops after this epoch and reports itself');
    const last = await snapshot(current, 'stopped', { epochs: [], trainLoss: [], validationLoss: [] });
    return transfer(last, [last.curve.buffer as ArrayBuffer]);
  },

  /** Asks a running fit to pause after the current epoch. */
  foundationsFitPause(): void {
    pauseRequested = true;
  },

  foundationsFitDispose(): void {
    pauseRequested = true;
    if (!running) {
      fit?.dispose();
      fit = null;
    }
  },
};
