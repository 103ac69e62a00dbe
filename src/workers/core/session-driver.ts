/**
 * The one training lifecycle every model in the workers runs under. A model plugs in through a small adapter
 * (`TrainingModel`: train a chunk, capture/restore a finite copy of itself, describe itself as an update); the
 * driver owns everything around it:
 * - the chunked loop: trains for ~chunkMs, then yields so pause/step/checkpoint calls are honoured at once;
 * - pause, single steps and a speed cap, applied at once, also mid-run;
 * - NaN handling: a finite copy is kept every lastGoodMs; when a chunk reports a non-finite value the copy is
 *   put back and the run stops with a message that says so;
 * - update cadence: a light update every updateMs (slower when making one is costly), a heavy one (held-out
 *   metrics, costly views) every heavyMs, and a final one with the status the run stopped in;
 * - mutual exclusion: chunks, steps, updates, checkpoints and any `exclusive` work never interleave.
 * No Comlink and no worker globals: the clock and the yield are injected, so Node tests drive the whole loop.
 */

import type { SessionStatus } from './session-status';

export type { SessionStatus } from './session-status';

export interface DriverEnvironment {
  /** Lets queued messages (pause, step, ...) run: a MessageChannel round trip in a worker. */
  yieldToEvents: () => Promise<void>;
  now: () => number;
  /** Waits `ms` or until `wake` resolves; used only when the speed is capped. */
  sleep: (ms: number, wake: Promise<void>) => Promise<void>;
}

export interface DriverTiming {
  /** Training time between two yields (pause must feel instant). */
  chunkMs: number;
  /** Light updates at most this often. */
  updateMs: number;
  /** Heavy updates (held-out metrics, costly views) at most this often. */
  heavyMs: number;
  /** A finite copy of the whole training state is kept this often. */
  lastGoodMs: number;
  /** Updates take at most ~1/updateCostFactor of the time: slow ones (WebGPU read-backs) come less often. */
  updateCostFactor: number;
  /** The most units one chunk may train, whatever the measured rate says. */
  maxChunk: number;
}

export const DEFAULT_TIMING: DriverTiming = {
  chunkMs: 16,
  updateMs: 100,
  heavyMs: 1500,
  lastGoodMs: 1000,
  updateCostFactor: 4,
  maxChunk: 2000,
};

/** What one chunk of training did. */
export interface ChunkOutcome {
  /** Units trained (iterations, env steps, ...); at most what was asked, at least 1 unless finished. */
  done: number;
  /** Set when a loss or weight became non-finite: what happened, in a user's words ("D's loss became NaN"). */
  problem?: string;
  /** Where the problem happened (default: the model's progress after the chunk). */
  at?: number;
  /** Set when the model reached its own end (a step budget, a target met): the run stops as 'finished'. */
  finished?: boolean;
}

/** What the driver tells a model when it asks for an update. */
export interface UpdateContext {
  status: SessionStatus;
  /** Units per wall-clock second since the previous update (0 when not training). */
  unitsPerSec: number;
  /** Whether to include the costly parts (held-out metrics, heavy views). */
  heavy: boolean;
  /** Set after a divergence or another stop that the user should read about. */
  message?: string;
}

/** A model as the driver drives it. `Good` is whatever the model needs to roll back to a finite state. */
export interface TrainingModel<Update, Good = unknown> {
  /** Units trained so far (the counter chunk sizes, the speed cap and messages use). */
  readonly progress: number;
  /** The unit's name in messages: 'iteration', 'env step', 'epoch'... */
  readonly unit: string;
  /** What to try after a divergence, ending the message (default: lower the learning rate). */
  readonly divergenceAdvice?: string;
  /** The most units the next chunk may train (e.g. so chunks end where metrics are due); default unbounded. */
  chunkLimit?(): number;
  /** Trains up to `count` units (≥ 1). */
  trainChunk(count: number): Promise<ChunkOutcome>;
  /** A copy of the whole training state, or null when it is not finite (then the older copy stays). */
  captureGood(): Promise<Good | null>;
  restoreGood(good: Good): void | Promise<void>;
  /** The state as the UI sees it; also resets whatever the model accumulates between updates. */
  update(context: UpdateContext): Promise<Update>;
  /** Frees tensors and anything else the model holds. */
  dispose(): void;
}

