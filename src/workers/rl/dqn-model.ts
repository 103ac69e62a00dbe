/**
 * The arena's DQN as the session driver trains it: one env step (and the gradient steps it triggers) is one
 * unit; updates carry the episodes and averaged training stats since the previous one, and on heavy updates
 * the online weights for the watch view. The driver owns the loop, pause/step/speed and the fall-back to the
 * last finite weights; this adapter only steps, checks, captures and describes.
 *
 * Checkpoints are taken at an episode boundary: the learner then holds no half-played episode, so the env's RNG
 * state is all a resume needs to continue exactly as this run would have.
 */
import * as tf from '@tensorflow/tfjs';
import { makeEnvFromConfig, type GameEnv } from '../../envs/registry';
import { boxSize } from '../../envs/core';
import { after, type Computed, type DqnAgentBase } from '../../agents/dqn-agent-base';
import { createDqnAgent, type DqnEngine } from '../../agents/dqn-engine';
import { DqnLearner, type DqnStepResult } from '../../agents/dqn-learner';
import { assertValidDqnConfig } from '../../agents/dqn-config';
import type { NamedWeight } from '../../agents/weights';
import type { DqnCheckpoint, JsonRecord } from '../../storage/checkpoint';
import { captureDqnCheckpoint, restoreDqnCheckpoint } from '../../agents/dqn-checkpoint';
import { readDqnEvaluation } from '../../storage/dqn-evaluation';
import { checkEvaluationSettings, evaluationDefaults } from '../../agents/solve-rules';
import { validateCheckpoint } from '../../storage/validate';
import { APP_VERSION } from '../../version';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../core/session-driver';
import type { RlEpisode, RlRunInfo, RlRunSpec, RlUpdate } from '../protocol';
import { UpdateWindow } from './update-window';
import { RunEvaluator } from './evaluator';

/** Chunks of ~20 ms, ~10 updates a second, the online weights (heavy updates) about twice a second. */
export const RL_TIMING = { chunkMs: 20, updateMs: 100, heavyMs: 500, lastGoodMs: 2000 };

export interface CheckpointOptions {
  name: string;
  /** The replay buffer can be large; the user chooses. */
  includeReplay: boolean;
}

interface CheckpointRequest {
  options: CheckpointOptions;
  resolve: (checkpoint: DqnCheckpoint) => void;
  reject: (error: unknown) => void;
}

const allFinite = (weights: readonly NamedWeight[]): boolean =>
  weights.every((w) => w.data.every(Number.isFinite));

/** The run a checkpoint describes (validated: it may come from a file, a link or an old database). */
export function dqnCheckpointSpec(
  untrusted: unknown,
  what: string,
): { spec: RlRunSpec; checkpoint: DqnCheckpoint } {
  const checkpoint = validateCheckpoint(untrusted, what);
  if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game')
    throw new Error(`${what}: a ${checkpoint.kind} checkpoint is not an arena run`);
  return {
    checkpoint: checkpoint as DqnCheckpoint,
    spec: {
      envId: checkpoint.subject.gameId,
      envOptions: checkpoint.subject.envOptions as Record<string, unknown>,
      config: (checkpoint as DqnCheckpoint).config,
      ...evaluationOf(checkpoint as DqnCheckpoint),
    },
  };
}

/** The evaluation settings a checkpoint was trained with (none for older checkpoints: the game's defaults). */
function evaluationOf(checkpoint: DqnCheckpoint): Pick<RlRunSpec, 'evaluation'> {
  const { record } = readDqnEvaluation(checkpoint);
  return record ? { evaluation: { ...record.settings } } : {};
}

export class DqnModel implements TrainingModel<RlUpdate, NamedWeight[]> {
  readonly unit = 'env step';
  readonly divergenceAdvice = 'lower the learning rate or the gradient-norm limit, then train again';
  /** Training stops as 'finished' at this many env steps (a benchmark's budget; unbounded by default). */
  budget = Infinity;
  private readonly window: UpdateWindow;
  /** A checkpoint asked for while training, taken at the next episode end. */
  private request: CheckpointRequest | null = null;
  /** The copy the driver holds too, so a divergence while finishing an episode to save can fall back on it. */
  private lastGood: NamedWeight[] = [];

  private constructor(
    readonly spec: RlRunSpec,
    readonly info: RlRunInfo,
    readonly env: GameEnv,
    readonly agent: DqnAgentBase,
    readonly learner: DqnLearner,
    readonly evaluator: RunEvaluator,
  ) {
    this.window = new UpdateWindow(learner);
  }

