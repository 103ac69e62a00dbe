/**
 * The classifier's training loop, apart from the worker so it can be tested: one step at a time, yielding
 * between steps so pause and stop take effect at once, a periodic test, and a NaN loss ending the run with the
 * last tested (finite) weights restored.
 */
import type { TrainPoint } from './vision-protocol';

export interface SteppingModel<W> {
  /** One optimizer step; returns the batch loss and accuracy. */
  trainStep(): Promise<{ loss: number; accuracy: number }>;
  /** Steps taken so far. */
  readonly steps: number;
  /** A copy of the weights, and putting such a copy back. */
  snapshot(): Promise<W>;
  restore(weights: W): void;
}

export interface LoopOptions {
  /** Steps to take in this run. */
  steps: number;
  /** Test every this many steps (the test accuracy goes into that step's point). */
  evalEvery: number;
  /** End early once the test accuracy reaches this. */
  stopAtAccuracy?: number;
}

export interface LoopControl {
  stopRequested(): boolean;
  /** Resolves at once when not paused; otherwise when resumed or stopped. */
  waitWhilePaused(): Promise<void>;
  /** Lets other messages (pause, stop, other jobs) in between steps. */
  yieldToEvents(): Promise<void>;
}

export type LoopOutcome = 'finished' | 'stopped' | 'reached' | 'diverged';

export async function runTrainingLoop<W>(
  model: SteppingModel<W>,
  evaluate: () => Promise<number>,
  options: LoopOptions,
  control: LoopControl,
  onPoint: (point: TrainPoint) => void,
): Promise<LoopOutcome> {
  let lastGood = await model.snapshot();
  let taken = 0;
  while (taken < options.steps) {
    await control.waitWhilePaused();
    if (control.stopRequested()) return 'stopped';
    const { loss, accuracy } = await model.trainStep();
    taken++;
    if (!Number.isFinite(loss)) {
      model.restore(lastGood);
      return 'diverged';
    }
    let testAccuracy: number | null = null;
    if (model.steps % options.evalEvery === 0) {
      testAccuracy = await evaluate();
      lastGood = await model.snapshot();
    }
    onPoint({ step: model.steps, loss, batchAccuracy: accuracy, testAccuracy });
    if (
      testAccuracy !== null &&
      options.stopAtAccuracy !== undefined &&
      testAccuracy >= options.stopAtAccuracy
    )
      return 'reached';
    await control.yieldToEvents();
  }
  return 'finished';
}
