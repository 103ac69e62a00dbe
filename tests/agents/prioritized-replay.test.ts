import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { PrioritizedReplayBuffer, SegmentTree } from '../../src/agents/prioritized-replay';
import { createReplayBatch } from '../../src/agents/replay-buffer';

function fill(buffer: PrioritizedReplayBuffer, n: number): void {
  for (let k = 0; k < n; k++) {
    buffer.add({ observation: [k], action: 0, reward: k, nextObservation: [k], terminated: false });
  }
}

describe('SegmentTree', () => {
  it('keeps sums and finds prefix sums', () => {
    const tree = new SegmentTree(5, (a, b) => a + b, 0);
    [1, 2, 3, 4, 5].forEach((v, i) => tree.set(i, v));
    expect(tree.root()).toBe(15);
    expect(tree.findPrefixSum(0)).toBe(0);
    expect(tree.findPrefixSum(0.99)).toBe(0);
    expect(tree.findPrefixSum(1)).toBe(1);
    expect(tree.findPrefixSum(5.5)).toBe(2);
    expect(tree.findPrefixSum(14.9)).toBe(4);
    tree.set(4, 0);
    expect(tree.root()).toBe(10);
    const min = new SegmentTree(5, Math.min, Infinity);
    [4, 2, 8].forEach((v, i) => min.set(i, v));
    expect(min.root()).toBe(2);
  });
});

describe('PrioritizedReplayBuffer', () => {
  it('samples a high-priority transition proportionally more often', () => {
    const buffer = new PrioritizedReplayBuffer(16, 1, { alpha: 1, epsilon: 1e-6 });
    fill(buffer, 10);
    // Slot 3 gets priority 10, the rest 1: expected share 10 / 19.
    const errors = Array.from({ length: 10 }, (_, i) => (i === 3 ? 10 : 1) - 1e-6);
    buffer.updatePriorities([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], errors);
    const rng = new Rng(7);
    const batch = createReplayBatch(32, 1);
    const counts = new Array<number>(10).fill(0);
    for (let r = 0; r < 200; r++) {
      buffer.sample(rng, batch, 0.4);
      for (let i = 0; i < batch.batchSize; i++) {
        counts[batch.indices[i]]++;
        expect(batch.rewards[i]).toBe(batch.indices[i]);
      }
    }
    const share = counts[3] / (200 * 32);
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.6);
    for (let k = 0; k < 10; k++) if (k !== 3) expect(counts[k]).toBeGreaterThan(0);
  });

  it('normalises importance weights so the rarest sample weighs 1 and frequent ones less', () => {
    const buffer = new PrioritizedReplayBuffer(8, 1, { alpha: 0.6, epsilon: 0.01 });
    fill(buffer, 8);
    buffer.updatePriorities([0, 1, 2, 3, 4, 5, 6, 7], [5, 0, 0, 0, 0, 0, 0, 0]);
    const batch = createReplayBatch(64, 1);
    const beta = 0.5;
    buffer.sample(new Rng(1), batch, beta);
    const pLow = 0.01 ** 0.6;
    const pHigh = 5.01 ** 0.6;
    for (let i = 0; i < batch.batchSize; i++) {
      const expected = batch.indices[i] === 0 ? (pHigh / pLow) ** -beta : 1;
      expect(batch.weights[i]).toBeCloseTo(expected, 5);
      expect(batch.weights[i]).toBeLessThanOrEqual(1);
    }
    expect(Array.from(batch.indices)).toContain(0);
  });

  it('gives new transitions the largest priority seen so far', () => {
    const buffer = new PrioritizedReplayBuffer(8, 1, { alpha: 1, epsilon: 0 + 1e-6 });
    fill(buffer, 2);
    buffer.updatePriorities([0, 1], [3, 0.5]);
    fill(buffer, 1);
    expect(buffer.priorityOf(2)).toBeCloseTo(3 + 1e-6, 9);
  });

  it('round-trips priorities through exportData/importData and samples identically', () => {
    const a = new PrioritizedReplayBuffer(8, 1, { alpha: 0.6, epsilon: 1e-3 });
    fill(a, 6);
    a.updatePriorities([0, 2, 4], [1, 2, 3]);
    const b = new PrioritizedReplayBuffer(8, 1, { alpha: 0.6, epsilon: 1e-3 });
    b.importData(a.exportData());
    const ba = createReplayBatch(16, 1);
    const bb = createReplayBatch(16, 1);
    a.sample(new Rng(5), ba, 0.4);
    b.sample(new Rng(5), bb, 0.4);
    expect(Array.from(bb.indices)).toEqual(Array.from(ba.indices));
    expect(Array.from(bb.weights)).toEqual(Array.from(ba.weights));
  });

  it('rejects TD errors for unfilled slots', () => {
    const buffer = new PrioritizedReplayBuffer(8, 1, { alpha: 0.6, epsilon: 1e-3 });
    fill(buffer, 2);
    expect(() => buffer.updatePriorities([5], [1])).toThrow('Expected a filled slot in [0, 2), got 5');
  });
});
