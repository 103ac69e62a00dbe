/**
 * What every DQN agent shares, whichever engine computes its networks: the config, the seeded RNG, replay
 * (uniform or prioritized) and minibatch sampling, ε-greedy acting, the target-update schedule and the
 * counters a resume needs. An engine supplies the network arithmetic: the tfjs agent (dqn.ts) and the
 * typed-array agent (js-dqn.ts) extend this class, so the learner, checkpoints and workers take either.
 *
 * Everything that reads numbers out of the networks returns a `Computed<T>`: the typed-array engine has them at
 * once, a tfjs agent reads them back with `await tensor.data()` (WebGPU loses its device on synchronous reads).
 * `after()` continues at once on a ready value, so the typed-array engine never waits a microtask.
 */
import { Rng, type RngState } from '../envs/rng';
import { assertValidDqnConfig, MAX_N_STEP, observationScaleMismatch, type DqnConfig } from './dqn-config';
import { PrioritizedReplayBuffer } from './prioritized-replay';
import { argMax } from './arg-max';
import { createReplayBatch, ReplayBuffer, type ReplayBatch, type Transition } from './replay-buffer';
import { learningRateAt, priorityBetaAt } from './schedules';
import type { NamedWeight } from '../storage/checkpoint';
import { inputLayerNames, scaleInputKernels } from './observation-scale';
import { pow } from '../util/portable-math';

/** What one gradient step measured (TD error = Q(s, a) − tdTarget, over the batch). */
export interface TrainStats {
  loss: number;
  tdErrorMean: number;
  tdErrorMax: number;
  /** Mean over the batch of max_a Q_online(s, a): a drifting value estimate shows up here first. */
  meanMaxQ: number;
  /** Global L2 norm of the gradient before clipping. */
  gradNorm: number;
}

/** Counters and RNG state needed, with weights, optimizer state and replay, to resume a run exactly. */
export interface DqnAgentState {
  observedSteps: number;
  gradientSteps: number;
  rngState: RngState;
}

/** The network an agent builds: obs → Q, seeded by a draw from the agent's RNG. */
export interface QNetworkSpec {
  obsSize: number;
  nActions: number;
  hiddenSizes: readonly number[];
  activation: DqnConfig['activation'];
  dueling: boolean;
  /** Same seed → same initial weights. */
  seed: number;
}

/** A value the typed-array engine computes at once and a tfjs backend reads back asynchronously. */
export type Computed<T> = T | Promise<T>;

/** `next(value)` now when `value` is ready, else once it is. */
export function after<T, U>(value: Computed<T>, next: (ready: T) => Computed<U>): Computed<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Layout of the statistics learnOnBatch() returns: [loss, |δ| mean, |δ| max, mean max Q, grad norm, |δ_i|...]. */
export const PACKED_STATS = 5;

export abstract class DqnAgentBase {
  readonly config: DqnConfig;
  readonly obsSize: number;
  readonly nActions: number;
  /** Uniform, or prioritized when config.prioritized. */
  readonly replay: ReplayBuffer;
  /** Every random draw of the agent (exploration, replay sampling) comes from here. */
  readonly rng: Rng;
  /** The Q-network both engines build (its seed is the RNG's first draw, so a seed means one init). */
  protected readonly network: QNetworkSpec;
  protected readonly batch: ReplayBatch;
  /** config.observationScale as float32 (exact: powers of two), or null; the engines scale their inputs by it. */
  protected readonly inputScale: Float32Array | null;
  /** γ^m for m = 0..MAX_N_STEP, as float32: the bootstrap discount of a transition spanning m env steps. */
  private readonly discountTable: Float32Array;
  private observedSteps = 0;
  private gradientStepCount = 0;

