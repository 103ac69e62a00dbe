/**
 * valibot schemas for the structure of a checkpoint. Sizes that allocation depends on are bounded here or in
 * validate.ts before any tensor is built; relations between fields (shape × data, replay sizes) are checked
 * in validate.ts, where the messages can name both sides.
 */
import * as v from 'valibot';
import { CHECKPOINT_FORMAT, CHECKPOINT_KINDS, CHECKPOINT_VERSION, type JsonRecord } from './checkpoint';
import { isAllowedKey, isPlainObject, joinPath } from './json';
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
/**
 * A network name is also a key of checkpoint.json, so it follows json.ts's rule for keys. Names that every
 * object inherits (toString, isPrototypeOf, …) are fine: records keyed by names are null-prototype objects
 * or Maps (namedRecord below), so a name never meets an inherited property.
 */
export const networkName = v.pipe(
  v.string(),
  v.regex(
    NETWORK_NAME,
    'Expected a network name of letters, digits and _ (at most 32, starting with a letter)',
  ),
  v.check(isAllowedKey, 'Expected a network name that can be a JSON key (not constructor or prototype)'),
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

/**
 * An array of at most `max` items: the length is checked before any item is (v.array alone checks every item
 * and only then the length, so a million-item array would be walked before it is refused).
 */
export function boundedArray<TItem extends v.GenericSchema>(item: TItem, max: number) {
  return v.pipe(
    v.custom<unknown[]>((value) => Array.isArray(value), 'Expected an array'),
    v.maxLength(max),
    v.array(item),
  );
}

/**
 * A record keyed by names from outside (networks, optimizers, RNG states, metric keys, files), parsed into a
 * null-prototype object: every own key is kept and no key can meet an inherited property when looked up.
 * The entries are counted before any is checked. (valibot's v.record fills a plain object and skips the keys
 * __proto__, constructor and prototype without a word.)
 */
export function namedRecord<TKey extends v.GenericSchema<string>, TValue extends v.GenericSchema>(
  key: TKey,
  value: TValue,
  maxEntries: number,
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'Expected an object'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const input = dataset.value;
      const keys = Object.keys(input);
      if (keys.length > maxEntries) {
        addIssue({ message: `Expected at most ${maxEntries} entries, got ${keys.length}` });
        return NEVER;
      }
      const out = Object.create(null) as Record<string, v.InferOutput<TValue>>;
      const reject = (issue: v.BaseIssue<unknown>, origin: 'key' | 'value', k: string): typeof NEVER => {
        addIssue({
          message: issueMessage(issue),
          path: [{ type: 'object', origin, input, key: k, value: input[k] }, ...(issue.path ?? [])],
        });
        return NEVER;
      };
      for (const k of keys) {
        const keyResult = v.safeParse(key, k, { abortEarly: true });
        if (!keyResult.success) return reject(keyResult.issues[0], 'key', k);
        const valueResult = v.safeParse(value, input[k], { abortEarly: true });
        if (!valueResult.success) return reject(valueResult.issues[0], 'value', k);
        out[k] = valueResult.output as v.InferOutput<TValue>;
      }
      return out;
    }),
  );
}

/** Free-form JSON objects are only type-checked here; json.ts walks them for depth, size and hostile keys. */
export const jsonObject = v.custom<JsonRecord>(isPlainObject, 'Expected a JSON object');

/** Positive integers; the product is checked against the limits in validate.ts (before any allocation). */
export const shape = boundedArray(positiveInteger, MAX_TENSOR_RANK);

/** A tensor's name and shape without data: the tensor tables of files and links. */
export const tensorSpec = v.strictObject({ name: weightName, shape });

const namedWeight = v.strictObject({ name: weightName, shape, data: v.instance(Float32Array) });
const weightList = boundedArray(namedWeight, MAX_TENSORS);

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
  latest: namedRecord(metricKey, finiteNumber, MAX_METRIC_KEYS),
  recentReturns: boundedArray(finiteNumber, MAX_RECENT_VALUES),
  recentLengths: boundedArray(nonNegativeInteger, MAX_RECENT_VALUES),
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
  /** n-step returns: env steps per transition; absent before them (all 1). */
  steps: v.optional(v.instance(Uint8Array)),
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
  rngStates: namedRecord(idString, v.tuple([uint32, uint32, uint32, uint32]), MAX_NETWORKS),
  metrics,
  networks: namedRecord(networkName, v.strictObject({ weights: weightList }), MAX_NETWORKS),
  optimizers: namedRecord(networkName, weightList, MAX_NETWORKS),
  state: jsonObject,
  replay: v.optional(replay),
});

export type ParsedCheckpoint = v.InferOutput<typeof checkpoint>;

/** What an issue says, without its path; valibot's "Expected never" and "received undefined" said plainly. */
function issueMessage(issue: v.BaseIssue<unknown>): string {
  const objectIssue = issue.type === 'strict_object' || issue.type === 'object';
  if (!objectIssue) return issue.message;
  if (issue.expected === 'never') return 'unexpected field';
  if (issue.received === 'undefined') return 'missing field';
  return issue.message;
}

/** The first problem valibot found, as "path: message" with a path like networks.online.weights[3]. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path = typeof key === 'number' || typeof key === 'string' ? joinPath(path, key) : path;
  }
  return `${path === '' ? '(root)' : path}: ${issueMessage(issue)}`;
}
