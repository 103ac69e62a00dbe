import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeMnistAsset } from '../../scripts/mnist-asset.mjs';
import { decodeMnistAsset, splitMnist } from '../../src/generative/mnist-asset';
import { IMAGE_PIXELS, type LabelledSet } from '../../src/learn/classifier';
import { parseClassifierCheckpoint } from '../../src/learn/classifier-checkpoint';
import { DEFAULT_CLASSIFIER_SETTINGS, type ClassifierUpdate } from '../../src/workers/protocol/learn';
import { SessionDriver } from '../../src/workers/core/session-driver';
import {
  ClassifierModel,
  EVAL_EVERY,
  type ClassifierData,
} from '../../src/workers/learn/vision/classifier-model';
import { useTestBackend } from '../learn/tf-setup';

const first = (set: LabelledSet, count: number): LabelledSet => ({
  count,
  pixels: set.pixels.slice(0, count * IMAGE_PIXELS),
  labels: set.labels.slice(0, count),
});

let data: ClassifierData;
beforeAll(async () => {
  await useTestBackend();
  const mnist = splitMnist(decodeMnistAsset(encodeMnistAsset()));
  data = { train: first(mnist.train, 640), test: first(mnist.test, 200) };
}, 60_000);

/** The classifier under the session driver, as the Learn worker runs it (Node's clock and yield). */
class Session extends SessionDriver<ClassifierUpdate, ClassifierModel> {
  saves = 0;
  constructor() {
    super({
      yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
      now: () => performance.now(),
      sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
    });
  }
  private readonly onFinish = async () => {
    this.saves++;
    return undefined;
  };
  start(steps: number): Promise<ClassifierModel> {
    return this.load(async () =>
      ClassifierModel.create(DEFAULT_CLASSIFIER_SETTINGS, steps, data, this.onFinish),
    );
  }
  async resume(untrusted: unknown): Promise<ClassifierModel> {
    const saved = parseClassifierCheckpoint(untrusted, 'Cannot load this classifier');
    return this.load(async () => ClassifierModel.restore(saved, data, this.onFinish));
  }
}

const meta = { name: 'test', appVersion: '0.0.0', backend: 'wasm' };

describe('ClassifierModel under the session driver', () => {
  it('trains a run to its budget: a point per step, test accuracy every 25 steps, then measured and saved', async () => {
    const s = new Session();
    await s.start(EVAL_EVERY + 5);
    const firstUpdate = await s.update();
    expect(firstUpdate).toMatchObject({ status: 'paused', steps: 0, testAccuracy: null, fraction: 0 });
    const updates: ClassifierUpdate[] = [];
    expect(await s.train((u) => updates.push(u))).toBe('finished');
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ status: 'finished', steps: EVAL_EVERY + 5, fraction: 1, source: 'trained' });
    expect(last.testAccuracy).toBeGreaterThan(0.3);
    const points = updates.flatMap((u) => u.points);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: EVAL_EVERY + 5 }, (_, i) => i + 1));
    expect(points.filter((p) => p.testAccuracy !== null).map((p) => p.step)).toEqual([EVAL_EVERY]);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(s.saves).toBe(1);
    // Another run goes on from there.
    await s.exclusive((m) => m.extendRun(3));
    expect((await s.update()).status).toBe('paused');
    expect(await s.train(() => {})).toBe('finished');
    expect(s.model.progress).toBe(EVAL_EVERY + 8);
    expect(s.saves).toBe(2);
    await s.dispose();
  }, 60_000);

  it('pauses at once, steps one step, stops early on request, and keeps the tensor count flat', async () => {
    const s = new Session();
    await s.start(10_000);
    await s.step();
    const tensors = tf.memory().numTensors;
    let updates = 0;
    const training = s.train(() => {
      if (++updates === 2) s.pause();
    });
    expect(await training).toBe('paused');
    const held = s.model.progress;
    expect(held).toBeGreaterThan(1);
    expect((await s.update()).steps).toBe(held);
    expect((await s.step()).steps).toBe(held + 1);
    expect(tf.memory().numTensors).toBe(tensors);
    // Stop while paused: the next step trains nothing, measures every test digit and saves.
    await s.exclusive((m) => m.endRun());
    const stopped = await s.step();
    expect(stopped).toMatchObject({ status: 'finished', steps: held + 1 });
    expect(stopped.testAccuracy).not.toBeNull();
    expect(s.saves).toBe(1);
    expect(tf.memory().numTensors).toBe(tensors);
    await s.dispose();
  }, 60_000);

  it('on a NaN loss, restores the last finite weights and says so', async () => {
    const s = new Session();
    await s.start(1000);
    await s.train(() => {}, 2); // the last finite copy is the one taken when the model was built
    await s.exclusive((m) => m.net.variables.get('logits/bias')!.assign(tf.fill([10], NaN)));
    const updates: ClassifierUpdate[] = [];
    expect(await s.train((u) => updates.push(u))).toBe('diverged');
    const last = updates.at(-1)!;
    expect(last.status).toBe('diverged');
    expect(last.message).toMatch(
      /Training diverged at step 3: the loss became NaN\. The last finite weights \(step 0\) were restored/,
    );
    expect(s.model.progress).toBe(0);
    const weights = await s.model.net.getWeights();
    expect(weights.every((w) => w.data.every(Number.isFinite))).toBe(true);
    // Training goes on from the restored weights (with a fresh Adam, so no NaN moments come back).
    const next = await s.step();
    expect(next.steps).toBe(1);
    expect(next.points.map((p) => Number.isFinite(p.loss))).toEqual([true]);
    await s.dispose();
  }, 60_000);

  it('resumes from its checkpoint with its weights, steps, accuracy and curve', async () => {
    const s = new Session();
    await s.start(EVAL_EVERY);
    await s.train(() => {});
    const checkpoint = await s.exclusive((m) => m.checkpoint(meta));
    expect(checkpoint.state.histories).toBeDefined();
    const before = await s.model.net.getWeights();
    const accuracy = (await s.update()).testAccuracy;

    const r = new Session();
    await r.resume(structuredClone(checkpoint));
    const resumed = await r.update();
    expect(resumed).toMatchObject({ status: 'finished', steps: EVAL_EVERY, source: 'saved' });
    expect(resumed.testAccuracy).toBeCloseTo(accuracy!, 6);
    expect(await r.model.net.getWeights()).toEqual(before);
    const saved = await r.exclusive((m) => m.snapshot());
    expect(saved.history.map((p) => p.step)).toEqual(Array.from({ length: EVAL_EVERY }, (_, i) => i + 1));
    expect(saved.history.at(-1)!.testAccuracy).not.toBeNull();
    // Training on continues the step count and the curve.
    await r.exclusive((m) => m.extendRun(2));
    const updates: ClassifierUpdate[] = [];
    await r.train((u) => updates.push(u));
    expect(updates.flatMap((u) => u.points).map((p) => p.step)).toEqual([EVAL_EVERY + 1, EVAL_EVERY + 2]);
    expect((await r.exclusive((m) => m.snapshot())).history).toHaveLength(EVAL_EVERY + 2);

    await expect(
      r.resume({ ...checkpoint, config: { ...checkpoint.config, architecture: 'mlp' } }),
    ).rejects.toThrow(/expected the conv8x5-pool2-conv16x5-pool2-dense10 network/);
    expect(r.model.progress).toBe(EVAL_EVERY + 2);
    await Promise.all([s.dispose(), r.dispose()]);
  }, 60_000);
});
