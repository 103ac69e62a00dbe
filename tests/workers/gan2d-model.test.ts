import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RING, DEFAULT_TWO_MOONS } from '../../src/generative/distributions';
import { ganConfig, type GanConfig } from '../../src/generative/gan-config';
import { SessionDriver } from '../../src/workers/core/session-driver';
import { Gan2dModel } from '../../src/workers/studio/gan2d-model';
import {
  GAN2D_VIEW,
  METRICS_EVERY,
  type Gan2dRunSpec,
  type Gan2dSnapshot,
} from '../../src/workers/protocol/studio';
import type { Gan2dEngineName } from '../../src/generative/gan-types';
import { expectAllClose } from '../generative/close';
import { useTestBackend } from '../generative/tf-setup';

beforeAll(useTestBackend);

const small = (overrides: Partial<GanConfig> = {}): GanConfig =>
  ganConfig({
    generator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
    discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'leakyRelu' },
    batchSize: 16,
    ...overrides,
  });

/** The 2-D GAN under the session driver, as the studio worker runs it (with Node's clock and yield). */
class Session extends SessionDriver<Gan2dSnapshot, Gan2dModel> {
  constructor(private readonly engine: Gan2dEngineName = 'tfjs') {
    super(
      {
        yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
        now: () => performance.now(),
        sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
      },
      { updateMs: 80 },
    );
  }
  start(spec: Gan2dRunSpec): Promise<Gan2dModel> {
    return this.load(async () => Gan2dModel.create(spec, this.engine));
  }
  get iterations(): number {
    return this.model.progress;
  }
}

function session(engine: Gan2dEngineName = 'tfjs'): Session {
  return new Session(engine);
}

