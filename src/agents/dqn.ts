/**
 * Deep Q-learning (Mnih et al. 2015) with the usual options: Double DQN, dueling head, Huber loss, global
 * gradient-norm clipping, hard or soft target updates and prioritized replay. Reads top to bottom like
 * CleanRL's dqn.py; the environment loop (when to train, ε schedule, episode bookkeeping) is in dqn-learner.ts.
 * Every number comes back through `await tensor.data()`, never a synchronous read, so WebGPU can run it.
 */
import * as tf from '@tensorflow/tfjs';
import type { DqnConfig } from './dqn-config';
import { DqnAgentBase } from './dqn-agent-base';
import { ADAM_BETA_PRODUCTS, adamBetaProducts, makeOptimizer, OPTIMIZER_SLOTS } from './dqn-optimizer';
import { argMax, buildQNetwork } from './q-network';
import {
  copyModelWeights,
  importModelWeights,
  readModelWeights,
  softUpdateModelWeights,
  type NamedWeight,
} from './weights';

export { DqnAgentBase, type DqnAgentState, type TrainStats } from './dqn-agent-base';

function toFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Reads a tensor back asynchronously as its own Float32Array, and frees it. */
async function readAndDispose(tensor: tf.Tensor): Promise<Float32Array> {
  try {
    // data() may hand back the backend's own buffer: copy it.
    return Float32Array.from(await tensor.data());
  } finally {
    tensor.dispose();
  }
}

/** The DQN agent on tfjs layers (any tfjs backend). */
export class DqnAgent extends DqnAgentBase {
  readonly engine = 'tfjs';
  private readonly online: tf.LayersModel;
  private readonly target: tf.LayersModel;
  private readonly trainableVariables: tf.Variable[];
  private optimizer: tf.Optimizer;
  /** The observationScale factors as a [1, obsSize] row, or null. */
  private readonly inputScaleRow: tf.Tensor2D | null;

  constructor(config: DqnConfig, obsSize: number, nActions: number) {
    super(config, obsSize, nActions);
    this.online = buildQNetwork(this.network);
    this.target = buildQNetwork(this.network);
    copyModelWeights(this.online, this.target);
    this.trainableVariables = this.online.trainableWeights.map((w) => w.read() as tf.Variable);
    this.optimizer = makeOptimizer(this.config.optimizer, this.config.learningRate);
    this.inputScaleRow = this.inputScale && tf.tensor2d(this.inputScale, [1, obsSize]);
  }

  /** `rows` observations as the networks read them: scaled by observationScale when there is one. */
  private networkInput(observations: ArrayLike<number>, rows: number): tf.Tensor2D {
    const x = tf.tensor2d(toFloat32(observations), [rows, this.obsSize]);
    return this.inputScaleRow ? tf.mul(x, this.inputScaleRow) : x;
  }

  /** Q_online(s, ·) for one observation. */
  qValues(observation: ArrayLike<number>): Promise<Float32Array> {
    return readAndDispose(tf.tidy(() => this.online.predict(this.networkInput(observation, 1)) as tf.Tensor));
  }

  protected setLearningRate(learningRate: number): void {
    const optimizer = this.optimizer as unknown as {
      learningRate: number;
      setLearningRate?: (learningRate: number) => void;
    };
    if (optimizer.learningRate === learningRate) return;
    // tfjs's SGD multiplies by a kept scalar of −rate that only its setLearningRate() replaces; Adam and
    // RMSProp read the field on every applyGradients() and have no setter. (instanceof cannot tell them
    // apart: tfjs's optimizer classes answer it by duck typing.)
    if (optimizer.setLearningRate) optimizer.setLearningRate(learningRate);
    else optimizer.learningRate = learningRate;
  }

