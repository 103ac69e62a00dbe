/**
 * The environment contract (Gymnasium's API in TypeScript): spaces, step/reset results, the spec, and a small
 * base class that owns the env's seeded RNG. Simulations are pure: no DOM, no Phaser, no tfjs, no unseeded randomness.
 */
import { Rng, type RngState } from './rng';

export * from './rng';

/** A box of float32 values; `low`/`high` have one entry per element (row-major over `shape`). */
export interface Box {
  readonly kind: 'box';
  readonly shape: readonly number[];
  readonly low: Float32Array;
  readonly high: Float32Array;
}

/** The integers 0..n-1. */
export interface Discrete {
  readonly kind: 'discrete';
  readonly n: number;
}

export type Space = Box | Discrete;

/** Largest finite float32, used as the bound of unbounded velocities (as Gymnasium's CartPole does). */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Number of elements in a box (the product of its shape): the input size of an MLP. */
export function boxSize(space: Box): number {
  return space.shape.reduce((a, b) => a * b, 1);
}

/** Makes a box; `low`/`high` are either one value per element or a single value broadcast to every element. */
export function box(
  shape: readonly number[],
  low: number | ArrayLike<number>,
  high: number | ArrayLike<number>,
): Box {
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new Error(`Expected a box shape of positive integers, got [${shape.join(', ')}]`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const fill = (bound: number | ArrayLike<number>, name: string): Float32Array => {
    if (typeof bound === 'number') return new Float32Array(size).fill(bound);
    if (bound.length !== size) throw new Error(`Expected ${size} ${name} bounds, got ${bound.length}`);
    return Float32Array.from(bound);
  };
  const lo = fill(low, 'low');
  const hi = fill(high, 'high');
  for (let i = 0; i < size; i++) {
    if (!(lo[i]! <= hi[i]!)) throw new Error(`Expected low <= high at index ${i}, got ${lo[i]} > ${hi[i]}`);
  }
  return { kind: 'box', shape: [...shape], low: lo, high: hi };
}

export function discrete(n: number): Discrete {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Expected a positive integer action count, got ${n}`);
  return { kind: 'discrete', n };
}

/**
 * Whether a value lies in a space, as Gymnasium's `Space.contains`: a box wants a Float32Array of the right
 * size with every element within [low, high] (NaN never is); a discrete space wants an integer in [0, n).
 */
export function contains(space: Space, x: Float32Array | number): boolean {
  if (space.kind === 'discrete') return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < space.n;
  if (!(x instanceof Float32Array) || x.length !== space.low.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! >= space.low[i]! && x[i]! <= space.high[i]!)) return false;
  }
  return true;
}

/** Throws the standard error for an action outside a discrete space; shared by the sims and EpisodeGuard. */
export function assertAction(space: Discrete, action: number, envId: string): void {
  if (!contains(space, action)) {
    const shown = typeof action === 'number' ? String(action) : JSON.stringify(action);
    throw new Error(`Expected an action in [0, ${space.n}), got ${shown} (${envId})`);
  }
}

export interface StepResult {
  observation: Float32Array;
  reward: number;
  /** The MDP reached a terminal state: do not bootstrap from `observation`. */
  terminated: boolean;
  /** The episode was cut short (time limit, hunger): the state is not terminal, bootstrapping is still right. */
  truncated: boolean;
  info: Record<string, unknown>;
}

export interface ResetResult {
  observation: Float32Array;
  info: Record<string, unknown>;
}

export interface ResetOptions {
  /** Reseeds the env's own RNG; without it, reset() continues the current random stream. */
  seed?: number;
}

export interface EnvSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  /** One label per action, for buttons and charts. */
  readonly actionNames: readonly string[];
  /** Episode length after which the TimeLimit wrapper truncates. */
  readonly maxEpisodeSteps: number;
  /** Average return that counts as solved, or null where no such bar is defined. */
  readonly rewardThreshold: number | null;
}

/**
 * A seedable episodic environment with Gymnasium's semantics. `S` is the plain, serialisable data that
 * `snapshot()` returns for a renderer.
 */
export interface Env<S = unknown> {
  readonly spec: EnvSpec;
  reset(options?: ResetOptions): ResetResult;
  step(action: number): StepResult;
  snapshot(): S;
  /** The env RNG's state, so that a checkpoint can resume the exact random stream. */
  getRngState(): RngState;
  setRngState(state: RngState): void;
}

/** Seed used by an env that is reset without ever having been given one: runs are reproducible by default. */
export const DEFAULT_SEED = 0;

/**
 * Base of every simulation: it owns the env's RNG and implements Gymnasium's seeding rule (reset with a seed
 * reseeds, reset without one continues the stream). Subclasses write only their dynamics.
 */
export abstract class SimEnv<S> implements Env<S> {
  abstract readonly spec: EnvSpec;
  protected readonly rng = new Rng(DEFAULT_SEED);

  reset(options?: ResetOptions): ResetResult {
    if (options?.seed !== undefined) this.rng.reseed(options.seed);
    return this.resetState();
  }

  getRngState(): RngState {
    return this.rng.getState();
  }

  setRngState(state: RngState): void {
    this.rng.setState(state);
  }

  /** Draws a fresh initial state from `this.rng` and returns the first observation. */
  protected abstract resetState(): ResetResult;
  abstract step(action: number): StepResult;
  abstract snapshot(): S;
}
