import { describe, expect, it } from 'vitest';
import {
  historiesToJson,
  MAX_HISTORY_POINTS,
  parseHistories,
  seriesValues,
  thinHistory,
  type MetricHistory,
} from '../../src/storage/metric-history';
import type { JsonRecord } from '../../src/storage/checkpoint';

const losses = (n: number): MetricHistory => ({
  name: 'losses',
  x: Array.from({ length: n }, (_, i) => i * 10),
  series: [{ name: 'loss', values: Array.from({ length: n }, (_, i) => (i === 3 ? NaN : 1 / (i + 1))) }],
});

describe('metric history', () => {
  it('round-trips through checkpoint JSON, with NaN as null', () => {
    const state = JSON.parse(JSON.stringify({ histories: historiesToJson([losses(10)]) })) as JsonRecord;
    const [back] = parseHistories(state, 'test');
    expect(back.x).toEqual(losses(10).x);
    expect(seriesValues(back, 'loss')[3]).toBeNull();
    expect(seriesValues(back, 'loss')[9]).toBeCloseTo(0.1);
    expect(seriesValues(back, 'missing')).toEqual([]);
  });

  it('thins long histories to the cap, keeping the first and the newest point', () => {
    const thin = thinHistory(losses(5000));
    expect(thin.x.length).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    expect(thin.x[0]).toBe(0);
    expect(thin.x.at(-1)).toBe(49_990);
    expect(thin.series[0].values.length).toBe(thin.x.length);
  });

  it('resumes older checkpoints without histories as empty charts', () => {
    expect(parseHistories({}, 'test')).toEqual([]);
    expect(parseHistories(undefined, 'test')).toEqual([]);
  });

  it('refuses histories that are too long, ragged, non-finite or oddly named', () => {
    const bad: unknown[] = [
      { histories: 'x' },
      { histories: [{ name: 'a', x: Array(MAX_HISTORY_POINTS + 1).fill(0), series: [] }] },
      { histories: [{ name: 'a', x: [1, 2], series: [{ name: 's', values: [1] }] }] },
      { histories: [{ name: 'a', x: [1, 'two'], series: [] }] },
      { histories: [{ name: 'a', x: [1], series: [{ name: 's', values: ['1'] }] }] },
      { histories: [{ name: '', x: [], series: [] }] },
      { histories: [{ name: 'a', x: [], series: [{ name: 'x'.repeat(65), values: [] }] }] },
      { histories: [{ x: [], series: [] }] },
    ];
    for (const state of bad) expect(() => parseHistories(state as JsonRecord, 'Resume')).toThrow(/^Resume: /);
  });

  it('does not read inherited properties of a hostile record', () => {
    const hostile = JSON.parse(
      '{"histories":[{"name":"a","x":[],"series":[{"name":"constructor","values":[]}]}]}',
    );
    const [h] = parseHistories(hostile as JsonRecord, 'test');
    expect(seriesValues(h, 'toString')).toEqual([]);
    expect(seriesValues(h, 'constructor')).toEqual([]);
  });
});
