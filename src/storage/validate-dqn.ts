/**
 * The rules of a DQN checkpoint: a complete, valid DqnConfig (no unknown keys), sizes small enough to build,
 * and online/target (and best-evaluated) weights with exactly the names and shapes buildQNetwork makes for that config, so that
 * loading them into a model can never fail halfway.
 */
import {
  DEFAULT_DQN_CONFIG,
  observationScaleMismatch,
  validateDqnConfig,
  type DqnConfig,
} from '../agents/dqn-config';
import type { DqnCheckpoint, JsonRecord } from './checkpoint';
import { CheckpointError } from './errors';
import { MAX_REPLAY_TRANSITIONS, MAX_REPLAY_VALUES } from './limits';

/** Bounds on sizes a config makes the app allocate (a link could ask for a billion hidden units). */
export const MAX_DQN_HIDDEN_LAYERS = 8;
export const MAX_DQN_HIDDEN_UNITS = 4096;
export const MAX_DQN_BATCH_SIZE = 65_536;

/**
 * q-network.ts's DUELING_MERGE_LAYER, repeated so that validation does not load tfjs (a test keeps them equal).
 */
export const DUELING_MERGE_LAYER_NAME = 'dueling_merge';

const CONFIG_KEYS = Object.keys(DEFAULT_DQN_CONFIG).sort();
/** Config fields newer than some saved checkpoints and links, with the value that means the old behaviour. */
const OPTIONAL_CONFIG_DEFAULTS: readonly [keyof DqnConfig, number | null][] = [
  ['learningRateEnd', null],
  ['observationScale', null],
  ['nStep', 1],
  ['pauseLearningAtReturn', null],
  ['pauseLearningEpisodes', DEFAULT_DQN_CONFIG.pauseLearningEpisodes],
];
const TARGET_UPDATE_KEYS = { hard: ['interval', 'kind'], soft: ['kind', 'tau'] } as const;

function sameKeys(value: object, expected: readonly string[]): string | null {
  const keys = Object.keys(value).sort();
  const unknown = keys.filter((k) => !expected.includes(k));
  if (unknown.length > 0) return `unknown key ${JSON.stringify(unknown[0])}`;
  const missing = expected.filter((k) => !keys.includes(k));
  return missing.length > 0 ? `missing key ${JSON.stringify(missing[0])}` : null;
}

/** Returns the config typed, or throws naming the first problem. `config` must already be plain JSON. */
export function checkDqnConfig(config: JsonRecord, what: string): DqnConfig {
  const fail = (message: string): never => {
    throw new CheckpointError('invalid', `${what}: config: ${message}`);
  };
  // Fields added after the first release take their "as before" value when an older file or link lacks them.
  // Filled in place, so the checkpoint or link that holds this config reads as complete from here on.
  for (const [key, value] of OPTIONAL_CONFIG_DEFAULTS) {
    if (!Object.prototype.hasOwnProperty.call(config, key)) config[key] = value;
  }
  const keyProblem = sameKeys(config, CONFIG_KEYS);
  if (keyProblem) fail(keyProblem);
  const c = config as unknown as DqnConfig;
  const errors = validateDqnConfig(c);
  if (errors.length > 0) fail(errors[0]);
  const tu = c.targetUpdate as unknown as JsonRecord;
  const tuProblem = sameKeys(tu, TARGET_UPDATE_KEYS[c.targetUpdate.kind]);
  if (tuProblem) fail(`targetUpdate: ${tuProblem}`);
  if (c.hiddenSizes.length > MAX_DQN_HIDDEN_LAYERS) {
    fail(`expected at most ${MAX_DQN_HIDDEN_LAYERS} hidden layers, got ${c.hiddenSizes.length}`);
  }
  const wide = c.hiddenSizes.find((h) => h > MAX_DQN_HIDDEN_UNITS);
  if (wide !== undefined)
    fail(`expected at most ${MAX_DQN_HIDDEN_UNITS} units per hidden layer, got ${wide}`);
  if (c.bufferSize > MAX_REPLAY_TRANSITIONS)
    fail(`expected bufferSize ≤ ${MAX_REPLAY_TRANSITIONS}, got ${c.bufferSize}`);
  if (c.batchSize > MAX_DQN_BATCH_SIZE)
    fail(`expected batchSize ≤ ${MAX_DQN_BATCH_SIZE}, got ${c.batchSize}`);
  return c;
}

