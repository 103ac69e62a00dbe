/**
 * A tuned starting DqnConfig per game. Target-update intervals count gradient steps (SB3 counts env steps:
 * where a preset follows rl-baselines3-zoo, the interval is converted).
 */
import { DEFAULT_DQN_CONFIG, type DqnConfig } from './dqn-config';

export type DqnGameId = 'CartPole-v1' | 'MountainCar-v0' | 'FrozenLake-v1' | 'Snake-v0' | 'Catch-v0';

export const DQN_PRESETS: Readonly<Record<DqnGameId, Readonly<DqnConfig>>> = {
  /**
   * obs 4, 2 actions, 500-step limit. A 4-32-32-2 dueling net reading x × 0.5, ẋ × 0.25, θ × 4, θ̇ × 0.25,
   * trained three gradient steps per env step on batches of 128 with squared TD error and prioritized replay, a
   * soft target (τ 0.01), the learning rate falling linearly from 5e-4 to 1e-5 at 50k, and learning paused while
   * the last 5 training episodes average ≥ 475. Measured in Node on the typed-array engine (greedy 100-episode
   * checks every 1k env steps, trained on to 50k; docs/cartpole-preset-2026-12-05e-*): seeds 1–10, 11–20, 21–30
   * and 31–40 all solved, at a median of 3,500, 2,500, 3,000 and 3,500 env steps (30 of 40 by 5k), and the
   * latest weights at 50k score ≥ 475 on 10, 10, 9 and 10 of 10. SB3 + zoo: 10/10, median 20k, 37% of later
   * checks, 8/10.
   * The scale is what made the first solve quick: unscaled (then at rate 1e-3), the pole angle, which spans
   * ±0.21 rad against the cart's ±2.4 m, was learned last, and the same seeds solved at a median of 4,500,
   * 5,000, 7,000 and 7,500 (16 of 40 by 5k; docs/cartpole-preset-2026-12-05d-*). Scaled but at rate 1e-3,
   * many seeds solved at 2k and 6 to 10 of 20 not by 10k; the lower rate keeps the quick solves and loses
   * fewer (docs/cartpole-sweep-2026-12-05e.json).
   * Without the pause the unscaled net held its latest weights on only 8, 8 and 5 of 10: it balanced the pole
   * but forgot to keep the cart centred (bench/node/cartpole-failures.measure.ts), and 18 other changes did no
   * better (docs/cartpole-sweep-2026-12-05c.json). Once it wins, its updates have nothing to correct and only
   * drift; the pause holds the weights until a training episode falls short (docs/cartpole-sweep-2026-12-05d).
   * From an older preset (batch 64, no dueling, τ 0.005, two gradient steps), dueling heads, batch 128 and
   * τ 0.01 each solved more seeds by 10k, and a third gradient step 11 of 20 seeds by 5k (docs/cartpole-sweep-*).
   * Squared error matters most: Huber's δ = 1 caps the gradient of the large errors at a fall, so the net
   * forgets what falling costs. 32×32 weights fit an 8,000-character share link even as exact float32.
   */
  'CartPole-v1': {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [32, 32],
    dueling: true,
    observationScale: [0.5, 0.25, 4, 0.25],
    learningRate: 5e-4,
    learningRateEnd: 1e-5,
    pauseLearningAtReturn: 475,
    pauseLearningEpisodes: 5,
    bufferSize: 50_000,
    batchSize: 128,
    gamma: 0.99,
    learningStarts: 1_000,
    trainFreq: 1,
    gradientSteps: 3,
    targetUpdate: { kind: 'soft', tau: 0.01 },
    doubleDqn: true,
    huberDelta: null,
    maxGradNorm: 10,
    prioritized: true,
    epsilonStart: 1,
    epsilonEnd: 0.04,
    explorationFraction: 0.16,
    totalSteps: 50_000,
  },
  /**
   * obs 2, 3 actions, −1 per step, 200-step limit: exploration is everything. rl-baselines3-zoo's tuned DQN
   * (its target_update_interval of 600 env steps = 300 of our gradient steps at 8 per 16 env steps). In the
   * arena's worker on the typed-array engine (SIMD) it solved seeds 1 and 2 (greedy mean ≥ −110 over 100
   * episodes) at 86k and 78k env steps, in 81 s and 74 s (docs/bench-2026-12-05-mountaincar.json).
   */
  'MountainCar-v0': {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [256, 256],
    learningRate: 4e-3,
    bufferSize: 10_000,
    batchSize: 128,
    gamma: 0.98,
    learningStarts: 1_000,
    trainFreq: 16,
    gradientSteps: 8,
    targetUpdate: { kind: 'hard', interval: 300 },
    doubleDqn: false,
    huberDelta: 1,
    maxGradNorm: 10,
    epsilonStart: 1,
    epsilonEnd: 0.07,
    explorationFraction: 0.2,
    totalSteps: 120_000,
  },
  /**
   * one-hot 16 obs, 4 actions, slippery, reward 1 only at the goal, 100-step limit; no policy succeeds more
   * often than 0.744 (value iteration on the env's model, transition-model.ts). Measured in Node on seeds 1–3
   * (docs/frozenlake-preset.json, 200 greedy episodes every 2,500 env steps): ≥ 0.7 first at 15,000, 5,000
   * and 7,500 env steps (best 0.77, 0.79, 0.805); 78% of the later checks stay ≥ 0.7 and their mean is 0.71;
   * the latest weights at 50k score 0.77, 0.62, 0.725. A lower learning rate (5e-4) with ε down to 0.02 and a
   * slower target (500) learned later (seed 1: 0.36–0.6 until 22,500) and was stopped.
   */
  'FrozenLake-v1': {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [64],
    learningRate: 1e-3,
    bufferSize: 20_000,
    batchSize: 64,
    gamma: 0.99,
    learningStarts: 1_000,
    trainFreq: 1,
    gradientSteps: 1,
    targetUpdate: { kind: 'hard', interval: 250 },
    doubleDqn: true,
    huberDelta: 1,
    maxGradNorm: 10,
    epsilonStart: 1,
    epsilonEnd: 0.05,
    explorationFraction: 0.3,
    totalSteps: 50_000,
  },
  /**
   * 11 danger/heading/food features, 3 relative actions; +1 food, −1 death. Measured in Node on seeds 1–3
   * (docs/snake-preset.json, 100 greedy episodes every 5,000 env steps on the 10×10 board): from 15,000 env
   * steps on the checks average 18.5, 18.8 and 18.2 fruit per episode (best 20.0, 20.7, 21.6; latest at 50k
   * 18.2, 20.7, 18.1) against 0.16 for random moves and 18.2 for "step toward the food" (1,000 episodes).
   * It matches that rule rather than beating it: the features see one cell ahead, as the rule does, so
   * neither can tell a turn into its own coils from a safe one. The plateau comes by 10,000–15,000 steps
   * (200,000 steps, the earlier budget, gave 16.6–19.5 up to 60,000 on seed 1), hence 50,000; γ 0.9 with a
   * learning rate of 1e-3 did no better on seed 1 (17.6–21.3, 20 episodes per check).
   */
  'Snake-v0': {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [128, 128],
    learningRate: 5e-4,
    bufferSize: 50_000,
    batchSize: 64,
    gamma: 0.95,
    learningStarts: 1_000,
    trainFreq: 4,
    gradientSteps: 1,
    targetUpdate: { kind: 'soft', tau: 0.01 },
    doubleDqn: true,
    huberDelta: 1,
    maxGradNorm: 10,
    epsilonStart: 1,
    epsilonEnd: 0.02,
    explorationFraction: 0.3,
    totalSteps: 50_000,
  },
  /**
   * 3 features (paddle x, ball x, ball y), 3 actions, ±1 per ball. Measured in Node on seeds 1–3
   * (docs/catch-preset.json, 100 greedy episodes every 500 env steps): the greedy policy catches every ball
   * (100%) from 1,500, 2,000 and 2,000 env steps on, and every later check to 10,000 stays at 100%.
   */
  'Catch-v0': {
    ...DEFAULT_DQN_CONFIG,
    hiddenSizes: [64, 64],
    learningRate: 1e-3,
    bufferSize: 10_000,
    batchSize: 64,
    gamma: 0.99,
    learningStarts: 500,
    trainFreq: 1,
    gradientSteps: 1,
    targetUpdate: { kind: 'hard', interval: 200 },
    doubleDqn: true,
    huberDelta: 1,
    maxGradNorm: 10,
    epsilonStart: 1,
    epsilonEnd: 0.05,
    explorationFraction: 0.2,
    totalSteps: 10_000,
  },
};

export function isDqnGameId(id: string): id is DqnGameId {
  return Object.prototype.hasOwnProperty.call(DQN_PRESETS, id);
}

/** A fresh, mutable copy of the preset for `gameId` (with its own hiddenSizes array and targetUpdate). */
export function dqnPreset(gameId: DqnGameId, overrides: Partial<DqnConfig> = {}): DqnConfig {
  if (!isDqnGameId(gameId)) {
    throw new Error(
      `Expected a game id in ${Object.keys(DQN_PRESETS).join('|')}, got ${JSON.stringify(gameId)}`,
    );
  }
  const preset = DQN_PRESETS[gameId];
  return {
    ...preset,
    hiddenSizes: [...preset.hiddenSizes],
    targetUpdate: { ...preset.targetUpdate },
    ...overrides,
  };
}
