import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from './tf-setup';
import { cellStep, hiddenGradientNorms, RecurrentNet, type CellWeights } from '../../src/learn/recurrent';
import { RecurrentTrainer, batchTensors } from '../../src/learn/recurrent-trainer';
import { sampleSequences } from '../../src/learn/sequence-tasks';
import { Rng } from '../../src/envs/rng';

beforeAll(useTestBackend);

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Small fixed weights: [in=2, gates·H] and [H=2, gates·H], values spread over [-0.9, 0.9]. */
function fixedWeights(gates: number): { wIh: number[][]; wHh: number[][]; bIh: number[]; bHh: number[] } {
  const G = gates * 2;
  const v = (k: number): number => Math.round(Math.sin(1.7 * k + 0.3) * 90) / 100;
  return {
    wIh: [0, 1].map((r) => Array.from({ length: G }, (_, c) => v(r * G + c))),
    wHh: [0, 1].map((r) => Array.from({ length: G }, (_, c) => v(50 + r * G + c))),
    bIh: Array.from({ length: G }, (_, c) => v(100 + c) / 2),
    bHh: Array.from({ length: G }, (_, c) => v(150 + c) / 2),
  };
}

function toTensors(w: ReturnType<typeof fixedWeights>): CellWeights {
  return {
    wIh: tf.tensor2d(w.wIh),
    wHh: tf.tensor2d(w.wHh),
    bIh: tf.tensor1d(w.bIh),
    bHh: tf.tensor1d(w.bHh),
  };
}

/** a_j = Σ x_k W_ih[k][j] + b_ih[j] + Σ h_k W_hh[k][j] + b_hh[j], kept as the two halves. */
function preActivations(
  w: ReturnType<typeof fixedWeights>,
  x: number[],
  h: number[],
): { fromX: number[]; fromH: number[] } {
  const G = w.bIh.length;
  const fromX = Array.from(
    { length: G },
    (_, j) => x[0]! * w.wIh[0]![j]! + x[1]! * w.wIh[1]![j]! + w.bIh[j]!,
  );
  const fromH = Array.from(
    { length: G },
    (_, j) => h[0]! * w.wHh[0]![j]! + h[1]! * w.wHh[1]![j]! + w.bHh[j]!,
  );
  return { fromX, fromH };
}

const x = [0.5, -1.2];
const h0 = [0.3, -0.4];
const c0 = [0.8, -0.1];

