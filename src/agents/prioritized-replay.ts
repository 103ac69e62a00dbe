/**
 * Prioritized experience replay (Schaul et al. 2016, proportional variant): slot i is drawn with probability
 * p_i^alpha / sum_k p_k^alpha, where p_i = |TD error| + epsilon, and each row carries the importance weight
 * (N * P(i))^-beta normalised by the largest possible weight so that weights are at most 1.
 */
import type { Rng } from '../envs/rng';
import { pow } from '../util/portable-math';
import { ReplayBuffer, type ReplayBatch, type ReplayBufferData, type Transition } from './replay-buffer';

/**
 * A complete binary tree over a power-of-two number of leaves where each inner node holds the sum (or min) of
 * its children, so updates and prefix-sum searches take O(log n).
 */
export class SegmentTree {
  readonly leaves: number;
  private readonly nodes: Float64Array;

  constructor(
    capacity: number,
    private readonly combine: (a: number, b: number) => number,
    private readonly neutral: number,
  ) {
    let leaves = 1;
    while (leaves < capacity) leaves *= 2;
    this.leaves = leaves;
    this.nodes = new Float64Array(2 * leaves).fill(neutral);
  }

  set(index: number, value: number): void {
    let node = index + this.leaves;
    this.nodes[node] = value;
    node >>= 1;
    while (node >= 1) {
      this.nodes[node] = this.combine(this.nodes[2 * node], this.nodes[2 * node + 1]);
      node >>= 1;
    }
  }

  get(index: number): number {
    return this.nodes[index + this.leaves];
  }

  /** The combination over all leaves (the total for a sum tree, the minimum for a min tree). */
  root(): number {
    return this.nodes[1];
  }

  reset(): void {
    this.nodes.fill(this.neutral);
  }

  /** Sum trees only: the smallest index whose inclusive prefix sum exceeds `mass`. */
  findPrefixSum(mass: number): number {
    let node = 1;
    while (node < this.leaves) {
      const left = 2 * node;
      if (mass < this.nodes[left]) {
        node = left;
      } else {
        mass -= this.nodes[left];
        node = left + 1;
      }
    }
    return node - this.leaves;
  }
}

export interface PrioritizedReplayOptions {
  /** How much prioritisation is used: 0 is uniform, 1 is fully proportional. */
  alpha: number;
  /** Added to |TD error| so that no transition gets zero probability. */
  epsilon: number;
}

export interface PrioritizedReplayData extends ReplayBufferData {
  /** p_i^alpha for slots 0..size-1. */
  priorities: Float64Array;
  /** Largest priority seen (before alpha); new transitions get it. */
  maxPriority: number;
}

export class PrioritizedReplayBuffer extends ReplayBuffer {
  readonly alpha: number;
  readonly epsilon: number;
  private readonly sumTree: SegmentTree;
  private readonly minTree: SegmentTree;
  private maxPriority = 1;

  constructor(capacity: number, obsSize: number, options: PrioritizedReplayOptions) {
    super(capacity, obsSize);
    if (!(options.alpha >= 0)) throw new Error(`Expected alpha >= 0, got ${options.alpha}`);
    if (!(options.epsilon > 0)) throw new Error(`Expected a priority epsilon > 0, got ${options.epsilon}`);
    this.alpha = options.alpha;
    this.epsilon = options.epsilon;
    this.sumTree = new SegmentTree(capacity, (a, b) => a + b, 0);
    this.minTree = new SegmentTree(capacity, Math.min, Infinity);
  }

  /** New transitions get the largest priority seen so far, so each is replayed at least once soon. */
  override add(t: Transition): number {
    const slot = super.add(t);
    this.setPriority(slot, pow(this.maxPriority, this.alpha));
    return slot;
  }

  /** Probability mass of one slot (p_i^alpha); for tests and inspection. */
  priorityOf(slot: number): number {
    return this.sumTree.get(slot);
  }

  /**
   * Stratified proportional sampling: the total mass is cut into batchSize equal segments and one slot is drawn
   * from each. Writes importance weights for the given beta (1 = full correction) into `batch.weights`.
   */
  override sample(rng: Rng, batch: ReplayBatch, beta = 1): void {
    const n = this.size;
    if (n === 0) throw new Error('Cannot sample from an empty replay buffer');
    const total = this.sumTree.root();
    const segment = total / batch.batchSize;
    const minProbability = this.minTree.root() / total;
    const maxWeight = pow(minProbability * n, -beta);
    for (let i = 0; i < batch.batchSize; i++) {
      const mass = (i + rng.nextFloat()) * segment;
      // Rounding can push the search one leaf past the filled ones; clamp to the last filled slot.
      const slot = Math.min(this.sumTree.findPrefixSum(mass), n - 1);
      batch.indices[i] = slot;
      const probability = this.sumTree.get(slot) / total;
      batch.weights[i] = pow(probability * n, -beta) / maxWeight;
    }
    this.gather(batch);
  }

  /** Sets p_i = |tdError_i| + epsilon for the sampled slots. */
  updatePriorities(indices: ArrayLike<number>, tdErrors: ArrayLike<number>): void {
    if (indices.length !== tdErrors.length) {
      throw new Error(`Expected as many TD errors as indices (${indices.length}), got ${tdErrors.length}`);
    }
    for (let i = 0; i < indices.length; i++) {
      const slot = indices[i];
      if (!Number.isInteger(slot) || slot < 0 || slot >= this.size) {
        throw new Error(`Expected a filled slot in [0, ${this.size}), got ${slot}`);
      }
      const priority = Math.abs(tdErrors[i]) + this.epsilon;
      if (!Number.isFinite(priority)) throw new Error(`Expected a finite TD error, got ${tdErrors[i]}`);
      this.maxPriority = Math.max(this.maxPriority, priority);
      this.setPriority(slot, pow(priority, this.alpha));
    }
  }

  override clear(): void {
    super.clear();
    this.sumTree.reset();
    this.minTree.reset();
    this.maxPriority = 1;
  }

  override exportData(): PrioritizedReplayData {
    const n = this.size;
    const priorities = new Float64Array(n);
    for (let i = 0; i < n; i++) priorities[i] = this.sumTree.get(i);
    return { ...super.exportData(), priorities, maxPriority: this.maxPriority };
  }

  override importData(data: ReplayBufferData | PrioritizedReplayData): void {
    super.importData(data);
    this.sumTree.reset();
    this.minTree.reset();
    if ('priorities' in data) {
      if (data.priorities.length !== data.size) {
        throw new Error(`Expected ${data.size} priorities, got ${data.priorities.length}`);
      }
      if (!(data.maxPriority > 0))
        throw new Error(`Expected a positive maxPriority, got ${data.maxPriority}`);
      this.maxPriority = data.maxPriority;
      for (let i = 0; i < data.size; i++) {
        const p = data.priorities[i];
        if (!(p > 0) || !Number.isFinite(p)) throw new Error(`Expected positive finite priorities, got ${p}`);
        this.setPriority(i, p);
      }
    } else {
      // Plain replay data: every transition starts at the default priority.
      this.maxPriority = 1;
      for (let i = 0; i < data.size; i++) this.setPriority(i, 1);
    }
  }

  private setPriority(slot: number, value: number): void {
    this.sumTree.set(slot, value);
    this.minTree.set(slot, value);
  }
}
