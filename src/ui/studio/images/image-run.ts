/**
 * A Studio MNIST run as a page holds it: the shared RunController (status machine, crash reporting, save,
 * resume) over the image worker's port, and the state it draws. The worker starts lazily and ends when the
 * page leaves.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ImageModelSpec } from '../../../generative/image-config';
import type { ImageUpdate, ImageViews } from '../../../workers/protocol/images';
import { errorText } from '../../../util/error-text';
import { RunController } from '../../run/run-controller';
import { ImagePort } from './image-port';
import { ImageRunState } from './image-run-state';

export type ImageRunController = RunController<ImageModelSpec, ImageUpdate, ImagePort>;

export class ImageRun<V extends ImageViews = ImageViews> {
  readonly state = new ImageRunState<V>();
  readonly controller: ImageRunController;
  /** The checkpoint id the route last resumed (a route change to the same id resumes nothing). */
  private resumedId: string | null = null;

  constructor(host: ReactiveControllerHost) {
    this.controller = new RunController(host, {
      port: (onCrash) => new ImagePort(this.state, () => this.controller.changed(), onCrash),
      state: this.state,
      activity: 'Training in the Studio',
    });
  }

  /** A model is built in the worker (it can train, step, save, draw on demand). */
  get ready(): boolean {
    return this.controller.ready;
  }

  /** Resumes the checkpoint a `resume/<id>` route names, once per id; the spec it runs, or null. */
  async resumeRoute(route: readonly string[]): Promise<ImageModelSpec | null> {
    const [action, id] = route;
    if (action !== 'resume' || !id || this.resumedId === id) return null;
    this.resumedId = id;
    return this.controller.resume(id);
  }

  /** Fetches every view again (after a change the next update would otherwise show late). */
  async refreshViews(): Promise<void> {
    if (!this.ready || this.controller.status === 'training') return;
    try {
      this.state.apply(await this.controller.worker.views());
    } catch (error) {
      this.controller.message = errorText(error);
    }
    this.controller.changed();
  }
}
