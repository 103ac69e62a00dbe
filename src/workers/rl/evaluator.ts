/**
 * Evaluation during training, as rl-baselines3-zoo's EvalCallback does it: every `every` env steps the
 * greedy policy plays K seeded episodes on separate copies of the game; the best-scoring weights are kept
 * beside the latest, and the first evaluation at or over the threshold marks the run solved. Uses only the
 * agent's batched greedy query and its own envs, so training is the same with evaluation on or off.
 */
import type { DqnAgentBase } from '../../agents/dqn-agent-base';
import { playGreedyEpisodesAsync } from '../../agents/greedy-episodes';
import { EVAL_SEED_BASE, episodeScoreOf, type EvaluationSettings } from '../../agents/solve-rules';
import type { NamedWeight } from '../../agents/weights';
import type { RlEvaluation } from '../protocol';

export interface BestWeights {
  /** Online weights, named `online/...` like DqnAgent.getWeights(). */
  weights: NamedWeight[];
  evaluation: RlEvaluation;
}

/** What a checkpoint keeps of the evaluator (the best weights go in as their own network). */
export interface EvaluatorRecord {
  settings: EvaluationSettings;
  trainMs: number;
  best: RlEvaluation | null;
  solved: RlEvaluation | null;
}

const copyWeights = (weights: readonly NamedWeight[]): NamedWeight[] =>
  weights.map((w) => ({ name: w.name, shape: [...w.shape], data: w.data.slice() }));

export class RunEvaluator {
  best: BestWeights | null = null;
  solved: RlEvaluation | null = null;
  /** Evaluations since the last update, and whether the best weights changed since they were last sent. */
  pending: RlEvaluation[] = [];
  bestChanged = false;
  /** Training time so far (evaluations excluded): "solved after N seconds" counts training only. */
  trainMs = 0;

  constructor(
    readonly settings: EvaluationSettings,
    private readonly envId: string,
    private readonly envOptions: Record<string, unknown>,
    private readonly threshold: number | null,
  ) {}

  /** Whether an evaluation is due after the env step that brought training to `envStep`. */
  due(envStep: number): boolean {
    return this.settings.every > 0 && envStep > 0 && envStep % this.settings.every === 0;
  }

  /** Plays the evaluation episodes with the agent's current online weights and records the result. */
  async evaluate(agent: DqnAgentBase, envStep: number, episode: number): Promise<RlEvaluation> {
    const start = performance.now();
    const { mean } = await playGreedyEpisodesAsync(
      this.envId,
      this.envOptions,
      this.settings.episodes,
      EVAL_SEED_BASE,
      (observations, count) => agent.greedyActions(observations, count),
      episodeScoreOf(this.envId),
    );
    const best = this.best === null || mean > this.best.evaluation.mean;
    const solved = this.threshold !== null && mean >= this.threshold;
    const evaluation: RlEvaluation = {
      envStep,
      episode,
      seconds: this.trainMs / 1000,
      mean,
      episodes: this.settings.episodes,
      ms: performance.now() - start,
      best,
      solved,
    };
    if (best) {
      const online = (await agent.getWeights()).filter((w) => w.name.startsWith('online/'));
      this.best = { weights: online, evaluation };
      this.bestChanged = true;
    }
    if (solved && this.solved === null) this.solved = evaluation;
    this.pending.push(evaluation);
    return evaluation;
  }

  /** The best weights to send with an update (a copy: the update's buffers are transferred), once per change. */
  takeBestForUpdate(): NamedWeight[] | undefined {
    if (!this.bestChanged || !this.best) return undefined;
    this.bestChanged = false;
    return copyWeights(this.best.weights);
  }

  record(): EvaluatorRecord {
    return {
      settings: { ...this.settings },
      trainMs: this.trainMs,
      best: this.best ? { ...this.best.evaluation } : null,
      solved: this.solved ? { ...this.solved } : null,
    };
  }

  /** Continues a saved run: its clock, its best weights (online/ names) and when it was solved. */
  restore(record: EvaluatorRecord, bestWeights: NamedWeight[] | null): void {
    this.trainMs = record.trainMs;
    this.solved = record.solved;
    this.best = record.best && bestWeights ? { weights: bestWeights, evaluation: record.best } : null;
    this.bestChanged = this.best !== null;
  }
}
