/**
 * Wrappers add episode rules around a simulation without touching its dynamics (as Gymnasium's wrappers do):
 * TimeLimit truncates long episodes; EpisodeGuard rejects calls that break the reset/step protocol.
 */
import {
  assertAction,
  type Env,
  type EnvSpec,
  type ResetOptions,
  type ResetResult,
  type RngState,
  type StepResult,
} from './core';

/** Common surface of our wrappers: the wrapped env, the innermost sim and the step count of this episode. */
export interface EnvWrapper<S = unknown> extends Env<S> {
  readonly env: Env<S>;
  /** The innermost simulation, for sim-specific calls such as `setState()`. */
  readonly unwrapped: Env<S>;
  /** Steps taken since the last reset. */
  readonly elapsedSteps: number;
}

function innermost<S>(env: Env<S>): Env<S> {
  return 'unwrapped' in env ? (env as EnvWrapper<S>).unwrapped : env;
}

/**
 * Base of our wrappers (Gymnasium's `Wrapper`): holds the wrapped env and this episode's step count, and
 * forwards what a wrapper does not change (spec, snapshot, RNG state). Subclasses override reset() and step().
 */
abstract class Wrapper<S> implements EnvWrapper<S> {
  readonly unwrapped: Env<S>;
  protected elapsed = 0;

  constructor(readonly env: Env<S>) {
    this.unwrapped = innermost(env);
  }

  get spec(): EnvSpec {
    return this.env.spec;
  }

  get elapsedSteps(): number {
    return this.elapsed;
  }

  abstract reset(options?: ResetOptions): ResetResult;
  abstract step(action: number): StepResult;

  snapshot(): S {
    return this.env.snapshot();
  }

  getRngState(): RngState {
    return this.env.getRngState();
  }

  setRngState(state: RngState): void {
    this.env.setRngState(state);
  }
}

/**
 * Truncates an episode when `maxEpisodeSteps` steps have been taken since reset, exactly as Gymnasium's TimeLimit
 * does: on the limit step `truncated` is true even if the step also terminated (learners let `terminated` win).
 */
export class TimeLimit<S = unknown> extends Wrapper<S> {
  private readonly limitedSpec: EnvSpec;

  constructor(env: Env<S>, maxEpisodeSteps: number = env.spec.maxEpisodeSteps) {
    super(env);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new Error(`Expected a positive integer maxEpisodeSteps, got ${maxEpisodeSteps}`);
    }
    this.limitedSpec = { ...env.spec, maxEpisodeSteps };
  }

  override get spec(): EnvSpec {
    return this.limitedSpec;
  }

  reset(options?: ResetOptions): ResetResult {
    this.elapsed = 0;
    return this.env.reset(options);
  }

  step(action: number): StepResult {
    const result = this.env.step(action);
    this.elapsed += 1;
    if (this.elapsed >= this.spec.maxEpisodeSteps && !result.truncated) {
      return { ...result, truncated: true, info: { ...result.info, timeLimit: true } };
    }
    return result;
  }
}

/**
 * Enforces the episode protocol: step() only between a reset() and the end of the episode, and only with an
 * action of the action space. Sims stay simple; mistakes in agents or UI code fail loudly here.
 */
export class EpisodeGuard<S = unknown> extends Wrapper<S> {
  private phase: 'never-reset' | 'running' | 'ended' = 'never-reset';

  /** True once the episode has ended (terminated or truncated): the next call must be reset(). */
  get needsReset(): boolean {
    return this.phase !== 'running';
  }

  reset(options?: ResetOptions): ResetResult {
    const result = this.env.reset(options);
    this.phase = 'running';
    this.elapsed = 0;
    return result;
  }

  step(action: number): StepResult {
    const id = this.spec.id;
    if (this.phase === 'never-reset') {
      throw new Error(`${id}: step() was called before reset(); call reset() to start an episode`);
    }
    if (this.phase === 'ended') {
      throw new Error(
        `${id}: step() was called after the episode ended; call reset() to start a new episode`,
      );
    }
    assertAction(this.spec.actionSpace, action, id);
    const result = this.env.step(action);
    this.elapsed += 1;
    if (result.terminated || result.truncated) this.phase = 'ended';
    return result;
  }
}

/** The standard stack that makeEnv returns: EpisodeGuard(TimeLimit(sim)). */
export function wrapEnv<S>(sim: Env<S>, maxEpisodeSteps?: number): EpisodeGuard<S> {
  return new EpisodeGuard(new TimeLimit(sim, maxEpisodeSteps));
}
