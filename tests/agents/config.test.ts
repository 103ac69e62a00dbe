import { describe, expect, it } from 'vitest';
import {
  assertValidDqnConfig,
  DEFAULT_DQN_CONFIG,
  observationScaleMismatch,
  validateDqnConfig,
  type DqnConfig,
} from '../../src/agents/dqn-config';
import { DQN_PRESETS, dqnPreset, type DqnGameId } from '../../src/agents/presets';
import { epsilonAt, learningRateAt, linearSchedule } from '../../src/agents/schedules';

describe('linearSchedule', () => {
  it('goes linearly from start to end over duration and then holds', () => {
    expect(linearSchedule(1, 0.05, 100, 0)).toBe(1);
    expect(linearSchedule(1, 0.05, 100, 50)).toBeCloseTo(0.525, 12);
    expect(linearSchedule(1, 0.05, 100, 100)).toBe(0.05);
    expect(linearSchedule(1, 0.05, 100, 1e6)).toBe(0.05);
    expect(linearSchedule(1, 0.05, 0, 0)).toBe(0.05);
  });

  it('decays ε over explorationFraction · totalSteps', () => {
    const c = {
      ...DEFAULT_DQN_CONFIG,
      epsilonStart: 1,
      epsilonEnd: 0.1,
      explorationFraction: 0.5,
      totalSteps: 1000,
    };
    expect(epsilonAt(c, 250)).toBeCloseTo(0.55, 12);
    expect(epsilonAt(c, 500)).toBe(0.1);
  });
});

describe('learningRateAt', () => {
  it('is constant when learningRateEnd is null (configs from before the option mean what they did)', () => {
    const c = { ...DEFAULT_DQN_CONFIG, learningRate: 1e-3, totalSteps: 1000 };
    expect(c.learningRateEnd).toBeNull();
    for (const step of [0, 500, 1000, 5000]) expect(learningRateAt(c, step)).toBe(1e-3);
  });

  it('decays linearly from learningRate to learningRateEnd at totalSteps, then holds the floor', () => {
    const c = { ...DEFAULT_DQN_CONFIG, learningRate: 1e-3, learningRateEnd: 1e-4, totalSteps: 1000 };
    expect(learningRateAt(c, 0)).toBe(1e-3);
    expect(learningRateAt(c, 250)).toBeCloseTo(7.75e-4, 15);
    expect(learningRateAt(c, 500)).toBeCloseTo(5.5e-4, 15);
    expect(learningRateAt(c, 1000)).toBe(1e-4);
    expect(learningRateAt(c, 40_000)).toBe(1e-4);
  });
});

