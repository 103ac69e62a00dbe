/**
 * The tiny transformer's training config, its defaults and what one inspection of its attention returns:
 * plain data, no tfjs, so the attention panel on the page can read them (the trainer runs in the worker).
 */
import type { DigitTaskKind } from './digit-tasks';

export interface TransformerTrainerConfig {
  task: DigitTaskKind;
  length: number;
  layers: number;
  heads: number;
  dModel: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export const DEFAULT_TRANSFORMER: TransformerTrainerConfig = {
  task: 'reverse',
  length: 6,
  layers: 2,
  heads: 2,
  dModel: 32,
  learningRate: 0.003,
  batchSize: 64,
  seed: 1,
};

export interface AttentionInspection {
  input: number[];
  output: number[];
  /** Probability the model gives its chosen digit, per position. */
  confidence: number[];
  /** maps[layer][head] = [N (query) · N (key)] row-major attention weights. */
  maps: Float32Array[][];
}
