import { describe, expect, it } from 'vitest';
import {
  box,
  contains,
  discrete,
  SimEnv,
  type EnvSpec,
  type ResetResult,
  type StepResult,
} from '../../src/envs/core';
import { EpisodeGuard, TimeLimit, wrapEnv } from '../../src/envs/wrappers';

/** A scripted env: terminates or truncates on the steps it is told to. */
class Scripted extends SimEnv<{ t: number }> {
  readonly spec: EnvSpec = {
    id: 'Scripted-v0',
    name: 'Scripted',
    description: 'test double',
    observationSpace: box([1], 0, 100),
    actionSpace: discrete(2),
    actionNames: ['a', 'b'],
    maxEpisodeSteps: 5,
    rewardThreshold: null,
  };
  private t = 0;

  constructor(
    private readonly terminateAt = Infinity,
    private readonly truncateAt = Infinity,
  ) {
    super();
  }

  protected resetState(): ResetResult {
    this.t = 0;
    return { observation: Float32Array.of(0), info: {} };
  }

  step(): StepResult {
    this.t += 1;
    return {
      observation: Float32Array.of(this.t),
      reward: 1,
      terminated: this.t >= this.terminateAt,
      truncated: this.t >= this.truncateAt,
      info: { inner: true },
    };
  }

  snapshot() {
    return { t: this.t };
  }
}

describe('TimeLimit', () => {
  it('truncates exactly at maxEpisodeSteps and counts elapsed steps', () => {
    const env = new TimeLimit(new Scripted());
    env.reset();
    const flags = Array.from({ length: 5 }, () => env.step(0).truncated);
    expect(flags).toEqual([false, false, false, false, true]);
    expect(env.elapsedSteps).toBe(5);
    env.reset();
    expect(env.elapsedSteps).toBe(0);
  });

  it('sets truncated on the limit step even when it also terminates, as Gymnasium does', () => {
    const env = new TimeLimit(new Scripted(5));
    env.reset();
    for (let t = 1; t < 5; t++) env.step(0);
    expect(env.step(0)).toMatchObject({ terminated: true, truncated: true });
  });

  it('passes the inner truncation and info through untouched', () => {
    const env = new TimeLimit(new Scripted(Infinity, 2));
    env.reset();
    env.step(0);
    expect(env.step(0)).toEqual({
      observation: Float32Array.of(2),
      reward: 1,
      terminated: false,
      truncated: true,
      info: { inner: true },
    });
  });

  it('marks its own truncation in info and overrides the spec limit', () => {
    const env = new TimeLimit(new Scripted(), 2);
    expect(env.spec.maxEpisodeSteps).toBe(2);
    env.reset();
    env.step(0);
    expect(env.step(0).info).toEqual({ inner: true, timeLimit: true });
    expect(() => new TimeLimit(new Scripted(), 0)).toThrow(
      'Expected a positive integer maxEpisodeSteps, got 0',
    );
  });
});

describe('EpisodeGuard', () => {
  it('throws before the first reset and after an episode ends, naming the env', () => {
    const env = new EpisodeGuard(new Scripted(2));
    expect(env.needsReset).toBe(true);
    expect(() => env.step(0)).toThrow(
      'Scripted-v0: step() was called before reset(); call reset() to start an episode',
    );
    env.reset();
    expect(env.needsReset).toBe(false);
    env.step(0);
    expect(env.step(1).terminated).toBe(true);
    expect(env.needsReset).toBe(true);
    expect(() => env.step(0)).toThrow(
      'Scripted-v0: step() was called after the episode ended; call reset() to start a new episode',
    );
    env.reset();
    expect(env.step(0).observation).toEqual(Float32Array.of(1));
  });

  it('ends the episode on truncation from an inner wrapper too', () => {
    const env = wrapEnv(new Scripted());
    env.reset();
    for (let t = 0; t < 5; t++) env.step(0);
    expect(() => env.step(0)).toThrow('after the episode ended');
  });

  it('rejects actions outside the action space before they reach the sim', () => {
    const sim = new Scripted();
    const env = wrapEnv(sim);
    env.reset();
    expect(() => env.step(2)).toThrow('Expected an action in [0, 2), got 2 (Scripted-v0)');
    expect(sim.snapshot().t).toBe(0);
  });

  it('exposes the spec, snapshot, rng state and innermost sim', () => {
    const sim = new Scripted();
    const env = wrapEnv(sim, 3);
    expect(env.unwrapped).toBe(sim);
    expect(env.spec.maxEpisodeSteps).toBe(3);
    env.reset({ seed: 9 });
    env.step(0);
    expect(env.snapshot()).toEqual({ t: 1 });
    expect(env.elapsedSteps).toBe(1);
    const state = env.getRngState();
    expect(state).toEqual(sim.getRngState());
    env.reset({ seed: 10 });
    env.setRngState(state);
    expect(sim.getRngState()).toEqual(state);
  });
});

describe('spaces', () => {
  it('contains checks size, bounds, NaN and integers', () => {
    const space = box([2], [-1, 0], [1, 2]);
    expect(contains(space, Float32Array.of(-1, 2))).toBe(true);
    expect(contains(space, Float32Array.of(-1.5, 1))).toBe(false);
    expect(contains(space, Float32Array.of(0, Number.NaN))).toBe(false);
    expect(contains(space, Float32Array.of(0))).toBe(false);
    expect(contains(space, new Float64Array([0, 1]) as unknown as Float32Array)).toBe(false);
    const actions = discrete(3);
    expect([0, 2, 3, -1, 1.5].map((a) => contains(actions, a))).toEqual([true, true, false, false, false]);
  });

  it('box validates its arguments', () => {
    expect(() => box([2, 0], 0, 1)).toThrow('Expected a box shape of positive integers, got [2, 0]');
    expect(() => box([2], [0], [1, 1])).toThrow('Expected 2 low bounds, got 1');
    expect(() => box([1], 1, 0)).toThrow('Expected low <= high at index 0, got 1 > 0');
    expect(box([2, 3], 0, 1).low).toHaveLength(6);
    expect(() => discrete(0)).toThrow('Expected a positive integer action count, got 0');
  });
});