/** A FIFO mutex: chunks, steps, updates and exclusive work never interleave. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface Loaded<Model> {
  model: Model;
  good: { state: unknown; progress: number };
}

/** `Model` is the adapter's own class, so `exclusive` work can call its other methods (sample, capture...). */
export class SessionDriver<Update, Model extends TrainingModel<Update> = TrainingModel<Update>> {
  private loaded: Loaded<Model> | null = null;
  private statusValue: SessionStatus = 'idle';
  private stopRequested = false;
  private wakeUp: () => void = () => {};
  private wake: Promise<void> = Promise.resolve();
  /** Units per second to aim at; 0 means as fast as possible. */
  private speed = 0;
  private message: string | undefined;
  private readonly lock = new Mutex();
  private readonly timing: DriverTiming;

  constructor(
    private readonly env: DriverEnvironment,
    timing: Partial<DriverTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    this.resetWake();
  }

  get status(): SessionStatus {
    return this.statusValue;
  }

  /** The model now running; throws when none is loaded. */
  get model(): Model {
    return this.require().model;
  }

  get hasModel(): boolean {
    return this.loaded !== null;
  }

  /**
   * Replaces the model with the one `build` makes (any run is stopped first; the old model is freed only once
   * the new one is built, so a bad spec or checkpoint that makes `build` throw changes nothing).
   */
  async load<M extends Model>(build: () => Promise<M>): Promise<M> {
    await this.stopAndWait();
    return this.lock.run(async () => {
      const model = await build();
      let good: unknown;
      try {
        good = await model.captureGood();
        if (good === null) throw new Error(`The new model's weights are not finite`);
      } catch (error) {
        model.dispose();
        throw error;
      }
      this.loaded?.model.dispose();
      this.loaded = { model, good: { state: good, progress: model.progress } };
      this.statusValue = 'paused';
      this.message = undefined;
      return model;
    });
  }

  /** Caps training at `unitsPerSec` (0: as fast as possible); applies at once, also while training. */
  setSpeed(unitsPerSec: number): void {
    if (!Number.isFinite(unitsPerSec) || unitsPerSec < 0)
      throw new Error(`Expected a speed ≥ 0 units per second, got ${unitsPerSec}`);
    this.speed = unitsPerSec;
    this.wakeUp();
  }

  /**
   * Trains until pause(), `maxProgress`, the model's own end or divergence, handing `onUpdate` an update at
   * the driver's cadence and a last one with the status it stopped in. Resolves with that status once the last
   * update is taken (a promise `onUpdate` returns for it has resolved).
   */
  async train(onUpdate: (update: Update) => unknown, maxProgress = Infinity): Promise<SessionStatus> {
    const loaded = this.require();
    const { model } = loaded;
    if (this.statusValue === 'training') throw new Error('This run is already training');
    this.statusValue = 'training';
    this.stopRequested = false;
    this.message = undefined;
    const { now } = this.env;
    const t = this.timing;
    // The first chunk is one unit: on a slow backend (WebGPU in software) even a few could take seconds.
    let msPerUnit = t.chunkMs;
    let lastUpdate = now();
    let lastHeavy = now();
    let updateCost = 0;
    let lastGoodAt = now();
    let rate = { start: now(), done: 0, speed: this.speed };
    let window = { start: now(), progress: model.progress };
    try {
      while (!this.stopRequested && model.progress < maxProgress) {
        if (rate.speed !== this.speed) rate = { start: now(), done: 0, speed: this.speed };
        let count = Math.max(1, Math.min(t.maxChunk, Math.floor(t.chunkMs / msPerUnit)));
        if (this.speed > 0) {
          const due = Math.floor((this.speed * (now() - rate.start)) / 1000) - rate.done;
          if (due <= 0) await this.env.sleep(Math.min(t.updateMs, 1000 / this.speed), this.wake);
          count = Math.min(count, Math.max(0, due));
        }
        count = Math.min(count, maxProgress - model.progress, model.chunkLimit?.() ?? Infinity);
        if (count > 0) {
          const t0 = now();
          const outcome = await this.lock.run(() => this.trainChunk(loaded, count));
          msPerUnit = 0.7 * msPerUnit + 0.3 * Math.max(0.001, (now() - t0) / Math.max(1, outcome.done));
          rate.done += outcome.done;
          if (outcome.problem !== undefined || outcome.finished) break;
          if (now() - lastGoodAt > t.lastGoodMs) {
            await this.lock.run(() => this.keepGood(loaded));
            lastGoodAt = now();
          }
        }
        const tNow = now();
        if (tNow - lastUpdate >= Math.max(t.updateMs, t.updateCostFactor * updateCost)) {
          const heavy = tNow - lastHeavy >= t.heavyMs;
          const unitsPerSec =
            tNow > window.start ? ((model.progress - window.progress) * 1000) / (tNow - window.start) : 0;
          window = { start: tNow, progress: model.progress };
          onUpdate(await this.lock.run(() => model.update(this.context(unitsPerSec, heavy))));
          if (heavy) lastHeavy = tNow;
          lastUpdate = tNow;
          updateCost = now() - tNow;
        }
        await this.env.yieldToEvents();
      }
      if (this.statusValue === 'training' && model.progress >= maxProgress) this.statusValue = 'paused';
    } finally {
      if (this.statusValue === 'training') this.statusValue = 'paused';
    }
    // Awaited: in a worker `onUpdate` is a Comlink proxy whose calls travel on a port of their own, so the run's
    // result could reach the page before its last update (it would show "paused" beside the counts of the chunk
    // before). The updates during training need no wait: they keep their order on that port.
    await onUpdate(await this.lock.run(() => model.update(this.context(0, true))));
    return this.statusValue;
  }

