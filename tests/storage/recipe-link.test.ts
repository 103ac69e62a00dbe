import { describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG } from '../../src/agents/dqn-config';
import { dqnPreset } from '../../src/agents/presets';
import { encodeBase64Url } from '../../src/storage/binary';
import { CheckpointError } from '../../src/storage/errors';
import { decodeRecipeLink, encodeRecipeLink, type Recipe } from '../../src/storage/recipe-link';

const recipe: Recipe = {
  envId: 'CartPole-v1',
  envOptions: {},
  config: dqnPreset('CartPole-v1', { seed: 3 }),
  evaluation: { every: 1000, episodes: 100, stopWhenSolved: true },
  backend: 'wasm',
};

const raw = (value: unknown): string => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));

describe('recipe links', () => {
  it('round-trip settings, seed and backend in a short link without weights', () => {
    const link = encodeRecipeLink(recipe);
    expect(link.startsWith('#/arena/recipe/')).toBe(true);
    expect(link.length).toBeLessThan(1500);
    expect(decodeRecipeLink(`https://example.org/app/${link}`)).toEqual(recipe);
  });

  it('opens links made before learningRateEnd existed with a constant learning rate', () => {
    const { learningRateEnd: _, ...oldConfig } = recipe.config;
    const decoded = decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...recipe, config: oldConfig })}`);
    expect(decoded.config).toEqual({ ...recipe.config, learningRateEnd: null });
    const decaying = { ...recipe, config: { ...recipe.config, learningRateEnd: 2e-5 } };
    expect(decodeRecipeLink(encodeRecipeLink(decaying)).config.learningRateEnd).toBe(2e-5);
  });

  it('opens links made before n-step returns as one-step DQN, and keeps nStep in new ones', () => {
    const { nStep: _, ...oldConfig } = recipe.config;
    const decoded = decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...recipe, config: oldConfig })}`);
    expect(decoded.config).toEqual({ ...recipe.config, nStep: 1 });
    const nStep = { ...recipe, config: { ...recipe.config, nStep: 3 } };
    expect(decodeRecipeLink(encodeRecipeLink(nStep)).config.nStep).toBe(3);
    const bad = { ...recipe, config: { ...recipe.config, nStep: 21 } };
    expect(() => decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...bad })}`)).toThrow(/nStep/);
  });

  it('opens links made before learning could pause as never pausing, and keeps the pause in new ones', () => {
    const { pauseLearningAtReturn: _, pauseLearningEpisodes: __, ...oldConfig } = recipe.config;
    const decoded = decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...recipe, config: oldConfig })}`);
    expect(decoded.config).toEqual({
      ...recipe.config,
      pauseLearningAtReturn: null,
      pauseLearningEpisodes: DEFAULT_DQN_CONFIG.pauseLearningEpisodes,
    });
    const pausing = {
      ...recipe,
      config: { ...recipe.config, pauseLearningAtReturn: 450, pauseLearningEpisodes: 8 },
    };
    expect(decodeRecipeLink(encodeRecipeLink(pausing)).config).toEqual(pausing.config);
  });

  it('opens links made before observation scaling as unscaled, and keeps the factors in new ones', () => {
    const { observationScale: _, ...oldConfig } = recipe.config;
    const decoded = decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...recipe, config: oldConfig })}`);
    expect(decoded.config).toEqual({ ...recipe.config, observationScale: null });
    const scaled = { ...recipe, config: { ...recipe.config, observationScale: [0.5, 0.25, 4, 0.25] } };
    expect(decodeRecipeLink(encodeRecipeLink(scaled)).config).toEqual(scaled.config);
    const bad = { ...recipe, config: { ...recipe.config, observationScale: [0.3, 1, 1, 1] } };
    expect(() => decodeRecipeLink(`#/arena/recipe/${raw({ v: 1, ...bad })}`)).toThrow(/observationScale/);
  });

  it('refuses anything else with a clear CheckpointError', () => {
    const cases: [string, RegExp][] = [
      ['', /expected 1 to 8000 characters/],
      ['x'.repeat(9000), /expected 1 to 8000 characters/],
      ['!!!', /Invalid recipe link/],
      [raw({ v: 1, ...recipe, extra: 1 }), /Invalid recipe link/],
      [raw({ v: 2, ...recipe }), /Invalid recipe link/],
      [raw({ v: 1, ...recipe, config: { ...recipe.config, hiddenSizes: [1e9] } }), /hidden/],
      [raw({ v: 1, ...recipe, evaluation: { every: 10, episodes: 1e6, stopWhenSolved: true } }), /Invalid/],
    ];
    for (const [input, message] of cases) {
      let error: unknown;
      try {
        decodeRecipeLink(input);
      } catch (e) {
        error = e;
      }
      expect(error, input.slice(0, 40)).toBeInstanceOf(CheckpointError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
