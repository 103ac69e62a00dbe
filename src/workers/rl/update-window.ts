/** What a DQN run did between two updates: the episodes that ended and the averaged training stats. */
import type { DqnLearner } from '../../agents/dqn-learner';
import type { TrainStats } from '../../agents/dqn';
import type { NamedWeight } from '../../agents/weights';
import type { UpdateContext } from '../core/session-driver';
import type { RlEpisode, RlEvaluation, RlTrainPoint, RlUpdate } from '../protocol';

type Sums = Pick<TrainStats, 'loss' | 'tdErrorMean' | 'meanMaxQ' | 'gradNorm'>;

const zero = (): Sums => ({ loss: 0, tdErrorMean: 0, meanMaxQ: 0, gradNorm: 0 });

export class UpdateWindow {
  episodes: RlEpisode[] = [];
  private trainCount = 0;
  private sums = zero();

  constructor(private readonly learner: DqnLearner) {}

  addTrain(stats: Sums): void {
    this.trainCount++;
    this.sums.loss += stats.loss;
    this.sums.tdErrorMean += stats.tdErrorMean;
    this.sums.meanMaxQ += stats.meanMaxQ;
    this.sums.gradNorm += stats.gradNorm;
  }

  /** The update for everything since the previous flush, which starts a new window. */
  flush(
    context: UpdateContext,
    weights?: NamedWeight[],
    evaluations: RlEvaluation[] = [],
    best?: NamedWeight[],
  ): RlUpdate {
    const counters = this.learner.counters;
    const n = this.trainCount;
    const train: RlTrainPoint | null =
      n === 0
        ? null
        : {
            envStep: counters.envSteps,
            loss: this.sums.loss / n,
            tdErrorMean: this.sums.tdErrorMean / n,
            meanMaxQ: this.sums.meanMaxQ / n,
            gradNorm: this.sums.gradNorm / n,
          };
    const update: RlUpdate = {
      status: context.status,
      ...counters,
      epsilon: this.learner.epsilon,
      learningRate: this.learner.learningRate,
      learningPaused: this.learner.learningPaused,
      stepsPerSec: context.unitsPerSec,
      newEpisodes: this.episodes,
      train,
      evaluations,
      ...(weights ? { weights } : {}),
      ...(best ? { best } : {}),
      ...(context.message !== undefined ? { message: context.message } : {}),
    };
    this.episodes = [];
    this.trainCount = 0;
    this.sums = zero();
    return update;
  }
}
