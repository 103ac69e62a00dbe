/**
 * The games the playground knows: their ids, specs, options and presets, and `makeEnv`, which builds a fresh
 * simulation wrapped with the time limit and the episode guard.
 */
import type { Env, EnvSpec } from './core';
import { CARTPOLE_ID, CartPoleSim, type CartPoleOptions, type CartPoleSnapshot } from './cartpole/sim';
import {
  CATCH_ID,
  CATCH_LIMITS,
  CATCH_OBSERVATIONS,
  CatchSim,
  type CatchOptions,
  type CatchSnapshot,
} from './catch/sim';
import {
  FROZEN_LAKE_ID,
  FROZEN_LAKE_MAP_NAMES,
  FrozenLakeSim,
  type FrozenLakeOptions,
  type FrozenLakeSnapshot,
} from './gridworld/sim';
import {
  MOUNTAIN_CAR_ID,
  MountainCarSim,
  type MountainCarOptions,
  type MountainCarSnapshot,
} from './mountain-car/sim';
import { readOptionRecord, type EnvOptionInfo } from './options';
import {
  SNAKE_ID,
  SNAKE_MAX_SIZE,
  SNAKE_MIN_SIZE,
  SNAKE_OBSERVATIONS,
  SnakeSim,
  type SnakeOptions,
  type SnakeSnapshot,
} from './snake/sim';
import { wrapEnv, type EpisodeGuard } from './wrappers';

export type { EnvOptionInfo } from './options';

export const ENV_IDS = [CARTPOLE_ID, MOUNTAIN_CAR_ID, FROZEN_LAKE_ID, SNAKE_ID, CATCH_ID] as const;
export type EnvId = (typeof ENV_IDS)[number];

export interface EnvOptionsById {
  'CartPole-v1': CartPoleOptions;
  'MountainCar-v0': MountainCarOptions;
  'FrozenLake-v1': FrozenLakeOptions;
  'Snake-v0': SnakeOptions;
  'Catch-v0': CatchOptions;
}

export interface EnvSnapshotById {
  'CartPole-v1': CartPoleSnapshot;
  'MountainCar-v0': MountainCarSnapshot;
  'FrozenLake-v1': FrozenLakeSnapshot;
  'Snake-v0': SnakeSnapshot;
  'Catch-v0': CatchSnapshot;
}

/** What makeEnv returns: a sim inside TimeLimit inside EpisodeGuard. */
export type GameEnv<S = unknown> = EpisodeGuard<S>;

export interface EnvPreset<I extends EnvId = EnvId> {
  name: string;
  options: EnvOptionsById[I];
}

export interface EnvInfo<I extends EnvId = EnvId> {
  id: I;
  /** The spec with default options (observation size and limits may change with options). */
  spec: EnvSpec;
  description: string;
  options: readonly EnvOptionInfo[];
  presets: readonly EnvPreset<I>[];
}

interface Entry<I extends EnvId> {
  create: (options?: EnvOptionsById[I]) => Env<EnvSnapshotById[I]>;
  options: readonly EnvOptionInfo[];
  presets: readonly EnvPreset<I>[];
}

/** Sims that take no options still reject unknown keys from outside. */
function noOptions(id: EnvId, options: unknown): void {
  readOptionRecord(options, id, []);
}

