/**
 * Solving each game as a user would on the arena page: the preset on the typed-array engine, the worker's own
 * evaluations with the game's rule, stop-when-solved on (see solve-run.ts). (On a fresh browser profile
 * "auto" starts on WASM until the device's measurement is cached; cartpoleSolve shows that path.) CartPole also measures the share link of each solved
 * agent at every precision, with the score its decoded weights reach over 100 greedy episodes.
 *
 * Options from the command line: SEEDS (e.g. 1-10), STEPS (the env-step budget), KEEP_TRAINING=1 (train on to
 * the budget after solving, to see whether the latest weights stay solved).
 */
import { dqnPreset, type DqnGameId } from '../src/agents/presets';
import { assertValidDqnConfig, DEFAULT_DQN_CONFIG, type DqnConfig } from '../src/agents/dqn-config';
import { evaluationDefaults, solveRuleText } from '../src/agents/solve-rules';
import { checkpointWithAgent } from '../src/storage/dqn-evaluation';
import { makeEnvFromConfig } from '../src/envs/registry';
import { FROZEN_LAKE_MAPS } from '../src/envs/gridworld/sim';
import { frozenLakeOptimum } from '../src/envs/gridworld/transition-model';
import type { BackendName } from '../src/workers/protocol';
import type { WorkerBridge } from '../src/workers/bridge';
import type { RlApi } from '../src/workers/rl.worker';
import { randomSnakePolicy, snakeFruitPerEpisode, towardFoodPolicy } from './node/snake-baselines';
import { solveRun, type Log, type SolveRun } from './solve-run';
import { seedList, summarizeSolves } from './solve-summary';

/** What `npm run bench` passes from its environment. */
export interface BenchOptions {
  seeds?: string;
  steps?: string;
  keepTraining?: string;
  /** JSON of preset fields to change for a trial, e.g. '{"learningRate":1e-3}' (as the Node harness's OVERRIDES). */
  overrides?: string;
}

/** The preset changes OVERRIDES asks for: a JSON object whose fields the preset has (checked with the preset). */
function presetOverrides(options: BenchOptions): Partial<DqnConfig> {
  if (!options.overrides) return {};
  const parsed: unknown = JSON.parse(options.overrides);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`Expected OVERRIDES to be a JSON object, got ${options.overrides}`);
  const unknown = Object.keys(parsed).find((key) => !Object.hasOwn(DEFAULT_DQN_CONFIG, key));
  if (unknown !== undefined) throw new Error(`Expected OVERRIDES to name DqnConfig fields, got ${unknown}`);
  return parsed as Partial<DqnConfig>;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function budget(options: BenchOptions, preset: number): number {
  if (!options.steps) return preset;
  const steps = Number(options.steps);
  if (!Number.isInteger(steps) || steps < 1 || steps > 10_000_000)
    throw new Error(`Expected STEPS to be an integer in [1, 10000000], got "${options.steps}"`);
  return steps;
}

/** The game's rule in the page's words, with the settings the worker applies. */
function ruleOf(envId: DqnGameId): {
  text: string;
  threshold: number | null;
  every: number;
  episodes: number;
} {
  const { spec } = makeEnvFromConfig(envId, {});
  const settings = evaluationDefaults(envId, spec.rewardThreshold);
  return {
    text: solveRuleText(envId, spec.rewardThreshold, settings),
    threshold: spec.rewardThreshold,
    every: settings.every,
    episodes: settings.episodes,
  };
}

async function solveSeeds<T>(
  envId: DqnGameId,
  options: BenchOptions,
  defaultSeeds: number[],
  preference: BackendName | 'auto',
  log: Log,
  after?: (bridge: WorkerBridge<RlApi>, run: SolveRun) => Promise<T>,
) {
  const seeds = seedList(options.seeds, defaultSeeds);
  const overrides = presetOverrides(options);
  const maxSteps = budget(options, dqnPreset(envId, overrides).totalSteps);
  const runs: Array<SolveRun & { after?: T }> = [];
  for (const seed of seeds) {
    const config = assertValidDqnConfig(dqnPreset(envId, { ...overrides, seed }));
    runs.push(
      await solveRun(
        { envId, config, preference, maxSteps, keepTraining: options.keepTraining === '1', log },
        after,
      ),
    );
  }
  return {
    rule: ruleOf(envId),
    preference,
    ...(options.overrides ? { overrides } : {}),
    budgetSteps: maxSteps,
    seedsNote: options.seeds
      ? `seeds ${seeds.join(', ')} (from SEEDS)`
      : `seeds ${seeds.join(', ')} by default; SEEDS=1-10 measures more (minutes per seed on a busy machine)`,
    summary: summarizeSolves(runs),
    runs,
  };
}

