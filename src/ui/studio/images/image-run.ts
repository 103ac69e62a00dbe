/**
 * A Studio MNIST run as a page holds it: the shared RunController (status machine, crash reporting, save,
 * resume) over the image worker's port, and the state it draws. The worker starts lazily and ends when the
 * page leaves; a `resume/<id>` route resumes that checkpoint and hands its config to the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ImageModelSpec } from '../../../generative/image-config';
import type { ImageModelKind, ImageUpdate, ImageViews } from '../../../workers/protocol/images';
import { errorText } from '../../../util/error-text';
import { RunController } from '../../run/run-controller';
import { ImagePort } from './image-port';
import { ImageRunState } from './image-run-state';

export type ImageRunController = RunController<ImageModelSpec, ImageUpdate, ImagePort>;

/** The config of a model of kind `K` (what a resumed checkpoint hands its page). */
type ConfigOf<K extends ImageModelKind> = Extract<ImageModelSpec, { kind: K }>['config'];

/** Which model a page trains, where its route is, and what it does with a resumed checkpoint's config. */
export interface ImagePageRoute<K extends ImageModelKind> {
  kind: K;
  route: () => readonly string[];
  resumed: (config: ConfigOf<K>) => void;
}

export class ImageRun<V extends ImageViews = ImageViews> implements ReactiveController {
  readonly state = new ImageRunState<V>();
  readonly controller: ImageRunController;
  /** The checkpoint id the route last resumed (a route change to the same id resumes nothing). */
  private resumedId: string | null = null;
  private lastRoute: readonly string[] | null = null;
  private readonly route: () => readonly string[];
  private readonly onResumed: (spec: ImageModelSpec) => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    page: ImagePageRoute<V['type']>,
  ) {
    this.route = page.route;
    this.onResumed = (spec) => {
      if (spec.kind === page.kind) page.resumed(spec.config as ConfigOf<V['type']>);
    };
    host.addController(this);
    this.controller = new RunController(host, {
      port: (onCrash) => new ImagePort(this.state, () => this.controller.changed(), onCrash),
      state: this.state,
      activity: 'Training in the Studio',
    });
  }

  /** The worker loads tfjs and the model's code while the user reads the page, so Start begins at once. */
  hostConnected(): void {
    const page = this.host as Partial<Element>;
    this.controller.prewarmSoon(() => page.isConnected === true);
  }

  /** A model is built in the worker (it can train, step, save, draw on demand). */
  get ready(): boolean {
    return this.controller.ready;
  }

  /** Before each render: a new route may name a checkpoint to resume. */
  hostUpdate(): void {
    const route = this.route();
    if (route === this.lastRoute) return;
    this.lastRoute = route;
    void this.resumeRoute(route);
  }

  /** Resumes the checkpoint a `resume/<id>` route names, once per id, and hands its config to the page. */
  private async resumeRoute(route: readonly string[]): Promise<void> {
    const [action, id] = route;
    if (action !== 'resume' || !id || this.resumedId === id) return;
    this.resumedId = id;
    const spec = await this.controller.resume(id);
    if (spec) this.onResumed(spec);
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
