/**
 * What a Studio MNIST page draws of its run (the RunState its RunController folds updates into): the counters,
 * the train and test chart histories, the latest images, and while starting, the MNIST load progress.
 */
import type { Checkpoint } from '../../../storage/checkpoint';
import type { MetricHistory } from '../../../storage/metric-history';
import type { ImageModelSpec } from '../../../generative/image-config';
import type {
  ImageLoadProgress,
  ImageRunInfo,
  ImageUpdate,
  ImageViews,
} from '../../../workers/protocol/images';
import type { RunState } from '../../run/run-controller';
import { ImageHistory } from './image-history';

export class ImageRunState<V extends ImageViews = ImageViews> implements RunState<
  ImageModelSpec,
  ImageUpdate
> {
  /** What a starting run is doing (loading the digits, choosing the backend, building the networks). */
  progress: ImageLoadProgress | null = null;
  info: ImageRunInfo | null = null;
  iteration = 0;
  epoch = 0;
  /** Iterations per second while training (0 otherwise). */
  itersPerSec = 0;
  train = new ImageHistory('train');
  test = new ImageHistory('test');
  views: V | null = null;
  /** Called when a new run clears the page, so it can forget its own picks (e.g. the GAN's walk). */
  onClear: (() => void) | null = null;

  apply(update: ImageUpdate): void {
    this.iteration = update.iteration;
    this.epoch = update.epoch;
    this.itersPerSec = update.status === 'training' ? update.itersPerSec : 0;
    if (update.train) this.train.push(update.train);
    if (update.test) this.test.push(update.test);
    // Light updates leave out the costly views (latent scatter, anomalies...): keep the last ones.
    if (update.views)
      this.views =
        this.views && this.views.type === update.views.type
          ? ({ ...this.views, ...update.views } as V)
          : (update.views as V);
  }

  clear(): void {
    this.progress = null;
    this.info = null;
    this.iteration = 0;
    this.epoch = 0;
    this.itersPerSec = 0;
    this.train = new ImageHistory('train');
    this.test = new ImageHistory('test');
    this.views = null;
    this.onClear?.();
  }

  /** Continues the charts of the checkpoint (older checkpoints have none: their charts start empty). */
  resumed(_checkpoint: Checkpoint, _spec: ImageModelSpec, histories: MetricHistory[]): void {
    const named = (name: string) => histories.find((h) => h.name === name);
    const train = named('train');
    const test = named('test');
    if (train) this.train = ImageHistory.from(train);
    if (test) this.test = ImageHistory.from(test);
  }

  /** The chart histories up to the checkpoint's iteration, as it keeps them. */
  histories(checkpoint: Checkpoint): MetricHistory[] {
    const upTo = checkpoint.counters.gradientSteps;
    return [this.train.toMetricHistory(upTo), this.test.toMetricHistory(upTo)];
  }
}
