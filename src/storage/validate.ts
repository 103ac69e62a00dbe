/**
 * Every checkpoint that comes from outside (a file, a link, an older database) passes through here before
 * use: structure (schemas.ts), then sizes against the limits, then the values (finite weights, shapes that
 * match their data, replay indices in range), then the rules of its kind. The only exception that leaves is
 * a CheckpointError whose message names the field: `networks.online.weights[3]: expected 4096 values ...`.
 */
import * as v from 'valibot';
import { parseHistories } from './metric-history';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  REQUIRED_NETWORKS,
  type Checkpoint,
  type CheckpointReplay,
} from './checkpoint';
import { CheckpointError, guard } from './errors';
import { assertJson, isPlainObject } from './json';
import { MAX_REPLAY_VALUES, MAX_TENSOR_ELEMENTS, MAX_TENSORS, MAX_TOTAL_ELEMENTS } from './limits';
import * as s from './schemas';
import type { CheckpointRecord } from './db';
import { MAX_N_STEP } from '../agents/dqn-config';
import { checkDqnCheckpoint, checkDqnConfig } from './validate-dqn';
import { checkGan2dCheckpoint, checkGanConfig, isGan2dCheckpoint } from './validate-gan';
import { checkSequenceCheckpoint } from './validate-sequence';

export { CheckpointError, StorageFullError, type CheckpointErrorCode } from './errors';

/** A tensor's place in a checkpoint, named and shaped, before (or without) its data. */
export interface TensorEntry {
  path: string;
  name: string;
  shape: readonly number[];
}

/** Short, safe rendering of an unexpected value for an error message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value !== 'object' || value === null) return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

/** Parses with a schema, turning the first issue into a CheckpointError `${what}: path: message`. */
export function parseWith<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  what: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) throw new CheckpointError('invalid', `${what}: ${s.describeIssue(result.issues[0])}`);
  return result.output;
}

/**
 * Checks a tensor table against the limits, without touching any data: count, rank, elements per tensor
 * (the product is cut short as soon as it passes the limit) and in total. Returns each tensor's size.
 */
export function checkTensorTable(entries: readonly TensorEntry[], what: string): number[] {
  if (entries.length > MAX_TENSORS) {
    throw new CheckpointError(
      'too-large',
      `${what}: ${entries.length} tensors, at most ${MAX_TENSORS} allowed`,
    );
  }
  let total = 0;
  return entries.map(({ path, shape }) => {
    let size = 1;
    for (const d of shape) {
      if (!Number.isSafeInteger(d) || d < 1) {
        throw new CheckpointError(
          'invalid',
          `${what}: ${path}: expected positive integer dimensions, got [${shape}]`,
        );
      }
      size *= d;
      if (size > MAX_TENSOR_ELEMENTS) {
        throw new CheckpointError(
          'too-large',
          `${what}: ${path}: shape [${shape}] has more than ${MAX_TENSOR_ELEMENTS} elements`,
        );
      }
    }
    total += size;
    if (total > MAX_TOTAL_ELEMENTS) {
      throw new CheckpointError('too-large', `${what}: more than ${MAX_TOTAL_ELEMENTS} weights in total`);
    }
    return size;
  });
}

/** Rejects two tensors of the same name within one network or optimizer. */
export function checkUniqueNames(entries: readonly TensorEntry[], what: string): void {
  const seen = new Set<string>();
  for (const { path, name } of entries) {
    const group = path.slice(0, path.lastIndexOf('['));
    const key = `${group}\u0000${name}`;
    if (seen.has(key))
      throw new CheckpointError('invalid', `${what}: ${path}: duplicate weight name ${show(name)}`);
    seen.add(key);
  }
}

/** Length and finiteness of one tensor's data. */
export function checkTensorData(entry: TensorEntry, size: number, data: Float32Array, what: string): void {
  if (data.length !== size) {
    throw new CheckpointError(
      'invalid',
      `${what}: ${entry.path}: expected ${size} values for shape [${entry.shape}], got ${data.length}`,
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new CheckpointError(
        'invalid',
        `${what}: ${entry.path}: value ${i} of ${entry.name} is ${data[i]}; weights must be finite`,
      );
    }
  }
}

