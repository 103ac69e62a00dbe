/**
 * Keeps a Learn panel's model alive: a fresh one is built whenever none is (first visit, Reset), so the
 * panel's views always have something to show; a `resume/<id>` route resumes that checkpoint instead, once.
 * New settings restart it (`restart`), and it remembers the step a resumed model started from, for the panel
 * to say so.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunController, RunPort, RunUpdate } from '../run/run-controller';
import { serialStarts } from './learn-port';
import { resumeIdOf } from './resume-id';

export interface LiveRunOptions<Spec> {
  /** The spec the panel's settings make now. */
  spec: () => Spec;
  /** The panel's route after its section, e.g. ['resume', '<id>']. */
  route: () => readonly string[];
  /** A checkpoint was resumed: the panel shows its settings. */
  resumed: (spec: Spec) => void;
  /** The steps the model has taken (read once a checkpoint is resumed). */
  steps: () => number;
}

export class LiveRun<Spec> implements ReactiveController {
  /** The step the shown model was resumed at (null: a fresh model). */
  resumedAt: number | null = null;
  private resumedId: string | null = null;
  private resuming = false;
  private readonly startSerially: () => Promise<unknown>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly run: RunController<Spec, RunUpdate, RunPort<Spec, RunUpdate>>,
    private readonly options: LiveRunOptions<Spec>,
  ) {
    host.addController(this);
    this.startSerially = serialStarts(run, options.spec);
  }

  /** Starts over with the panel's settings of the moment (the last of several quick calls wins). */
  restart(): Promise<unknown> {
    this.setResumedAt(null);
    return this.startSerially();
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
    this.setResumedAt(null);
    void this.run.start(this.options.spec());
  }

  private async resume(id: string): Promise<void> {
    this.resuming = true;
    const spec = await this.run.resume(id);
    this.resuming = false;
    if (!spec) return;
    this.options.resumed(spec);
    this.setResumedAt(this.options.steps());
  }

  private setResumedAt(step: number | null): void {
    if (step === this.resumedAt) return;
    this.resumedAt = step;
    this.host.requestUpdate();
  }
}
