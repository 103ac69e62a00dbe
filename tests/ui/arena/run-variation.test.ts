import { describe, expect, it } from 'vitest';
import { dqnPreset } from '../../../src/agents/presets';
import {
  VARIED_SETTINGS,
  describeDifference,
  sameAsRun,
  suggestValue,
  varyConfig,
} from '../../../src/ui/arena/run-variation';

const base = dqnPreset('CartPole-v1');

describe('a comparison run varies one setting of Run 1', () => {
  it('changes only the setting picked and names it', () => {
    const result = varyConfig(base, 'seed', '7');
    if ('error' in result) throw new Error(result.error);
    expect(result.config).toEqual({ ...base, seed: 7 });
    expect(describeDifference(base, result.config)).toBe('seed 7');
  });

  it('names every kind of difference briefly', () => {
    const lr = varyConfig(base, 'learningRate', '0.003');
    const layers = varyConfig(base, 'hiddenSizes', '64-32');
    const double = varyConfig(base, 'doubleDqn', '');
    if ('error' in lr || 'error' in layers || 'error' in double) throw new Error('refused');
    expect(describeDifference(base, lr.config)).toBe('lr 0.003');
    expect(describeDifference(base, layers.config)).toBe('layers 64-32');
    expect(describeDifference(base, double.config)).toBe(`Double DQN ${base.doubleDqn ? 'off' : 'on'}`);
    expect(describeDifference(base, base)).toBe('');
    const pausing = { ...base, pauseLearningAtReturn: 475 };
    expect(describeDifference(pausing, { ...pausing, pauseLearningAtReturn: null })).toBe(
      'no learning pause',
    );
    expect(
      describeDifference(pausing, { ...pausing, pauseLearningAtReturn: 450, pauseLearningEpisodes: 10 }),
    ).toBe('learning paused at 450, pause window 10');
    const nStep = varyConfig(base, 'nStep', '3');
    if ('error' in nStep) throw new Error(nStep.error);
    expect(nStep.config).toEqual({ ...base, nStep: 3 });
    expect(describeDifference(base, nStep.config)).toBe('n-step 3');
  });

  it('suggests a value that differs from Run 1 for every setting, and a seed no run uses', () => {
    for (const { id } of VARIED_SETTINGS) {
      const result = varyConfig(base, id, suggestValue(id, base, [base]));
      if ('error' in result) throw new Error(`${id}: ${result.error}`);
      expect(describeDifference(base, result.config)).not.toBe('');
    }
    expect(suggestValue('seed', base, [base, { ...base, seed: base.seed + 5 }])).toBe(String(base.seed + 6));
  });

  it('suggests settings no run has yet, and finds a twin run', () => {
    const runs = [base];
    for (let i = 0; i < 3; i++) {
      const result = varyConfig(base, 'learningRate', suggestValue('learningRate', base, runs));
      if ('error' in result) throw new Error(result.error);
      expect(sameAsRun(result.config, runs)).toBe(-1);
      runs.push(result.config);
    }
    expect(sameAsRun({ ...runs[2]! }, runs)).toBe(2);
  });

  it('refuses bad values with a message that names the setting', () => {
    const error = (setting: Parameters<typeof varyConfig>[1], text: string): string => {
      const result = varyConfig(base, setting, text);
      return 'error' in result ? result.error : '';
    };
    expect(error('learningRate', '-1')).toMatch(/^Learning rate: .*learningRate > 0/);
    expect(error('learningRate', 'fast')).toBe('Learning rate: expected a number, got “fast”');
    expect(error('seed', '1.5')).toBe('Seed: expected a whole number, got “1.5”');
    expect(error('seed', String(base.seed))).toBe('Seed: that is Run 1’s value');
    expect(error('gamma', '2')).toMatch(/gamma in \(0, 1\]/);
    expect(error('nStep', '21')).toBe('N-step returns: Expected an integer nStep in [1, 20], got 21');
    expect(error('nStep', '2.5')).toBe('N-step returns: expected a whole number, got “2.5”');
    expect(error('hiddenSizes', '64-0')).toMatch(/^Hidden layers: expected 1 to 4 sizes/);
    expect(error('hiddenSizes', '1000')).toMatch(/^Hidden layers/);
    expect(error('pauseLearningAtReturn', 'high')).toBe(
      'Learning pause at return: expected a number or “off”, got “high”',
    );
  });

  it('turns the learning pause off, or moves it, by name', () => {
    const pausing = { ...base, pauseLearningAtReturn: 475 };
    expect(suggestValue('pauseLearningAtReturn', pausing, [pausing])).toBe('off');
    for (const off of ['off', 'OFF', '']) {
      const result = varyConfig(pausing, 'pauseLearningAtReturn', off);
      if ('error' in result) throw new Error(result.error);
      expect(result.config).toEqual({ ...pausing, pauseLearningAtReturn: null });
      expect(describeDifference(pausing, result.config)).toBe('no learning pause');
    }
    const moved = varyConfig(pausing, 'pauseLearningAtReturn', '500');
    if ('error' in moved) throw new Error(moved.error);
    expect(describeDifference(pausing, moved.config)).toBe('learning paused at 500');
  });

  it('turns the observation scale off, or sets one factor per feature of the game', () => {
    const scaled = { ...base, observationScale: [0.5, 0.25, 4, 0.25] };
    expect(suggestValue('observationScale', scaled, [scaled])).toBe('off');
    const off = varyConfig(scaled, 'observationScale', 'off');
    if ('error' in off) throw new Error(off.error);
    expect(off.config).toEqual({ ...scaled, observationScale: null });
    expect(describeDifference(scaled, off.config)).toBe('unscaled inputs');
    const plain = { ...base, observationScale: null };
    const on = varyConfig(plain, 'observationScale', '0.5, 0.25 4 0.25', 4);
    if ('error' in on) throw new Error(on.error);
    expect(describeDifference(plain, on.config)).toBe('inputs × 0.5, 0.25, 4, 0.25');
    const error = (config: typeof base, text: string, size: number | null = 4): string =>
      (varyConfig(config, 'observationScale', text, size) as { error: string }).error;
    expect(error(plain, '0.5, 4')).toBe(
      'Observation scale: Expected observationScale to list 4 factors (one per observation feature), got 2',
    );
    expect(error(scaled, '0.5, 4', null)).toMatch(/list 4 factors/);
    expect(error(plain, '0.5, 3, 1, 1')).toMatch(
      /^Observation scale: Expected observationScale to be null or a list of powers of two/,
    );
    expect(error(plain, 'big')).toBe(
      'Observation scale: expected factors such as “0.5, 4” or “off”, got “big”',
    );
  });
});
