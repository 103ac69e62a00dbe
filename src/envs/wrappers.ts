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
 * Truncates an episode when `maxEpisodeSteps` steps have been taken since reset, exactly as Gymnasium's TimeLimit
 * does: on the limit step `truncated` is true even if the step also terminated (learners let `terminated` win).
 */
export class TimeLimit<S = unknown> implements EnvWrapper<S> {
  readonly spec: EnvSpec;
  readonly unwrapped: Env<S>;
  private elapsed = 0;

  constructor(
    readonly env: Env<S>,
    maxEpisodeSteps: number = env.spec.maxEpisodeSteps,
  ) {
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new Error(`Expected a positive integer maxEpisodeSteps, got ${maxEpisodeSteps}`);
    }
    this.spec = { ...env.spec, maxEpisodeSteps };
    this.unwrapped = innermost(env);
  }

  get elapsedSteps(): number {
    return this.elapsed;
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
 * Enforces the episode protocol: step() only between a reset() and the end of the episode, and only with an
 * action of the action space. Sims stay simple; mistakes in agents or UI code fail loudly here.
 */
export class EpisodeGuard<S = unknown> implements EnvWrapper<S> {
  readonly unwrapped: Env<S>;
  private phase: 'never-reset' | 'running' | 'ended' = 'never-reset';
  private elapsed = 0;

  constructor(readonly env: Env<S>) {
    this.unwrapped = innermost(env);
  }

  get spec(): EnvSpec {
    return this.env.spec;
  }

  get elapsedSteps(): number {
    return this.elapsed;
  }

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

/** The standard stack that makeEnv returns: EpisodeGuard(TimeLimit(sim)). */
export function wrapEnv<S>(sim: Env<S>, maxEpisodeSteps?: number): EpisodeGuard<S> {
  return new EpisodeGuard(new TimeLimit(sim, maxEpisodeSteps));
}
