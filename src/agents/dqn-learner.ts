/**
 * The DQN environment loop, one env step per call: ε-greedy action, store the transition, train every
 * trainFreq steps once learningStarts steps are collected, keep episode statistics. A worker calls `step()`
 * in chunks (awaiting it on tfjs, whose reads are asynchronous); nothing here blocks or knows about workers.
 */
import { after, type Computed, type DqnAgentBase, type TrainStats } from './dqn-agent-base';
import { NStepWindow, type PendingStep } from './n-step';
import { epsilonAt, learningRateAt } from './schedules';

/** The part of an environment the learner needs (Gymnasium semantics: terminated vs truncated). */
export interface EnvLike {
  reset(options?: { seed?: number }): { observation: ArrayLike<number> };
  step(action: number): {
    observation: ArrayLike<number>;
    reward: number;
    terminated: boolean;
    truncated: boolean;
  };
}

export interface EpisodeSummary {
  return: number;
  length: number;
}

export interface DqnStepResult {
  action: number;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  /** ε used to pick this step's action. */
  epsilon: number;
  /** Set on the step that ended an episode. */
  episode: EpisodeSummary | null;
  /** Stats of the last gradient step run during this env step; null when none ran. */
  train: TrainStats | null;
}

/** Namespaced metric keys (CleanRL's charts/…, losses/…) for one step's result; only what the step produced. */
export function dqnStepMetrics(result: DqnStepResult): Record<string, number> {
  const metrics: Record<string, number> = { 'charts/epsilon': result.epsilon };
  if (result.episode) {
    metrics['charts/episodicReturn'] = result.episode.return;
    metrics['charts/episodicLength'] = result.episode.length;
  }
  if (result.train) {
    metrics['losses/td'] = result.train.loss;
    metrics['losses/tdErrorMean'] = result.train.tdErrorMean;
    metrics['losses/tdErrorMax'] = result.train.tdErrorMax;
    metrics['losses/qValues'] = result.train.meanMaxQ;
    metrics['losses/gradNorm'] = result.train.gradNorm;
  }
  return metrics;
}

export interface DqnCounters {
  envSteps: number;
  episodes: number;
  gradientSteps: number;
}

/** Everything the loop itself holds (the agent and the env have their own state). */
export interface DqnLearnerState {
  envSteps: number;
  episodes: number;
  episodeReturn: number;
  episodeLength: number;
  /** Current observation, or null when the next step() starts by resetting the env. */
  observation: number[] | null;
  episodeReturns: number[];
  episodeLengths: number[];
  /**
   * n-step returns: the steps of the current episode whose window is still open (at most nStep − 1), so that a
   * checkpoint taken mid-episode resumes exactly. Absent in checkpoints from before n-step returns (none then).
   */
  pending?: PendingStep[];
}

export class DqnLearner {
  readonly agent: DqnAgentBase;
  readonly env: EnvLike;
  /** Return and length of every finished episode, oldest first. */
  readonly episodeReturns: number[] = [];
  readonly episodeLengths: number[] = [];
  private envSteps = 0;
  private episodes = 0;
  private episodeReturn = 0;
  private episodeLength = 0;
  private paused = false;
  // The env may reuse its observation array, so the learner keeps its own copies.
  private readonly observation: Float32Array;
  private readonly nextObservation: Float32Array;
  private needsReset = true;
  private readonly window: NStepWindow;

  constructor(agent: DqnAgentBase, env: EnvLike) {
    this.agent = agent;
    this.env = env;
    this.observation = new Float32Array(agent.obsSize);
    this.nextObservation = new Float32Array(agent.obsSize);
    this.window = new NStepWindow(agent.config.nStep, agent.config.gamma, agent.obsSize);
  }

  get counters(): DqnCounters {
    return { envSteps: this.envSteps, episodes: this.episodes, gradientSteps: this.agent.gradientSteps };
  }

  /** ε for the next step. */
  get epsilon(): number {
    return epsilonAt(this.agent.config, this.envSteps);
  }

  /**
   * Learning is paused: the last pauseLearningEpisodes training episodes averaged at least
   * pauseLearningAtReturn. Gradient steps still run (replay priorities, Adam's moments and the target keep
   * moving) at learning rate 0, so the weights stay as they are until the returns fall.
   */
  get learningPaused(): boolean {
    return this.paused;
  }

  /** The step size of the next gradient steps: the schedule's, or 0 while learning is paused. */
  get learningRate(): number {
    return this.paused ? 0 : learningRateAt(this.agent.config, this.envSteps);
  }

  /** Mean return of the last `n` finished episodes (NaN before the first one). */
  meanReturn(n = 100): number {
    const recent = this.episodeReturns.slice(-n);
    return recent.length === 0 ? NaN : recent.reduce((a, b) => a + b, 0) / recent.length;
  }

