/**
 * One arena run as the UI sees it: its worker, its status, and the metric series its charts plot.
 * Plain TypeScript (no Lit): the page subscribes with `onChange`.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../../workers/rl-client';
import type { WorkerBridge } from '../../workers/bridge';
import type { RlApi } from '../../workers/rl.worker';
import type {
  BackendReport,
  RlReplayPeek,
  RlRunInfo,
  RlRunSpec,
  RlStatus,
  RlUpdate,
} from '../../workers/protocol';
import type { NamedWeight } from '../../agents/weights';
import { makeEnvFromConfig } from '../../envs/registry';
import { boxSize } from '../../envs/core';
import { mlpProfile } from '../../workers/backend-choice';
import { loadBackendPreference, loadCachedMeasurement, saveMeasurement } from '../../storage/settings';
import { saveCheckpoint, type SaveResult } from '../../storage/db';
import { joinNetworkWeights, type Checkpoint, type DqnCheckpoint } from '../../storage/checkpoint';
import { startActivity } from '../../pwa/activity';
import { errorText } from '../../util/error-text';

export type RunStatus = RlStatus | 'starting' | 'crashed';

/** Chart series, appended as updates arrive. Loss-like series are capped to keep redraws cheap. */
export interface RunSeries {
  episode: number[];
  returns: number[];
  mean100: number[];
  step: number[];
  loss: number[];
  meanMaxQ: number[];
  epsilon: number[];
  stepsPerSec: number[];
}

const MAX_POINTS = 4000;

function emptySeries(): RunSeries {
  return {
    episode: [],
    returns: [],
    mean100: [],
    step: [],
    loss: [],
    meanMaxQ: [],
    epsilon: [],
    stepsPerSec: [],
  };
}

/** Keeps every other point once a series is full, so a long run still shows its whole history. */
function thin(series: RunSeries, keys: (keyof RunSeries)[]): void {
  if (series[keys[0]!].length < MAX_POINTS) return;
  for (const key of keys) series[key] = series[key].filter((_, i) => i % 2 === 0);
}

export class ArenaRun {
  status: RunStatus = 'idle';
  info: RlRunInfo | null = null;
  backend: BackendReport | null = null;
  envSteps = 0;
  episodes = 0;
  gradientSteps = 0;
  epsilon = 1;
  stepsPerSec = 0;
  series: RunSeries = emptySeries();
  /** Latest online weights, for the watch view. */
  weights: NamedWeight[] | null = null;
  message: string | null = null;
  /** Env step at which the 100-episode mean first reached the game's threshold. */
  solvedAtStep: number | null = null;
  bestMean100 = -Infinity;
  private readonly bridge: WorkerBridge<RlApi>;
  private recentReturns: number[] = [];
  private training: Promise<void> | null = null;
  /** Tells the update banner that a reload would stop this run's training (src/pwa/activity.ts). */
  private endActivity: (() => void) | null = null;

  constructor(
    readonly id: number,
    public label: string,
    readonly color: string,
    public spec: RlRunSpec,
    private readonly onChange: (run: ArenaRun) => void,
  ) {
    this.bridge = createRlWorker((message) => {
      this.status = 'crashed';
      this.message = `The training worker crashed (${message}). Reset the run to start it again.`;
      this.training = null;
      this.endActivity?.();
      this.onChange(this);
    });
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'training';
  }

  /** Sets up the worker: game, agent and backend. Called before the first train or step. */
  async prepare(): Promise<void> {
    if (this.info && this.status !== 'crashed') return;
    this.status = 'starting';
    this.message = null;
    this.onChange(this);
    try {
      const env = makeEnvFromConfig(this.spec.envId, this.spec.envOptions ?? {});
      const profile = mlpProfile(
        [boxSize(env.spec.observationSpace), ...this.spec.config.hiddenSizes, env.spec.actionSpace.n],
        this.spec.config.batchSize,
      );
      const cached = loadCachedMeasurement(profile.key);
      const { info, backend } = await this.bridge.api.start(this.spec, {
        preference: loadBackendPreference(),
        cached,
      });
      if (backend.measurement && backend.measurement.measuredAt !== cached?.measuredAt) {
        saveMeasurement(backend.measurement);
      }
      this.info = info;
      this.backend = backend;
      this.status = 'paused';
    } catch (error) {
      this.status = 'crashed';
      this.message = errorText(error);
    }
    this.onChange(this);
  }

