/**
 * Keeps a Learn panel's model alive: a fresh one is built whenever none is (first visit, Reset), so the
 * panel's views always have something to show; a `resume/<id>` route resumes that checkpoint instead, once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunController, RunPort } from '../run/run-controller';
import { resumeIdOf } from './resume-id';

export interface LiveRunOptions<Spec> {
  /** The spec the panel's settings make now. */
  spec: () => Spec;
  /** The panel's route after its section, e.g. ['resume', '<id>']. */
  route: () => readonly string[];
  /** A checkpoint was resumed: the panel shows its settings. */
  resumed: (spec: Spec) => void;
  /** A fresh model is being built. */
  fresh?: () => void;
}

export class LiveRun<Spec> implements ReactiveController {
  private resumedId: string | null = null;
  private resuming = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly run: RunController<Spec, unknown, RunPort<Spec, unknown>>,
    private readonly options: LiveRunOptions<Spec>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const id = resumeIdOf(this.options.route());
    if (id && id !== this.resumedId) {
      this.resumedId = id;
      void this.resume(id);
    }
  }

  hostUpdated(): void {
    if (this.run.status !== 'idle' || this.resuming) return;
    this.options.fresh?.();
    void this.run.start(this.options.spec());
  }

  private async resume(id: string): Promise<void> {
    this.resuming = true;
    const spec = await this.run.resume(id);
    this.resuming = false;
    if (spec) this.options.resumed(spec);
  }
}
