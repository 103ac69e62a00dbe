/**
 * The DQN agent on the typed-array engine (src/nn): the same algorithm, weights, optimizer state and
 * statistics as the tfjs agent in dqn.ts, computed in plain loops over preallocated Float32Arrays. For the
 * small Q-networks here tfjs spends most of a gradient step in per-op overhead; this does none of that and
 * allocates nothing per step. It imports no tfjs: the initial weights come from `initialWeights` (the worker
 * passes q-network.ts's seeded tfjs initialiser, so a seed gives the same run on either engine).
 */
import type { DqnConfig } from './dqn-config';
import { argMax } from './arg-max';
import { DqnAgentBase, PACKED_STATS, type QNetworkSpec } from './dqn-agent-base';
import { QNet } from '../nn/q-net';
import { buildInMemory, type SimdKernels } from '../nn/nn-memory';
import {
  exportOptimizerState,
  importOptimizerState,
  makeFlatOptimizer,
  type FlatOptimizer,
} from '../nn/optimizers';
import type { NamedWeight } from '../storage/checkpoint';

const f = Math.fround;

export type InitialQWeights = (spec: QNetworkSpec) => NamedWeight[];

export class JsDqnAgent extends DqnAgentBase {
  readonly engine = 'js';
  private readonly online: QNet;
  private readonly target: QNet;
  private readonly optimizer: FlatOptimizer;
  /** The SIMD kernels over both networks' memory; null on the JS loops. */
  private readonly kernels: SimdKernels | null;
  private readonly row: Float32Array;
  private readonly tdTargets: Float32Array;
  private readonly packed: Float32Array;

  /** Whether the networks run the WebAssembly SIMD kernels (else the JS loops). */
  readonly simd: boolean;

  /** `simd: false` keeps the JS loops even where WebAssembly SIMD is available (for comparisons). */
  constructor(
    config: DqnConfig,
    obsSize: number,
    nActions: number,
    initialWeights: InitialQWeights,
    options: { simd?: boolean } = {},
  ) {
    super(config, obsSize, nActions);
    const maxBatch = this.config.batchSize;
    // Both networks in one memory: the kernels then read either, and the Polyak update is one loop.
    const nets = buildInMemory((memory) => {
      const spec = { ...this.network, inputScale: this.inputScale };
      const online = new QNet(spec, maxBatch, memory);
      const target = new QNet(spec, maxBatch, memory);
      const { optimizer, learningRate } = this.config;
      const size = online.params.length;
      return {
        online,
        target,
        optimizer: makeFlatOptimizer(optimizer, learningRate, size, memory),
        kernels: memory.kernels,
      };
    }, options.simd ?? true);
    this.online = nets.online;
    this.target = nets.target;
    this.optimizer = nets.optimizer;
    this.kernels = nets.kernels;
    this.simd = nets.kernels !== null;
    this.online.importWeights(initialWeights(this.network), 'online');
    this.target.params.set(this.online.params);
    this.row = new Float32Array(obsSize);
    this.tdTargets = new Float32Array(maxBatch);
    this.packed = new Float32Array(PACKED_STATS + maxBatch);
  }

  qValues(observation: ArrayLike<number>): Float32Array {
    return this.singleRow(this.online, observation).slice(0, this.nActions);
  }

  targetQValues(observation: ArrayLike<number>): Float32Array {
    return this.singleRow(this.target, observation).slice(0, this.nActions);
  }

  override act(observation: ArrayLike<number>, epsilon: number): number {
    if (this.rng.nextFloat() < epsilon) return this.rng.nextInt(this.nActions);
    return argMax(this.singleRow(this.online, observation), 0, this.nActions);
  }

  greedyActions(observations: Float32Array, count: number): Int32Array {
    const actions = new Int32Array(count);
    const { obsSize, nActions } = this;
    const chunk = this.online.maxBatch;
    for (let start = 0; start < count; start += chunk) {
      const rows = Math.min(chunk, count - start);
      const q = this.online.forward(observations.subarray(start * obsSize, (start + rows) * obsSize), rows);
      for (let r = 0; r < rows; r++) actions[start + r] = argMax(q, r * nActions, nActions);
    }
    return actions;
  }

  computeTdTargets(
    rewards: Float32Array,
    terminated: Float32Array,
    nextObservations: Float32Array,
    discounts: Float32Array = new Float32Array(rewards.length).fill(this.config.gamma),
  ): Float32Array {
    const out = new Float32Array(rewards.length);
    const chunk = this.online.maxBatch;
    for (let start = 0; start < rewards.length; start += chunk) {
      const rows = Math.min(chunk, rewards.length - start);
      const end = start + rows;
      this.tdTarget(
        rewards.subarray(start, end),
        terminated.subarray(start, end),
        discounts.subarray(start, end),
        nextObservations.subarray(start * this.obsSize, end * this.obsSize),
        rows,
        out.subarray(start, end),
      );
    }
    return out;
  }

  syncTarget(): void {
    this.target.params.set(this.online.params);
  }

  protected softUpdateTarget(tau: number): void {
    const from = this.online.params;
    const to = this.target.params;
    const a = f(tau);
    const b = f(1 - tau);
    if (this.kernels) this.kernels.polyak(to.byteOffset, from.byteOffset, to.length, a, b);
    else for (let i = 0; i < to.length; i++) to[i] = f(f(from[i]! * a) + f(to[i]! * b));
  }

  protected setLearningRate(learningRate: number): void {
    this.optimizer.learningRate = learningRate;
  }