describe('Gan2dModel under the session driver', () => {
  it('trains in chunks, streaming snapshots with every view, loss points and metrics every N iterations', async () => {
    const s = session();
    await s.start({ config: small(), distribution: DEFAULT_RING });
    const first = await s.update();
    expect(first.iteration).toBe(0);
    expect(first.real.length).toBe(2 * GAN2D_VIEW.realSamples);
    expect(first.fake.length).toBe(2 * GAN2D_VIEW.samples);
    expect(first.arrows.length).toBe(2 * GAN2D_VIEW.samples);
    expect(first.grid.values.length).toBe(GAN2D_VIEW.gridResolution ** 2);
    expect(first.grid.kind).toBe('probability');
    expect(first.manifold.points.length).toBe(2 * GAN2D_VIEW.meshSize ** 2);
    expect(first.metrics).toEqual([expect.objectContaining({ iteration: 0, modesTotal: 8 })]);

    const snapshots: Gan2dSnapshot[] = [];
    const status = await s.train((snap) => snapshots.push(snap), 2 * METRICS_EVERY + 10);
    expect(status).toBe('paused');
    expect(s.iterations).toBe(2 * METRICS_EVERY + 10);
    const last = snapshots[snapshots.length - 1];
    expect(last.status).toBe('paused');
    expect(last.iteration).toBe(s.iterations);
    const losses = snapshots.flatMap((snap) => snap.losses);
    expect(losses.length).toBeGreaterThan(0);
    expect(losses[losses.length - 1].iteration).toBe(s.iterations);
    for (const p of losses) expect(Number.isFinite(p.dLoss) && Number.isFinite(p.gLoss)).toBe(true);
    // Metrics at the multiples of METRICS_EVERY, not every iteration.
    expect(snapshots.flatMap((snap) => snap.metrics).map((m) => m.iteration)).toEqual([
      METRICS_EVERY,
      2 * METRICS_EVERY,
    ]);
    // The generated samples move as G learns; the real ones are a fixed set.
    expect(last.fake).not.toEqual(first.fake);
    expect(last.real).toEqual(first.real);
    await s.dispose();
  });

  it('pauses at once, steps exactly one iteration, and keeps the tensor count flat', async () => {
    const s = session();
    await s.start({ config: small(), distribution: DEFAULT_TWO_MOONS });
    await s.step();
    const tensors = tf.memory().numTensors;
    let snapshots = 0;
    const training = s.train(() => {
      if (++snapshots === 3) s.pause();
    });
    expect(s.status).toBe('training');
    await expect(s.step()).rejects.toThrow(/Pause the run/);
    expect(await training).toBe('paused');
    const stoppedAt = s.iterations;
    expect(stoppedAt).toBeGreaterThan(1);
    const snap = await s.step();
    expect(snap.iteration).toBe(stoppedAt + 1);
    expect(snap.metrics.every((m) => m.modesCovered === null)).toBe(true); // moons are not a mixture
    expect(tf.memory().numTensors).toBe(tensors);
    await s.dispose();
  });

  it('caps the speed when asked', async () => {
    const s = session();
    await s.start({ config: small(), distribution: DEFAULT_RING });
    s.setSpeed(100);
    const t0 = performance.now();
    setTimeout(() => s.pause(), 600);
    await s.train(() => {});
    const seconds = (performance.now() - t0) / 1000;
    expect(s.iterations).toBeGreaterThan(0);
    expect(s.iterations).toBeLessThanOrEqual(Math.ceil(100 * seconds) + 1);
    expect(() => s.setSpeed(-1)).toThrow(/speed/);
    await s.dispose();
  });

  it('runs the same on the typed-array engine: losses, metrics and every view within float tolerance', async () => {
    const runs = await Promise.all(
      (['tfjs', 'js'] as const).map(async (engine) => {
        const s = session(engine);
        await s.start({ config: small(), distribution: DEFAULT_RING });
        const snapshots: Gan2dSnapshot[] = [await s.update()];
        await s.train((snap) => snapshots.push(snap), 40);
        expect(s.model.gan.engine).toBe(engine);
        await s.dispose();
        return snapshots;
      }),
    );
    const [tfjs, js] = runs.map((snaps) => ({
      last: snaps[snaps.length - 1]!,
      losses: snaps.flatMap((snap) => snap.losses),
      metrics: snaps.flatMap((snap) => snap.metrics),
    }));
    expect(js.last.iteration).toBe(40);
    expect(tfjs.last.iteration).toBe(40);
    // Loss points average over the iterations between snapshots, which depend on timing: compare the total.
    const total = (points: typeof js.losses) => points.reduce((sum, p) => sum + p.dLoss + p.gLoss, 0);
    expect(js.losses.length).toBeGreaterThan(0);
    expect(js.metrics).toEqual([expect.objectContaining({ iteration: 0, modesTotal: 8 })]);
    expectAllClose([js.metrics[0]!.js], [tfjs.metrics[0]!.js], 1e-4);
    expect(Number.isFinite(total(js.losses))).toBe(true);
    expectAllClose(js.last.fake, tfjs.last.fake, 1e-3);
    expectAllClose(js.last.arrows, tfjs.last.arrows, 1e-3);
    expectAllClose(js.last.grid.values, tfjs.last.grid.values, 1e-3);
    expectAllClose(js.last.manifold.points, tfjs.last.manifold.points, 1e-3);
  });

  it.each(['tfjs', 'js'] as const)(
    '%s: stops on a non-finite loss with a clear message and restores the last finite weights',
    async (engine) => {
      const s = session(engine);
      // Plain SGD at lr 10 on affine nets with the least-squares game blows up within a few iterations.
      const sgd = { name: 'sgd' as const, learningRate: 10, beta1: 0.9, beta2: 0.999 };
      await s.start({
        config: small({
          generator: { hiddenLayers: 0, hiddenUnits: 1, activation: 'linear' },
          discriminator: { hiddenLayers: 0, hiddenUnits: 1, activation: 'linear' },
          loss: 'least-squares',
          r1Weight: 0,
          generatorOptimizer: sgd,
          discriminatorOptimizer: sgd,
        }),
        distribution: { kind: 'ring', count: 8, radius: 50, sigma: 1 },
      });
      const snapshots: Gan2dSnapshot[] = [];
      const status = await s.train((snap) => snapshots.push(snap), 5000);
      expect(status).toBe('diverged');
      const last = snapshots[snapshots.length - 1];
      expect(last.status).toBe('diverged');
      expect(last.message).toMatch(
        /Training diverged at iteration [\d,]+: .* became (NaN|-?Infinity)\. The last finite weights \(iteration 0\) were restored/,
      );
      expect(s.iterations).toBe(0);
      const weights = await s.model.gan.getWeights();
      expect(weights.every((w) => w.data.every(Number.isFinite))).toBe(true);
      expect(last.fake.every(Number.isFinite)).toBe(true);
      await s.dispose();
    },
  );

  it('refuses a bad config or target before changing anything', async () => {
    const s = session();
    await s.start({ config: small(), distribution: DEFAULT_RING });
    await expect(s.start({ config: small({ batchSize: 0 }), distribution: DEFAULT_RING })).rejects.toThrow(
      /batchSize/,
    );
    await expect(
      s.start({ config: small(), distribution: { kind: 'custom', points: [1], jitter: 0 } }),
    ).rejects.toThrow(/Invalid target distribution/);
    expect(s.status).toBe('paused');
    await s.step();
    await s.dispose();
  });
});