  /** One gradient step on the sampled minibatch (the base class samples it and updates the target). */
  protected learnOnBatch(): Promise<Float32Array> {
    const { config, batch, nActions } = this;
    const n = batch.batchSize;

    // One tensor comes out: [loss, |δ| mean, |δ| max, mean max Q, grad norm, |δ_0| ... |δ_n-1|], read once.
    const packed = tf.tidy(() => {
      const observations = this.networkInput(batch.observations, n);
      const nextObservations = this.networkInput(batch.nextObservations, n);
      const actionMask = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), nActions).toFloat();
      const rewards = tf.tensor1d(batch.rewards);
      const terminated = tf.tensor1d(batch.terminated);
      const discounts = tf.tensor1d(batch.discounts);
      const weights = tf.tensor1d(batch.weights);

      const tdTarget = this.tdTarget(rewards, terminated, discounts, nextObservations);

      // Filled inside the gradient scope and kept past it for the statistics and priorities; disposed below.
      const kept: { tdError?: tf.Tensor1D; qValues?: tf.Tensor2D } = {};
      const { value: loss, grads } = tf.variableGrads(() => {
        const q = this.online.apply(observations, { training: true }) as tf.Tensor2D;
        const qTaken = tf.sum<tf.Tensor1D>(tf.mul(q, actionMask), 1);
        const delta = tf.sub<tf.Tensor1D>(qTaken, tdTarget);
        kept.tdError = tf.keep(delta);
        kept.qValues = tf.keep(q);
        return this.tdLoss(delta, weights);
      }, this.trainableVariables);

      const names = Object.keys(grads);
      const gradNorm = tf.sqrt(tf.addN(names.map((name) => tf.sum(tf.square(grads[name])))));
      if (config.maxGradNorm !== null) {
        // As torch.nn.utils.clip_grad_norm_: scale all gradients by min(1, maxNorm / (norm + 1e-6)).
        const scale = tf.minimum(1, tf.div(config.maxGradNorm, tf.add(gradNorm, 1e-6)));
        const clipped: tf.NamedTensorMap = {};
        for (const name of names) clipped[name] = tf.mul(grads[name], scale);
        this.optimizer.applyGradients(clipped);
      } else {
        this.optimizer.applyGradients(grads);
      }

      const { tdError, qValues } = kept as Required<typeof kept>;
      const absError = tf.abs(tdError);
      const meanMaxQ = tf.mean(tf.max(qValues, 1));
      const stats = tf.stack([loss, tf.mean(absError), tf.max(absError), meanMaxQ, gradNorm]);
      const out = tf.concat([stats, absError]);
      tdError.dispose();
      qValues.dispose();
      return out;
    });
    return readAndDispose(packed);
  }

  /**
   * tdTarget = R + γ^m·(1 − terminated)·Q_target(s', a*) (γ^m per row in `discounts`; m = 1 is one-step DQN),
   * with a* = argmax_a Q_online(s', a) for Double DQN and argmax_a Q_target(s', a) otherwise. Computed outside
   * the gradient tape: it is a constant for the loss.
   */
  private tdTarget(
    rewards: tf.Tensor1D,
    terminated: tf.Tensor1D,
    discounts: tf.Tensor1D,
    nextObservations: tf.Tensor2D,
  ): tf.Tensor1D {
    const nextQTarget = this.target.apply(nextObservations) as tf.Tensor2D;
    let nextValue: tf.Tensor1D;
    if (this.config.doubleDqn) {
      const nextActions = tf.argMax(this.online.apply(nextObservations) as tf.Tensor2D, 1) as tf.Tensor1D;
      nextValue = tf.sum(tf.mul(nextQTarget, tf.oneHot(nextActions, this.nActions)), 1);
    } else {
      nextValue = tf.max(nextQTarget, 1);
    }
    return tf.add(rewards, tf.mul(tf.mul(tf.sub(1, terminated), nextValue), discounts));
  }

  /** The TD targets for a batch of transitions (rows of nextObservations), as the training step computes them. */
  computeTdTargets(
    rewards: Float32Array,
    terminated: Float32Array,
    nextObservations: Float32Array,
    discounts: Float32Array = new Float32Array(rewards.length).fill(this.config.gamma),
  ): Promise<Float32Array> {
    const n = rewards.length;
    return readAndDispose(
      tf.tidy(() =>
        this.tdTarget(
          tf.tensor1d(rewards),
          tf.tensor1d(terminated),
          tf.tensor1d(discounts),
          this.networkInput(nextObservations, n),
        ),
      ),
    );
  }

  /** Mean (importance-weighted) Huber loss of the TD error, or squared error when huberDelta is null. */
  private tdLoss(tdError: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
    const delta = this.config.huberDelta;
    let perSample: tf.Tensor1D;
    if (delta === null) {
      perSample = tf.square(tdError);
    } else {
      const absError = tf.abs(tdError);
      const quadratic = tf.minimum(absError, delta);
      const linear = tf.sub(absError, quadratic);
      perSample = tf.add(tf.mul(tf.square(quadratic), 0.5), tf.mul(linear, delta));
    }
    return tf.mean(tf.mul(perSample, weights));
  }

  syncTarget(): void {
    copyModelWeights(this.online, this.target);
  }

  protected softUpdateTarget(tau: number): void {
    softUpdateModelWeights(this.online, this.target, tau);
  }

  /** Q_target(s, ·) for one observation (for tests and inspection). */
  targetQValues(observation: ArrayLike<number>): Promise<Float32Array> {
    return readAndDispose(tf.tidy(() => this.target.predict(this.networkInput(observation, 1)) as tf.Tensor));
  }

  /** Greedy actions for `count` observations laid out row by row (batched evaluation). */
  async greedyActions(observations: Float32Array, count: number): Promise<Int32Array> {
    const values = await readAndDispose(
      tf.tidy(() => this.online.predict(this.networkInput(observations, count)) as tf.Tensor),
    );
    const actions = new Int32Array(count);
    for (let i = 0; i < count; i++) actions[i] = argMax(values, i * this.nActions, this.nActions);
    return actions;
  }

  /** As the base class's, read back from the backend. */
  override async getWeights(): Promise<NamedWeight[]> {
    return super.getWeights();
  }

  protected async networkWeights(): Promise<NamedWeight[]> {
    return [
      ...(await readModelWeights(this.online, 'online')),
      ...(await readModelWeights(this.target, 'target')),
    ];
  }

  protected loadNetworkWeights(weights: readonly NamedWeight[]): void {
    importModelWeights(this.online, weights, 'online');
    if (weights.some((w) => w.name.startsWith('target/'))) importModelWeights(this.target, weights, 'target');
    else this.syncTarget();
  }

  /**
   * The optimizer's state (iteration count, then e.g. Adam's first and second moments per trainable weight) as
   * plain data. Empty moments before the first gradient step are fine: only the iteration is returned then.
   */
  async getOptimizerState(): Promise<NamedWeight[]> {
    const named = await this.optimizer.getWeights();
    const expected = this.optimizerSlotNames(named.length);
    const out = await Promise.all(
      named.map(async (w, i) => ({
        name: expected[i],
        shape: w.tensor.shape.slice(),
        data: Float32Array.from(await w.tensor.data()),
      })),
    );
    named[0].tensor.dispose(); // the iteration scalar is made fresh by getWeights; the moments are live variables
    const betas = adamBetaProducts(this.optimizer);
    if (betas) {
      // tfjs keeps β₁ᵗ and β₂ᵗ as running products; setWeights() would recompute them with pow(), which differs
      // in the last bits. Saving them makes an Adam resume exact.
      for (const [name, variable] of Object.entries(betas)) {
        out.push({ name: `optimizer/${name}`, shape: [], data: Float32Array.from(await variable.data()) });
      }
    }
    return out;
  }

  /** Restores state from getOptimizerState() of an agent with the same config (a fresh optimizer takes it). */
  async setOptimizerState(allState: readonly NamedWeight[]): Promise<void> {
    const betaValues = allState.filter((w) => ADAM_BETA_PRODUCTS.includes(w.name));
    const state = allState.filter((w) => !ADAM_BETA_PRODUCTS.includes(w.name));
    const expected = this.optimizerSlotNames(state.length);
    const shapes = this.online.trainableWeights.map((w) => w.shape);
    state.forEach((w, i) => {
      if (w.name !== expected[i])
        throw new Error(`Expected optimizer weight ${i} named ${expected[i]}, got ${w.name}`);
      const shape = i === 0 ? [] : shapes[(i - 1) % shapes.length];
      if (w.shape.length !== shape.length || w.shape.some((d, j) => d !== shape[j])) {
        throw new Error(`Expected ${w.name} of shape [${shape}], got [${w.shape}]`);
      }
      const size = shape.reduce<number>((a, b) => a * (b ?? 1), 1);
      if (w.data.length !== size)
        throw new Error(`Expected ${size} values for ${w.name}, got ${w.data.length}`);
    });
    const fresh = makeOptimizer(this.config.optimizer, this.config.learningRate);
    const tensors = state.map((w, i) => ({
      name: w.name,
      tensor: i === 0 ? tf.scalar(w.data[0], 'int32') : tf.tensor(w.data, w.shape, 'float32'),
    }));
    await fresh.setWeights(tensors);
    for (const t of tensors) t.tensor.dispose();
    const betas = adamBetaProducts(fresh);
    for (const w of betaValues) {
      const variable = betas?.[w.name.slice('optimizer/'.length) as 'accBeta1' | 'accBeta2'];
      if (!variable || w.data.length !== 1 || !Number.isFinite(w.data[0])) {
        throw new Error(`Expected ${w.name} as one finite value for an Adam optimizer`);
      }
      variable.assign(tf.scalar(w.data[0]));
    }
    this.optimizer.dispose();
    this.optimizer = fresh;
  }

  private optimizerSlotNames(count: number): string[] {
    const trainable = this.online.trainableWeights.map((w) => w.originalName);
    const slots = OPTIMIZER_SLOTS[this.config.optimizer];
    const full = [
      'optimizer/iter',
      ...slots.flatMap((slot) => trainable.map((name) => `optimizer/${slot}/${name}`)),
    ];
    if (count !== 1 && count !== full.length) {
      throw new Error(
        `Expected 1 or ${full.length} ${this.config.optimizer} optimizer weights, got ${count}`,
      );
    }
    return full.slice(0, count);
  }

  /** Frees the networks and the optimizer; the agent is unusable afterwards. */
  dispose(): void {
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
    this.inputScaleRow?.dispose();
  }
}
