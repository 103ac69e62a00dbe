import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import { Net } from '../../src/generative/image-nets';

// The cpu backend: the reference tf.conv2d needs Conv2DBackpropFilter, which tfjs-wasm lacks (why we have our own).
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Largest absolute difference between two tensors. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const value = (await d.data())[0];
  d.dispose();
  return value;
}

describe('image nets', () => {
  it("a stride-1 convolution and a resize-convolution match tf.conv2d with 'same' padding, values and gradients", async () => {
    const rng = new Rng(5);
    for (const type of ['conv', 'upconv'] as const) {
      const net = new Net(
        [6, 6, 3],
        [
          type === 'conv'
            ? { type, filters: 4, kernel: 3, stride: 1, activation: 'linear' }
            : { type, filters: 4, kernel: 3, scale: 2, activation: 'linear' },
        ],
        rng,
        'test',
      );
      // A non-zero bias, so that adding it once (not once per kernel offset) is checked too.
      net.variables[1].assign(tf.tensor1d([0.1, -0.2, 0.3, 0.4]));
      const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
      const reference = (input: tf.Tensor4D) => {
        const scaled = type === 'upconv' ? tf.image.resizeNearestNeighbor(input, [12, 12]) : input;
        return tf.add(tf.conv2d(scaled, net.variables[0] as tf.Tensor4D, 1, 'same'), net.variables[1]);
      };
      expect(await maxDiff(net.apply(x), reference(x))).toBeLessThan(1e-4);
      // Same loss, same gradients with respect to the input and the kernel.
      const loss = (f: (input: tf.Tensor4D) => tf.Tensor) => (input: tf.Tensor) =>
        tf.sum(tf.square(f(input as tf.Tensor4D))) as tf.Scalar;
      const ours = tf.grad(loss((input) => net.apply(input)))(x);
      const theirs = tf.grad(loss(reference))(x);
      expect(await maxDiff(ours, theirs)).toBeLessThan(1e-3);
      const kernelGrad = (f: (input: tf.Tensor4D) => tf.Tensor) =>
        tf.variableGrads(() => loss(f)(x), [net.variables[0]]).grads[net.variables[0].name];
      expect(
        await maxDiff(
          kernelGrad((input) => net.apply(input)),
          kernelGrad(reference),
        ),
      ).toBeLessThan(1e-3);
      net.dispose();
    }
  });
});
