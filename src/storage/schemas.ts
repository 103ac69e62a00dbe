/**
 * valibot schemas for the structure of a checkpoint. Sizes that allocation depends on are bounded here or in
 * validate.ts before any tensor is built; relations between fields (shape × data, replay sizes) are checked
 * in validate.ts, where the messages can name both sides.
 */
import * as v from 'valibot';
import { CHECKPOINT_FORMAT, CHECKPOINT_KINDS, CHECKPOINT_VERSION, type JsonRecord } from './checkpoint';
import { isPlainObject, joinPath } from './json';
import {
  MAX_ACTION_COUNT,
  MAX_ID_CHARS,
  MAX_METRIC_KEYS,
  MAX_NAME_CHARS,
  MAX_NETWORKS,
  MAX_OBSERVATION_SIZE,
  MAX_RECENT_VALUES,
  MAX_REPLAY_TRANSITIONS,
  MAX_TENSOR_RANK,
  MAX_TENSORS,
} from './limits';

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/u; // eslint-disable-line no-control-regex
/** Game and dataset ids, versions of the app: 'CartPole-v1', 'two-moons', '0.1.0'. */
const ID = /^[A-Za-z0-9][\w.+:-]*$/;
/** Network names are also folder names inside an exported zip, so they stay short and plain. */
export const NETWORK_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** tfjs weight names ('hidden_0/kernel') and metric keys ('charts/episodicReturn'). */
const SLASHED_NAME = /^[\w.:-]+(\/[\w.:-]+)*$/;

export const nonNegativeInteger = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
export const positiveInteger = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
export const finiteNumber = v.pipe(v.number(), v.finite());
export const uint32 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));

export const idString = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_ID_CHARS),
  v.regex(ID, 'Expected letters, digits and . _ + : - only'),
);
/** Names that plain objects already carry: as record keys they would be dropped or shadowed. */
const RESERVED = new Set(['constructor', 'prototype', '__proto__', 'hasOwnProperty', 'toString', 'valueOf']);

export const networkName = v.pipe(
  v.string(),
  v.regex(
    NETWORK_NAME,
    'Expected a network name of letters, digits and _ (at most 32, starting with a letter)',
  ),
  v.check((name) => !RESERVED.has(name), 'Expected a network name that is not a reserved word'),
);
export const weightName = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_ID_CHARS),
  v.regex(SLASHED_NAME, 'Expected a weight name such as hidden_0/kernel'),
);
export const checkpointName = v.pipe(
  v.string(),
  v.minLength(1, 'Expected a non-empty name'),
  v.maxLength(MAX_NAME_CHARS),
  v.check((s) => !CONTROL_CHARS.test(s), 'Expected a name without control characters'),
);
const metricKey = v.pipe(
  v.string(),
  v.maxLength(MAX_ID_CHARS),
  v.regex(SLASHED_NAME, 'Expected a metric key'),
);

/** Free-form JSON objects are only type-checked here; json.ts walks them for depth, size and hostile keys. */
export const jsonObject = v.custom<JsonRecord>(isPlainObject, 'Expected a JSON object');

/** Positive integers; the product is checked against the limits in validate.ts (before any allocation). */
export const shape = v.pipe(v.array(positiveInteger), v.maxLength(MAX_TENSOR_RANK));

/** A tensor's name and shape without data: the tensor tables of files and links. */
export const tensorSpec = v.strictObject({ name: weightName, shape });

const namedWeight = v.strictObject({ name: weightName, shape, data: v.instance(Float32Array) });
const weightList = v.pipe(v.array(namedWeight), v.maxLength(MAX_TENSORS));

export const subject = v.variant('type', [
  v.strictObject({
    type: v.literal('game'),
    gameId: idString,
    envOptions: jsonObject,
    observationSize: v.pipe(positiveInteger, v.maxValue(MAX_OBSERVATION_SIZE)),
    actionCount: v.pipe(positiveInteger, v.maxValue(MAX_ACTION_COUNT)),
  }),
  v.strictObject({ type: v.literal('dataset'), datasetId: idString, options: jsonObject }),
]);

export const counters = v.strictObject({
  gradientSteps: nonNegativeInteger,
  envSteps: nonNegativeInteger,
  episodes: nonNegativeInteger,
});

export const metrics = v.strictObject({
  latest: v.pipe(v.record(metricKey, finiteNumber), v.maxEntries(MAX_METRIC_KEYS)),
  recentReturns: v.pipe(v.array(finiteNumber), v.maxLength(MAX_RECENT_VALUES)),
  recentLengths: v.pipe(v.array(nonNegativeInteger), v.maxLength(MAX_RECENT_VALUES)),
});

/** Replay sizes (the arrays are checked against them in validate.ts). */
export const replaySizes = {
  capacity: v.pipe(positiveInteger, v.maxValue(MAX_REPLAY_TRANSITIONS)),
  obsSize: v.pipe(positiveInteger, v.maxValue(MAX_OBSERVATION_SIZE)),
  size: nonNegativeInteger,
  position: nonNegativeInteger,
};

const replay = v.strictObject({
  ...replaySizes,
  observations: v.instance(Float32Array),
  actions: v.instance(Int32Array),
  rewards: v.instance(Float32Array),
  nextObservations: v.instance(Float32Array),
  terminated: v.instance(Uint8Array),
  priorities: v.optional(v.instance(Float64Array)),
  maxPriority: v.optional(finiteNumber),
});

export const isoTime = v.pipe(v.string(), v.maxLength(64), v.isoTimestamp());
export const backendName = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9-]{1,32}$/, 'Expected a backend name such as webgl'),
);

export const checkpoint = v.strictObject({
  format: v.literal(CHECKPOINT_FORMAT),
  version: v.literal(CHECKPOINT_VERSION),
  kind: v.picklist(CHECKPOINT_KINDS),
  name: checkpointName,
  createdAt: isoTime,
  appVersion: idString,
  backend: backendName,
  subject,
  config: jsonObject,
  counters,
  rngStates: v.pipe(
    v.record(idString, v.tuple([uint32, uint32, uint32, uint32])),
    v.maxEntries(MAX_NETWORKS),
  ),
  metrics,
  networks: v.pipe(
    v.record(networkName, v.strictObject({ weights: weightList })),
    v.maxEntries(MAX_NETWORKS),
  ),
  optimizers: v.pipe(v.record(networkName, weightList), v.maxEntries(MAX_NETWORKS)),
  state: jsonObject,
  replay: v.optional(replay),
});

export type ParsedCheckpoint = v.InferOutput<typeof checkpoint>;

/** The first problem valibot found, as "path: message" with a path like networks.online.weights[3]. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path = typeof key === 'number' || typeof key === 'string' ? joinPath(path, key) : path;
  }
  // valibot reports an unknown key as "Expected never" and a missing one as "received undefined": say so.
  const objectIssue = issue.type === 'strict_object' || issue.type === 'object';
  const message = !objectIssue
    ? issue.message
    : issue.expected === 'never'
      ? 'unexpected field'
      : issue.received === 'undefined'
        ? 'missing field'
        : issue.message;
  return `${path === '' ? '(root)' : path}: ${message}`;
}