const ENTRIES: { [I in EnvId]: Entry<I> } = {
  'CartPole-v1': {
    create: (options) => {
      noOptions(CARTPOLE_ID, options);
      return new CartPoleSim();
    },
    options: [],
    presets: [{ name: 'Classic', options: {} }],
  },
  'MountainCar-v0': {
    create: (options) => {
      noOptions(MOUNTAIN_CAR_ID, options);
      return new MountainCarSim();
    },
    options: [],
    presets: [{ name: 'Classic', options: {} }],
  },
  'FrozenLake-v1': {
    create: (options) => new FrozenLakeSim(options),
    options: [
      {
        key: 'map',
        label: 'Map (or a custom array of rows of S, F, H, G)',
        kind: 'choice',
        choices: FROZEN_LAKE_MAP_NAMES,
        default: '4x4',
      },
      { key: 'isSlippery', label: 'Slippery ice', kind: 'boolean', default: true },
    ],
    presets: [
      { name: '4×4, solid ice', options: { map: '4x4', isSlippery: false } },
      { name: '4×4, slippery', options: { map: '4x4', isSlippery: true } },
      { name: '8×8, slippery', options: { map: '8x8', isSlippery: true } },
    ],
  },
  'Snake-v0': {
    create: (options) => new SnakeSim(options),
    options: [
      { key: 'rows', label: 'Rows', kind: 'integer', min: SNAKE_MIN_SIZE, max: SNAKE_MAX_SIZE, default: 10 },
      {
        key: 'cols',
        label: 'Columns',
        kind: 'integer',
        min: SNAKE_MIN_SIZE,
        max: SNAKE_MAX_SIZE,
        default: 10,
      },
      {
        key: 'observation',
        label: 'Observation',
        kind: 'choice',
        choices: SNAKE_OBSERVATIONS,
        default: 'features',
      },
    ],
    presets: [
      { name: '10×10, features', options: {} },
      { name: '6×6, grid', options: { rows: 6, cols: 6, observation: 'grid' } },
    ],
  },
  'Catch-v0': {
    create: (options) => new CatchSim(options),
    options: [
      {
        key: 'rows',
        label: 'Rows',
        kind: 'integer',
        min: CATCH_LIMITS.minRows,
        max: CATCH_LIMITS.maxRows,
        default: 10,
      },
      {
        key: 'cols',
        label: 'Columns',
        kind: 'integer',
        min: CATCH_LIMITS.minCols,
        max: CATCH_LIMITS.maxCols,
        default: 5,
      },
      {
        key: 'balls',
        label: 'Balls per episode',
        kind: 'integer',
        min: CATCH_LIMITS.minBalls,
        max: CATCH_LIMITS.maxBalls,
        default: 10,
      },
      {
        key: 'observation',
        label: 'Observation',
        kind: 'choice',
        choices: CATCH_OBSERVATIONS,
        default: 'features',
      },
    ],
    presets: [
      { name: '10×5, features', options: {} },
      { name: '10×5, pixels', options: { observation: 'pixels' } },
    ],
  },
};

export function isEnvId(id: unknown): id is EnvId {
  return typeof id === 'string' && (ENV_IDS as readonly string[]).includes(id);
}

function entry<I extends EnvId>(id: I): Entry<I> {
  return ENTRIES[id] as unknown as Entry<I>;
}

/** Every game with its default spec, option descriptions and presets, in ENV_IDS order. */
export function listEnvs(): EnvInfo[] {
  return ENV_IDS.map((id) => {
    const { create, options, presets } = entry(id);
    const spec = create().spec;
    return { id, spec, description: spec.description, options, presets } as EnvInfo;
  });
}

/**
 * A fresh game: the sim for `id` built with `options`, wrapped in TimeLimit and EpisodeGuard. Call reset()
 * (with a seed for a reproducible run) before step(). Options are still checked at run time.
 */
export function makeEnv<I extends EnvId>(id: I, options?: EnvOptionsById[I]): GameEnv<EnvSnapshotById[I]> {
  return makeEnvFromConfig(id, options) as GameEnv<EnvSnapshotById[I]>;
}

/**
 * makeEnv for an id and options that come from outside (a share link, storage, a worker message): both are
 * validated, and an unknown id, an unknown option or a bad value throws an error that says what was expected.
 * (A separate function rather than an overload, so that typed makeEnv calls never fall back to `unknown`.)
 */
export function makeEnvFromConfig(id: string, options?: unknown): GameEnv {
  if (!isEnvId(id)) {
    throw new Error(`Unknown environment id ${JSON.stringify(id)}; known ids: ${ENV_IDS.join(', ')}`);
  }
  const sim = (entry(id).create as (options?: unknown) => Env)(options);
  return wrapEnv(sim);
}