describe('validateDqnConfig', () => {
  it('accepts the defaults and every preset', () => {
    expect(validateDqnConfig(DEFAULT_DQN_CONFIG)).toEqual([]);
    for (const id of Object.keys(DQN_PRESETS) as DqnGameId[])
      expect(validateDqnConfig(dqnPreset(id))).toEqual([]);
  });

  it('says what was expected and what came', () => {
    const bad: DqnConfig = {
      ...DEFAULT_DQN_CONFIG,
      gamma: 1.5,
      batchSize: 0,
      hiddenSizes: [64, -1],
      optimizer: 'adagrad' as DqnConfig['optimizer'],
      targetUpdate: { kind: 'soft', tau: 2 },
      huberDelta: 0,
      epsilonEnd: -0.1,
      learningRateEnd: 0,
    };
    expect(validateDqnConfig(bad)).toEqual([
      'Expected hiddenSizes to be a list of positive integers, got [64,-1]',
      'Expected learningRateEnd > 0 or null, got 0',
      'Expected optimizer in adam|rmsprop|sgd, got "adagrad"',
      'Expected a positive integer batchSize, got 0',
      'Expected gamma in (0, 1], got 1.5',
      'Expected huberDelta > 0 or null, got 0',
      'Expected epsilonEnd in [0, 1], got -0.1',
      'Expected targetUpdate.tau in (0, 1], got 2',
    ]);
    expect(() => assertValidDqnConfig(bad)).toThrow('Invalid DQN config: Expected hiddenSizes');
  });

  it('takes nStep as an integer from 1 (one-step DQN, the default) to 20', () => {
    expect(DEFAULT_DQN_CONFIG.nStep).toBe(1);
    for (const nStep of [1, 3, 20]) expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, nStep })).toEqual([]);
    for (const nStep of [0, 21, 2.5, -1, NaN, '3'] as number[]) {
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, nStep })).toEqual([
        `Expected an integer nStep in [1, 20], got ${typeof nStep === 'string' ? '"3"' : nStep}`,
      ]);
    }
  });

  it('pauses learning at any finite return (or never), averaged over 1 to 1,000 episodes', () => {
    expect(DEFAULT_DQN_CONFIG.pauseLearningAtReturn).toBeNull();
    for (const pauseLearningAtReturn of [475, -110, 0, null])
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, pauseLearningAtReturn })).toEqual([]);
    for (const pauseLearningAtReturn of [NaN, Infinity, '475'] as number[]) {
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, pauseLearningAtReturn })).toEqual([
        `Expected pauseLearningAtReturn to be a finite number or null, got ${typeof pauseLearningAtReturn === 'string' ? '"475"' : pauseLearningAtReturn}`,
      ]);
    }
    for (const pauseLearningEpisodes of [1, 5, 1000])
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, pauseLearningEpisodes })).toEqual([]);
    for (const pauseLearningEpisodes of [0, 1001, 2.5, NaN]) {
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, pauseLearningEpisodes })).toEqual([
        `Expected an integer pauseLearningEpisodes in [1, 1000], got ${pauseLearningEpisodes}`,
      ]);
    }
  });

  it('scales observations by powers of two from 1/65536 to 65536 (or not at all)', () => {
    expect(DEFAULT_DQN_CONFIG.observationScale).toBeNull();
    for (const observationScale of [null, [1], [0.5, 0.25, 4, 0.25], [2 ** -16, 2 ** 16]])
      expect(validateDqnConfig({ ...DEFAULT_DQN_CONFIG, observationScale })).toEqual([]);
    const message = (shown: string) =>
      `Expected observationScale to be null or a list of powers of two from 1/65536 to 65536 (such as 0.25, 4), got ${shown}`;
    const bad: [unknown, string][] = [
      [[], '[]'],
      [[0.3, 1], '[0.3, 1]'],
      [[3], '[3]'],
      [[0], '[0]'],
      [[-2], '[-2]'],
      [[NaN], '[NaN]'],
      [[2 ** 17], '[131072]'],
      [['2'], '["2"]'],
      ['0.5', '"0.5"'],
    ];
    for (const [observationScale, shown] of bad) {
      const config = { ...DEFAULT_DQN_CONFIG, observationScale } as unknown as DqnConfig;
      expect(validateDqnConfig(config)).toEqual([message(shown)]);
    }
    const scaled = { ...DEFAULT_DQN_CONFIG, observationScale: [0.5, 2] };
    expect(observationScaleMismatch(scaled, 2)).toBeNull();
    expect(observationScaleMismatch(DEFAULT_DQN_CONFIG, 4)).toBeNull();
    expect(observationScaleMismatch(scaled, 4)).toBe(
      'Expected observationScale to list 4 factors (one per observation feature), got 2',
    );
  });

  it('checks the target update shape and types from untrusted data', () => {
    const hard = { ...DEFAULT_DQN_CONFIG, targetUpdate: { kind: 'hard', interval: 2.5 } } as DqnConfig;
    expect(validateDqnConfig(hard)).toEqual(['Expected a positive integer targetUpdate.interval, got 2.5']);
    const missing = { ...DEFAULT_DQN_CONFIG, targetUpdate: null } as unknown as DqnConfig;
    expect(validateDqnConfig(missing)[0]).toMatch(/^Expected targetUpdate to be/);
    const str = { ...DEFAULT_DQN_CONFIG, learningRate: '0.1' } as unknown as DqnConfig;
    expect(validateDqnConfig(str)).toEqual(['Expected learningRate > 0, got "0.1"']);
  });
});

describe('presets', () => {
  it('returns independent copies', () => {
    const a = dqnPreset('CartPole-v1');
    a.hiddenSizes.push(1);
    expect(dqnPreset('CartPole-v1').hiddenSizes).toEqual(DQN_PRESETS['CartPole-v1'].hiddenSizes);
    expect(dqnPreset('Catch-v0', { seed: 9 }).seed).toBe(9);
    expect(() => dqnPreset('Pong-v5' as DqnGameId)).toThrow('Expected a game id in CartPole-v1|');
  });
});
