import { describe, expect, it } from 'vitest';
import { runTrainingLoop, type LoopControl, type SteppingModel } from '../../src/learn/train-loop';
import type { TrainPoint } from '../../src/learn/vision-protocol';

/** A model whose "weight" is the number of steps taken; losses come from a script. */
class Scripted implements SteppingModel<number> {
  steps = 0;
  weight = 0;
  restored: number[] = [];
  constructor(private readonly losses: number[]) {}
  async trainStep(): Promise<{ loss: number; accuracy: number }> {
    const loss = this.losses[this.steps] ?? 0.1;
    this.steps++;
    this.weight = Number.isFinite(loss) ? this.steps : NaN;
    return { loss, accuracy: 0.5 };
  }
  async snapshot(): Promise<number> {
    return this.weight;
  }
  restore(w: number): void {
    this.weight = w;
    this.restored.push(w);
  }
}
const scripted = (losses: number[]) => new Scripted(losses);

const free: LoopControl = {
  stopRequested: () => false,
  waitWhilePaused: async () => undefined,
  yieldToEvents: async () => undefined,
};

describe('runTrainingLoop', () => {
  it('takes the requested steps and tests every evalEvery steps', async () => {
    const model = scripted([]);
    const points: TrainPoint[] = [];
    const outcome = await runTrainingLoop(
      model,
      async () => 0.3,
      { steps: 10, evalEvery: 4 },
      free,
      (p) => points.push(p),
    );
    expect(outcome).toBe('finished');
    expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(points.filter((p) => p.testAccuracy !== null).map((p) => p.step)).toEqual([4, 8]);
  });

  it('stops on a NaN loss and restores the weights of the last test', async () => {
    const model = scripted([1, 1, 1, 1, 1, 1, NaN, 1, 1]);
    const points: TrainPoint[] = [];
    const outcome = await runTrainingLoop(
      model,
      async () => 0.3,
      { steps: 20, evalEvery: 5 },
      free,
      (p) => points.push(p),
    );
    expect(outcome).toBe('diverged');
    expect(model.steps).toBe(7); // nothing after the NaN step
    expect(model.restored).toEqual([5]);
    expect(model.weight).toBe(5);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
  });

  it('honours stop between steps, and waits while paused', async () => {
    const model = scripted([]);
    let waits = 0;
    const outcome = await runTrainingLoop(
      model,
      async () => 0.3,
      { steps: 100, evalEvery: 10 },
      {
        stopRequested: () => model.steps >= 3,
        waitWhilePaused: async () => void waits++,
        yieldToEvents: async () => undefined,
      },
      () => undefined,
    );
    expect(outcome).toBe('stopped');
    expect(model.steps).toBe(3);
    expect(waits).toBe(4);
  });

  it('ends early once the test accuracy reaches the target', async () => {
    const model = scripted([]);
    const accuracies = [0.2, 0.4, 0.6, 0.8];
    const outcome = await runTrainingLoop(
      model,
      async () => accuracies.shift()!,
      { steps: 100, evalEvery: 2, stopAtAccuracy: 0.5 },
      free,
      () => undefined,
    );
    expect(outcome).toBe('reached');
    expect(model.steps).toBe(6);
  });
});
