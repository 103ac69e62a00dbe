/** What the classifier card draws from its run: the latest update and the whole training curve. */
import type { Checkpoint } from '../../../storage/checkpoint';
import { pointsOfHistory } from '../../../learn/classifier-history';
import type { ClassifierSettings, ClassifierUpdate, TrainPoint } from '../../../workers/protocol/learn';
import type { RunState } from '../../run/run-controller';

export class ClassifierRunState implements RunState<ClassifierSettings, ClassifierUpdate> {
  latest: ClassifierUpdate | null = null;
  /** A fresh array on every change, so the charts see it. */
  history: readonly TrainPoint[] = [];

  apply(update: ClassifierUpdate): void {
    // After a divergence the worker goes back to the last finite weights, and the curve with them.
    const upTo = update.points[0] ? update.points[0].step - 1 : update.steps;
    const kept =
      (this.history.at(-1)?.step ?? 0) > upTo ? this.history.filter((p) => p.step <= upTo) : this.history;
    this.history = update.points.length > 0 || kept !== this.history ? [...kept, ...update.points] : kept;
    this.latest = update;
  }

  clear(): void {
    this.latest = null;
    this.history = [];
  }

  /** A saved classifier's curve continues where it stopped. */
  resumed(checkpoint: Checkpoint): void {
    this.history = pointsOfHistory(checkpoint.state);
  }
}