  /** A fresh run on `engine` ('js': the typed-array engine). Bad specs throw before any tensor is made. */
  static create(spec: RlRunSpec, engine: DqnEngine = 'tfjs'): DqnModel {
    const config = assertValidDqnConfig(structuredClone(spec.config));
    const env = makeEnvFromConfig(spec.envId, spec.envOptions ?? {});
    const obsSize = boxSize(env.spec.observationSpace);
    const nActions = env.spec.actionSpace.n;
    const agent = createDqnAgent(config, obsSize, nActions, engine);
    const info: RlRunInfo = {
      envId: env.spec.id,
      obsSize,
      nActions,
      actionNames: [...env.spec.actionNames],
      maxEpisodeSteps: env.spec.maxEpisodeSteps,
      rewardThreshold: env.spec.rewardThreshold,
    };
    const evaluation = checkEvaluationSettings(
      spec.evaluation ?? evaluationDefaults(info.envId, info.rewardThreshold),
    );
    const envOptions = structuredClone(spec.envOptions ?? {});
    const evaluator = new RunEvaluator(evaluation, info.envId, envOptions, info.rewardThreshold);
    return new DqnModel(
      { ...structuredClone(spec), config, evaluation },
      info,
      env,
      agent,
      new DqnLearner(agent, env),
      evaluator,
    );
  }

