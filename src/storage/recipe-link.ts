/**
 * Recipe links: `#/arena/recipe/<payload>`, the settings and seed of an arena run without its weights
 * (base64url of a small JSON). Opening one sets the arena up to replay the run; the same settings, seed and
 * backend give the same run bit for bit. Decoding checks every byte and ends in a recipe or a CheckpointError.
 */
import * as v from 'valibot';
import type { DqnConfig } from '../agents/dqn-config';
import { decodeBase64Url, encodeBase64Url } from './binary';
import type { JsonRecord } from './checkpoint';
import { CheckpointError, guard } from './errors';
import { jsonBytes, parseJsonBytes } from './json';
import { MAX_EVAL_EPISODES, MAX_EVAL_EVERY } from './dqn-evaluation';
import * as s from './schemas';
import { parseWith } from './validate';
import { checkDqnConfig } from './validate-dqn';

export const RECIPE_LINK_PREFIX = '#/arena/recipe/';
/** A recipe is a few hundred characters; anything far longer is not one. */
export const MAX_RECIPE_CHARS = 8000;

export interface Recipe {
  envId: string;
  envOptions: JsonRecord;
  config: DqnConfig;
  evaluation: { every: number; episodes: number; stopWhenSolved: boolean };
  /** The tfjs backend the run was recorded on: another one gives a different run. */
  backend: string;
}

const recipeSchema = v.strictObject({
  v: v.literal(1),
  envId: s.idString,
  envOptions: s.jsonObject,
  config: s.jsonObject,
  evaluation: v.strictObject({
    every: v.pipe(s.nonNegativeInteger, v.maxValue(MAX_EVAL_EVERY)),
    episodes: v.pipe(s.positiveInteger, v.maxValue(MAX_EVAL_EPISODES)),
    stopWhenSolved: v.boolean(),
  }),
  backend: s.backendName,
});

export function encodeRecipeLink(recipe: Recipe): string {
  return RECIPE_LINK_PREFIX + encodeBase64Url(jsonBytes({ v: 1, ...recipe }));
}

/** Decodes and validates a recipe payload (or a full link). Throws only CheckpointError. */
export function decodeRecipeLink(input: string): Recipe {
  const what = 'Invalid recipe link';
  return guard(what, 'corrupt', () => {
    const at = input.indexOf(RECIPE_LINK_PREFIX);
    const payload = at >= 0 ? input.slice(at + RECIPE_LINK_PREFIX.length) : input;
    if (payload.length === 0 || payload.length > MAX_RECIPE_CHARS)
      throw new CheckpointError(
        'corrupt',
        `${what}: expected 1 to ${MAX_RECIPE_CHARS} characters, got ${payload.length}`,
      );
    const bytes = decodeBase64Url(payload);
    if (typeof bytes === 'string') throw new CheckpointError('corrupt', `${what}: ${bytes}`);
    const parsed = parseWith(recipeSchema, parseJsonBytes(bytes, what, MAX_RECIPE_CHARS), what);
    const config = checkDqnConfig(parsed.config, what);
    return {
      envId: parsed.envId,
      envOptions: parsed.envOptions,
      config,
      evaluation: parsed.evaluation,
      backend: parsed.backend,
    };
  });
}
