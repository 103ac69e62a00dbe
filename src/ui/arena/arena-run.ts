/**
 * One arena run: a RunController (the shared status machine, crash handling and redraws) over its own worker,
 * with the arena's state. Several runs train side by side on one page, one controller each.
 */
import type { ReactiveControllerHost } from 'lit';
import type { RlReplayPeek, RlRunSpec, RlUpdate } from '../../workers/protocol';
import type { Checkpoint } from '../../storage/checkpoint';
import { historiesToJson } from '../../storage/metric-history';
import { saveCheckpoint, type SaveResult } from '../../storage/db';
import { RunController } from '../run/run-controller';
import { ArenaPort } from './arena-port';
import { ArenaRunState } from './arena-run-state';
import { evaluationDefaults, type EvaluationSettings } from '../../agents/solve-rules';
import { makeEnvFromConfig } from '../../envs/registry';

/** What the arena shows of a run's status: the controller's, with a divergence told apart from a pause. */
export type ArenaStatus = RunController<RlRunSpec, RlUpdate>['status'] | 'diverged';

export class ArenaRun {
  readonly state = new ArenaRunState();
  readonly controller: RunController<RlRunSpec, RlUpdate>;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly id: number,
    public label: string,
    readonly color: string,
    /** The spec the next start builds (the controller's own spec is the one running). */
    public spec: RlRunSpec,
    schedule: (redraw: () => void) => void,
  ) {
    this.controller = new RunController(host, {
      port: (onCrash) => new ArenaPort(onCrash, (info) => (this.state.info = info)),
      state: this.state,
      activity: 'Training in the Arena',
      schedule,
    });
  }

  get status(): ArenaStatus {
    const { status } = this.controller;
    return status === 'paused' && this.state.diverged ? 'diverged' : status;
  }

  get busy(): boolean {
    return this.controller.busy;
  }

  get message(): string | null {
    return this.controller.message;
  }

  /** How the worker evaluates this run: the spec's settings, or the game's defaults. */
  get evaluation(): EvaluationSettings {
    if (this.spec.evaluation) return this.spec.evaluation;
    const { spec } = makeEnvFromConfig(this.spec.envId, this.spec.envOptions ?? {});
    return evaluationDefaults(spec.id, spec.rewardThreshold);
  }

  /** Whether training stops the first time the run is solved; applies at once to a running worker. */
  async setStopWhenSolved(stop: boolean): Promise<void> {
    this.spec = { ...this.spec, evaluation: { ...this.evaluation, stopWhenSolved: stop } };
    if (this.controller.ready) await this.port.setStopWhenSolved(stop);
  }

  private get port(): ArenaPort {
    return this.controller.worker as ArenaPort;
  }

  train(): Promise<void> {
    return this.controller.trainWith(this.spec);
  }

  pause(): Promise<void> {
    return this.controller.pause();
  }

  step(): Promise<void> {
    return this.controller.stepWith(this.spec);
  }

  /** Forgets everything learned (and takes `spec` for the next start); the next train starts from scratch. */
  async reset(spec: RlRunSpec = this.spec): Promise<void> {
    this.spec = spec;
    await this.controller.reset();
  }

  /** Replaces this run with a saved one: same weights, optimizer, counters, RNG and chart history. */
  async resume(checkpoint: Checkpoint): Promise<boolean> {
    const spec = await this.controller.resume(checkpoint);
    if (!spec) return false;
    this.spec = spec;
    this.label = checkpoint.name;
    return true;
  }

  /**
   * Saves this run to IndexedDB with its chart history. The worker takes the checkpoint at the end of the
   * current episode, so that resuming continues exactly; a paused run plays (and trains) until then.
   */
  async save(name: string, options: { includeReplay: boolean; autosave: boolean }): Promise<SaveResult> {
    const { controller } = this;
    if (!controller.ready && !(await controller.start(this.spec)))
      throw new Error(controller.message ?? 'The run could not start');
    const checkpoint = await this.port.checkpointWith({ name, includeReplay: options.includeReplay });
    if (controller.status !== 'training') {
      // The episode was played to its end: show the steps it took.
      this.state.apply(await this.port.update());
      controller.changed();
    }
    // The charts go with it up to the checkpoint (while training, the update with its last episode may lag).
    await this.episodesShown(checkpoint.counters.episodes);
    checkpoint.state.histories = historiesToJson(this.state.histories(checkpoint));
    return saveCheckpoint(checkpoint, { autosave: options.autosave });
  }

  /** A checkpoint of this run (best and latest weights), not stored: to share it. */
  async snapshot(name: string): Promise<Checkpoint> {
    const { controller } = this;
    if (!controller.ready) throw new Error('Train the run first');
    const checkpoint = await this.port.checkpointWith({ name, includeReplay: false });
    if (controller.status !== 'training') {
      this.state.apply(await this.port.update());
      controller.changed();
    }
    return checkpoint;
  }

  /** Resolves once the charts hold `count` episodes (the update carrying them is on its way), or after 2 s. */
  private episodesShown(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.state.episodes >= count) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, 2000);
      const stop = this.controller.watch(() => {
        if (this.state.episodes >= count) done();
      });
    });
  }

  async peekReplay(count = 8): Promise<RlReplayPeek | null> {
    return this.controller.ready ? this.port.peekReplay(count) : null;
  }

  /** Ends the worker (the run was removed or the page left). */
  dispose(): void {
    this.controller.hostDisconnected();
    this.host.removeController(this.controller);
    this.state.clear();
  }
}