/** Weight names and shapes of buildQNetwork's model, by tfjs name (as model.weights lists them). */
export function qNetworkWeightShapes(
  config: DqnConfig,
  obsSize: number,
  nActions: number,
): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  let inputs = obsSize;
  config.hiddenSizes.forEach((units, i) => {
    shapes.set(`hidden_${i}/kernel`, [inputs, units]);
    shapes.set(`hidden_${i}/bias`, [units]);
    inputs = units;
  });
  if (!config.dueling) {
    shapes.set('q_values/kernel', [inputs, nActions]);
    shapes.set('q_values/bias', [nActions]);
  } else {
    shapes.set('value/kernel', [inputs, 1]);
    shapes.set('value/bias', [1]);
    shapes.set('advantage/kernel', [inputs, nActions]);
    shapes.set('advantage/bias', [nActions]);
    shapes.set(`${DUELING_MERGE_LAYER_NAME}/kernel`, [1 + nActions, nActions]);
  }
  return shapes;
}

export function checkDqnCheckpoint(cp: DqnCheckpoint, what: string): void {
  const fail = (message: string): never => {
    throw new CheckpointError('invalid', `${what}: ${message}`);
  };
  if (cp.subject.type !== 'game') fail('subject: a dqn checkpoint is trained on a game, got a dataset');
  const config = checkDqnConfig(cp.config as unknown as JsonRecord, what);
  const { observationSize, actionCount } = cp.subject as { observationSize: number; actionCount: number };
  if (config.bufferSize * observationSize > MAX_REPLAY_VALUES) {
    fail(
      `config: a replay of ${config.bufferSize} × ${observationSize} observation values is too large ` +
        `(at most ${MAX_REPLAY_VALUES})`,
    );
  }
  const scaleProblem = observationScaleMismatch(config, observationSize);
  if (scaleProblem) fail(`config: ${scaleProblem}`);
  const expected = qNetworkWeightShapes(config, observationSize, actionCount);

  for (const [network, { weights }] of Object.entries(cp.networks)) {
    if (network !== 'online' && network !== 'target' && network !== 'best')
      fail(`networks: unexpected network ${JSON.stringify(network)} in a dqn checkpoint`);
    weights.forEach((w, i) => {
      const shape = expected.get(w.name);
      if (!shape)
        fail(
          `networks.${network}.weights[${i}]: unexpected weight ${JSON.stringify(w.name)} for this config`,
        );
      if (shape!.length !== w.shape.length || shape!.some((d, j) => d !== w.shape[j])) {
        fail(`networks.${network}.weights[${i}]: expected shape [${shape}] for ${w.name}, got [${w.shape}]`);
      }
    });
    const present = new Set(weights.map((w) => w.name));
    for (const name of expected.keys())
      if (!present.has(name)) fail(`networks.${network}: missing weight ${name}`);
  }

  const replay = cp.replay;
  if (replay) {
    if (replay.capacity !== config.bufferSize) {
      fail(`replay: expected capacity ${config.bufferSize} (config.bufferSize), got ${replay.capacity}`);
    }
    if (replay.obsSize !== observationSize)
      fail(`replay: expected obsSize ${observationSize}, got ${replay.obsSize}`);
    const bad = replay.actions.findIndex((a) => a >= actionCount);
    if (bad >= 0) fail(`replay: actions[${bad}] is ${replay.actions[bad]}, expected < ${actionCount}`);
  }
}