  async train(): Promise<void> {
    await this.prepare();
    if (this.status !== 'paused') return;
    this.status = 'training';
    this.message = null;
    this.onChange(this);
    this.endActivity = startActivity('Training in the Arena');
    this.training = (async () => {
      try {
        await this.bridge.api.train(proxy((update: RlUpdate) => this.apply(update)));
      } catch (error) {
        if (this.status !== 'crashed') {
          this.status = 'crashed';
          this.message = errorText(error);
          this.onChange(this);
        }
      } finally {
        this.training = null;
        this.endActivity?.();
      }
    })();
  }

  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    await this.bridge.api.pause();
    await this.training;
  }

  async stepOnce(): Promise<void> {
    await this.prepare();
    if (this.status !== 'paused') return;
    this.apply(await this.bridge.api.step());
  }

  /**
   * Saves this run to IndexedDB. The worker takes the checkpoint at the end of the current episode, so that
   * resuming continues exactly; a paused run plays (and trains) until then.
   */
  async save(
    name: string,
    options: { includeReplay?: boolean; autosave?: boolean } = {},
  ): Promise<SaveResult> {
    await this.prepare();
    const checkpoint = await this.bridge.api.checkpoint({
      name,
      includeReplay: options.includeReplay ?? false,
    });
    if (this.status === 'paused') {
      // The episode was played to its end: show the steps it took.
      this.envSteps = checkpoint.counters.envSteps;
      this.episodes = checkpoint.counters.episodes;
      this.gradientSteps = checkpoint.counters.gradientSteps;
      this.onChange(this);
    }
    return saveCheckpoint(checkpoint, { autosave: options.autosave ?? false });
  }

  /** Replaces this run with a saved one: same weights, optimizer, counters, RNG and history. */
  async restore(checkpoint: Checkpoint): Promise<void> {
    if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game') {
      throw new Error(`A ${checkpoint.kind} checkpoint cannot be resumed in the arena`);
    }
    const dqn = checkpoint as DqnCheckpoint;
    this.reset({
      envId: checkpoint.subject.gameId,
      envOptions: checkpoint.subject.envOptions as Record<string, unknown>,
      config: dqn.config,
    });
    this.status = 'starting';
    this.onChange(this);
    try {
      const { info, backend } = await this.bridge.api.resume(checkpoint, {
        preference: loadBackendPreference(),
      });
      this.info = info;
      this.backend = backend;
      this.status = 'paused';
      this.envSteps = checkpoint.counters.envSteps;
      this.episodes = checkpoint.counters.episodes;
      this.gradientSteps = checkpoint.counters.gradientSteps;
      this.label = checkpoint.name;
      const online = checkpoint.networks.online;
      this.weights = online ? joinNetworkWeights({ online }) : null;
      const history = historyOf(checkpoint);
      let envStep = 0;
      for (let i = 0; i < history.returns.length; i++) {
        envStep += history.lengths[i] ?? 0;
        this.apply({
          status: 'paused',
          envSteps: this.envSteps,
          episodes: this.episodes,
          gradientSteps: this.gradientSteps,
          epsilon: this.epsilon,
          stepsPerSec: 0,
          newEpisodes: [{ envStep, return: history.returns[i]!, length: history.lengths[i] ?? 0 }],
          train: null,
        });
      }
    } catch (error) {
      this.status = 'crashed';
      this.message = errorText(error);
    }
    this.onChange(this);
  }

  async peekReplay(count = 8): Promise<RlReplayPeek | null> {
    if (!this.info || this.status === 'crashed') return null;
    return this.bridge.api.peekReplay(count);
  }

  /** Ends the worker and forgets everything learned; the next train starts from scratch. */
  reset(spec: RlRunSpec = this.spec): void {
    this.bridge.terminate();
    this.spec = spec;
    this.info = null;
    this.status = 'idle';
    this.envSteps = this.episodes = this.gradientSteps = 0;
    this.epsilon = 1;
    this.stepsPerSec = 0;
    this.series = emptySeries();
    this.weights = null;
    this.message = null;
    this.solvedAtStep = null;
    this.bestMean100 = -Infinity;
    this.recentReturns = [];
    this.training = null;
    this.endActivity?.();
    this.onChange(this);
  }

  dispose(): void {
    this.bridge.terminate();
    this.endActivity?.();
  }

  get mean100(): number | null {
    return this.series.mean100.at(-1) ?? null;
  }

  private apply(update: RlUpdate): void {
    this.status = update.status;
    this.envSteps = update.envSteps;
    this.episodes = update.episodes;
    this.gradientSteps = update.gradientSteps;
    this.epsilon = update.epsilon;
    if (update.stepsPerSec > 0) this.stepsPerSec = update.stepsPerSec;
    if (update.message) this.message = update.message;
    if (update.weights) this.weights = update.weights;
    const s = this.series;
    for (const episode of update.newEpisodes) {
      this.recentReturns.push(episode.return);
      if (this.recentReturns.length > 100) this.recentReturns.shift();
      const mean = this.recentReturns.reduce((a, b) => a + b, 0) / this.recentReturns.length;
      s.episode.push(s.episode.length + 1);
      s.returns.push(episode.return);
      s.mean100.push(mean);
      if (this.recentReturns.length === 100) this.bestMean100 = Math.max(this.bestMean100, mean);
      const threshold = this.info?.rewardThreshold;
      if (
        this.solvedAtStep === null &&
        threshold !== null &&
        threshold !== undefined &&
        this.recentReturns.length === 100 &&
        mean >= threshold
      ) {
        this.solvedAtStep = episode.envStep;
      }
    }
    thin(s, ['episode', 'returns', 'mean100']);
    if (update.train) {
      s.step.push(update.envSteps);
      s.loss.push(update.train.loss);
      s.meanMaxQ.push(update.train.meanMaxQ);
      s.epsilon.push(update.epsilon);
      s.stepsPerSec.push(this.stepsPerSec);
      thin(s, ['step', 'loss', 'meanMaxQ', 'epsilon', 'stepsPerSec']);
    }
    this.onChange(this);
  }
}

/** The episode history stored with a checkpoint (the learner's full record when present). */
function historyOf(checkpoint: Checkpoint): { returns: number[]; lengths: number[] } {
  const learner = checkpoint.state.learner;
  if (learner && typeof learner === 'object' && !Array.isArray(learner)) {
    const { episodeReturns, episodeLengths } = learner as {
      episodeReturns?: unknown;
      episodeLengths?: unknown;
    };
    if (Array.isArray(episodeReturns) && Array.isArray(episodeLengths)) {
      return { returns: episodeReturns as number[], lengths: episodeLengths as number[] };
    }
  }
  return { returns: checkpoint.metrics.recentReturns, lengths: checkpoint.metrics.recentLengths };
}