/**
 * Reads the format and version first, so that a file from a newer app gets "made by a newer version" and not
 * a list of unknown fields. Older versions are upgraded here, one cumulative step per version.
 */
export function upgradeCheckpoint(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value))
    throw new CheckpointError('invalid', `${what}: expected a checkpoint object, got ${show(value)}`);
  if (value.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      'invalid',
      `${what}: format: expected ${show(CHECKPOINT_FORMAT)}, got ${show(value.format)} (not a playground checkpoint)`,
    );
  }
  const { version } = value;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new CheckpointError(
      'invalid',
      `${what}: version: expected a positive integer, got ${show(version)}`,
    );
  }
  if (version > CHECKPOINT_VERSION) {
    throw new CheckpointError(
      'unsupported-version',
      `${what}: checkpoint version ${version} was written by a newer app; this one reads versions 1 to ${CHECKPOINT_VERSION}`,
    );
  }
  // Version 1 is current. A future version 2 adds: if (version < 2) value = upgradeFrom1(value); ...
  return value;
}

function tensorEntries(cp: s.ParsedCheckpoint): { entry: TensorEntry; data: Float32Array }[] {
  const out: { entry: TensorEntry; data: Float32Array }[] = [];
  for (const [network, { weights }] of Object.entries(cp.networks)) {
    weights.forEach((w, i) =>
      out.push({ entry: { path: `networks.${network}.weights[${i}]`, ...w }, data: w.data }),
    );
  }
  for (const [optimizer, slots] of Object.entries(cp.optimizers)) {
    slots.forEach((w, i) =>
      out.push({ entry: { path: `optimizers.${optimizer}[${i}]`, ...w }, data: w.data }),
    );
  }
  return out;
}

function checkReplay(
  replay: CheckpointReplay & { priorities?: Float64Array; maxPriority?: number },
  what: string,
): void {
  const fail = (message: string): never => {
    throw new CheckpointError('invalid', `${what}: replay: ${message}`);
  };
  const { capacity, obsSize, size, position } = replay;
  if (capacity * obsSize > MAX_REPLAY_VALUES) {
    throw new CheckpointError(
      'too-large',
      `${what}: replay: ${capacity} × ${obsSize} observation values, at most ${MAX_REPLAY_VALUES} allowed`,
    );
  }
  if (size > capacity) fail(`expected size ≤ capacity ${capacity}, got ${size}`);
  if (position >= capacity) fail(`expected position < capacity ${capacity}, got ${position}`);
  if (size < capacity && position !== size)
    fail(`expected position ${size} for a buffer that is not full, got ${position}`);
  const lengths: [string, number, number][] = [
    ['observations', replay.observations.length, size * obsSize],
    ['nextObservations', replay.nextObservations.length, size * obsSize],
    ['actions', replay.actions.length, size],
    ['rewards', replay.rewards.length, size],
    ['terminated', replay.terminated.length, size],
    ['steps', replay.steps?.length ?? size, size],
  ];
  for (const [name, got, expected] of lengths)
    if (got !== expected) fail(`expected ${expected} ${name}, got ${got}`);
  for (const name of ['observations', 'nextObservations', 'rewards'] as const) {
    const values = replay[name];
    for (let i = 0; i < values.length; i++)
      if (!Number.isFinite(values[i])) fail(`${name}[${i}] is ${values[i]}`);
  }
  for (let i = 0; i < size; i++) {
    if (replay.actions[i] < 0) fail(`actions[${i}] is ${replay.actions[i]}`);
    if (replay.terminated[i] > 1) fail(`terminated[${i}] is ${replay.terminated[i]}, expected 0 or 1`);
    const m = replay.steps?.[i] ?? 1;
    if (m < 1 || m > MAX_N_STEP) fail(`steps[${i}] is ${m}, expected 1 to ${MAX_N_STEP}`);
  }
  if ((replay.priorities === undefined) !== (replay.maxPriority === undefined)) {
    fail('expected priorities and maxPriority together');
  }
  if (replay.priorities !== undefined) {
    if (replay.priorities.length !== size)
      fail(`expected ${size} priorities, got ${replay.priorities.length}`);
    for (let i = 0; i < size; i++) {
      const p = replay.priorities[i];
      if (!(p > 0) || !Number.isFinite(p))
        fail(`priorities[${i}] is ${p}, expected a positive finite number`);
    }
    if (!(replay.maxPriority! > 0)) fail(`expected a positive maxPriority, got ${replay.maxPriority}`);
  }
}

