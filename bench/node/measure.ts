/**
 * Trains the DQN preset of a game on the typed-array engine for several seeds and checks the greedy policy
 * every `evalEvery` env steps over `evalEpisodes` episodes on separate env copies, as rl-baselines3-zoo's
 * EvalCallback does. Evaluation reads only the online network (no RNG draw, no replay write), so training is
 * the same run with or without it.
 */
import { performance } from 'node:perf_hooks';
import type { DqnConfig } from '../../src/agents/dqn-config';
import { DqnLearner, type EnvLike } from '../../src/agents/dqn-learner';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import type { DqnGameId } from '../../src/agents/presets';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import { boxSize } from '../../src/envs/core';
import { makeEnvFromConfig } from '../../src/envs/registry';
import { EVAL_SEED_BASE } from '../../src/agents/solve-rules';

/**
 * What an evaluation scores per episode: the return, a count of rewarding steps (fruit eaten), or the share
 * of rewarded steps that rewarded positively (balls caught of the episode's balls, as a rate).
 */
export type EpisodeScore = 'return' | 'positiveRewards' | 'positiveRate';

export interface GameRule {
  gameId: DqnGameId;
  envOptions: Record<string, unknown>;
  /** Greedy mean that counts as solved; null where the game only reports a score. */
  threshold: number | null;
  score: EpisodeScore;
  /** The best score there is (Catch: every ball caught), to say when and how reliably the preset reaches it. */
  maximum?: number;
}

export interface MeasureOptions {
  rule: GameRule;
  config: DqnConfig;
  seeds: number[];
  maxSteps: number;
  evalEvery: number;
  evalEpisodes: number;
  /**
   * 'fresh' (default): each check plays its own new seeds, so later checks are independent estimates.
   * 'worker': every check plays seeds EVAL_SEED_BASE + i, as the arena's worker does, so a seed's curve here is
   * the browser's curve for that seed, check for check.
   */
  evalSeeds?: 'fresh' | 'worker';
}

export interface SeedResult {
  seed: number;
  /** First checked env step whose greedy mean reached the threshold (null: never, or no threshold). */
  solvedAtStep: number | null;
  /** Of the checks after the first solved one, the fraction that still reached the threshold. */
  stayedSolvedFraction: number | null;
  /** Greedy mean of the latest weights at maxSteps. */
  finalMean: number;
  bestMean: number;
  /** Greedy mean at every check, in order (env steps evalEvery, 2·evalEvery, ...). */
  curve: number[];
  /** Per check interval, the fraction of its env steps trained with learning paused (pauseLearningAtReturn). */
  pausedCurve: number[];
  wallSeconds: number;
}

/** Plays `episodes` greedy episodes at once (one env copy each, seeded apart from training) in batches. */
export function evaluateAgent(agent: JsDqnAgent, rule: GameRule, episodes: number, evalSeed: number): number {
  const envs = Array.from({ length: episodes }, () => makeEnvFromConfig(rule.gameId, rule.envOptions));
  const obsSize = agent.obsSize;
  const observations = new Float32Array(episodes * obsSize);
  const live: number[] = [];
  const totals = new Float64Array(episodes);
  const rewarded = new Float64Array(episodes);
  envs.forEach((env, i) => {
    observations.set(env.reset({ seed: evalSeed + i }).observation, i * obsSize);
    live.push(i);
  });
  const batch = new Float32Array(episodes * obsSize);
  while (live.length > 0) {
    live.forEach((envIndex, row) =>
      batch.set(observations.subarray(envIndex * obsSize, (envIndex + 1) * obsSize), row * obsSize),
    );
    const actions = agent.greedyActions(batch, live.length);
    const still: number[] = [];
    live.forEach((envIndex, row) => {
      const result = envs[envIndex]!.step(actions[row]!);
      totals[envIndex]! += rule.score === 'return' ? result.reward : result.reward > 0 ? 1 : 0;
      if (result.reward !== 0) rewarded[envIndex]! += 1;
      observations.set(result.observation, envIndex * obsSize);
      if (!result.terminated && !result.truncated) still.push(envIndex);
    });
    live.length = 0;
    live.push(...still);
  }
  const scores =
    rule.score === 'positiveRate' ? totals.map((t, i) => (rewarded[i]! > 0 ? t / rewarded[i]! : 0)) : totals;
  return scores.reduce((a, b) => a + b, 0) / episodes;
}

/**
 * The first env seed of a check's `episodes` fresh evaluation episodes (they play it, it + 1, ...): apart from
 * every training seed and from one check to the next.
 */
export function freshEvalSeed(trainingSeed: number, check: number, episodes: number): number {
  return 1_000_000 + trainingSeed * 10_000 + check * episodes;
}

