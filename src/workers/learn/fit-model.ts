/**
 * Learn panel 6's regression fit as the session driver trains it: one unit is one full-batch epoch. The fit
 * ends on its own (early stopping, the epoch budget) or when the user stops it to read the test loss; each
 * update carries the new epochs' losses and the fitted curve.
 */
import { FIT_CURVE_X } from '../../learn/fit-config';
import { makeRegressionData, type RegressionDataOptions } from '../../learn/regression-data';
import { RegressionFit, validateFitConfig, type FitConfig, type FitState } from '../../learn/regression-fit';
import type { FitUpdate } from '../protocol/learn';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../core/session-driver';

export class FitModel implements TrainingModel<FitUpdate, FitState> {
  readonly unit = 'epoch';
  private points = { epochs: [] as number[], trainLoss: [] as number[], validationLoss: [] as number[] };

  private constructor(readonly fit: RegressionFit) {}

  /** A fresh data set and an untrained net; a bad config throws before anything is built. */
  static create(config: FitConfig, data?: RegressionDataOptions): FitModel {
    validateFitConfig(config);
    return new FitModel(new RegressionFit(makeRegressionData(data), config));
  }

  get progress(): number {
    return this.fit.epoch;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    for (let done = 0; done < count; done++) {
      const result = await this.fit.trainEpoch();
      if (!result) return { done, finished: true };
      if (!Number.isFinite(result.trainLoss) || !Number.isFinite(result.validationLoss))
        return { done, problem: 'the loss became NaN or infinite' };
      this.points.epochs.push(result.epoch);
      this.points.trainLoss.push(result.trainLoss);
      this.points.validationLoss.push(result.validationLoss);
      if (this.fit.stopped) return { done: done + 1, finished: true };
    }
    return { done: count };
  }

  captureGood(): Promise<FitState | null> {
    return this.fit.captureState();
  }

  async restoreGood(state: FitState): Promise<void> {
    await this.fit.restoreState(state);
  }

  /** Ends the fit for good; the next step or train reports it finished, with its test loss. */
  stop(): void {
    this.fit.stop();
  }

  async update(context: UpdateContext): Promise<FitUpdate> {
    const { fit } = this;
    const stopped = fit.stopped;
    const points = this.points;
    this.points = { epochs: [], trainLoss: [], validationLoss: [] };
    return {
      status: context.status,
      ...points,
      epoch: fit.epoch,
      bestEpoch: fit.bestEpoch,
      bestValidation: fit.bestValidation,
      curve: await fit.predict(FIT_CURVE_X),
      stopReason: stopped,
      testLoss: stopped ? await fit.testLoss() : null,
      message: context.message ?? null,
    };
  }

  dispose(): void {
    this.fit.dispose();
  }
}