  constructor(config: DqnConfig, obsSize: number, nActions: number) {
    // A private copy: the caller's object (a UI form, say) may change after the agent is built.
    assertValidDqnConfig(config);
    const mismatch = observationScaleMismatch(config, obsSize);
    if (mismatch) throw new Error(mismatch);
    const scale = config.observationScale;
    this.config = {
      ...config,
      hiddenSizes: [...config.hiddenSizes],
      observationScale: scale && [...scale],
      targetUpdate: { ...config.targetUpdate },
    };
    this.inputScale = scale && Float32Array.from(scale);
    this.obsSize = obsSize;
    this.nActions = nActions;
    this.rng = new Rng(config.seed);
    this.network = {
      obsSize,
      nActions,
      hiddenSizes: this.config.hiddenSizes,
      activation: config.activation,
      dueling: config.dueling,
      seed: this.rng.nextUint32(),
    };
    this.replay = config.prioritized
      ? new PrioritizedReplayBuffer(config.bufferSize, obsSize, {
          alpha: config.priorityAlpha,
          epsilon: config.priorityEpsilon,
        })
      : new ReplayBuffer(config.bufferSize, obsSize);
    this.batch = createReplayBatch(config.batchSize, obsSize);
    this.discountTable = Float32Array.from({ length: MAX_N_STEP + 1 }, (_, m) => pow(config.gamma, m));
  }

  /** Which engine computes the networks ('tfjs' or 'js'). */
  abstract readonly engine: 'tfjs' | 'js';

  get gradientSteps(): number {
    return this.gradientStepCount;
  }

  /** Q_online(s, ·) for one observation. */
  abstract qValues(observation: ArrayLike<number>): Computed<Float32Array>;
  /** Q_target(s, ·) for one observation (for tests and inspection). */
  abstract targetQValues(observation: ArrayLike<number>): Computed<Float32Array>;
  /** Greedy actions for `count` observations laid out row by row (batched evaluation). */
  abstract greedyActions(observations: Float32Array, count: number): Computed<Int32Array>;
  /**
   * The TD targets for a batch of transitions (rows of nextObservations), as the training step computes them:
   * r + discount·(1 − terminated)·Q_target(s', a*), with `discounts` (γ^m per row) defaulting to γ.
   */
  abstract computeTdTargets(
    rewards: Float32Array,
    terminated: Float32Array,
    nextObservations: Float32Array,
    discounts?: Float32Array,
  ): Computed<Float32Array>;
  /** θ_target ← θ_online (hard update). */
  abstract syncTarget(): void;
  /** Polyak averaging of the trainable weights: θ_target ← τ·θ_online + (1 − τ)·θ_target. */
  protected abstract softUpdateTarget(tau: number): void;
  /** The step size of the next optimizer updates (the schedule is a function of env steps, so resume is exact). */
  protected abstract setLearningRate(learningRate: number): void;
  /** One gradient step on `this.batch`; returns the statistics laid out as PACKED_STATS says. */
  protected abstract learnOnBatch(): Computed<Float32Array>;
  /** The engine's own weights (trained on scaled observations), named as getWeights() names them. */
  protected abstract networkWeights(): Computed<NamedWeight[]>;
  /** Loads weights named as setWeights() takes them, already in the engine's own (scaled-input) form. */
  protected abstract loadNetworkWeights(weights: readonly NamedWeight[]): void;
  /** The optimizer's state (iteration, slots per trainable weight, Adam's β products) as plain data. */
  abstract getOptimizerState(): Promise<NamedWeight[]>;
  /** Restores state from getOptimizerState() of an agent with the same config, on either engine. */
  abstract setOptimizerState(state: readonly NamedWeight[]): Promise<void>;
  /** Frees what the engine holds; the agent is unusable afterwards. */
  abstract dispose(): void;

  /**
   * Online weights as `online/...` and target weights as `target/...`, always as a plain network on raw
   * observations: any observationScale is folded into the input kernels (exactly, see observation-scale.ts).
   */
  getWeights(): Computed<NamedWeight[]> {
    return after(this.networkWeights(), (weights) => this.scaleInputs(weights, 'fold'));
  }

