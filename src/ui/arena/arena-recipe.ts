/**
 * Where a recipe link puts the arena: its game, the variant whose options match the link's, and a config that
 * fits that game. Plain checks, so the page only applies what passed them.
 */
import { observationScaleMismatch } from '../../agents/dqn-config';
import { boxSize } from '../../envs/core';
import { makeEnvFromConfig, type EnvInfo } from '../../envs/registry';
import type { Recipe } from '../../storage/recipe-link';

/** Observation sizes by game and options: the page asks on every render, and building a game to ask costs. */
const observationSizes = new Map<string, number>();

/** Features in a game's observation as its agents see them (observationScale needs one factor each). */
export function observationSizeOf(envId: string, envOptions: unknown): number {
  const key = `${envId} ${JSON.stringify(envOptions ?? {})}`;
  let size = observationSizes.get(key);
  if (size === undefined) {
    size = boxSize(makeEnvFromConfig(envId, envOptions).spec.observationSpace);
    observationSizes.set(key, size);
  }
  return size;
}

/** The game and variant index a recipe replays in; throws a message for the user when there is none. */
export function recipePlace(
  recipe: Recipe,
  games: readonly EnvInfo[],
): { game: EnvInfo; presetIndex: number } {
  const game = games.find((g) => g.id === recipe.envId);
  if (!game) throw new Error(`Unknown game ${recipe.envId}`);
  const options = JSON.stringify(recipe.envOptions);
  const presetIndex = game.presets.findIndex((p) => JSON.stringify(p.options) === options);
  if (presetIndex < 0) throw new Error(`${game.spec.name} has no variant with the options ${options}`);
  const mismatch = observationScaleMismatch(recipe.config, observationSizeOf(game.id, recipe.envOptions));
  if (mismatch) throw new Error(mismatch);
  return { game, presetIndex };
}
