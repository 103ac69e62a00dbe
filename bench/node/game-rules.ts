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
  // Balls caught of the episode's balls, as a rate: the page's rule (return ≥ 8 of 10 = 90% caught); the
  // maximum, every ball caught, is what the preset should reach and keep.
  'Catch-v0': { gameId: 'Catch-v0', envOptions: {}, threshold: 0.9, score: 'positiveRate', maximum: 1 },
  // Fruit per episode, as the page counts it (20 = a fruit for every five cells of the 10×10 board);
  // compared with a random and a "step toward the food" policy.
  'Snake-v0': { gameId: 'Snake-v0', envOptions: {}, threshold: 20, score: 'positiveRewards' },
};
