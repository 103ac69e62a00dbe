/**
 * Minibatches of MNIST digits in epochs: each epoch visits every training digit once, in an order shuffled by a
 * seeded Rng. The state (epoch, position, and the RNG state the epoch's order was drawn from) is small, so a
 * checkpoint resumes mid-epoch with the very same batches.
 */
import { Rng, type RngState } from '../envs/rng';
import { MNIST_PIXELS, type MnistSet } from './mnist-asset';

export interface BatcherState {
  /** Epochs completed. */
  epoch: number;
  /** Digits of the current epoch already served. */
  cursor: number;
  /** The RNG state the current epoch's order was shuffled from. */
  epochRngState: RngState;
  /** The RNG state after that shuffle (for the next epoch). */
  rngState: RngState;
}

export interface Batch {
  /** batchSize × 784 pixels in [0, 1]. */
  pixels: Float32Array;
  labels: Uint8Array;
}

/** Rng.getState() can report words as negative int32; setState and checkpoints take uint32. */
export function uint32State([a, b, c, d]: RngState): RngState {
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

export class MnistBatcher {
  private readonly rng: Rng;
  private order: Uint32Array;
  private epochRngState: RngState;
  private epochValue = 0;
  private cursor = 0;

  constructor(
    readonly set: MnistSet,
    readonly batchSize: number,
    seed: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > set.count)
      throw new Error(`Expected a batch size in [1, ${set.count}], got ${batchSize}`);
    this.rng = new Rng(seed);
    this.epochRngState = uint32State(this.rng.getState());
    this.order = this.shuffle();
  }

  /** Fisher–Yates over all digits, from the current RNG state. */
  private shuffle(): Uint32Array {
    const order = Uint32Array.from({ length: this.set.count }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.nextInt(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }

  /** Epochs completed (fractional: digits served / training digits). */
  get epochs(): number {
    return this.epochValue + this.cursor / this.set.count;
  }

  get batchesPerEpoch(): number {
    return Math.floor(this.set.count / this.batchSize);
  }

  /** The next batch; a new epoch starts (reshuffled) when fewer than a batch of digits is left. */
  next(): Batch {
    if (this.cursor + this.batchSize > this.set.count) {
      this.epochValue++;
      this.cursor = 0;
      this.epochRngState = uint32State(this.rng.getState());
      this.order = this.shuffle();
    }
    const indices = this.order.subarray(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return gatherDigits(this.set, indices);
  }

  getState(): BatcherState {
    return {
      epoch: this.epochValue,
      cursor: this.cursor,
      epochRngState: this.epochRngState,
      rngState: uint32State(this.rng.getState()),
    };
  }

  setState(state: BatcherState): void {
    if (!Number.isInteger(state.cursor) || state.cursor < 0 || state.cursor > this.set.count)
      throw new Error(`Expected a batch cursor in [0, ${this.set.count}], got ${state.cursor}`);
    if (!Number.isInteger(state.epoch) || state.epoch < 0)
      throw new Error(`Expected a non-negative integer epoch, got ${state.epoch}`);
    this.rng.setState(state.epochRngState);
    this.order = this.shuffle();
    this.rng.setState(state.rngState);
    this.epochRngState = uint32State(state.epochRngState);
    this.epochValue = state.epoch;
    this.cursor = state.cursor;
  }
}

/** The digits at `indices`, copied out. */
export function gatherDigits(set: MnistSet, indices: ArrayLike<number>): Batch {
  const pixels = new Float32Array(indices.length * MNIST_PIXELS);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const digit = indices[i];
    pixels.set(set.pixels.subarray(digit * MNIST_PIXELS, (digit + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = set.labels[digit];
  }
  return { pixels, labels };
}

/** The first `perClass` test digits of each class 0–9 (10 × perClass indices, class-major): fixed view sets. */
export function digitsPerClass(set: MnistSet, perClass: number): number[] {
  const picked: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < set.count; i++) {
    const bucket = picked[set.labels[i]];
    if (bucket.length < perClass) bucket.push(i);
  }
  return picked.flat();
}
