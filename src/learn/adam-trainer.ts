import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../envs/rng';
import {
  captureTrainerState,
  restoreTrainerState,
  type TrainerParts,
  type TrainerState,
} from './trainer-state';

/**
 * What the Learn panels' sequence trainers (RNN race, transformer) share: Adam over the model's variables,
 * their own seeded data stream, a step count, and so the same checkpoint, roll-back and disposal.
 */
export abstract class AdamTrainer {
  steps = 0;
  protected readonly optimizer: tf.AdamOptimizer;

  protected constructor(
    learningRate: number,
    protected readonly rng: Rng,
  ) {
    this.optimizer = tf.train.adam(learningRate);
  }

  /** The variables Adam trains, in the model's fixed order. */
  protected abstract get variables(): readonly tf.Variable[];
  /** Frees the model's own tensors (the optimizer is freed here). */
  protected abstract disposeModel(): void;

  private _parts(): TrainerParts {
    return { variables: this.variables, optimizer: this.optimizer, rng: this.rng, steps: this.steps };
  }

  /** Weights, Adam state, data stream and step count: what a checkpoint needs to continue exactly. */
  exportState(): Promise<TrainerState> {
    return captureTrainerState(this._parts());
  }

  /** Loads exportState() of a trainer with the same config into this fresh one (nothing changes on error). */
  async importState(state: TrainerState): Promise<void> {
    this.steps = await restoreTrainerState(this._parts(), state);
  }

  /** Puts an earlier exportState() of this very trainer back (after a divergence). */
  async rollBack(state: TrainerState): Promise<void> {
    this.steps = await restoreTrainerState({ ...this._parts(), steps: 0 }, state);
  }

  dispose(): void {
    this.disposeModel();
    this.optimizer.dispose();
  }
}
