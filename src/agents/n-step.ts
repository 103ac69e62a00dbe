/**
 * n-step returns (Sutton & Barto ch. 7; Rainbow, Hessel et al. 2018): the last n steps of the current episode,
 * turned into transitions (s_t, a_t, R = Σ_{k<m} γ^k r_{t+k}, s_{t+m}, terminated, m). Mid-episode each step
 * completes the window that started n steps back (m = n); the step that ends an episode completes every window
 * still open (m = n, n − 1, ..., 1). A termination marks them all terminated (no bootstrap); a time-limit
 * truncation leaves them bootstrapping from the last next-observation with γ^m. With n = 1 each step is its own
 * transition, exactly as one-step DQN stores it.
 */
import type { Transition } from './replay-buffer';

/** One step still waiting for its window to complete, as plain data (it travels in checkpoints). */
export interface PendingStep {
  observation: number[];
  action: number;
  reward: number;
}

export class NStepWindow {
  readonly n: number;
  readonly gamma: number;
  private readonly obsSize: number;
  // A ring of n steps, preallocated so that a step allocates no arrays; `start` is the oldest pending one.
  private readonly observations: Float32Array[];
  private readonly actions: number[];
  private readonly rewards: number[];
  private readonly next: Float32Array;
  private start = 0;
  private count = 0;

  constructor(n: number, gamma: number, obsSize: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`Expected a positive integer n, got ${n}`);
    this.n = n;
    this.gamma = gamma;
    this.obsSize = obsSize;
    this.observations = Array.from({ length: n }, () => new Float32Array(obsSize));
    this.actions = new Array<number>(n).fill(0);
    this.rewards = new Array<number>(n).fill(0);
    this.next = new Float32Array(obsSize);
  }

  /** Steps waiting for their window to complete. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds one env step (s, a, r, s', terminated, truncated) and returns the transitions it completes, oldest
   * first. They share this window's arrays: store them (the replay copies) before the next push.
   */
  push(
    observation: ArrayLike<number>,
    action: number,
    reward: number,
    nextObservation: ArrayLike<number>,
    terminated: boolean,
    truncated: boolean,
  ): Transition[] {
    const slot = (this.start + this.count) % this.n;
    this.copy(observation, this.observations[slot]!);
    this.actions[slot] = action;
    this.rewards[slot] = reward;
    this.count++;
    this.copy(nextObservation, this.next);
    const out: Transition[] = [];
    if (terminated || truncated) {
      while (this.count > 0) out.push(this.emit(this.count, terminated));
    } else if (this.count === this.n) {
      out.push(this.emit(this.n, false));
    }
    return out;
  }

  /** The steps still waiting, oldest first (at most n − 1 between steps; none after an episode's end). */
  getState(): PendingStep[] {
    return Array.from({ length: this.count }, (_, k) => {
      const slot = (this.start + k) % this.n;
      return {
        observation: Array.from(this.observations[slot]!),
        action: this.actions[slot]!,
        reward: this.rewards[slot]!,
      };
    });
  }

  setState(steps: readonly PendingStep[]): void {
    if (steps.length >= this.n) {
      throw new Error(`Expected at most ${this.n - 1} pending steps for n = ${this.n}, got ${steps.length}`);
    }
    steps.forEach((p, k) => {
      this.copy(p.observation, this.observations[k]!);
      this.actions[k] = p.action;
      this.rewards[k] = p.reward;
    });
    this.start = 0;
    this.count = steps.length;
  }

  /** Drops the pending steps (a new episode starts with none). */
  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** The transition of the oldest pending step over its next `m` rewards; that step leaves the window. */
  private emit(m: number, terminated: boolean): Transition {
    const { n, start } = this;
    // Horner from the newest reward: R = r_t + γ(r_{t+1} + γ(...)); for m = 1 it is r_t itself.
    let reward = this.rewards[(start + m - 1) % n]!;
    for (let k = m - 2; k >= 0; k--) reward = this.rewards[(start + k) % n]! + this.gamma * reward;
    this.start = (start + 1) % n;
    this.count--;
    return {
      observation: this.observations[start]!,
      action: this.actions[start]!,
      reward,
      nextObservation: this.next,
      terminated,
      steps: m,
    };
  }

  private copy(from: ArrayLike<number>, to: Float32Array): void {
    if (from.length !== this.obsSize) {
      throw new Error(`Expected an observation of length ${this.obsSize}, got ${from.length}`);
    }
    for (let i = 0; i < to.length; i++) to[i] = from[i]!;
  }
}
