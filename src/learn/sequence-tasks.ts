/**
 * The recurrent panel's two toy tasks, as plain arrays drawn from a seeded Rng (one input and one target
 * value per step, laid out [batch, time]):
 * - 'sine': inputs are a noisy sine; the target at step t is the input at step t + 1 (predict the next value).
 * - 'remember': the first input is a random ±1, the rest are distractor noise; the target at the last step
 *   is the first input. Only the last step is scored, so the cell must carry one number across the sequence.
 */
import type { Rng } from '../envs/rng';

export type SequenceTaskKind = 'sine' | 'remember';

export interface SequenceTaskConfig {
  kind: SequenceTaskKind;
  /** Steps per sequence. */
  length: number;
  /** Sine only: cycles per step (0.05 → one period every 20 steps). */
  frequency: number;
  /** Standard deviation of the Gaussian noise on the sine; amplitude of the uniform distractors. */
  noise: number;
}

export const DEFAULT_TASK: SequenceTaskConfig = { kind: 'sine', length: 30, frequency: 0.05, noise: 0.1 };

export interface SequenceBatch {
  batch: number;
  length: number;
  /** [batch · length] inputs. */
  inputs: Float32Array;
  /** [batch · length] targets (for 'remember', only the last step of each row is scored). */
  targets: Float32Array;
}

export function assertValidTask(config: SequenceTaskConfig): SequenceTaskConfig {
  const { kind, length, frequency, noise } = config;
  if (kind !== 'sine' && kind !== 'remember')
    throw new Error(`Expected task 'sine' or 'remember', got ${kind}`);
  if (!Number.isInteger(length) || length < 2 || length > 200)
    throw new Error(`Expected a sequence length from 2 to 200, got ${length}`);
  if (!(frequency > 0 && frequency <= 0.5))
    throw new Error(`Expected a frequency in (0, 0.5], got ${frequency}`);
  if (!(noise >= 0 && noise <= 2)) throw new Error(`Expected noise from 0 to 2, got ${noise}`);
  return config;
}

export function sampleSequences(config: SequenceTaskConfig, batch: number, rng: Rng): SequenceBatch {
  const { length: T } = config;
  const inputs = new Float32Array(batch * T);
  const targets = new Float32Array(batch * T);
  for (let b = 0; b < batch; b++) {
    const row = b * T;
    if (config.kind === 'sine') {
      const phase = rng.uniform(0, 2 * Math.PI);
      // One extra value: the target of the last step.
      let next = Math.sin(phase) + config.noise * rng.normal();
      for (let t = 0; t < T; t++) {
        const value = next;
        next = Math.sin(2 * Math.PI * config.frequency * (t + 1) + phase) + config.noise * rng.normal();
        inputs[row + t] = value;
        targets[row + t] = next;
      }
    } else {
      const bit = rng.nextFloat() < 0.5 ? -1 : 1;
      inputs[row] = bit;
      for (let t = 1; t < T; t++) inputs[row + t] = rng.uniform(-config.noise, config.noise);
      // The target is the remembered bit at every step; only the last one is scored.
      targets.fill(bit, row, row + T);
    }
  }
  return { batch, length: T, inputs, targets };
}
