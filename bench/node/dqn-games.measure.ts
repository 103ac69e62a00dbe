/**
 * Node measurement of the DQN presets (see README, "How well the presets learn"). Settings come from the
 * environment so one file serves every game:
 *   GAME=CartPole-v1 SEEDS=0-9 STEPS=50000 EVERY=1000 EPISODES=100 OUT=docs/cartpole-stability.json \
 *     nice -n 10 npx vitest run --config bench/node/vitest.config.ts
 * OVERRIDES='{"learningRate":1e-3}' changes preset fields for a trial; EVAL_SEEDS=worker evaluates on the arena
 * worker's fixed seeds (then a seed's curve is the browser's, check for check).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dqnPreset, isDqnGameId } from '../../src/agents/presets';
import { measureSeed, summarize, type GameRule, type SeedResult } from './measure';
import { GAME_RULES } from './game-rules';
import { randomSnakePolicy, snakeFruitPerEpisode, towardFoodPolicy } from './snake-baselines';
import { FROZEN_LAKE_MAPS } from '../../src/envs/gridworld/sim';
import { frozenLakeOptimum } from '../../src/envs/gridworld/transition-model';
import { makeEnvFromConfig } from '../../src/envs/registry';

const env = process.env;

function seedList(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const out: number[] = [];
    for (let s = Number(range[1]); s <= Number(range[2]); s++) out.push(s);
    return out;
  }
  return text.split(',').map(Number);
}

it('measures the preset', async () => {
  await tf.setBackend('wasm'); // only the seeded initial weights come from tfjs
  const gameId = env.GAME ?? 'CartPole-v1';
  expect(isDqnGameId(gameId)).toBe(true);
  const rule: GameRule = GAME_RULES[gameId as keyof typeof GAME_RULES];
  const overrides: Record<string, unknown> = env.OVERRIDES ? JSON.parse(env.OVERRIDES) : {};
  const steps = Number(env.STEPS ?? 50_000);
  // totalSteps stays the preset's (it sets the ε schedule) unless OVERRIDES changes it.
  const config = dqnPreset(rule.gameId, overrides);
  const options = {
    rule,
    config,
    seeds: seedList(env.SEEDS ?? '0-9'),
    maxSteps: steps,
    evalEvery: Number(env.EVERY ?? 1000),
    evalEpisodes: Number(env.EPISODES ?? 100),
    evalSeeds: env.EVAL_SEEDS === 'worker' ? ('worker' as const) : ('fresh' as const),
  };
  const loadBefore = loadavg()[0];
  const baselines =
    gameId === 'Snake-v0'
      ? {
          randomFruitPerEpisode: snakeFruitPerEpisode(randomSnakePolicy(7), 1000, 1_000_000),
          towardFoodFruitPerEpisode: snakeFruitPerEpisode(towardFoodPolicy, 1000, 1_000_000),
        }
      : gameId === 'FrozenLake-v1'
        ? {
            // Value iteration on the env's transition model, over its time limit: no policy does better.
            optimalSuccessRate: frozenLakeOptimum(
              FROZEN_LAKE_MAPS['4x4'],
              true,
              makeEnvFromConfig(gameId, rule.envOptions).spec.maxEpisodeSteps,
            ).successRate,
          }
        : null;
  const results: SeedResult[] = [];
  // Written after every seed, so a long measurement that is stopped still leaves what it finished.
  const report = () => ({
    game: gameId,
    rule,
    engine: 'js',
    maxSteps: steps,
    evalEvery: options.evalEvery,
    evalEpisodes: options.evalEpisodes,
    overrides,
    config,
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    measuredAt: new Date().toISOString(),
    summary: summarize(rule, results, options.evalEvery),
    // What the score is worth: Snake's random and toward-food policies; FrozenLake's optimum.
    baselines,
    seeds: results,
  });
  for (const seed of options.seeds) {
    const r = measureSeed(options, seed, (step, mean) => console.log(`seed ${seed} step ${step}: ${mean}`));
    results.push(r);
    console.log(
      JSON.stringify({ seed, solvedAt: r.solvedAtStep, stayed: r.stayedSolvedFraction, final: r.finalMean }),
    );
    if (env.OUT) writeFileSync(env.OUT, JSON.stringify(report(), null, 1) + '\n');
  }
  console.log(JSON.stringify(report().summary));
  expect(results.length).toBe(options.seeds.length);
});