  protected learnOnBatch(): Float32Array {
    const { config, batch, nActions, online, packed } = this;
    const n = batch.batchSize;
    const tdTargets = this.tdTarget(
      batch.rewards,
      batch.terminated,
      batch.discounts,
      batch.nextObservations,
      n,
      this.tdTargets,
    );

    const q = online.forward(batch.observations, n);
    const gradQ = online.gradQValues;
    gradQ.fill(0, 0, n * nActions);
    const huber = config.huberDelta;
    let loss = 0;
    let absSum = 0;
    let absMax = -Infinity;
    let maxQSum = 0;
    for (let i = 0; i < n; i++) {
      const row = i * nActions;
      const taken = row + batch.actions[i]!;
      const delta = f(q[taken]! - tdTargets[i]!);
      const abs = Math.abs(delta);
      const w = batch.weights[i]!;
      let perSample: number;
      let dLoss: number;
      if (huber === null) {
        perSample = delta * delta;
        dLoss = 2 * delta;
      } else {
        const quadratic = Math.min(abs, huber);
        perSample = 0.5 * quadratic * quadratic + huber * (abs - quadratic);
        // d/dδ: δ inside the quadratic zone, ±δ_huber outside (tfjs's abs gradient is −1 at 0: δ·1 = 0 there).
        dLoss = abs <= huber ? delta : delta > 0 ? huber : -huber;
      }
      loss += perSample * w;
      gradQ[taken] = (dLoss * w) / n;
      absSum += abs;
      if (abs > absMax) absMax = abs;
      maxQSum += q[row + argMax(q, row, nActions)]!;
      packed[PACKED_STATS + i] = abs;
    }
    online.backward(batch.observations, n);

    const grads = online.grads;
    const { kernels } = this;
    let sumSquares = 0;
    if (kernels) sumSquares = kernels.sumSquares(grads.byteOffset, grads.length);
    else for (let i = 0; i < grads.length; i++) sumSquares += grads[i]! * grads[i]!;
    const gradNorm = Math.sqrt(sumSquares);
    if (config.maxGradNorm !== null) {
      // As torch.nn.utils.clip_grad_norm_ (and the tfjs agent): scale by min(1, maxNorm / (norm + 1e-6)).
      const scale = f(Math.min(1, config.maxGradNorm / (gradNorm + 1e-6)));
      if (scale < 1 && kernels) kernels.scale(grads.byteOffset, grads.length, scale);
      else if (scale < 1) for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * scale;
    }
    this.optimizer.apply(online.params, grads);

    packed[0] = loss / n;
    packed[1] = absSum / n;
    packed[2] = absMax;
    packed[3] = maxQSum / n;
    packed[4] = gradNorm;
    return packed.subarray(0, PACKED_STATS + n);
  }

  /** As the base class's, at once: this engine has its weights in memory. */
  override getWeights(): NamedWeight[] {
    return super.getWeights() as NamedWeight[];
  }

  protected networkWeights(): NamedWeight[] {
    return [...this.online.exportWeights('online'), ...this.target.exportWeights('target')];
  }

  protected loadNetworkWeights(weights: readonly NamedWeight[]): void {
    this.online.importWeights(weights, 'online');
    if (weights.some((w) => w.name.startsWith('target/'))) this.target.importWeights(weights, 'target');
    else this.syncTarget();
  }

  async getOptimizerState(): Promise<NamedWeight[]> {
    return exportOptimizerState(this.optimizer, this.online.slices);
  }

  async setOptimizerState(state: readonly NamedWeight[]): Promise<void> {
    // Checked in a fresh optimizer first, so a bad entry leaves the current one untouched.
    const fresh = makeFlatOptimizer(
      this.config.optimizer,
      this.config.learningRate,
      this.online.params.length,
    );
    importOptimizerState(fresh, this.online.slices, this.online.params.length, state);
    this.optimizer.iterations = fresh.iterations;
    this.optimizer.setSlots(fresh.slots(), fresh.extras());
  }

  dispose(): void {}

  private singleRow(net: QNet, observation: ArrayLike<number>): Float32Array {
    if (observation.length !== this.obsSize) {
      throw new Error(`Expected an observation of length ${this.obsSize}, got ${observation.length}`);
    }
    for (let i = 0; i < this.obsSize; i++) this.row[i] = observation[i]!;
    return net.forward(this.row, 1);
  }

  /**
   * tdTarget = R + γ^m·(1 − terminated)·Q_target(s', a*) (γ^m from `discounts`; m = 1 is one-step DQN), with
   * a* = argmax_a Q_online(s', a) for Double DQN and argmax_a Q_target(s', a) otherwise. Runs before the online
   * forward pass of the gradient step (it reuses the online network's buffers).
   */
  private tdTarget(
    rewards: Float32Array,
    terminated: Float32Array,
    discounts: Float32Array,
    nextObservations: Float32Array,
    rows: number,
    out: Float32Array,
  ): Float32Array {
    const { nActions } = this;
    const nextQTarget = this.target.forward(nextObservations, rows);
    const nextQOnline = this.config.doubleDqn ? this.online.forward(nextObservations, rows) : null;
    for (let i = 0; i < rows; i++) {
      const row = i * nActions;
      const best = argMax(nextQOnline ?? nextQTarget, row, nActions);
      const nextValue = nextQTarget[row + best]!;
      out[i] = f(rewards[i]! + f(f(f(1 - terminated[i]!) * nextValue) * discounts[i]!));
    }
    return out;
  }
}
