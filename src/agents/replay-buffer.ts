/**
 * Experience replay: a ring buffer of transitions kept in flat typed arrays (no per-transition objects), with
 * uniform sampling through the seeded Rng into a batch whose arrays are allocated once.
 */
import type { Rng } from '../envs/rng';
import { MAX_N_STEP } from './dqn-config';

/** One environment step as the learner sees it. */
export interface Transition {
  observation: ArrayLike<number>;
  action: number;
  reward: number;
  nextObservation: ArrayLike<number>;
  /**
   * True only when the episode ended inside the MDP (pole fell, goal reached). A time-limit truncation is
   * stored as false so that its target still bootstraps from the next observation.
   */
  terminated: boolean;
  /**
   * Env steps m the transition spans (n-step returns): `reward` is Σ_{k<m} γ^k r_{t+k}, `nextObservation` is
   * s_{t+m}, and the target bootstraps with γ^m. 1 when absent (one-step DQN).
   */
  steps?: number;
}

/** One stored transition as plain data, with the slot it occupies. */
export interface StoredTransition {
  slot: number;
  observation: number[];
  action: number;
  reward: number;
  nextObservation: number[];
  terminated: boolean;
  steps: number;
}

/** A sampled minibatch, laid out to become tensors without copying row by row. */
export interface ReplayBatch {
  readonly batchSize: number;
  readonly obsSize: number;
  /** [batchSize * obsSize], row-major. */
  readonly observations: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly nextObservations: Float32Array;
  /** 1 where the transition terminated, else 0 (float so it multiplies straight into the TD target). */
  readonly terminated: Float32Array;
  /** Env steps m each row spans (1 for one-step transitions). */
  readonly steps: Uint8Array;
  /** γ^m per row: the bootstrap discount the TD target uses (the agent fills it from `steps`). */
  readonly discounts: Float32Array;
  /** Buffer slots the rows came from (prioritized replay updates their priorities). */
  readonly indices: Int32Array;
  /** Importance-sampling weights; all 1 for uniform sampling. */
  readonly weights: Float32Array;
}

export function createReplayBatch(batchSize: number, obsSize: number): ReplayBatch {
  return {
    batchSize,
    obsSize,
    observations: new Float32Array(batchSize * obsSize),
    actions: new Int32Array(batchSize),
    rewards: new Float32Array(batchSize),
    nextObservations: new Float32Array(batchSize * obsSize),
    terminated: new Float32Array(batchSize),
    steps: new Uint8Array(batchSize).fill(1),
    discounts: new Float32Array(batchSize),
    indices: new Int32Array(batchSize),
    weights: new Float32Array(batchSize).fill(1),
  };
}

/**
 * The buffer's contents as plain typed arrays (slots 0..size-1 in storage order), for checkpoints.
 * `position` is the slot the next transition overwrites.
 */
export interface ReplayBufferData {
  capacity: number;
  obsSize: number;
  size: number;
  position: number;
  observations: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  nextObservations: Float32Array;
  terminated: Uint8Array;
  /** Env steps each transition spans; absent in data saved before n-step returns (all 1 then). */
  steps?: Uint8Array;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`Expected a positive integer ${name}, got ${value}`);
}

export class ReplayBuffer {
  readonly capacity: number;
  readonly obsSize: number;
  protected readonly observations: Float32Array;
  protected readonly actions: Int32Array;
  protected readonly rewards: Float32Array;
  protected readonly nextObservations: Float32Array;
  protected readonly terminated: Uint8Array;
  protected readonly steps: Uint8Array;
  protected position = 0;
  private filled = 0;

