/**
 * A generic environment checker in the spirit of Gymnasium's `check_env` and its determinism test: every
 * registered game must pass it. Each check is a plain function that throws (through `expect`) on failure, so a
 * test file can run them one by one (clear names) or all at once with `checkEnv`.
 */
import { expect } from 'vitest';
import { boxSize, contains, Rng, type Env, type StepResult } from '../../src/envs/core';
import { TimeLimit, type EnvWrapper } from '../../src/envs/wrappers';

/** Makes a fresh env wrapped as makeEnv wraps it (TimeLimit and EpisodeGuard). */
export type EnvFactory = () => EnvWrapper;

export interface CheckEnvOptions {
  /**
   * False for envs with no randomness at all (e.g. FrozenLake on solid ice): then reset() without a seed must
   * give the very same trajectory, instead of a different one.
   */
  stochastic?: boolean;
}

interface Step {
  action: number;
  result: StepResult;
  snapshot: unknown;
}

/** Deterministic "random" actions for the checks. */
function actionSource(env: Env, seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.nextInt(env.spec.actionSpace.n);
}

/** Runs one episode from the current state to its end (or `cap` steps) with the given actions. */
function runEpisode(env: Env, nextAction: () => number, cap = Infinity): Step[] {
  const steps: Step[] = [];
  for (let t = 0; t < cap; t++) {
    const action = nextAction();
    const result = env.step(action);
    steps.push({ action, result, snapshot: env.snapshot() });
    if (result.terminated || result.truncated) break;
  }
  return steps;
}

/** A comparable record of a trajectory: observation bytes as plain arrays, rewards, flags and snapshots. */
function trace(steps: Step[]): unknown[] {
  return steps.map(({ action, result, snapshot }) => ({
    action,
    observation: Array.from(result.observation),
    reward: result.reward,
    terminated: result.terminated,
    truncated: result.truncated,
    info: result.info,
    snapshot,
  }));
}

function expectObservation(env: Env, observation: unknown): void {
  const space = env.spec.observationSpace;
  expect(observation).toBeInstanceOf(Float32Array);
  expect((observation as Float32Array).length).toBe(boxSize(space));
  const inside = contains(space, observation as Float32Array);
  if (!inside) {
    throw new Error(
      `${env.spec.id}: observation [${Array.from(observation as Float32Array).join(', ')}] is outside its space`,
    );
  }
}