describe('recurrent cells', () => {
  it('an RNN step is tanh(x W_ih + b_ih + h W_hh + b_hh)', async () => {
    const w = fixedWeights(1);
    const { fromX, fromH } = preActivations(w, x, h0);
    const expected = fromX.map((a, j) => Math.tanh(a + fromH[j]!));
    const { state } = cellStep('rnn', toTensors(w), tf.tensor2d([x]), { h: tf.tensor2d([h0]) });
    expect(Array.from(await state.h.data())).toEqual(expected.map((v) => expect.closeTo(v, 5)));
  });

  it('an LSTM step matches the forget-gate LSTM equations computed by hand', async () => {
    const w = fixedWeights(4);
    const { fromX, fromH } = preActivations(w, x, h0);
    const a = fromX.map((v, j) => v + fromH[j]!);
    // PyTorch's gate order: i, f, g, o (two units each).
    const c1 = [0, 1].map((u) => sigmoid(a[2 + u]!) * c0[u]! + sigmoid(a[u]!) * Math.tanh(a[4 + u]!));
    const h1 = [0, 1].map((u) => sigmoid(a[6 + u]!) * Math.tanh(c1[u]!));
    const result = cellStep('lstm', toTensors(w), tf.tensor2d([x]), {
      h: tf.tensor2d([h0]),
      c: tf.tensor2d([c0]),
    });
    expect(Array.from(await result.state.h.data())).toEqual(h1.map((v) => expect.closeTo(v, 5)));
    expect(Array.from(await result.state.c!.data())).toEqual(c1.map((v) => expect.closeTo(v, 5)));
    expect(Array.from(await result.gates.forget!.data())).toEqual(
      [0, 1].map((u) => expect.closeTo(sigmoid(a[2 + u]!), 5)),
    );
  });

  it("an LSTM step equals tf.layers' LSTMCell given the same weights (its bias = b_ih + b_hh)", async () => {
    const w = fixedWeights(4);
    const cell = tf.layers.lstmCell({ units: 2, recurrentActivation: 'sigmoid' });
    cell.build([1, 2]);
    cell.setWeights([
      tf.tensor2d(w.wIh),
      tf.tensor2d(w.wHh),
      tf.tensor1d(w.bIh.map((b, j) => b + w.bHh[j]!)),
    ]);
    const [hRef, , cRef] = cell.call(
      [tf.tensor2d([x]), tf.tensor2d([h0]), tf.tensor2d([c0])],
      {},
    ) as tf.Tensor[];
    const ours = cellStep('lstm', toTensors(w), tf.tensor2d([x]), {
      h: tf.tensor2d([h0]),
      c: tf.tensor2d([c0]),
    });
    const expected = Array.from(await hRef!.data());
    expect(Array.from(await ours.state.h.data())).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    const expectedC = Array.from(await cRef!.data());
    expect(Array.from(await ours.state.c!.data())).toEqual(expectedC.map((v) => expect.closeTo(v, 5)));
  });

  it('a GRU step matches Cho et al. 2014 as PyTorch writes it (reset applied to h W_hn + b_hn)', async () => {
    const w = fixedWeights(3);
    const { fromX, fromH } = preActivations(w, x, h0);
    // Gate order r, z, n.
    const r = [0, 1].map((u) => sigmoid(fromX[u]! + fromH[u]!));
    const z = [0, 1].map((u) => sigmoid(fromX[2 + u]! + fromH[2 + u]!));
    const n = [0, 1].map((u) => Math.tanh(fromX[4 + u]! + r[u]! * fromH[4 + u]!));
    const h1 = [0, 1].map((u) => (1 - z[u]!) * n[u]! + z[u]! * h0[u]!);
    const result = cellStep('gru', toTensors(w), tf.tensor2d([x]), { h: tf.tensor2d([h0]) });
    expect(Array.from(await result.state.h.data())).toEqual(h1.map((v) => expect.closeTo(v, 5)));
    expect(Array.from(await result.gates.update!.data())).toEqual(z.map((v) => expect.closeTo(v, 5)));
    expect(Array.from(await result.gates.reset!.data())).toEqual(r.map((v) => expect.closeTo(v, 5)));
  });

  it("the RNN's gradient w.r.t. early hidden states vanishes far faster than the LSTM's (seeded, 40 steps)", async () => {
    const task = { kind: 'remember' as const, length: 40, frequency: 0.05, noise: 0.5 };
    const ratio = async (cell: 'rnn' | 'lstm' | 'gru'): Promise<number> => {
      const net = new RecurrentNet({
        cell,
        inputSize: 1,
        hiddenSize: 16,
        outputSize: 1,
        seed: 3,
        keepBias: 1,
      });
      const { xs, ys } = batchTensors(sampleSequences(task, 16, new Rng(11)));
      const norms = await hiddenGradientNorms(net, xs, ys);
      tf.dispose([xs, ys]);
      net.dispose();
      expect(norms.length).toBe(40);
      expect(norms.every(Number.isFinite)).toBe(true);
      return norms[0]! / norms[39]!;
    };
    const rnn = await ratio('rnn');
    const lstm = await ratio('lstm');
    expect(rnn).toBeLessThan(1e-4);
    expect(lstm).toBeGreaterThan(100 * rnn);
  });

  it('training an LSTM on the noisy sine lowers its loss, with a flat tensor count', async () => {
    const trainer = new RecurrentTrainer({
      cell: 'lstm',
      task: { kind: 'sine', length: 20, frequency: 0.05, noise: 0.05 },
      hiddenSize: 8,
      learningRate: 0.02,
      batchSize: 16,
      seed: 1,
      keepBias: 1,
    });
    const first = (await trainer.step()).loss;
    await trainer.inspect(sampleSequences(trainer.config.task, 4, new Rng(2)));
    const tensors = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 80; i++) last = (await trainer.step()).loss;
    await trainer.inspect(sampleSequences(trainer.config.task, 4, new Rng(2)));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(last).toBeLessThan(first / 3);
    trainer.dispose();
  });
});

describe('sequence tasks', () => {
  it('the sine target is the next input; the remember target is the first input', () => {
    const sine = sampleSequences({ kind: 'sine', length: 10, frequency: 0.1, noise: 0.2 }, 3, new Rng(5));
    for (let b = 0; b < 3; b++) {
      for (let t = 0; t < 9; t++) expect(sine.targets[b * 10 + t]).toBe(sine.inputs[b * 10 + t + 1]);
    }
    const remember = sampleSequences(
      { kind: 'remember', length: 10, frequency: 0.1, noise: 0.2 },
      8,
      new Rng(5),
    );
    for (let b = 0; b < 8; b++) {
      expect(Math.abs(remember.inputs[b * 10]!)).toBe(1);
      expect(remember.targets[b * 10 + 9]).toBe(remember.inputs[b * 10]);
      for (let t = 1; t < 10; t++) expect(Math.abs(remember.inputs[b * 10 + t]!)).toBeLessThanOrEqual(0.2);
    }
  });
});
