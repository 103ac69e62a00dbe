/** A tiny regression task whose loss must fall within a few dozen steps on any working backend. */
import * as tf from '@tensorflow/tfjs';
import { buildMlp } from './kernels';
import { Rng } from '../envs/rng';
import { JsMlpTrainer } from '../nn/mlp-trainer';

export interface TinyTask {
  step(): Promise<number>;
  dispose(): void;
}

/** Fits y = x0·x1 + 0.5·x0 on 128 fixed points with a 2-16-16-1 MLP and Adam. */
export function makeTinyTask(seed = 7): TinyTask {
  const model = buildMlp([2, 16, 16, 1], seed);
  const optimizer = tf.train.adam(0.02);
  const x = tf.randomUniform([128, 2], -1, 1, 'float32', seed);
  const y = tf.tidy(() => {
    const [x0, x1] = tf.split(x, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return x0.mul(x1).add(x0.mul(0.5));
  });
  return {
    async step() {
      const loss = optimizer.minimize(
        () => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor2D) as tf.Scalar,
        true,
      )!;
      const value = (await loss.data())[0]!;
      loss.dispose();
      return value;
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** The same fit on the typed-array engine (its own seeded points: the task, not the numbers, is the same). */
export function makeJsTinyTask(seed = 7): TinyTask {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: 256 }, () => rng.uniform(-1, 1));
  const y = Float32Array.from({ length: 128 }, (_, i) => x[2 * i]! * x[2 * i + 1]! + 0.5 * x[2 * i]!);
  return new JsMlpTrainer({ layers: [2, 16, 16, 1], batch: 128 }, seed, {
    learningRate: 0.02,
    data: { x, y },
  });
}
