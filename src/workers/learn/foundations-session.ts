/**
 * The Learn worker's foundations panels (methods prefixed `foundations`): the activations panel's deep-stack
 * gradients, and the regularization panel's live fit under a session driver. Spread into learn.worker.ts.
 */
import { transfer } from 'comlink';
import type { RegressionDataOptions } from '../../learn/regression-data';
import type { FitConfig } from '../../learn/regression-fit';
import { deepStackGradients, type DeepStackOptions, type DeepStackResult } from '../../learn/deep-stack';
import { SessionDriver, type SessionStatus } from '../core/session-driver';
import { workerEnvironment } from '../core/worker-environment';
import type { FitUpdate } from '../protocol/learn';
import { FitModel } from './fit-model';

/** The curve is redrawn about eight times a second. */
const fit = new SessionDriver<FitUpdate, FitModel>(workerEnvironment, { updateMs: 120, heavyMs: 120 });

const send = (update: FitUpdate): FitUpdate => transfer(update, [update.curve.buffer as ArrayBuffer]);

export const foundationsApi = {
  /**
   * The activations panel's deep stack: forward and backward through up to 50 layers (tens of ms with
   * GELU's erf), kept off the page's thread.
   */
  foundationsDeepStack(options: DeepStackOptions): DeepStackResult {
    return deepStackGradients(options);
  },

  /** A fresh data set and an untrained net (any run stops; the old net is freed); returns the first update. */
  async foundationsFitStart(config: FitConfig, data?: RegressionDataOptions): Promise<FitUpdate> {
    await fit.load(async () => FitModel.create(config, data));
    return send(await fit.update());
  },

  /** Trains until paused, stopped early, out of epochs, or diverged; streams updates. */
  foundationsFitTrain(onUpdate: (update: FitUpdate) => void): Promise<SessionStatus> {
    return fit.train((update) => onUpdate(send(update)));
  },

  foundationsFitPause(): void {
    fit.pause();
  },

  /** One epoch (after a stop: the final update, with the test loss). */
  async foundationsFitStep(): Promise<FitUpdate> {
    return send(await fit.step());
  },

  /** Ends the fit for good (between two epochs); the next step reports it finished with its test loss. */
  foundationsFitStop(): Promise<void> {
    return fit.exclusive((model) => model.stop());
  },

  foundationsFitDispose(): Promise<void> {
    return fit.dispose();
  },
};
