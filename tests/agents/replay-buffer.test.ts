import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { createReplayBatch, ReplayBuffer, type Transition } from '../../src/agents/replay-buffer';

/** Transition number k carries k everywhere, so a sampled row tells which transition it came from. */
function transition(k: number, obsSize = 2): Transition {
  return {
    observation: Array.from({ length: obsSize }, (_, i) => k + i / 10),
    action: k % 3,
    reward: k,
    nextObservation: Array.from({ length: obsSize }, (_, i) => k + 1 + i / 10),
    terminated: k % 2 === 0,
  };
}

describe('ReplayBuffer', () => {
  it('overwrites the oldest transition once full and caps size at capacity', () => {
    const buffer = new ReplayBuffer(3, 2);
    expect(buffer.size).toBe(0);
    for (let k = 0; k < 5; k++) buffer.add(transition(k));
    expect(buffer.size).toBe(3);
    expect(buffer.capacity).toBe(3);
    const data = buffer.exportData();
    // Slots 0 and 1 were overwritten by transitions 3 and 4; slot 2 still holds 2.
    expect(Array.from(data.rewards)).toEqual([3, 4, 2]);
    expect(Array.from(data.observations)).toEqual([3, 3.1, 4, 4.1, 2, 2.1].map(Math.fround));
    expect(Array.from(data.terminated)).toEqual([0, 1, 1]);
    expect(data.position).toBe(2);
  });

  it('samples only filled slots, with rows consistent across arrays', () => {
    const buffer = new ReplayBuffer(100, 2);
    for (let k = 0; k < 7; k++) buffer.add(transition(k));
    const batch = createReplayBatch(256, 2);
    buffer.sample(new Rng(3), batch);
    const seen = new Set<number>();
    for (let i = 0; i < batch.batchSize; i++) {
      const k = batch.rewards[i];
      seen.add(k);
      expect(batch.indices[i]).toBe(k);
      expect(batch.observations[2 * i]).toBe(k);
      expect(batch.nextObservations[2 * i]).toBe(k + 1);
      expect(batch.actions[i]).toBe(k % 3);
      expect(batch.terminated[i]).toBe(k % 2 === 0 ? 1 : 0);
      expect(batch.weights[i]).toBe(1);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives the same indices for the same seed and different ones for another seed', () => {
    const buffer = new ReplayBuffer(1000, 1);
    for (let k = 0; k < 1000; k++) buffer.add(transition(k, 1));
    const draw = (seed: number) => {
      const batch = createReplayBatch(32, 1);
      buffer.sample(new Rng(seed), batch);
      return Array.from(batch.indices);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('round-trips its contents through exportData/importData', () => {
    const a = new ReplayBuffer(4, 2);
    for (let k = 0; k < 6; k++) a.add(transition(k));
    const b = new ReplayBuffer(4, 2);
    b.importData(a.exportData());
    expect(b.size).toBe(4);
    expect(b.exportData()).toEqual(a.exportData());
    // The next write lands in the same slot in both.
    a.add(transition(9));
    b.add(transition(9));
    expect(b.exportData()).toEqual(a.exportData());
  });

  it("keeps each transition's step count, and reads buffers saved before n-step returns as one-step", () => {
    const a = new ReplayBuffer(4, 2);
    for (let k = 0; k < 4; k++) a.add({ ...transition(k), steps: k + 1 });
    expect([0, 1, 2, 3].map((slot) => a.read(slot).steps)).toEqual([1, 2, 3, 4]);
    const batch = createReplayBatch(16, 2);
    a.sample(new Rng(2), batch);
    for (let i = 0; i < 16; i++) expect(batch.steps[i]).toBe(batch.rewards[i]! + 1);

    const { steps: _, ...old } = a.exportData();
    const b = new ReplayBuffer(4, 2);
    b.add({ ...transition(9), steps: 5 }); // overwritten by the import
    b.importData(old);
    expect([0, 1, 2, 3].map((slot) => b.read(slot).steps)).toEqual([1, 1, 1, 1]);
    expect(() => b.add({ ...transition(0), steps: 21 })).toThrow('1 to 20 steps, got 21');
    expect(() => b.importData({ ...old, steps: Uint8Array.of(1, 0, 1, 1) })).toThrow(
      'steps in [1, 20], got 0',
    );
  });

  it('rejects bad input with messages that say what was expected', () => {
    expect(() => new ReplayBuffer(0, 2)).toThrow('Expected a positive integer replay capacity, got 0');
    const buffer = new ReplayBuffer(4, 2);
    expect(() => buffer.add(transition(0, 3))).toThrow('Expected observations of length 2');
    expect(() => buffer.sample(new Rng(1), createReplayBatch(2, 2))).toThrow('empty');
    expect(() => buffer.importData({ ...new ReplayBuffer(5, 2).exportData() })).toThrow('capacity 4');
  });
});
