import { describe, expect, it } from 'vitest';
import {
  SessionDriver,
  type ChunkOutcome,
  type DriverEnvironment,
  type TrainingModel,
  type UpdateContext,
} from '../../../src/workers/core/session-driver';

/** A fake clock: each trained unit costs 1 ms; yields let other promises run. */
function fakeEnvironment(): DriverEnvironment & { clock: { t: number } } {
  const clock = { t: 0 };
  return {
    clock,
    yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
    now: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

interface FakeUpdate {
  status: UpdateContext['status'];
  progress: number;
  /** Units trained since the previous update. */
  trained: number;
  heavy: boolean;
  message?: string;
}

/** A counter with a "weight" that goes NaN at `nanAt`; records every call so tests can check the order. */
class CounterModel implements TrainingModel<FakeUpdate, { progress: number; weight: number }> {
  progress = 0;
  weight = 0;
  readonly unit = 'iteration';
  sinceUpdate = 0;
  disposed = false;
  busy = false;
  overlaps = 0;
  constructor(
    private readonly env: { clock: { t: number } },
    private readonly options: { nanAt?: number; finishAt?: number; limitEvery?: number } = {},
  ) {}

  chunkLimit(): number {
    const every = this.options.limitEvery;
    return every ? every - (this.progress % every) : Infinity;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    if (this.busy) this.overlaps++;
    this.busy = true;
    await new Promise((resolve) => setImmediate(resolve));
    try {
      for (let i = 0; i < count; i++) {
        this.progress++;
        this.sinceUpdate++;
        this.env.clock.t += 1;
        this.weight = this.progress === this.options.nanAt ? NaN : this.weight + 1;
        if (!Number.isFinite(this.weight))
          return { done: i + 1, problem: `the weight became ${this.weight}` };
        if (this.progress === this.options.finishAt) return { done: i + 1, finished: true };
      }
      return { done: count };
    } finally {
      this.busy = false;
    }
  }

  async captureGood() {
    return Number.isFinite(this.weight) ? { progress: this.progress, weight: this.weight } : null;
  }

  restoreGood(good: { progress: number; weight: number }): void {
    this.progress = good.progress;
    this.weight = good.weight;
  }

  async update(context: UpdateContext): Promise<FakeUpdate> {
    const update = { ...context, progress: this.progress, trained: this.sinceUpdate };
    this.sinceUpdate = 0;
    return update;
  }

  dispose(): void {
    this.disposed = true;
  }
}

async function loaded(options?: ConstructorParameters<typeof CounterModel>[1]) {
  const env = fakeEnvironment();
  const driver = new SessionDriver<FakeUpdate, CounterModel>(env, {
    chunkMs: 16,
    updateMs: 100,
    lastGoodMs: 50,
  });
  const model = await driver.load(async () => new CounterModel(env, options));
  return { env, driver, model };
}

describe('SessionDriver', () => {
  it('resolves only once its last update is taken (across a worker the callback answers asynchronously)', async () => {
    const { driver } = await loaded();
    const taken: FakeUpdate[] = [];
    // As a Comlink proxy: the call returns at once, the page takes the update a few turns later.
    const slowPage = (u: FakeUpdate) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          taken.push(u);
          resolve();
        }, 5),
      );
    const status = await driver.train(slowPage, 300);
    expect(status).toBe('paused');
    expect(taken.at(-1)).toMatchObject({ status: 'paused', progress: 300 });
  });

  it('trains in chunks to the limit, streaming updates that account for every unit, and ends paused', async () => {
    const { driver, model } = await loaded();
    expect(driver.status).toBe('paused');
    const updates: FakeUpdate[] = [];
    const status = await driver.train((u) => updates.push(u), 1000);
    expect(status).toBe('paused');
    expect(model.progress).toBe(1000);
    expect(updates.length).toBeGreaterThan(5);
    expect(updates.reduce((sum, u) => sum + u.trained, 0)).toBe(1000);
    expect(updates.slice(0, -1).every((u) => u.status === 'training')).toBe(true);
    expect(updates.at(-1)).toMatchObject({ status: 'paused', progress: 1000, heavy: true });
    // Updates come at the cadence, not after every chunk.
    expect(updates.length).toBeLessThan(1000 / 16);
  });

  it('honours pause at once: training stops after the chunk in progress', async () => {
    const { driver, model } = await loaded();
    const updates: FakeUpdate[] = [];
    const run = driver.train((u) => {
      updates.push(u);
      if (updates.length === 2) driver.pause();
    });
    expect(await run).toBe('paused');
    const stoppedAt = model.progress;
    // The pause came in the second update; at most one more chunk (≤ 16 units) ran after it.
    expect(stoppedAt - updates[1].progress).toBeLessThanOrEqual(16);
    expect(updates.at(-1)?.status).toBe('paused');
  });

  it('steps exactly the units asked for while paused, and refuses to step a training run', async () => {
    const { driver, model } = await loaded();
    const one = await driver.step();
    expect(one).toMatchObject({ progress: 1, status: 'paused' });
    expect((await driver.step(5)).progress).toBe(6);
    const run = driver.train(() => {});
    await expect(driver.step()).rejects.toThrow(/Pause the run/);
    driver.pause();
    await run;
    expect(model.progress).toBeGreaterThan(6);
  });

  it('on a non-finite value restores the last finite state and says so', async () => {
    const { driver, model } = await loaded({ nanAt: 300 });
    const updates: FakeUpdate[] = [];
    const status = await driver.train((u) => updates.push(u));
    expect(status).toBe('diverged');
    expect(Number.isFinite(model.weight)).toBe(true);
    // The copy is at most lastGoodMs (+ one chunk) old.
    expect(model.progress).toBeLessThan(300);
    expect(model.progress).toBeGreaterThan(300 - 50 - 2 * 16);
    const last = updates.at(-1)!;
    expect(last.status).toBe('diverged');
    expect(last.message).toContain('the weight became NaN');
    expect(last.message).toContain(`iteration ${model.progress}`);
    // Training again starts from the restored state.
    const again = await driver.step();
    expect(again.status).toBe('paused');
    expect(again.message).toBeUndefined();
  });

  it("stops as 'finished' when the model reaches its own end", async () => {
    const { driver, model } = await loaded({ finishAt: 123 });
    const updates: FakeUpdate[] = [];
    expect(await driver.train((u) => updates.push(u))).toBe('finished');
    expect(model.progress).toBe(123);
    expect(updates.at(-1)?.status).toBe('finished');
  });

  it("ends chunks where the model's chunk limit says", async () => {
    const { driver, model } = await loaded({ limitEvery: 10 });
    const sizes: number[] = [];
    const original = model.trainChunk.bind(model);
    model.trainChunk = (count) => {
      sizes.push(count);
      return original(count);
    };
    await driver.train(() => {}, 200);
    let progress = 0;
    for (const size of sizes) {
      expect(Math.floor(progress / 10)).toBe(Math.floor((progress + size - 1) / 10));
      progress += size;
    }
  });

  it('runs exclusive work between chunks, never during one', async () => {
    const { driver, model } = await loaded();
    const run = driver.train(() => {}, 2000);
    const seen: boolean[] = [];
    for (let i = 0; i < 20; i++) seen.push(await driver.exclusive(async (m) => m.busy));
    await run;
    expect(seen.every((busy) => !busy)).toBe(true);
    expect(model.overlaps).toBe(0);
  });

  it('caps the speed when asked', async () => {
    const { env, driver, model } = await loaded();
    driver.setSpeed(100);
    const start = env.clock.t;
    await driver.train(() => {}, 300);
    const seconds = (env.clock.t - start) / 1000;
    expect(model.progress).toBe(300);
    expect(seconds).toBeGreaterThanOrEqual(2.9);
    expect(() => driver.setSpeed(-1)).toThrow(/speed ≥ 0/);
  });

  it('keeps the old model when building a new one fails, and frees the old one when it succeeds', async () => {
    const { env, driver, model } = await loaded();
    await driver.step(3);
    await expect(
      driver.load(async () => {
        throw new Error('bad spec');
      }),
    ).rejects.toThrow('bad spec');
    expect(driver.model).toBe(model);
    expect(model.disposed).toBe(false);
    const next = await driver.load(async () => new CounterModel(env));
    expect(model.disposed).toBe(true);
    expect(driver.model).toBe(next);
    await driver.dispose();
    expect(next.disposed).toBe(true);
    expect(driver.status).toBe('idle');
  });

  it('stop() ends a training run and resolves after its final update, keeping the model', async () => {
    const { driver, model } = await loaded();
    const updates: FakeUpdate[] = [];
    const run = driver.train((u) => updates.push(u));
    await new Promise((resolve) => setImmediate(resolve));
    await driver.stop();
    expect(driver.status).toBe('paused');
    expect(updates.at(-1)).toMatchObject({ status: 'paused', progress: model.progress });
    expect(await run).toBe('paused');
    expect(driver.model).toBe(model);
    await driver.stop(); // a run that is not training: nothing to do
  });

  it('loading a new model stops a training run first', async () => {
    const { env, driver, model } = await loaded();
    const run = driver.train(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    const next = await driver.load(async () => new CounterModel(env));
    expect(await run).toBe('paused');
    expect(model.disposed).toBe(true);
    expect(driver.model).toBe(next);
    expect(driver.status).toBe('paused');
  });
});
