import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RunController, type RunPort, type RunState } from '../../../src/ui/run/run-controller';
import { nextStatus, type RunEvent, type RunStatus } from '../../../src/ui/run/run-status';
import type { SessionStatus } from '../../../src/workers/core/session-status';
import type { BackendReport } from '../../../src/workers/protocol';
import { listCheckpoints } from '../../../src/storage/db';
import { makeGanCheckpoint } from '../../storage/fixtures';
import type { Checkpoint } from '../../../src/storage/checkpoint';
import type { MetricHistory } from '../../../src/storage/metric-history';

interface Update {
  status: SessionStatus;
  step: number;
  message?: string;
}

const backend: BackendReport = { preference: 'auto', active: 'cpu', probes: [], why: 'test' };

/** A worker stand-in: training produces one update per tick until paused (or a budget/divergence). */
class FakePort implements RunPort<{ lr: number }, Update> {
  step_ = 0;
  paused = false;
  terminated = 0;
  crash: (message: string) => void = () => {};
  finishAt = Infinity;
  divergeAt = Infinity;
  refuse = false;
  private wake: (() => void) | null = null;

  async start(spec: { lr: number }) {
    if (this.refuse || spec.lr <= 0) throw new Error(`Expected a positive learning rate, got ${spec.lr}`);
    this.step_ = 0;
    return { backend, update: { status: 'paused' as const, step: 0 } };
  }
  async resume() {
    this.step_ = 42;
    return { backend, spec: { lr: 0.5 }, update: { status: 'paused' as const, step: 42 } };
  }
  async train(onUpdate: (u: Update) => void): Promise<SessionStatus> {
    this.paused = false;
    for (;;) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setImmediate(resolve);
      });
      if (this.paused) break;
      this.step_++;
      if (this.step_ >= this.divergeAt) {
        this.step_ = 1;
        onUpdate({ status: 'diverged', step: this.step_, message: 'Training diverged at step 5' });
        return 'diverged';
      }
      if (this.step_ >= this.finishAt) {
        onUpdate({ status: 'finished', step: this.step_ });
        return 'finished';
      }
      onUpdate({ status: 'training', step: this.step_ });
    }
    onUpdate({ status: 'paused', step: this.step_ });
    return 'paused';
  }
  async pause() {
    this.paused = true;
    this.wake?.();
  }
  async step() {
    return { status: 'paused' as const, step: ++this.step_ };
  }
  async checkpoint(name: string) {
    return { ...makeGanCheckpoint(), name };
  }
  terminate() {
    this.terminated++;
  }
  warmed = 0;
  warm() {
    this.warmed++;
  }
}

class State implements RunState<{ lr: number }, Update> {
  steps: number[] = [];
  resumedAt: number | null = null;
  apply(u: Update) {
    this.steps.push(u.step);
  }
  clear() {
    this.steps = [];
  }
  resumedHistories: MetricHistory[] = [];
  histories(): MetricHistory[] {
    return [
      { name: 'steps', x: this.steps.map((_, i) => i), series: [{ name: 'step', values: this.steps }] },
    ];
  }
  resumed(_c: Checkpoint, _s: { lr: number }, histories: MetricHistory[]) {
    this.resumedAt = 42;
    this.resumedHistories = histories;
  }
}

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  redraws = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.redraws++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