  /**
   * Loads `online/...` weights, and `target/...` if present (else the target becomes a copy of online), given
   * as getWeights() returns them.
   */
  setWeights(weights: readonly NamedWeight[]): void {
    this.loadNetworkWeights(this.scaleInputs(weights, 'unfold'));
  }

  private scaleInputs(weights: readonly NamedWeight[], direction: 'fold' | 'unfold'): NamedWeight[] {
    if (this.inputScale === null) return [...weights];
    return scaleInputKernels(weights, this.inputScale, inputLayerNames(this.network), direction);
  }

  /** ε-greedy: a uniform random action with probability ε, else argmax_a Q_online(s, a). */
  act(observation: ArrayLike<number>, epsilon: number): Computed<number> {
    if (this.rng.nextFloat() < epsilon) return this.rng.nextInt(this.nActions);
    return after(this.qValues(observation), (q) => argMax(q));
  }

  /** γ^m per row for transitions spanning `steps` env steps (γ itself for one-step ones). */
  discountsFor(steps: ArrayLike<number>, out: Float32Array = new Float32Array(steps.length)): Float32Array {
    for (let i = 0; i < steps.length; i++) out[i] = this.discountTable[steps[i]!]!;
    return out;
  }

  /** One env step that yields one transition; `terminated` must be false for time-limit truncations. */
  observe(transition: Transition): void {
    this.observeStep([transition]);
  }

  /**
   * One env step and the transitions it completes (n-step returns: none while the window fills, several when
   * an episode ends). The schedules count env steps, so they run as with one-step DQN.
   */
  observeStep(transitions: readonly Transition[]): void {
    for (const t of transitions) this.replay.add(t);
    this.observedSteps++;
  }

  /**
   * One gradient step on a replay minibatch, then the target update the config asks for. On tfjs the
   * statistics are read back before the target moves; wait for one step before starting the next.
   * `learningRateScale` multiplies the scheduled step size (the learner passes 0 while learning is paused).
   */
  trainStep(learningRateScale = 1): Computed<TrainStats> {
    const { config, batch } = this;
    if (this.replay instanceof PrioritizedReplayBuffer) {
      this.replay.sample(this.rng, batch, priorityBetaAt(config, this.observedSteps));
    } else {
      this.replay.sample(this.rng, batch);
    }
    this.discountsFor(batch.steps, batch.discounts);
    this.setLearningRate(learningRateAt(config, this.observedSteps) * learningRateScale);
    return after(this.learnOnBatch(), (out) => this.afterLearning(out));
  }

  /** The priorities, counters and target update that follow a gradient step, given its statistics. */
  private afterLearning(out: Float32Array): TrainStats {
    const { config, batch } = this;
    // A non-finite loss means the step diverged: its TD errors would poison the sum tree, and the run is about
    // to be rolled back to its last finite state anyway, so the priorities stay as they were.
    if (this.replay instanceof PrioritizedReplayBuffer && Number.isFinite(out[0])) {
      this.replay.updatePriorities(batch.indices, out.subarray(PACKED_STATS));
    }
    this.gradientStepCount++;
    const update = config.targetUpdate;
    if (update.kind === 'hard') {
      if (this.gradientStepCount % update.interval === 0) this.syncTarget();
    } else {
      this.softUpdateTarget(update.tau);
    }
    return { loss: out[0]!, tdErrorMean: out[1]!, tdErrorMax: out[2]!, meanMaxQ: out[3]!, gradNorm: out[4]! };
  }

  getState(): DqnAgentState {
    return {
      observedSteps: this.observedSteps,
      gradientSteps: this.gradientStepCount,
      rngState: this.rng.getState(),
    };
  }

  setState(state: DqnAgentState): void {
    for (const key of ['observedSteps', 'gradientSteps'] as const) {
      const v = state[key];
      if (!Number.isInteger(v) || v < 0) throw new Error(`Expected a non-negative integer ${key}, got ${v}`);
    }
    this.rng.setState(state.rngState);
    this.observedSteps = state.observedSteps;
    this.gradientStepCount = state.gradientSteps;
  }
}