export function measureSeed(
  options: MeasureOptions,
  seed: number,
  onCheck: (envStep: number, mean: number) => void = () => {},
): SeedResult {
  const { rule, maxSteps, evalEvery, evalEpisodes } = options;
  const start = performance.now();
  const env = makeEnvFromConfig(rule.gameId, rule.envOptions);
  const space = env.spec.observationSpace;
  const obsSize = space.kind === 'box' ? boxSize(space) : 1;
  const nActions = env.spec.actionSpace.kind === 'discrete' ? env.spec.actionSpace.n : 0;
  const agent = new JsDqnAgent({ ...options.config, seed }, obsSize, nActions, initialQNetworkWeights);
  const learner = new DqnLearner(agent, env as EnvLike);
  const curve: number[] = [];
  const pausedCurve: number[] = [];
  for (let check = 1; check * evalEvery <= maxSteps; check++) {
    let pausedSteps = 0;
    while (learner.counters.envSteps < check * evalEvery) {
      learner.step();
      // The pause this step trained under (it is updated at an episode's end, before that step's training).
      if (learner.learningPaused) pausedSteps++;
    }
    pausedCurve.push(pausedSteps / evalEvery);
    const evalSeed =
      options.evalSeeds === 'worker' ? EVAL_SEED_BASE : freshEvalSeed(seed, check, evalEpisodes);
    curve.push(evaluateAgent(agent, rule, evalEpisodes, evalSeed));
    onCheck(check * evalEvery, curve[curve.length - 1]!);
  }
  const solvedIndex = rule.threshold === null ? -1 : curve.findIndex((m) => m >= rule.threshold!);
  const later = solvedIndex < 0 ? [] : curve.slice(solvedIndex + 1);
  return {
    seed,
    solvedAtStep: solvedIndex < 0 ? null : (solvedIndex + 1) * evalEvery,
    stayedSolvedFraction:
      solvedIndex < 0 || later.length === 0
        ? null
        : later.filter((m) => m >= rule.threshold!).length / later.length,
    finalMean: curve[curve.length - 1] ?? NaN,
    bestMean: Math.max(...curve),
    curve,
    pausedCurve,
    wallSeconds: (performance.now() - start) / 1000,
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(rule: GameRule, results: SeedResult[], evalEvery: number) {
  const solved = results.filter((r) => r.solvedAtStep !== null);
  // Pooled over seeds, as "37% of later checks stayed ≥ 475" is quoted for the SB3 reference.
  const later = solved.flatMap((r) => r.curve.slice(r.solvedAtStep! / evalEvery));
  const atMaximum = (r: SeedResult) => {
    const first = r.curve.findIndex((m) => m >= rule.maximum!);
    return first < 0 ? null : { step: (first + 1) * evalEvery, rest: r.curve.slice(first + 1) };
  };
  const maximum =
    rule.maximum === undefined
      ? null
      : {
          value: rule.maximum,
          seedsReaching: results.filter((r) => atMaximum(r) !== null).length,
          firstReachedAtStep: results.map((r) => atMaximum(r)?.step ?? null),
          // Of the checks after each seed first reached it, pooled: the share still at the maximum.
          laterChecksAtMaximum: (() => {
            const rest = results.flatMap((r) => atMaximum(r)?.rest ?? []);
            return rest.length === 0 ? null : rest.filter((m) => m >= rule.maximum!).length / rest.length;
          })(),
        };
  return {
    maximum,
    seeds: results.length,
    solvedSeeds: rule.threshold === null ? null : solved.length,
    medianSolvedAtStep: median(solved.map((r) => r.solvedAtStep!)),
    firstSolvedAtStep: solved.length ? Math.min(...solved.map((r) => r.solvedAtStep!)) : null,
    worstSolvedAtStep: solved.length ? Math.max(...solved.map((r) => r.solvedAtStep!)) : null,
    laterChecksStayedFraction:
      later.length === 0 ? null : later.filter((m) => m >= rule.threshold!).length / later.length,
    finalAtThreshold:
      rule.threshold === null ? null : results.filter((r) => r.finalMean >= rule.threshold!).length,
    medianFinalMean: median(results.map((r) => r.finalMean)),
    medianWallSeconds: median(results.map((r) => r.wallSeconds)),
    // How much of the training after each seed's first solve ran with learning paused, pooled.
    pausedFractionAfterSolve: (() => {
      const after = solved.flatMap((r) => r.pausedCurve.slice(r.solvedAtStep! / evalEvery));
      return after.length === 0 ? null : after.reduce((a, b) => a + b, 0) / after.length;
    })(),
  };
}