function setup() {
  const host = new Host();
  const port = new FakePort();
  const state = new State();
  const controller = new RunController(host, {
    port: (onCrash) => {
      port.crash = onCrash;
      return port;
    },
    state,
    activity: 'Training in a test',
    schedule: (redraw) => queueMicrotask(redraw),
  });
  return { host, port, state, controller };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe('run status machine', () => {
  it('allows exactly the documented transitions', () => {
    const path: [RunStatus, RunEvent, RunStatus][] = [
      ['idle', 'start', 'starting'],
      ['starting', 'ready', 'paused'],
      ['paused', 'train', 'training'],
      ['training', 'pause', 'paused'],
      ['training', 'finish', 'finished'],
      ['finished', 'train', 'training'],
      ['starting', 'fail', 'crashed'],
      ['training', 'crash', 'crashed'],
      ['crashed', 'start', 'starting'],
      ['paused', 'reset', 'idle'],
    ];
    for (const [from, event, to] of path) expect(nextStatus(from, event)).toBe(to);
    expect(nextStatus('idle', 'train')).toBeNull();
    expect(nextStatus('training', 'train')).toBeNull();
    expect(nextStatus('training', 'start')).toBeNull();
    expect(nextStatus('crashed', 'train')).toBeNull();
    expect(nextStatus('starting', 'train')).toBeNull();
  });
});

describe('RunController', () => {
  it('starts, trains, pauses and steps, folding every update into the page state in order', async () => {
    const { controller, state, port, host } = setup();
    expect(await controller.start({ lr: 0.1 })).toBe(true);
    expect(controller.status).toBe('paused');
    expect(controller.backend?.active).toBe('cpu');
    controller.train();
    expect(controller.status).toBe('training');
    await until(() => state.steps.length > 5);
    await controller.pause();
    expect(controller.status).toBe('paused');
    // The first update, then one per trained step, then the final one (same step, status paused).
    const trained = state.steps.length - 2;
    expect(state.steps).toEqual([0, ...Array.from({ length: trained }, (_, i) => i + 1), trained]);
    const before = port.step_;
    await controller.step();
    expect(state.steps.at(-1)).toBe(before + 1);
    await until(() => host.redraws > 0);
  });

  it('starts the worker ahead of the first run, and only while no run is going', async () => {
    const { port, controller } = setup();
    controller.prewarm();
    expect(port.warmed).toBe(1);
    expect(controller.status).toBe('idle');
    expect(await controller.start({ lr: 0.1 })).toBe(true);
    controller.prewarm();
    expect(port.warmed).toBe(1);
  });

  it('refuses to train before a model is built, and says why a refused spec failed', async () => {
    const { controller, port } = setup();
    controller.train();
    expect(controller.status).toBe('idle');
    expect(await controller.start({ lr: -1 })).toBe(false);
    expect(controller.status).toBe('crashed');
    expect(controller.message).toBe('Expected a positive learning rate, got -1');
    port.refuse = false;
    expect(await controller.start({ lr: 1 })).toBe(true);
    expect(controller.message).toBeNull();
  });

  it('ends as finished when the worker says so, and can train on from there', async () => {
    const { controller, port } = setup();
    port.finishAt = 3;
    await controller.start({ lr: 0.1 });
    controller.train();
    await until(() => controller.status !== 'training');
    expect(controller.status).toBe('finished');
    port.finishAt = Infinity;
    controller.train();
    expect(controller.status).toBe('training');
    await controller.pause();
    expect(controller.status).toBe('paused');
  });

  it('shows a divergence as a pause with its message', async () => {
    const { controller, port } = setup();
    port.divergeAt = 5;
    await controller.start({ lr: 0.1 });
    controller.train();
    await until(() => controller.status !== 'training');
    expect(controller.status).toBe('paused');
    expect(controller.message).toContain('diverged');
  });

  it('reports a crashed worker, drops its late updates, and starts a fresh worker next time', async () => {
    const { controller, port, state } = setup();
    await controller.start({ lr: 0.1 });
    controller.train();
    await until(() => state.steps.length > 2);
    port.crash('out of memory');
    expect(controller.status).toBe('crashed');
    expect(controller.message).toContain('out of memory');
    expect(port.terminated).toBe(1);
    const seen = state.steps.length;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.steps.length).toBe(seen);
    controller.train();
    expect(controller.status).toBe('crashed');
    expect(await controller.start({ lr: 0.1 })).toBe(true);
    expect(controller.status).toBe('paused');
  });

  it('resumes from a checkpoint and lets the page continue its history', async () => {
    const { controller, state } = setup();
    const spec = await controller.resume(makeGanCheckpoint());
    expect(spec).toEqual({ lr: 0.5 });
    expect(controller.spec).toEqual({ lr: 0.5 });
    expect(state.resumedAt).toBe(42);
    expect(controller.status).toBe('paused');
    expect(controller.saved?.text).toMatch(/^Resumed/);
  });

  it('saves the run with its chart history, and a resume hands that history back', async () => {
    const { controller, state } = setup();
    expect(await controller.save('nothing yet')).toBeNull();
    await controller.start({ lr: 0.1 });
    await controller.step();
    await controller.step();
    const saved = await controller.save('my run');
    expect(saved?.name).toBe('my run');
    expect(controller.saved).toMatchObject({ ok: true });
    const record = (await listCheckpoints()).records.find((c) => c.name === 'my run');
    expect(record).toBeDefined();
    await controller.resume(record!.id);
    expect(controller.status).toBe('paused');
    expect(state.resumedHistories).toEqual([
      { name: 'steps', x: [0, 1, 2], series: [{ name: 'step', values: [0, 1, 2] }] },
    ]);
  });

  it('refuses to resume a checkpoint whose history is malformed, saying why', async () => {
    const { controller } = setup();
    const bad = makeGanCheckpoint();
    bad.state = { histories: [{ name: 'x', x: [1, 2], series: [{ name: 's', values: [1] }] }] };
    expect(await controller.resume(bad)).toBeNull();
    expect(controller.status).toBe('crashed');
    expect(controller.message).toMatch(/one value per x/);
  });

  it('reset forgets the run and its drawing', async () => {
    const { controller, state } = setup();
    await controller.start({ lr: 0.1 });
    await controller.step();
    await controller.reset();
    expect(controller.status).toBe('idle');
    expect(controller.spec).toBeNull();
    expect(state.steps).toEqual([]);
  });
});
