/**
 * Rules of the Learn sequence checkpoints ('sequence-rnn', 'transformer'): their configs are parsed into the
 * trainers' configs here (without tfjs, so the main thread can check them too), with clear CheckpointErrors.
 */
import type { Checkpoint, JsonRecord, JsonValue } from './checkpoint';
import { CheckpointError } from './errors';

export interface RnnCheckpointConfig {
  task: { kind: 'sine' | 'remember'; length: number; frequency: number; noise: number };
  hiddenSize: number;
  learningRate: number;
  keepBias: number;
  seed: number;
}

export interface TransformerCheckpointConfig {
  task: 'reverse' | 'sort';
  length: number;
  layers: number;
  heads: number;
  dModel: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

function fail(what: string, message: string): never {
  throw new CheckpointError('invalid', `${what}: config: ${message}`);
}

function numberIn(
  record: JsonRecord,
  key: string,
  min: number,
  max: number,
  what: string,
  integer = false,
): number {
  const value: JsonValue | undefined = record[key];
  if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value)))
    fail(
      what,
      `expected ${key} ${integer ? 'a whole number ' : ''}from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  return value;
}

function oneOf<T extends string>(
  value: JsonValue | undefined,
  options: readonly T[],
  key: string,
  what: string,
): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
    fail(what, `expected ${key} one of ${options.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

export function parseRnnCheckpointConfig(config: JsonRecord, what: string): RnnCheckpointConfig {
  const task = config.task;
  if (task === null || typeof task !== 'object' || Array.isArray(task)) fail(what, 'expected a task object');
  return {
    task: {
      kind: oneOf(task.kind, ['sine', 'remember'] as const, 'task.kind', what),
      length: numberIn(task, 'length', 2, 200, what, true),
      frequency: numberIn(task, 'frequency', Number.MIN_VALUE, 0.5, what),
      noise: numberIn(task, 'noise', 0, 2, what),
    },
    hiddenSize: numberIn(config, 'hiddenSize', 1, 256, what, true),
    learningRate: numberIn(config, 'learningRate', Number.MIN_VALUE, 1, what),
    keepBias: numberIn(config, 'keepBias', -10, 10, what),
    seed: numberIn(config, 'seed', 0, 0xffffffff, what, true),
  };
}

export function parseTransformerCheckpointConfig(
  config: JsonRecord,
  what: string,
): TransformerCheckpointConfig {
  const parsed: TransformerCheckpointConfig = {
    task: oneOf(config.task, ['reverse', 'sort'] as const, 'task', what),
    length: numberIn(config, 'length', 1, 64, what, true),
    layers: numberIn(config, 'layers', 1, 4, what, true),
    heads: numberIn(config, 'heads', 1, 64, what, true),
    dModel: numberIn(config, 'dModel', 4, 512, what, true),
    learningRate: numberIn(config, 'learningRate', Number.MIN_VALUE, 1, what),
    batchSize: numberIn(config, 'batchSize', 1, 1024, what, true),
    seed: numberIn(config, 'seed', 0, 0xffffffff, what, true),
  };
  if (parsed.dModel % 2 !== 0 || parsed.dModel % parsed.heads !== 0)
    fail(what, `expected an even dModel that the ${parsed.heads} heads divide, got ${parsed.dModel}`);
  return parsed;
}

/** The kind's rules beyond the shared ones: a config the trainers accept, and a step counter. */
export function checkSequenceCheckpoint(checkpoint: Checkpoint, what: string): void {
  if (checkpoint.kind === 'sequence-rnn') parseRnnCheckpointConfig(checkpoint.config, what);
  else if (checkpoint.kind === 'transformer') parseTransformerCheckpointConfig(checkpoint.config, what);
}
