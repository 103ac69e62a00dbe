/**
 * What the arena draws of one run: its counters, the chart series (episode returns with their 100-episode
 * mean, and per update the TD loss, mean max Q, ε, learning rate and speed), the latest online weights for the
 * watch view, and the worker's greedy evaluations (the best one, whose weights are kept, and the one that
 * solved the game). The run controller folds the worker's updates in; saving stores the series in
 * `checkpoint.state.histories` and resuming reads them back, so the charts continue where they stopped.
 */
import type { NamedWeight } from '../../agents/weights';
import type { Checkpoint } from '../../storage/checkpoint';
import { seriesValues, type MetricHistory } from '../../storage/metric-history';
import type { RlEvaluation, RlRunInfo, RlRunSpec, RlUpdate } from '../../workers/protocol';
import { readDqnEvaluation } from '../../storage/dqn-evaluation';
import type { RunState } from '../run/run-controller';

/** Chart series, appended as updates arrive. */
export interface RunSeries {
  /** Episode numbers (1-based) of the points below. */
  episode: number[];
  returns: number[];
  mean100: number[];
  /** The env step each episode ended at. */
  episodeEnd: number[];
  /** Env steps of the per-update points below. */
  step: number[];
  loss: number[];
  meanMaxQ: number[];
  epsilon: number[];
  /** The learning rate the learner trained at (0 while paused; NaN in histories saved before it was kept). */
  learningRate: number[];
  stepsPerSec: number[];
  /** Greedy evaluations in the worker: the training episode count at each (the return chart's x) and mean. */
  evalEpisode: number[];
  evalMean: number[];
  evalStep: number[];
}

/** Points kept per series: past it every other point goes, so a long run still shows its whole history. */
const MAX_POINTS = 4000;
const EPISODE_KEYS = ['episode', 'returns', 'mean100', 'episodeEnd'] as const;
const STEP_KEYS = ['step', 'loss', 'meanMaxQ', 'epsilon', 'learningRate', 'stepsPerSec'] as const;
const EVAL_KEYS = ['evalEpisode', 'evalMean', 'evalStep'] as const;

function emptySeries(): RunSeries {
  return {
    episode: [],
    returns: [],
    mean100: [],
    episodeEnd: [],
    step: [],
    loss: [],
    meanMaxQ: [],
    epsilon: [],
    learningRate: [],
    stepsPerSec: [],
    evalEpisode: [],
    evalMean: [],
    evalStep: [],
  };
}

function thin(series: RunSeries, keys: readonly (keyof RunSeries)[]): void {
  if (series[keys[0]!].length < MAX_POINTS) return;
  for (const key of keys) series[key] = series[key].filter((_, i) => i % 2 === 0);
}

const numbers = (values: (number | null)[]): number[] => values.map((v) => v ?? NaN);

export class ArenaRunState implements RunState<RlRunSpec, RlUpdate> {
  info: RlRunInfo | null = null;
  envSteps = 0;
  episodes = 0;
  gradientSteps = 0;
  epsilon = 1;
  /** The step size the learner trains at now (0 while paused), and whether the recent returns paused it. */
  learningRate: number | null = null;
  learningPaused = false;
  stepsPerSec = 0;
  series: RunSeries = emptySeries();
  /** Latest online weights, for the watch view and the greedy evaluation. */
  weights: NamedWeight[] | null = null;
  /** Best 100-episode mean of the training returns (with exploration). */
  bestMean100 = -Infinity;
  /** The newest greedy evaluation, the best one (whose weights are kept) and the first that solved the game. */
  evaluation: RlEvaluation | null = null;
  best: RlEvaluation | null = null;
  solved: RlEvaluation | null = null;
  /** The best-evaluated online weights (what watch, save and share use by default). */
  bestWeights: NamedWeight[] | null = null;
  /** The last update said the run diverged (the controller shows that as a pause with a message). */
  diverged = false;
  private recentReturns: number[] = [];

  get mean100(): number | null {
    return this.series.mean100.at(-1) ?? null;
  }

  apply(update: RlUpdate): void {
    this.diverged = update.status === 'diverged';
    this.envSteps = update.envSteps;
    this.episodes = update.episodes;
    this.gradientSteps = update.gradientSteps;
    this.epsilon = update.epsilon;
    this.learningRate = update.learningRate;
    this.learningPaused = update.learningPaused;
    if (update.stepsPerSec > 0) this.stepsPerSec = update.stepsPerSec;
    if (update.weights) this.weights = update.weights;
    if (update.best) this.bestWeights = update.best;
    for (const e of update.evaluations ?? []) this.addEvaluation(e);
    const first = update.episodes - update.newEpisodes.length + 1;
    update.newEpisodes.forEach((e, i) => this.addEpisode(first + i, e.return, e.envStep));
    thin(this.series, EPISODE_KEYS);
    if (update.train) {
      const s = this.series;
      s.step.push(update.envSteps);
      s.loss.push(update.train.loss);
      s.meanMaxQ.push(update.train.meanMaxQ);
      s.epsilon.push(update.epsilon);
      s.learningRate.push(update.learningRate);
      s.stepsPerSec.push(this.stepsPerSec);
      thin(s, STEP_KEYS);
    }
  }

