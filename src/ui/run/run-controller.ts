/**
 * One training run as a page sees it, for every model kind: the status machine (run-status.ts), the worker's
 * updates folded into the page's state, crash reporting, redraws throttled to one per frame, saving, and the
 * "a reload would stop this" activity. A page supplies two small things:
 * - a `RunPort`: how to start, resume, train, pause, step and checkpoint its model in its worker;
 * - a `RunState`: how one update changes what the page draws (histories, views), and how to clear it.
 * Pages stay thin: they lay out views of `controller.state` and call the controller's verbs.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Checkpoint } from '../../storage/checkpoint';
import { loadCheckpoint, saveCheckpoint } from '../../storage/db';
import { historiesToJson, parseHistories, type MetricHistory } from '../../storage/metric-history';
import type { BackendReport } from '../../workers/protocol';
import type { SessionStatus } from '../../workers/core/session-status';
import { startActivity } from '../../pwa/activity';
import { errorText } from '../../util/error-text';
import { eventOfSession, nextStatus, type RunEvent, type RunStatus } from './run-status';

/** The worker side of one run. Each model kind writes one over its worker's API (a few lines each). */
export interface RunPort<Spec, Update> {
  /** Builds a fresh model (choosing the backend on first use); returns the first update. */
  start(spec: Spec): Promise<{ backend: BackendReport; update: Update }>;
  /** Rebuilds the model from a checkpoint; returns the spec it runs and the first update. */
  resume(checkpoint: Checkpoint): Promise<{ backend: BackendReport; spec: Spec; update: Update }>;
  /** Trains until paused; every update goes to `onUpdate`, in order, the last one with the final status. */
  train(onUpdate: (update: Update) => void): Promise<SessionStatus>;
  pause(): Promise<void>;
  step(): Promise<Update>;
  checkpoint(name: string): Promise<Checkpoint>;
  /** Ends the worker (the page left, or it crashed and will be started again). */
  terminate(): void;
  /** Starts the worker ahead of the first run (optional: ports whose worker is cheap to start skip it). */
  warm?(): void;
}

/** What the controller reads in every update, whatever the model: the worker's status and its message. */
export interface RunUpdate {
  /** The worker's status (the last update of a training carries the status the run stopped in). */
  status: SessionStatus;
  /** A message the update carries (a divergence), if any. */
  message?: string | null | undefined;
}

/** What a page draws from a run's updates. */
export interface RunState<Spec, Update> {
  /** Folds one update in. */
  apply(update: Update): void;
  /** Forgets everything drawn (a new run starts empty). */
  clear(): void;
  /**
   * The charts' histories, saved with a checkpoint (state.histories) so a resumed run continues them. The
   * checkpoint is passed so that points newer than it (training goes on while it is taken) can be left out.
   */
  histories?(checkpoint: Checkpoint): MetricHistory[];
  /** Called after a resume with the checkpoint and the histories it carried (validated; [] when none). */
  resumed?(checkpoint: Checkpoint, spec: Spec, histories: MetricHistory[]): void;
}

/** `Port` is the page's own port class, so pages reach their model's extra methods through `worker`. */
export interface RunControllerOptions<
  Spec,
  Update,
  Port extends RunPort<Spec, Update> = RunPort<Spec, Update>,
> {
  /** Makes the port; `onCrash` must be called when the worker dies. */
  port: (onCrash: (message: string) => void) => Port;
  state: RunState<Spec, Update>;
  /** Shown by the update banner while training, e.g. 'Training in the Arena'. */
  activity: string;
  /** Asks the host to redraw; defaults to requestUpdate() at most once per animation frame. */
  schedule?: (redraw: () => void) => void;
}

const nextFrame = (redraw: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(redraw);
  else queueMicrotask(redraw);
};

export class RunController<
  Spec,
  Update extends RunUpdate,
  Port extends RunPort<Spec, Update> = RunPort<Spec, Update>,