  /** A run rebuilt from a checkpoint: weights, optimizer, counters, RNGs, episode record (and replay, if saved). */
  static async restore(untrusted: unknown, engine: DqnEngine = 'tfjs'): Promise<DqnModel> {
    const { spec, checkpoint } = dqnCheckpointSpec(untrusted, 'Cannot resume from this checkpoint');
    // A shared agent carries only its online network: training goes on with the target synced to it and a
    // fresh optimizer (and, without the learner's record, a fresh exploration schedule and empty replay).
    const { online, target } = checkpoint.networks;
    if (online && !target) checkpoint.networks.target = structuredClone(online);
    const model = DqnModel.create(spec, engine);
    try {
      await restoreDqnCheckpoint(checkpoint, model.agent, model.learner);
      const envRng = checkpoint.rngStates.env;
      if (envRng) model.env.setRngState(envRng);
      const { record, best } = readDqnEvaluation(checkpoint);
      if (record) model.evaluator.restore(record, best);
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model;
  }

  get progress(): number {
    return this.learner.counters.envSteps;
  }

  get atEpisodeBoundary(): boolean {
    return this.learner.getState().observation === null;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    // The training clock leaves evaluations out: "solved after N seconds" counts training only.
    let mark = performance.now();
    const clock = (): void => {
      const now = performance.now();
      this.evaluator.trainMs += now - mark;
      mark = now;
    };
    try {
      for (let done = 0; done < count; done++) {
        if (this.progress >= this.budget) return { done, finished: true };
        const problem = await this.stepOnce();
        if (problem) return { done: done + 1, problem };
        if (this.evaluator.due(this.progress)) {
          clock();
          const wasSolved = this.evaluator.solved !== null;
          const evaluation = await this.evaluate();
          mark = performance.now();
          // Stopping is a choice made before the run was solved; once solved, training goes on when asked.
          if (evaluation.solved && !wasSolved && this.evaluator.settings.stopWhenSolved)
            return { done: done + 1, finished: true };
        }
        if (this.request && this.atEpisodeBoundary) await this.captureRequested();
      }
      return { done: count, ...(this.progress >= this.budget ? { finished: true } : {}) };
    } finally {
      clock();
    }
  }

  setStopWhenSolved(stop: boolean): void {
    this.evaluator.settings.stopWhenSolved = stop;
    this.spec.evaluation = { ...this.evaluator.settings };
  }

  /** Evaluates the current online weights now (the evaluator keeps the best and notes a solve). */
  evaluate() {
    return this.evaluator.evaluate(this.agent, this.progress, this.learner.counters.episodes);
  }

  async captureGood(): Promise<NamedWeight[] | null> {
    const weights = await this.agent.getWeights();
    if (!allFinite(weights)) return null;
    this.lastGood = weights;
    return weights;
  }

  restoreGood(good: NamedWeight[]): void {
    this.agent.setWeights(good);
  }

  async update(context: UpdateContext): Promise<RlUpdate> {
    const weights = context.heavy ? await this.onlineWeights() : undefined;
    const evaluations = this.evaluator.pending;
    this.evaluator.pending = [];
    return this.window.flush(context, weights, evaluations, this.evaluator.takeBestForUpdate());
  }

  /** Takes a checkpoint at the next episode end of a training run. */
  requestCheckpoint(options: CheckpointOptions): Promise<DqnCheckpoint> {
    if (this.request) return Promise.reject(new Error('A checkpoint is already being taken'));
    return new Promise((resolve, reject) => (this.request = { options, resolve, reject }));
  }

  /** Settles a request the training loop left open (paused, or diverged, before the episode ended). */
  async settleRequest(yieldToEvents: () => Promise<void>, diverged: string | undefined): Promise<void> {
    const request = this.request;
    if (!request) return;
    this.request = null;
    if (diverged !== undefined) request.reject(new Error(diverged));
    else
      await this.checkpointAtEpisodeEnd(request.options, yieldToEvents).then(request.resolve, request.reject);
  }

  /** Plays (and trains) to the end of the current episode, then captures: for a run that is not training. */
  async checkpointAtEpisodeEnd(
    options: CheckpointOptions,
    yieldToEvents: () => Promise<void>,
  ): Promise<DqnCheckpoint> {
    let steps = 0;
    while (!this.atEpisodeBoundary) {
      const problem = await this.stepOnce();
      if (problem) {
        this.restoreGood(this.lastGood);
        throw new Error(
          `Training diverged at env step ${this.progress.toLocaleString('en-US')} while finishing the ` +
            `episode to save it: ${problem}. The last finite weights were restored; ${this.divergenceAdvice}.`,
        );
      }
      if (++steps % 256 === 0) await yieldToEvents();
    }
    return this.capture(options);
  }

  /** The newest transitions and a uniform sample drawn with `nextInt` (the caller's own RNG). */
  peekReplay(count: number, nextInt: (n: number) => number) {
    const { replay } = this.agent;
    const recent = replay.newestSlots(count).map((slot) => replay.read(slot));
    const sampled =
      replay.size === 0 ? [] : Array.from({ length: count }, () => replay.read(nextInt(replay.size)));
    return { size: replay.size, capacity: replay.capacity, recent, sampled };
  }

  dispose(): void {
    this.request?.reject(new Error('The run was replaced before its checkpoint was taken'));
    this.request = null;
    this.agent.dispose();
  }

  /** One env step and the training it triggers; returns what went non-finite, if anything. */
  private stepOnce(): Computed<string | null> {
    return after(this.learner.step(), (result) => this.record(result));
  }

  /** Keeps a step's episode and training stats for the next update; says what went non-finite, if anything. */
  private record(result: DqnStepResult): string | null {
    if (result.episode) {
      const episode: RlEpisode = { envStep: this.progress, ...result.episode };
      this.window.episodes.push(episode);
    }
    const train = result.train;
    if (!train) return null;
    if (!Number.isFinite(train.loss)) return `the TD loss became ${train.loss}`;
    if (!Number.isFinite(train.meanMaxQ)) return `the mean max Q became ${train.meanMaxQ}`;
    this.window.addTrain(train);
    return null;
  }

  private async captureRequested(): Promise<void> {
    const request = this.request!;
    this.request = null;
    await this.capture(request.options).then(request.resolve, request.reject);
  }

  private capture(options: CheckpointOptions): Promise<DqnCheckpoint> {
    const mean = this.learner.meanReturn(100);
    return captureDqnCheckpoint(this.agent, this.learner, {
      name: options.name,
      appVersion: APP_VERSION,
      backend: this.agent.engine === 'js' ? 'js' : tf.getBackend(),
      gameId: this.info.envId,
      // Env options come from the registry's presets or a validated checkpoint: plain JSON.
      envOptions: (this.spec.envOptions ?? {}) as JsonRecord,
      includeReplay: options.includeReplay,
      envRngState: this.env.getRngState(),
      latestMetrics: {
        ...(Number.isFinite(mean) ? { 'charts/meanReturn100': mean } : {}),
        ...(this.evaluator.best ? { 'eval/bestMean': this.evaluator.best.evaluation.mean } : {}),
      },
      ...(this.evaluator.best ? { bestWeights: this.evaluator.best.weights } : {}),
      evaluation: this.evaluator.record() as unknown as JsonRecord,
    });
  }

  private async onlineWeights(): Promise<NamedWeight[]> {
    return (await this.agent.getWeights()).filter((w) => w.name.startsWith('online/'));
  }
}