/**
 * The share link of the solved agent (the best weights, as the page shares by default) at every precision:
 * its length and the greedy mean of the weights the link decodes to, over 100 episodes, in the worker.
 */
async function shareLinks(bridge: WorkerBridge<RlApi>, run: SolveRun) {
  if (!run.solved) return null;
  const checkpoint = await bridge.api.checkpoint({ name: 'bench', includeReplay: false });
  const origin = 'https://example.org/rl-gan-playground/';
  const verification = await bridge.api.verifyShare(
    checkpointWithAgent(checkpoint, 'best'),
    100,
    run.threshold,
    origin.length,
  );
  return {
    fullPrecisionMean100: round(verification.fullMean),
    links: verification.checks.map((c) => ({
      quantization: c.quantization,
      chars: c.hashLength + origin.length,
      fits8000: c.fits,
      verifiedMean100: round(c.mean),
      keepsScore: c.keeps,
    })),
    defaultPrecision: verification.chosen,
  };
}

async function cartpole(preference: BackendName | 'auto', log: Log, options: BenchOptions) {
  const result = await solveSeeds('CartPole-v1', options, [1, 2, 3], preference, log, shareLinks);
  const withLinks = result.runs.filter((r) => r.after);
  return {
    goal:
      'issue 13: 10 of 10 seeds solved within 50,000 env steps, median ≤ 5,000; a share link ≤ 8,000 ' +
      'characters whose weights still score ≥ 475 over 100 greedy episodes',
    ...result,
    links: {
      solvedAgents: withLinks.length,
      withAFittingLinkThatStaysSolved: withLinks.filter((r) => r.after!.defaultPrecision !== null).length,
    },
  };
}

/** CartPole-v1 on the backend "auto" picks in a fresh profile (WASM until the device has measured). */
export const cartpoleSolve = (log: Log, options: BenchOptions = {}) => cartpole('auto', log, options);

/** CartPole-v1 on the typed-array engine, forced. */
export const cartpoleSolveJs = (log: Log, options: BenchOptions = {}) => cartpole('js', log, options);

/** Catch: the rule counts caught − missed; the share of balls caught is (mean + balls) / (2 · balls). */
export async function catchSolve(log: Log, options: BenchOptions = {}) {
  const result = await solveSeeds('Catch-v0', options, [1], 'js', log);
  const balls = 10;
  const share = (mean: number | null) => (mean === null ? null : round((mean + balls) / (2 * balls)));
  return {
    ...result,
    ballsCaughtShare: result.runs.map((r) => ({
      seed: r.seed,
      atSolve: share(r.solved?.mean ?? null),
      best: share(r.bestMean),
    })),
  };
}

/** FrozenLake 4×4 slippery: the success rate beside the best any policy can reach in 100 steps. */
export async function frozenLakeSolve(log: Log, options: BenchOptions = {}) {
  const result = await solveSeeds('FrozenLake-v1', options, [1], 'js', log);
  return {
    ...result,
    optimalSuccessRate: round(frozenLakeOptimum(FROZEN_LAKE_MAPS['4x4'], true, 100).successRate),
  };
}

/** MountainCar-v0: Gymnasium's −110 over 100 greedy episodes. */
export async function mountainCarSolve(log: Log, options: BenchOptions = {}) {
  return solveSeeds('MountainCar-v0', options, [1], 'js', log);
}

/** Snake: no threshold; the greedy fruit per episode beside a random and a "step toward the food" policy. */
export async function snakeSolve(log: Log, options: BenchOptions = {}) {
  const result = await solveSeeds('Snake-v0', options, [1], 'js', log);
  return {
    ...result,
    baselines: {
      episodes: 1000,
      randomFruitPerEpisode: snakeFruitPerEpisode(randomSnakePolicy(7), 1000, 1_000_000),
      towardFoodFruitPerEpisode: snakeFruitPerEpisode(towardFoodPolicy, 1000, 1_000_000),
    },
  };
}

/** Every solve scenario, under the name `npm run bench -- <name>` takes. */
export const SOLVE_SCENARIOS = {
  cartpoleSolve,
  cartpoleSolveJs,
  catchSolve,
  frozenLakeSolve,
  mountainCarSolve,
  snakeSolve,
};
