import { describe, expect, it } from 'vitest';
import {
  assertValidGanConfig,
  DEFAULT_GAN_CONFIG,
  ganConfig,
  lossDefaults,
  validateGanConfig,
  type GanConfig,
} from '../../src/generative/gan-config';

describe('validateGanConfig', () => {
  it('accepts the defaults', () => {
    expect(validateGanConfig(DEFAULT_GAN_CONFIG)).toEqual([]);
    expect(assertValidGanConfig(DEFAULT_GAN_CONFIG)).toBe(DEFAULT_GAN_CONFIG);
  });

  it('says what was expected and what came, for every field', () => {
    const bad = {
      generator: { hiddenLayers: -1, hiddenUnits: 1.5, activation: 'gelu' },
      discriminator: null,
      noiseDim: 17,
      noise: 'cauchy',
      generatorOptimizer: { name: 'adagrad', learningRate: 0, beta1: 1, beta2: -0.1 },
      discriminatorOptimizer: 'adam',
      batchSize: 0,
      discriminatorSteps: 2.5,
      loss: 'hinge',
      gradientPenaltyWeight: -1,
      r1Weight: -0.5,
      seed: NaN,
    } as unknown as GanConfig;
    expect(validateGanConfig(bad)).toEqual([
      'Expected generator.hiddenLayers to be an integer in [0, 8], got -1',
      'Expected generator.hiddenUnits to be an integer in [1, 512], got 1.5',
      'Expected generator.activation in relu|leakyRelu|tanh|elu|sigmoid|linear, got "gelu"',
      'Expected discriminator to be { hiddenLayers, hiddenUnits, activation }, got null',
      'Expected noiseDim to be an integer in [1, 16], got 17',
      'Expected noise in uniform|gaussian, got "cauchy"',
      'Expected generatorOptimizer.name in adam|sgd|rmsprop, got "adagrad"',
      'Expected generatorOptimizer.learningRate in (0, 10], got 0',
      'Expected generatorOptimizer.beta1 in [0, 1), got 1',
      'Expected generatorOptimizer.beta2 in [0, 1), got -0.1',
      'Expected discriminatorOptimizer to be { name, learningRate, beta1, beta2 }, got "adam"',
      'Expected batchSize to be an integer in [1, 4096], got 0',
      'Expected discriminatorSteps to be an integer in [1, 20], got 2.5',
      'Expected loss in minimax|non-saturating|least-squares|wasserstein-gp, got "hinge"',
      'Expected gradientPenaltyWeight ≥ 0, got -1',
      'Expected r1Weight ≥ 0, got -0.5',
      'Expected a finite seed, got NaN',
    ]);
    expect(() => assertValidGanConfig(bad)).toThrow('Invalid GAN config: Expected generator.hiddenLayers');
  });

  it('checks types of values that came from JSON', () => {
    const c = { ...DEFAULT_GAN_CONFIG, batchSize: '64' } as unknown as GanConfig;
    expect(validateGanConfig(c)).toEqual(['Expected batchSize to be an integer in [1, 4096], got "64"']);
    expect(validateGanConfig(null as unknown as GanConfig)).toEqual([
      'Expected a GAN config object, got null',
    ]);
  });
});

describe('lossDefaults', () => {
  it('gives WGAN-GP its usual k = 5 critic steps and no R1; the others keep the defaults', () => {
    const wgan = ganConfig(lossDefaults('wasserstein-gp'));
    expect(wgan).toMatchObject({ loss: 'wasserstein-gp', discriminatorSteps: 5, r1Weight: 0 });
    expect(wgan.discriminatorOptimizer.beta2).toBe(0.9);
    expect(validateGanConfig(wgan)).toEqual([]);
    const ls = ganConfig({ ...wgan, ...lossDefaults('least-squares') });
    expect(ls).toEqual({ ...DEFAULT_GAN_CONFIG, loss: 'least-squares' });
  });
});

describe('ganConfig', () => {
  it('copies the defaults deeply and applies overrides', () => {
    const c = ganConfig({ seed: 7, loss: 'least-squares' });
    expect(c.seed).toBe(7);
    expect(c.loss).toBe('least-squares');
    c.generator.hiddenUnits = 3;
    c.discriminatorOptimizer.learningRate = 9;
    expect(DEFAULT_GAN_CONFIG.generator.hiddenUnits).not.toBe(3);
    expect(DEFAULT_GAN_CONFIG.discriminatorOptimizer.learningRate).not.toBe(9);
  });
});
