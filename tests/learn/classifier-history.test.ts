import { describe, expect, it } from 'vitest';
import { historyOfPoints, pointsOfHistory } from '../../src/learn/classifier-history';
import type { TrainPoint } from '../../src/workers/protocol/learn';

const points: TrainPoint[] = Array.from({ length: 60 }, (_, i) => ({
  step: i + 1,
  loss: 2 / (i + 1),
  batchAccuracy: i / 60,
  testAccuracy: (i + 1) % 25 === 0 ? 0.5 + i / 200 : null,
}));

describe('the classifier curve in a checkpoint', () => {
  it('round-trips through state.histories as JSON, test accuracy only where it was measured', () => {
    const state = JSON.parse(JSON.stringify({ histories: historyOfPoints(points) }));
    expect(pointsOfHistory(state)).toEqual(points);
  });

  it('reads the rows of classifiers saved before state.histories', () => {
    expect(pointsOfHistory({ history: [[25, 0.5, 0.9, 0.91], [26, 0.4, 0.92, -1], ['x']] })).toEqual([
      { step: 25, loss: 0.5, batchAccuracy: 0.9, testAccuracy: 0.91 },
      { step: 26, loss: 0.4, batchAccuracy: 0.92, testAccuracy: null },
    ]);
    expect(pointsOfHistory({})).toEqual([]);
  });

  it('refuses a malformed history instead of drawing it', () => {
    const bad = { histories: [{ name: 'training', x: [1, 2], series: [{ name: 'loss', values: [1] }] }] };
    expect(() => pointsOfHistory(bad)).toThrow(/one value per x/);
  });
});