  /** Asks the training loop to stop after its current chunk. */
  pause(): void {
    this.stopRequested = true;
    this.wakeUp();
  }

  /** Stops a training run and resolves once its last update is out (e.g. before switching the backend). */
  async stop(): Promise<void> {
    await this.stopAndWait();
    await this.lock.run(async () => {}); // the final update was queued when the loop ended
  }

  /** Trains `count` units of a run that is not training, and returns the update after them. */
  async step(count = 1): Promise<Update> {
    const loaded = this.require();
    if (this.statusValue === 'training') throw new Error('Pause the run before stepping it by hand');
    return this.lock.run(async () => {
      this.message = undefined;
      if (this.statusValue !== 'finished') this.statusValue = 'paused';
      let left = count;
      while (left > 0) {
        const outcome = await this.trainChunk(loaded, left);
        if (outcome.problem !== undefined || outcome.finished || outcome.done <= 0) break;
        left -= outcome.done;
      }
      return loaded.model.update(this.context(0, true));
    });
  }

  /** The update now, without training (the first frame, and views after a change while paused). */
  update(heavy = true): Promise<Update> {
    const { model } = this.require();
    return this.lock.run(() => model.update(this.context(0, heavy)));
  }

  /** Runs `work` on the model between two chunks (checkpoints, samples, inspections); training goes on. */
  exclusive<T>(work: (model: Model) => Promise<T> | T): Promise<T> {
    const { model } = this.require();
    return this.lock.run(async () => work(model));
  }

  /** Stops any run and frees the model. */
  async dispose(): Promise<void> {
    await this.stopAndWait();
    await this.lock.run(async () => {
      this.loaded?.model.dispose();
      this.loaded = null;
      this.statusValue = 'idle';
      this.message = undefined;
    });
  }

  private context(unitsPerSec: number, heavy: boolean): UpdateContext {
    return {
      status: this.statusValue,
      unitsPerSec,
      heavy,
      ...(this.message !== undefined ? { message: this.message } : {}),
    };
  }

  /** One chunk; on a problem the last good state is put back and the run is marked diverged. */
  private async trainChunk(loaded: Loaded<Model>, count: number): Promise<ChunkOutcome> {
    const { model } = loaded;
    const outcome = await model.trainChunk(count);
    if (outcome.problem !== undefined) {
      const at = (outcome.at ?? model.progress).toLocaleString('en-US');
      await model.restoreGood(loaded.good.state);
      const good = loaded.good.progress.toLocaleString('en-US');
      const advice = model.divergenceAdvice ?? 'lower the learning rate, then train again';
      this.message =
        `Training diverged at ${model.unit} ${at}: ${outcome.problem}. ` +
        `The last finite weights (${model.unit} ${good}) were restored; ${advice}.`;
      this.statusValue = 'diverged';
    } else if (outcome.finished) {
      this.statusValue = 'finished';
    }
    return outcome;
  }

  private async keepGood(loaded: Loaded<Model>): Promise<void> {
    const state = await loaded.model.captureGood();
    if (state !== null) loaded.good = { state, progress: loaded.model.progress };
  }

  private async stopAndWait(): Promise<void> {
    if (this.statusValue !== 'training') return;
    this.pause();
    // The loop ends after its current chunk and final update; the lock then frees.
    while (this.statusValue === 'training') await this.env.yieldToEvents();
  }

  private resetWake(): void {
    this.wake = new Promise((resolve) => (this.wakeUp = resolve));
    void this.wake.then(() => this.resetWake());
  }

  private require(): Loaded<Model> {
    if (!this.loaded) throw new Error('No model is loaded: start or resume a run first');
    return this.loaded;
  }
}
