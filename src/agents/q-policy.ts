/**
 * A greedy policy that is only a Q-network: for a watch view fed with weights streamed from the trainer.
 * No replay, no optimizer, no randomness.
 */
import * as tf from '@tensorflow/tfjs';
import type { DqnConfig } from './dqn-config';
import { argMax, buildQNetwork } from './q-network';
import { importModelWeights, readModelWeights, type NamedWeight } from './weights';

export class QPolicy {
  readonly obsSize: number;
  readonly nActions: number;
  private readonly network: tf.LayersModel;

  constructor(
    config: Pick<DqnConfig, 'hiddenSizes' | 'activation' | 'dueling'>,
    obsSize: number,
    nActions: number,
  ) {
    this.obsSize = obsSize;
    this.nActions = nActions;
    // The seed is irrelevant: weights come from setWeights.
    const { hiddenSizes, activation, dueling } = config;
    this.network = buildQNetwork({ obsSize, nActions, hiddenSizes, activation, dueling, seed: 0 });
  }

  /** Takes DqnAgent.getWeights() output (uses the `online/...` entries) or this policy's own getWeights(). */
  setWeights(weights: readonly NamedWeight[]): void {
    importModelWeights(this.network, weights, 'online');
  }

  getWeights(): Promise<NamedWeight[]> {
    return readModelWeights(this.network, 'online');
  }

  /** Q(s, ·), read back asynchronously (any backend, WebGPU included). */
  async qValues(observation: ArrayLike<number>): Promise<Float32Array> {
    const obs = observation instanceof Float32Array ? observation : Float32Array.from(observation);
    const q = tf.tidy(() => this.network.predict(tf.tensor2d(obs, [1, this.obsSize])) as tf.Tensor);
    try {
      return Float32Array.from(await q.data());
    } finally {
      q.dispose();
    }
  }

  async act(observation: ArrayLike<number>): Promise<number> {
    return argMax(await this.qValues(observation));
  }

  dispose(): void {
    this.network.dispose();
  }
}