  /**
   * One env step and the gradient steps it is due. The typed-array engine returns the result at once; a tfjs
   * agent reads its values back asynchronously and returns a promise: wait for it before the next step.
   */
  step(): Computed<DqnStepResult> {
    const { agent } = this;
    if (this.needsReset) {
      // Only the first reset is seeded (Gymnasium convention); later episodes continue the env's own stream.
      const options = this.envSteps === 0 && this.episodes === 0 ? { seed: agent.config.seed } : undefined;
      this.copyObservation(this.env.reset(options).observation, this.observation);
      this.needsReset = false;
    }
    const epsilon = epsilonAt(agent.config, this.envSteps);
    return after(agent.act(this.observation, epsilon), (action) => this.actAndLearn(action, epsilon));
  }

  /** Plays `action`, stores the transition, keeps the episode record and trains when it is due. */
  private actAndLearn(action: number, epsilon: number): Computed<DqnStepResult> {
    const { agent } = this;
    const { config } = agent;
    const { observation, reward, terminated, truncated } = this.env.step(action);
    this.copyObservation(observation, this.nextObservation);
    // Only true termination cuts the bootstrap; a time-limit truncation still bootstraps from s'. The window
    // hands over the transitions this step completes (n-step returns; with nStep 1, this step's own).
    agent.observeStep(
      this.window.push(this.observation, action, reward, this.nextObservation, terminated, truncated),
    );
    this.observation.set(this.nextObservation);
    this.envSteps++;
    this.episodeReturn += reward;
    this.episodeLength++;

    let episode: EpisodeSummary | null = null;
    if (terminated || truncated) {
      episode = { return: this.episodeReturn, length: this.episodeLength };
      this.episodeReturns.push(this.episodeReturn);
      this.episodeLengths.push(this.episodeLength);
      this.episodes++;
      this.episodeReturn = 0;
      this.episodeLength = 0;
      this.needsReset = true;
      this.updateLearningPause();
    }

    const result: DqnStepResult = { action, reward, terminated, truncated, epsilon, episode, train: null };
    const due = this.envSteps >= config.learningStarts && this.envSteps % config.trainFreq === 0;
    return due ? this.train(result, config.gradientSteps) : result;
  }

  /**
   * `left` gradient steps, each after the previous one's read-back; the result keeps the last one's stats. A
   * non-finite loss ends them at once, so the caller sees the divergence at the step it happened.
   */
  private train(result: DqnStepResult, left: number): Computed<DqnStepResult> {
    if (left === 0) return result;
    return after(this.agent.trainStep(this.paused ? 0 : 1), (stats) => {
      result.train = stats;
      return Number.isFinite(stats.loss) ? this.train(result, left - 1) : result;
    });
  }

  getState(): DqnLearnerState {
    return {
      envSteps: this.envSteps,
      episodes: this.episodes,
      episodeReturn: this.episodeReturn,
      episodeLength: this.episodeLength,
      observation: this.needsReset ? null : Array.from(this.observation),
      episodeReturns: this.episodeReturns.slice(),
      episodeLengths: this.episodeLengths.slice(),
      pending: this.window.getState(),
    };
  }

  setState(state: DqnLearnerState): void {
    for (const key of ['envSteps', 'episodes', 'episodeLength'] as const) {
      const v = state[key];
      if (!Number.isInteger(v) || v < 0) throw new Error(`Expected a non-negative integer ${key}, got ${v}`);
    }
    if (state.episodeReturns.length !== state.episodeLengths.length) {
      throw new Error(
        `Expected as many episode returns as lengths, got ${state.episodeReturns.length} and ${state.episodeLengths.length}`,
      );
    }
    const pending = state.pending ?? [];
    if (state.observation === null && pending.length > 0) {
      throw new Error(`Expected no pending n-step transitions between episodes, got ${pending.length}`);
    }
    const badAction = pending.find(
      (p) => !Number.isInteger(p.action) || p.action < 0 || p.action >= this.agent.nActions,
    );
    if (badAction)
      throw new Error(`Expected pending actions in [0, ${this.agent.nActions}), got ${badAction.action}`);
    this.window.setState(pending);
    if (state.observation !== null) this.copyObservation(state.observation, this.observation);
    this.needsReset = state.observation === null;
    this.envSteps = state.envSteps;
    this.episodes = state.episodes;
    this.episodeReturn = state.episodeReturn;
    this.episodeLength = state.episodeLength;
    // Copied one by one: spreading a long history into splice() could exceed the argument limit.
    this.episodeReturns.length = 0;
    this.episodeLengths.length = 0;
    for (const r of state.episodeReturns) this.episodeReturns.push(r);
    for (const l of state.episodeLengths) this.episodeLengths.push(l);
    this.updateLearningPause();
  }

  /** Pauses or resumes learning from the latest training returns (a function of them, so resume is exact). */
  private updateLearningPause(): void {
    const { pauseLearningAtReturn: atReturn, pauseLearningEpisodes: n } = this.agent.config;
    this.paused = atReturn !== null && this.episodeReturns.length >= n && this.meanReturn(n) >= atReturn;
  }

  private copyObservation(from: ArrayLike<number>, to: Float32Array): void {
    if (from.length !== to.length)
      throw new Error(`Expected an observation of length ${to.length}, got ${from.length}`);
    for (let i = 0; i < to.length; i++) to[i] = from[i];
  }
}