  clear(): void {
    this.info = null;
    this.envSteps = this.episodes = this.gradientSteps = 0;
    this.epsilon = 1;
    this.learningRate = null;
    this.learningPaused = false;
    this.stepsPerSec = 0;
    this.series = emptySeries();
    this.weights = null;
    this.bestWeights = null;
    this.evaluation = this.best = this.solved = null;
    this.bestMean100 = -Infinity;
    this.diverged = false;
    this.recentReturns = [];
  }

  /** Continues the charts of a resumed run: its saved histories, or (older checkpoints) its episode record. */
  resumed(checkpoint: Checkpoint, _spec: RlRunSpec, histories: MetricHistory[]): void {
    this.series = emptySeries();
    const episodes = histories.find((h) => h.name === 'episodes');
    if (episodes) this.restoreEpisodes(episodes);
    else this.replayRecord(checkpoint);
    const training = histories.find((h) => h.name === 'training');
    if (training) {
      const s = this.series;
      s.step = training.x.slice();
      s.loss = numbers(seriesValues(training, 'loss'));
      s.meanMaxQ = numbers(seriesValues(training, 'meanMaxQ'));
      s.epsilon = numbers(seriesValues(training, 'epsilon'));
      const rates = seriesValues(training, 'learningRate');
      s.learningRate = s.step.map((_, i) => rates[i] ?? NaN);
      s.stepsPerSec = numbers(seriesValues(training, 'stepsPerSec'));
    }
    const evaluations = histories.find((h) => h.name === 'evaluations');
    if (evaluations) {
      const s = this.series;
      s.evalStep = evaluations.x.slice();
      s.evalEpisode = numbers(seriesValues(evaluations, 'episode'));
      s.evalMean = numbers(seriesValues(evaluations, 'mean'));
    }
    const { record, best } = readDqnEvaluation(checkpoint);
    this.best = record?.best ?? null;
    this.solved = record?.solved ?? null;
    this.evaluation = this.best;
    this.bestWeights = best;
    // The exact last 100 returns, so the running mean goes on as if the run had never stopped.
    this.recentReturns = checkpoint.metrics.recentReturns.slice(-100);
  }

  /** The series up to a checkpoint's counters (training goes on while it is taken). */
  histories(checkpoint: Checkpoint): MetricHistory[] {
    const { counters } = checkpoint;
    const s = this.series;
    const e = s.episode.filter((n) => n <= counters.episodes).length;
    const t = s.step.filter((n) => n <= counters.envSteps).length;
    const episodes: MetricHistory = {
      name: 'episodes',
      x: s.episode.slice(0, e),
      series: [
        { name: 'return', values: s.returns.slice(0, e) },
        { name: 'mean100', values: s.mean100.slice(0, e) },
        { name: 'envStep', values: s.episodeEnd.slice(0, e) },
      ],
    };
    const training: MetricHistory = {
      name: 'training',
      x: s.step.slice(0, t),
      series: (['loss', 'meanMaxQ', 'epsilon', 'learningRate', 'stepsPerSec'] as const).map((name) => ({
        name,
        values: s[name].slice(0, t),
      })),
    };
    const v = s.evalStep.filter((n) => n <= counters.envSteps).length;
    const evaluations: MetricHistory = {
      name: 'evaluations',
      x: s.evalStep.slice(0, v),
      series: [
        { name: 'episode', values: s.evalEpisode.slice(0, v) },
        { name: 'mean', values: s.evalMean.slice(0, v) },
      ],
    };
    return [episodes, training, evaluations];
  }

  private addEvaluation(e: RlEvaluation): void {
    const s = this.series;
    s.evalEpisode.push(e.episode);
    s.evalMean.push(e.mean);
    s.evalStep.push(e.envStep);
    thin(s, EVAL_KEYS);
    this.evaluation = e;
    if (e.best) this.best = e;
    if (e.solved && this.solved === null) this.solved = e;
  }

  private addEpisode(episode: number, value: number, envStep: number): void {
    const recent = this.recentReturns;
    recent.push(value);
    if (recent.length > 100) recent.shift();
    const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
    const s = this.series;
    s.episode.push(episode);
    s.returns.push(value);
    s.mean100.push(mean);
    s.episodeEnd.push(envStep);
    if (episode >= 100) this.noteMean(mean);
  }

  private noteMean(mean: number): void {
    this.bestMean100 = Math.max(this.bestMean100, mean);
  }

  private restoreEpisodes(history: MetricHistory): void {
    const s = this.series;
    s.episode = history.x.slice();
    s.returns = numbers(seriesValues(history, 'return'));
    s.mean100 = numbers(seriesValues(history, 'mean100'));
    s.episodeEnd = numbers(seriesValues(history, 'envStep'));
    s.episode.forEach((n, i) => {
      const mean = s.mean100[i]!;
      if (n >= 100 && Number.isFinite(mean)) this.noteMean(mean);
    });
  }

  /** Rebuilds the episode series from the learner's record (or the last 100 episodes of the summary). */
  private replayRecord(checkpoint: Checkpoint): void {
    const { returns, lengths } = recordOf(checkpoint);
    const first = checkpoint.counters.episodes - returns.length + 1;
    let envStep = 0;
    returns.forEach((value, i) => {
      envStep += lengths[i] ?? 0;
      this.addEpisode(first + i, value, envStep);
    });
  }
}

/** The episode record stored with a checkpoint (the learner's full record when present). */
function recordOf(checkpoint: Checkpoint): { returns: number[]; lengths: number[] } {
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