  constructor(capacity: number, obsSize: number) {
    assertPositiveInteger('replay capacity', capacity);
    assertPositiveInteger('observation size', obsSize);
    this.capacity = capacity;
    this.obsSize = obsSize;
    this.observations = new Float32Array(capacity * obsSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.nextObservations = new Float32Array(capacity * obsSize);
    this.terminated = new Uint8Array(capacity);
    this.steps = new Uint8Array(capacity);
  }

  /** Number of stored transitions (at most `capacity`). */
  get size(): number {
    return this.filled;
  }

  /** Stores a transition, overwriting the oldest once full; returns the slot it went to. */
  add(t: Transition): number {
    const { obsSize } = this;
    if (t.observation.length !== obsSize || t.nextObservation.length !== obsSize) {
      throw new Error(
        `Expected observations of length ${obsSize}, got ${t.observation.length} and ${t.nextObservation.length}`,
      );
    }
    const steps = t.steps ?? 1;
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_N_STEP) {
      throw new Error(`Expected a transition of 1 to ${MAX_N_STEP} steps, got ${steps}`);
    }
    const slot = this.position;
    const offset = slot * obsSize;
    for (let i = 0; i < obsSize; i++) {
      this.observations[offset + i] = t.observation[i];
      this.nextObservations[offset + i] = t.nextObservation[i];
    }
    this.actions[slot] = t.action;
    this.rewards[slot] = t.reward;
    this.terminated[slot] = t.terminated ? 1 : 0;
    this.steps[slot] = steps;
    this.position = (slot + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
    return slot;
  }

  /** Fills `batch` with `batch.batchSize` slots drawn uniformly (with replacement) from the filled ones. */
  sample(rng: Rng, batch: ReplayBatch): void {
    if (this.filled === 0) throw new Error('Cannot sample from an empty replay buffer');
    for (let i = 0; i < batch.batchSize; i++) batch.indices[i] = rng.nextInt(this.filled);
    batch.weights.fill(1);
    this.gather(batch);
  }

  /** Copies the rows named by `batch.indices` into the batch arrays. */
  protected gather(batch: ReplayBatch): void {
    const { obsSize } = this;
    if (batch.obsSize !== obsSize)
      throw new Error(`Expected a batch of obsSize ${obsSize}, got ${batch.obsSize}`);
    for (let i = 0; i < batch.batchSize; i++) {
      const slot = batch.indices[i];
      batch.observations.set(this.observations.subarray(slot * obsSize, (slot + 1) * obsSize), i * obsSize);
      batch.nextObservations.set(
        this.nextObservations.subarray(slot * obsSize, (slot + 1) * obsSize),
        i * obsSize,
      );
      batch.actions[i] = this.actions[slot];
      batch.rewards[i] = this.rewards[slot];
      batch.terminated[i] = this.terminated[slot];
      batch.steps[i] = this.steps[slot];
    }
  }

  clear(): void {
    this.position = 0;
    this.filled = 0;
  }

  /** The transition stored in `slot`, copied out as plain arrays (for showing, not for training). */
  read(slot: number): StoredTransition {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.filled) {
      throw new Error(`Expected a filled slot in [0, ${this.filled}), got ${slot}`);
    }
    const { obsSize } = this;
    return {
      slot,
      observation: Array.from(this.observations.subarray(slot * obsSize, (slot + 1) * obsSize)),
      action: this.actions[slot]!,
      reward: this.rewards[slot]!,
      nextObservation: Array.from(this.nextObservations.subarray(slot * obsSize, (slot + 1) * obsSize)),
      terminated: this.terminated[slot] === 1,
      steps: this.steps[slot]!,
    };
  }

  /** Slots of the `count` most recently added transitions, newest first. */
  newestSlots(count: number): number[] {
    const n = Math.min(count, this.filled);
    return Array.from({ length: n }, (_, k) => (this.position - 1 - k + this.capacity) % this.capacity);
  }

  /** Copies of the filled part of the buffer. */
  exportData(): ReplayBufferData {
    const n = this.filled;
    const o = n * this.obsSize;
    return {
      capacity: this.capacity,
      obsSize: this.obsSize,
      size: n,
      position: this.position,
      observations: this.observations.slice(0, o),
      actions: this.actions.slice(0, n),
      rewards: this.rewards.slice(0, n),
      nextObservations: this.nextObservations.slice(0, o),
      terminated: this.terminated.slice(0, n),
      steps: this.steps.slice(0, n),
    };
  }

  /** Restores contents exported from a buffer of the same capacity and observation size. */
  importData(data: ReplayBufferData): void {
    if (data.capacity !== this.capacity || data.obsSize !== this.obsSize) {
      throw new Error(
        `Expected replay data with capacity ${this.capacity} and obsSize ${this.obsSize}, ` +
          `got ${data.capacity} and ${data.obsSize}`,
      );
    }
    const n = data.size;
    if (!Number.isInteger(n) || n < 0 || n > this.capacity) {
      throw new Error(`Expected a replay size in [0, ${this.capacity}], got ${n}`);
    }
    const expectedPosition = n < this.capacity ? n : data.position;
    if (!Number.isInteger(data.position) || data.position < 0 || data.position >= this.capacity) {
      throw new Error(`Expected a replay position in [0, ${this.capacity}), got ${data.position}`);
    }
    if (data.position !== expectedPosition) {
      throw new Error(
        `Expected replay position ${expectedPosition} for a buffer of size ${n}, got ${data.position}`,
      );
    }
    const o = n * this.obsSize;
    const lengths: [string, number, number][] = [
      ['observations', data.observations.length, o],
      ['nextObservations', data.nextObservations.length, o],
      ['actions', data.actions.length, n],
      ['rewards', data.rewards.length, n],
      ['terminated', data.terminated.length, n],
      ['steps', data.steps?.length ?? n, n],
    ];
    for (const [name, got, expected] of lengths) {
      if (got !== expected) throw new Error(`Expected replay ${name} of length ${expected}, got ${got}`);
    }
    const badSteps = data.steps?.findIndex((m) => m < 1 || m > MAX_N_STEP) ?? -1;
    if (badSteps >= 0) {
      throw new Error(
        `Expected replay steps in [1, ${MAX_N_STEP}], got ${data.steps![badSteps]} at ${badSteps}`,
      );
    }
    this.observations.set(data.observations);
    this.nextObservations.set(data.nextObservations);
    this.actions.set(data.actions);
    this.rewards.set(data.rewards);
    this.terminated.set(data.terminated);
    // Data saved before n-step returns holds one-step transitions.
    if (data.steps) this.steps.set(data.steps);
    else this.steps.fill(1, 0, n);
    this.filled = n;
    this.position = data.position;
  }
}