/**
 * Validates a checkpoint held in memory (from IndexedDB, a worker, or rebuilt from a file or link) and returns
 * it typed. `what` starts every message, e.g. "Invalid checkpoint file".
 */
export function validateCheckpoint(value: unknown, what = 'Invalid checkpoint'): Checkpoint {
  return guard(what, 'invalid', () => {
    const cp = parseWith(s.checkpoint, upgradeCheckpoint(value, what), what);
    assertJson(cp.config, what, 'config');
    assertJson(cp.state, what, 'state');
    parseHistories(cp.state, what);
    if (cp.subject.type === 'game') assertJson(cp.subject.envOptions, what, 'subject.envOptions');
    else assertJson(cp.subject.options, what, 'subject.options');

    const tensors = tensorEntries(cp);
    const entries = tensors.map((t) => t.entry);
    const sizes = checkTensorTable(entries, what);
    checkUniqueNames(entries, what);
    tensors.forEach(({ entry, data }, i) => checkTensorData(entry, sizes[i], data, what));
    if (cp.replay) checkReplay(cp.replay, what);

    for (const network of REQUIRED_NETWORKS[cp.kind]) {
      if (!Object.hasOwn(cp.networks, network)) {
        throw new CheckpointError(
          'invalid',
          `${what}: networks: a ${cp.kind} checkpoint needs a network named ${network}`,
        );
      }
    }
    const checkpoint = cp as Checkpoint; // the schema and the checks above are the type's definition
    if (checkpoint.kind === 'dqn') checkDqnCheckpoint(checkpoint, what);
    else if (isGan2dCheckpoint(checkpoint)) checkGan2dCheckpoint(checkpoint, what);
    else if (checkpoint.subject.type !== 'dataset') {
      throw new CheckpointError(
        'invalid',
        `${what}: subject: a ${checkpoint.kind} checkpoint is trained on a dataset, got a game`,
      );
    }
    checkSequenceCheckpoint(checkpoint, what);
    return checkpoint;
  });
}

const recordSchema = v.strictObject({
  ...v.pick(s.checkpoint, [
    'format',
    'version',
    'kind',
    'name',
    'createdAt',
    'appVersion',
    'backend',
    'subject',
    'config',
    'counters',
    'metrics',
  ]).entries,
  id: s.idString,
  updatedAt: s.isoTime,
  sizeBytes: s.nonNegativeInteger,
  autosave: v.boolean(),
});

/** Validates a checkpoint's metadata as read back from IndexedDB (it may predate this version of the app). */
export function validateCheckpointRecord(value: unknown, what: string): CheckpointRecord {
  return guard(what, 'invalid', () => {
    const record = parseWith(recordSchema, upgradeCheckpoint(value, what), what);
    assertJson(record.config, what, 'config');
    if (record.subject.type === 'game') assertJson(record.subject.envOptions, what, 'subject.envOptions');
    else assertJson(record.subject.options, what, 'subject.options');
    if (record.kind === 'dqn') checkDqnConfig(record.config, what);
    else if (isGan2dCheckpoint(record)) checkGanConfig(record.config, what);
    return record as CheckpointRecord;
  });
}
