/** Each game's "solved" rule and what its evaluation counts per episode. */
import type { DqnGameId } from '../../src/agents/presets';
import type { GameRule } from './measure';

export const GAME_RULES: Record<DqnGameId, GameRule> = {
  // Gymnasium's reward_threshold, over 100 greedy episodes as rl-baselines3-zoo evaluates.
  'CartPole-v1': { gameId: 'CartPole-v1', envOptions: {}, threshold: 475, score: 'return' },
  'MountainCar-v0': { gameId: 'MountainCar-v0', envOptions: {}, threshold: -110, score: 'return' },
  // Success rate; the optimal policy of the slippery 4×4 map reaches about 0.74 within 100 steps.
  'FrozenLake-v1': {
    gameId: 'FrozenLake-v1',
    envOptions: { map: '4x4', isSlippery: true },
    threshold: 0.7,
    score: 'return',
  },
  // Balls caught of 10.
  'Catch-v0': { gameId: 'Catch-v0', envOptions: {}, threshold: 9.5, score: 'positiveRewards' },
  // Fruit per episode; compared with a random and a "step toward the food" policy.
  'Snake-v0': { gameId: 'Snake-v0', envOptions: {}, threshold: null, score: 'positiveRewards' },
};