function expectPlainData(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

export function checkSpec(make: EnvFactory): void {
  const env = make();
  const { spec } = env;
  expect(spec.id).toMatch(/^[A-Za-z]+-v\d+$/);
  expect(spec.name.length).toBeGreaterThan(0);
  expect(spec.description.length).toBeGreaterThan(0);
  const space = spec.observationSpace;
  expect(space.kind).toBe('box');
  expect(space.low).toBeInstanceOf(Float32Array);
  expect(space.low.length).toBe(boxSize(space));
  expect(space.high.length).toBe(boxSize(space));
  for (let i = 0; i < space.low.length; i++) expect(space.low[i]).toBeLessThanOrEqual(space.high[i]!);
  expect(spec.actionSpace.kind).toBe('discrete');
  expect(Number.isInteger(spec.actionSpace.n) && spec.actionSpace.n >= 2).toBe(true);
  expect(spec.actionNames).toHaveLength(spec.actionSpace.n);
  expect(Number.isInteger(spec.maxEpisodeSteps) && spec.maxEpisodeSteps > 0).toBe(true);
  expect(spec.rewardThreshold === null || Number.isFinite(spec.rewardThreshold)).toBe(true);
}

/** reset/step return the documented types and shapes; observations lie in their space; snapshots are plain. */
export function checkShapesAndSpaces(make: EnvFactory): void {
  const env = make();
  const nextAction = actionSource(env, 7);
  expectPlainData(env.snapshot());
  for (let episode = 0; episode < 3; episode++) {
    const reset = env.reset(episode === 0 ? { seed: 123 } : undefined);
    expectObservation(env, reset.observation);
    expect(typeof reset.info).toBe('object');
    expectPlainData(env.snapshot());
    let previous = reset.observation;
    for (const { result, snapshot } of runEpisode(env, nextAction)) {
      expectObservation(env, result.observation);
      // A fresh array each step: replay buffers may keep them.
      expect(result.observation).not.toBe(previous);
      previous = result.observation;
      expect(Number.isFinite(result.reward)).toBe(true);
      expect(typeof result.terminated).toBe('boolean');
      expect(typeof result.truncated).toBe('boolean');
      expect(typeof result.info).toBe('object');
      expectPlainData(snapshot);
    }
  }
}

/** Two envs, same seed, same actions: the same trajectory bit for bit, across several episodes. */
export function checkDeterminism(make: EnvFactory): void {
  const run = () => {
    const env = make();
    const nextAction = actionSource(env, 99);
    const episodes: unknown[] = [];
    for (let episode = 0; episode < 4; episode++) {
      const reset = env.reset(episode === 0 ? { seed: 2024 } : undefined);
      episodes.push(Array.from(reset.observation), env.snapshot(), trace(runEpisode(env, nextAction)));
    }
    return episodes;
  };
  expect(run()).toEqual(run());
}

/**
 * reset({ seed }) reseeds; reset() continues the stream (it does not reseed), so its episode differs in
 * general; reset({ seed }) again repeats the first episode exactly.
 */
export function checkSeeding(make: EnvFactory, options: CheckEnvOptions = {}): void {
  const env = make();
  const seed = 31337;
  const actions = Array.from({ length: env.spec.maxEpisodeSteps }, actionSource(env, 5));
  const episode = (resetSeed?: number) => {
    let i = 0;
    const reset = env.reset(resetSeed === undefined ? undefined : { seed: resetSeed });
    return [Array.from(reset.observation), trace(runEpisode(env, () => actions[i++]!))];
  };
  const seeded = episode(seed);
  const unseeded = [episode(), episode(), episode()];
  if (options.stochastic === false) {
    for (const other of unseeded) expect(other).toEqual(seeded);
  } else {
    expect(unseeded.some((other) => JSON.stringify(other) !== JSON.stringify(seeded))).toBe(true);
  }
  expect(episode(seed)).toEqual(seeded);
  // A different seed gives a different episode (for envs with randomness).
  if (options.stochastic !== false) expect(episode(seed + 1)).not.toEqual(seeded);
}

/** The RNG state round-trips: restoring it into a fresh env reproduces the next unseeded episode. */
export function checkRngState(make: EnvFactory): void {
  const a = make();
  a.reset({ seed: 8 });
  runEpisode(a, actionSource(a, 1));
  const state = a.getRngState();
  const b = make();
  b.setRngState(state);
  expect(b.getRngState()).toEqual(state);
  const episode = (env: Env) => [
    Array.from(env.reset().observation),
    trace(runEpisode(env, actionSource(env, 2))),
  ];
  expect(episode(b)).toEqual(episode(a));
}

/** Episodes end within maxEpisodeSteps, and an episode that reaches the limit without terminating is truncated. */
export function checkEpisodeLimits(make: EnvFactory): void {
  const env = make();
  const nextAction = actionSource(env, 3);
  const max = env.spec.maxEpisodeSteps;
  for (let episode = 0; episode < 3; episode++) {
    env.reset({ seed: 500 + episode });
    const steps = runEpisode(env, nextAction, max + 1);
    expect(steps.length).toBeLessThanOrEqual(max);
    expect(env.elapsedSteps).toBe(steps.length);
    const last = steps[steps.length - 1]!.result;
    expect(last.terminated || last.truncated).toBe(true);
    if (steps.length === max && !last.terminated) expect(last.truncated).toBe(true);
    for (const { result } of steps.slice(0, -1)) expect(result.terminated || result.truncated).toBe(false);
  }
}

/** With a short TimeLimit, truncated is set exactly at the limit (never earlier) unless the episode terminated. */
export function checkTruncationAtLimit(make: EnvFactory): void {
  const limit = 3;
  let reachedLimit = 0;
  for (let seed = 0; seed < 10; seed++) {
    const env = new TimeLimit(make(), limit);
    expect(env.spec.maxEpisodeSteps).toBe(limit);
    env.reset({ seed });
    const steps = runEpisode(env, actionSource(env, seed), limit + 1);
    expect(steps.length).toBeLessThanOrEqual(limit);
    steps.forEach(({ result }, t) => {
      if (t < limit - 1) expect(result.truncated).toBe(false);
    });
    const last = steps[steps.length - 1]!.result;
    if (steps.length === limit) {
      reachedLimit += 1;
      expect(last.truncated).toBe(!last.terminated);
    } else {
      expect(last.terminated).toBe(true);
    }
  }
  expect(reachedLimit).toBeGreaterThan(0);
}

/** step() before the first reset or after the end throws a message that names the env and says reset(). */
export function checkEpisodeGuard(make: EnvFactory): void {
  const env = make();
  const id = env.spec.id;
  expect(() => env.step(0)).toThrow(
    new RegExp(`^${id}: step\\(\\) was called before reset\\(\\); call reset\\(\\)`),
  );
  env.reset({ seed: 1 });
  runEpisode(env, actionSource(env, 4));
  const after = /step\(\) was called after the episode ended; call reset\(\) to start a new episode/;
  expect(() => env.step(0)).toThrow(after);
  expect(() => env.step(0)).toThrow(id);
  env.reset();
  expect(() => env.step(0)).not.toThrow();
}

/** Actions outside [0, n) or not integers throw the standard message, whatever the episode state. */
export function checkInvalidActions(make: EnvFactory): void {
  const env = make();
  const n = env.spec.actionSpace.n;
  env.reset({ seed: 1 });
  for (const bad of [-1, n, n + 1, 0.5, Number.NaN, Infinity]) {
    expect(() => env.step(bad)).toThrow(`Expected an action in [0, ${n}), got ${bad}`);
  }
  expect(() => env.step('1' as unknown as number)).toThrow(`Expected an action in [0, ${n}), got "1"`);
  // The bad calls did not count as steps: the episode goes on.
  expect(env.elapsedSteps).toBe(0);
  expect(() => env.step(n - 1)).not.toThrow();
  // The raw sim rejects them too, so a sim used without wrappers cannot silently misbehave.
  expect(() => env.unwrapped.step(n)).toThrow(`Expected an action in [0, ${n}), got ${n}`);
}

export const ENV_CHECKS = {
  spec: checkSpec,
  'shapes and spaces': checkShapesAndSpaces,
  determinism: checkDeterminism,
  seeding: checkSeeding,
  'rng state': checkRngState,
  'episode limits': checkEpisodeLimits,
  'truncation at the limit': checkTruncationAtLimit,
  'episode guard': checkEpisodeGuard,
  'invalid actions': checkInvalidActions,
} satisfies Record<string, (make: EnvFactory, options?: CheckEnvOptions) => void>;

/** Runs every check; throws on the first failure. */
export function checkEnv(make: EnvFactory, options: CheckEnvOptions = {}): void {
  for (const check of Object.values(ENV_CHECKS)) check(make, options);
}
