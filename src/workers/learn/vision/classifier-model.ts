/**
 * The Learn classifier as the session driver trains it. A run has a step budget (Train 400 steps, Train 400
 * more): the chunks end on multiples of EVAL_EVERY, where the accuracy on PROGRESS_TEST_DIGITS test digits is
 * measured, and the run finishes at its budget, or at once after `endRun()` (the card's Stop), by measuring
 * every test digit and calling `onFinish` (the worker saves the classifier there). The driver owns the loop,
 * pause, and the fall-back to the last finite weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedWeight } from '../../../agents/weights';
import {
  accuracyOn,
  ClassifierTrainer,
  type ClassifierConfig,
  type Cnn,
  type LabelledSet,
} from '../../../learn/classifier';
import {
  classifierCheckpoint,
  parseClassifierConfig,
  type ClassifierSnapshot,
} from '../../../learn/classifier-checkpoint';
import type { ClassifierUpdate, TrainPoint } from '../../protocol/learn';
import type { Checkpoint } from '../../../storage/checkpoint';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../../core/session-driver';

/** The accuracy on PROGRESS_TEST_DIGITS test digits is measured every EVAL_EVERY steps. */
export const EVAL_EVERY = 25;
export const PROGRESS_TEST_DIGITS = 500;
export const MAX_RUN_STEPS = 100_000;

export interface ClassifierData {
  train: LabelledSet;
  test: LabelledSet;
}

interface ClassifierGood {
  weights: NamedWeight[];
  steps: number;
}

/** Runs when a run ends; returns a message for the user (a save that failed), if any. */
export type OnFinish = (model: ClassifierModel) => Promise<string | undefined>;

function checkSteps(steps: number): number {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_RUN_STEPS)
    throw new Error(`Expected between 1 and ${MAX_RUN_STEPS} steps, got ${steps}`);
  return steps;
}

export class ClassifierModel implements TrainingModel<ClassifierUpdate, ClassifierGood> {
  readonly unit = 'step';
  readonly divergenceAdvice = 'train on from there, or retrain from scratch';
  private pending: TrainPoint[] = [];
  private note: string | undefined;
  private runStart: number;
  private target: number;

  private constructor(
    private readonly trainer: ClassifierTrainer,
    private readonly data: ClassifierData,
    private readonly onFinish: OnFinish,
    /** The whole curve, kept for the checkpoint. */
    private history: TrainPoint[],
    private source: 'trained' | 'saved',
    private testAccuracy: number | null,
    steps: number,
  ) {
    this.runStart = trainer.steps;
    this.target = trainer.steps + steps;
  }

  /** A fresh classifier whose first run takes `steps` steps. */
  static create(
    config: ClassifierConfig,
    steps: number,
    data: ClassifierData,
    onFinish: OnFinish,
  ): ClassifierModel {
    checkSteps(steps);
    const checked = parseClassifierConfig(config, 'Invalid classifier settings');
    return new ClassifierModel(
      new ClassifierTrainer(checked, data.train),
      data,
      onFinish,
      [],
      'trained',
      null,
      steps,
    );
  }

  /** A saved classifier, ready to use (its run has ended); training it on starts with a fresh Adam. */
  static restore(saved: ClassifierSnapshot, data: ClassifierData, onFinish: OnFinish): ClassifierModel {
    const trainer = new ClassifierTrainer(saved.config, data.train);
    try {
      trainer.restore(saved.weights, saved.steps);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return new ClassifierModel(trainer, data, onFinish, [...saved.history], 'saved', saved.testAccuracy, 0);
  }

  get progress(): number {
    return this.trainer.steps;
  }

  /** The network the panels' tools (attacks, attributions, compression) read. */
  get net(): Cnn {
    return this.trainer.model;
  }

  /** Starts another run of `steps` steps from where this one is. */
  extendRun(steps: number): void {
    checkSteps(steps);
    this.runStart = this.progress;
    this.target = this.progress + steps;
  }

  /** Ends the run at the next chunk (or step), which measures and saves. */
  endRun(): void {
    this.target = this.progress;
  }

  chunkLimit(): number {
    return Math.max(1, Math.min(this.target - this.progress, EVAL_EVERY - (this.progress % EVAL_EVERY)));
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    const n = Math.max(0, Math.min(count, this.target - this.progress));
    for (let i = 0; i < n; i++) {
      const { loss, accuracy } = await this.trainer.trainStep();
      if (!Number.isFinite(loss)) return { done: i + 1, problem: `the loss became ${loss}` };
      const step = this.progress;
      const testAccuracy =
        step % EVAL_EVERY === 0 ? await accuracyOn(this.net, this.data.test, PROGRESS_TEST_DIGITS) : null;
      const point = { step, loss, batchAccuracy: accuracy, testAccuracy };
      this.history.push(point);
      this.pending.push(point);
    }
    if (this.progress < this.target) return { done: n };
    this.testAccuracy = await accuracyOn(this.net, this.data.test);
    this.source = 'trained';
    this.note = await this.onFinish(this);
    return { done: n, finished: true };
  }

  async captureGood(): Promise<ClassifierGood | null> {
    const weights = await this.net.getWeights();
    return weights.every((w) => w.data.every(Number.isFinite)) ? { weights, steps: this.progress } : null;
  }

  restoreGood(good: ClassifierGood): void {
    this.trainer.restore(good.weights, good.steps);
    // The curve goes back with the weights; the page trims its copy the same way (its points pass `steps`).
    this.history = this.history.filter((p) => p.step <= good.steps);
    this.pending = this.pending.filter((p) => p.step <= good.steps);
  }

  async update(context: UpdateContext): Promise<ClassifierUpdate> {
    // A run has ended when its budget is spent (or it was loaded): the driver's own 'finished' and 'paused'
    // do not know about a budget extended since.
    const stopped = context.status === 'paused' || context.status === 'finished';
    const status = stopped ? (this.progress >= this.target ? 'finished' : 'paused') : context.status;
    const span = Math.max(1, this.target - this.runStart);
    const message = context.message ?? this.note;
    const update: ClassifierUpdate = {
      status,
      steps: this.progress,
      epochs: (this.progress * this.trainer.config.batchSize) / this.data.train.count,
      testAccuracy: this.testAccuracy,
      source: this.source,
      points: this.pending,
      fraction: Math.min(1, Math.max(0, (this.progress - this.runStart) / span)),
      ...(message !== undefined ? { message } : {}),
      backend: tf.getBackend() ?? '',
    };
    this.pending = [];
    this.note = undefined;
    return update;
  }

  /** Everything a checkpoint keeps. */
  async snapshot(): Promise<ClassifierSnapshot> {
    return {
      config: this.trainer.config,
      weights: await this.net.getWeights(),
      steps: this.progress,
      epochs: (this.progress * this.trainer.config.batchSize) / this.data.train.count,
      testAccuracy: this.testAccuracy,
      history: this.history,
    };
  }

  async checkpoint(meta: { name: string; appVersion: string; backend: string }): Promise<Checkpoint> {
    return classifierCheckpoint(await this.snapshot(), meta);
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