> implements ReactiveController {
  status: RunStatus = 'idle';
  /** Why the run stopped or failed, in words (a divergence, a crash, a refused spec). */
  message: string | null = null;
  backend: BackendReport | null = null;
  /** The spec running now (as started or resumed), or null. */
  spec: Spec | null = null;
  /** The outcome of the last save, shown next to its button. */
  saved: { ok: boolean; text: string } | null = null;
  /** Bumped on every change: cheap change detection for views. */
  version = 0;
  private port: Port | null = null;
  private training: Promise<void> | null = null;
  private endActivity: (() => void) | null = null;
  private redrawQueued = false;
  /** Other elements that draw this run (shared controls), redrawn with the host. */
  private readonly watchers = new Set<() => void>();
  /** Bumped on reset/start, so that late updates of an abandoned run are dropped. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RunControllerOptions<Spec, Update, Port>,
  ) {
    host.addController(this);
  }

  get state(): RunState<Spec, Update> {
    return this.options.state;
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'training';
  }

  /** A model is built in the worker (it can train, step and save). */
  get ready(): boolean {
    return this.status === 'paused' || this.status === 'training' || this.status === 'finished';
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.generation++;
    this.port?.terminate();
    this.port = null;
    this.training = null;
    this.endTraining();
    this.status = 'idle';
  }

  /** Starts the worker before Train is clicked, so the first run does not wait for it to load its code. */
  prewarm(): void {
    if (this.status === 'idle') this.worker.warm?.();
  }

  /**
   * Prewarms right after the page's first drawing (a task later, so the page paints first), if the page is
   * still shown then. Waiting for an idle moment instead lost the race with a quick click on Train.
   */
  prewarmSoon(stillShown: () => boolean): void {
    setTimeout(() => {
      if (stillShown()) this.prewarm();
    }, 0);
  }

  /** The worker port (started on first use); pages call their model's extra methods through it. */
  get worker(): Port {
    this.port ??= this.options.port((message) => this.onCrash(message));
    return this.port;
  }

  /**
   * Stops any run and clears what was drawn, for a new one; returns the new run's generation (a later
   * start or resume bumps it, so the older one's answer is dropped), or null when a run cannot start now.
   */
  private async beginRun(): Promise<number | null> {
    await this.pause();
    if (!this.move('start')) return null;
    const generation = ++this.generation;
    this.message = null;
    this.saved = null;
    this.state.clear();
    this.changed();
    return generation;
  }

  /** Builds a fresh model from `spec` (any run stops first). False when the spec was refused. */
  async start(spec: Spec): Promise<boolean> {
    const generation = await this.beginRun();
    if (generation === null) return false;
    try {
      const { backend, update } = await this.worker.start(structuredClone(spec));
      if (generation !== this.generation) return false;
      this.backend = backend;
      this.spec = structuredClone(spec);
      this.move('ready');
      this.accept(update);
      return true;
    } catch (error) {
      if (generation === this.generation) this.fail(errorText(error));
      return false;
    }
  }

  /** Replaces the run with a checkpoint (or the saved checkpoint with this id); returns the spec it runs. */
  async resume(source: Checkpoint | string): Promise<Spec | null> {
    const generation = await this.beginRun();
    if (generation === null) return null;
    try {
      const checkpoint = typeof source === 'string' ? await loadCheckpoint(source) : source;
      const histories = parseHistories(checkpoint.state, 'Cannot resume its charts');
      const { backend, spec, update } = await this.worker.resume(checkpoint);
      if (generation !== this.generation) return null;
      this.backend = backend;
      this.spec = spec;
      this.state.resumed?.(checkpoint, spec, histories);
      this.move('ready');
      this.accept(update);
      this.saved = { ok: true, text: `Resumed “${checkpoint.name}”.` };
      this.changed();
      return spec;
    } catch (error) {
      if (generation === this.generation) {
        const id = typeof source === 'string' ? ` ${source}` : '';
        this.fail(`Could not resume checkpoint${id}: ${errorText(error)}`);
      }
      return null;
    }
  }

  /** Trains until paused (or finished, or diverged); returns at once, updates stream in. */
  train(): void {
    if (!this.move('train')) return;
    const generation = this.generation;
    this.message = null;
    this.endActivity ??= startActivity(this.options.activity);
    this.changed();
    const port = this.worker;
    this.training = (async () => {
      try {
        const status = await port.train((update) => {
          if (generation === this.generation) this.accept(update);
        });
        if (generation === this.generation) this.settle(status);
      } catch (error) {
        if (generation === this.generation && this.status !== 'crashed') this.fail(errorText(error));
      } finally {
        if (generation === this.generation) this.training = null;
        this.endTraining();
      }
    })();
  }

  /**
   * Trains `spec`: builds it first when nothing runs yet, when the last start failed or when the form's spec
   * differs from the one running (settings apply on the next Train, as a user expects).
   */
  async trainWith(spec: Spec): Promise<void> {
    if (this.status === 'training') return;
    if (!(await this.ensure(spec))) return;
    this.train();
  }

  /** One unit of training of `spec` (built first as in trainWith). */
  async stepWith(spec: Spec): Promise<void> {
    if (this.status === 'training') return;
    if (await this.ensure(spec)) await this.step();
  }

  private async ensure(spec: Spec): Promise<boolean> {
    if (this.ready && JSON.stringify(spec) === JSON.stringify(this.spec)) return true;
    return this.start(spec);
  }

  /** Pauses a training run and waits until its last update is in. */
  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    const training = this.training;
    try {
      await this.port?.pause();
    } catch {
      // A dead worker cannot pause; the crash handler has said so.
    }
    await training;
  }

  /** One unit of training (an iteration, an env step) of a run that is not training. */
  async step(): Promise<void> {
    if (this.status !== 'paused' && this.status !== 'finished') return;
    try {
      this.accept(await this.worker.step());
    } catch (error) {
      this.message = errorText(error);
      this.changed();
    }
  }

  /** Forgets the run: the next start builds a fresh model. */
  async reset(): Promise<void> {
    await this.pause();
    this.generation++;
    this.move('reset');
    this.spec = null;
    this.message = null;
    this.saved = null;
    this.state.clear();
    this.changed();
  }

  /** Saves the run to IndexedDB (taken between two chunks; training goes on). */
  async save(name: string): Promise<Checkpoint | null> {
    if (!this.ready) return null;
    this.saved = null;
    this.changed();
    try {
      const checkpoint = await this.checkpointWithHistory(name);
      const result = await saveCheckpoint(checkpoint);
      const kb = Math.max(1, Math.round(result.record.sizeBytes / 1024));
      this.saved = { ok: true, text: `Saved “${checkpoint.name}” (${kb.toLocaleString('en-US')} KB).` };
      this.changed();
      return checkpoint;
    } catch (error) {
      this.saved = { ok: false, text: `Not saved: ${errorText(error)}` };
      this.changed();
      return null;
    }
  }

  /** A checkpoint of the run with its charts' histories (for saving and files; share links leave them out). */
  async checkpointWithHistory(name: string): Promise<Checkpoint> {
    const checkpoint = await this.worker.checkpoint(name);
    const histories = this.state.histories?.(checkpoint);
    if (histories && histories.length > 0)
      checkpoint.state = { ...checkpoint.state, histories: historiesToJson(histories) };
    return checkpoint;
  }

  /** Asks the host to redraw (at most once per frame). Views that change outside updates call it too. */
  changed(): void {
    this.version++;
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    (this.options.schedule ?? nextFrame)(() => {
      this.redrawQueued = false;
      this.host.requestUpdate();
      for (const watcher of this.watchers) watcher();
    });
  }

  /** Calls `redraw` whenever the run changes; returns the unsubscribe function. */
  watch(redraw: () => void): () => void {
    this.watchers.add(redraw);
    return () => this.watchers.delete(redraw);
  }

  private accept(update: Update): void {
    this.state.apply(update);
    if (update.message) this.message = update.message;
    // While training, only the end of training (train's own result) moves the status; a single step or
    // the first update may report paused/finished/diverged.
    if (this.status !== 'training') {
      const event = eventOfSession(update.status);
      if (event && event !== 'reset') this.move(event);
    }
    this.changed();
  }

  private settle(status: SessionStatus): void {
    this.move(eventOfSession(status) ?? 'pause');
    this.changed();
  }

  private move(event: RunEvent): boolean {
    const next = nextStatus(this.status, event);
    if (next === null) return false;
    this.status = next;
    return true;
  }

  private fail(message: string): void {
    this.move('fail');
    this.message = message;
    this.endTraining();
    this.changed();
  }

  private onCrash(message: string): void {
    this.generation++;
    this.move('crash');
    this.message = `The training worker crashed (${message}). Start again to continue from a saved checkpoint.`;
    this.port?.terminate();
    this.port = null;
    this.training = null;
    this.endTraining();
    this.changed();
  }

  private endTraining(): void {
    this.endActivity?.();
    this.endActivity = null;
  }
}
