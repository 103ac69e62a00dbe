import { describe, expect, it } from 'vitest';
import { historyOfPoints } from '../../src/learn/classifier-history';
import type { ClassifierUpdate, TrainPoint } from '../../src/workers/protocol/learn';
import type { Checkpoint } from '../../src/storage/checkpoint';
import { ClassifierRunState } from '../../src/ui/learn/vision/classifier-run-state';

const point = (step: number): TrainPoint => ({
  step,
  loss: 1 / step,
  batchAccuracy: 0.5,
  testAccuracy: null,
});
const update = (
  steps: number,
  points: TrainPoint[],
  status: ClassifierUpdate['status'] = 'training',
): ClassifierUpdate => ({
  status,
  steps,
  epochs: 0,
  testAccuracy: null,
  source: 'trained',
  points,
  fraction: 0,
  backend: 'cpu',
});

describe('the classifier card’s run state', () => {
  it('appends each update’s points to the curve, as a new array each time', () => {
    const state = new ClassifierRunState();
    state.apply(update(2, [point(1), point(2)]));
    const before = state.history;
    state.apply(update(3, [point(3)]));
    expect(state.history.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(state.history).not.toBe(before);
    state.apply(update(3, []));
    expect(state.latest?.steps).toBe(3);
  });

  it('drops the points past the restored step after a divergence', () => {
    const state = new ClassifierRunState();
    state.apply(
      update(
        30,
        Array.from({ length: 30 }, (_, i) => point(i + 1)),
      ),
    );
    state.apply(update(25, [], 'diverged'));
    expect(state.history.at(-1)?.step).toBe(25);
    state.apply(update(26, [point(26)]));
    expect(state.history.map((p) => p.step).slice(-2)).toEqual([25, 26]);
  });

  it('a resumed classifier’s curve continues from its checkpoint', () => {
    const state = new ClassifierRunState();
    state.resumed({ state: { histories: historyOfPoints([point(1), point(2)]) } } as unknown as Checkpoint);
    state.apply(update(2, [], 'finished'));
    state.apply(update(3, [point(3)]));
    expect(state.history.map((p) => p.step)).toEqual([1, 2, 3]);
    state.clear();
    expect(state.history).toEqual([]);
    expect(state.latest).toBeNull();
  });
});
