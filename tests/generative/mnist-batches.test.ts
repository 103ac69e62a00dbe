import { describe, expect, it } from 'vitest';
import { MnistBatcher, digitsPerClass } from '../../src/generative/mnist-batches';
import { MNIST_PIXELS, type MnistSet } from '../../src/generative/mnist-asset';

/** 10 digits whose first pixel is their index, so batches can be read back as indices. */
function tinySet(count = 10): MnistSet {
  const pixels = new Float32Array(count * MNIST_PIXELS);
  for (let i = 0; i < count; i++) pixels[i * MNIST_PIXELS] = i;
  return { count, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), pixels };
}

const ids = (pixels: Float32Array) =>
  Array.from({ length: pixels.length / MNIST_PIXELS }, (_, i) => pixels[i * MNIST_PIXELS]);

describe('MNIST batches', () => {
  it('visits every digit once per epoch in a seeded shuffled order, and reshuffles each epoch', () => {
    const batcher = new MnistBatcher(tinySet(), 5, 42);
    const epoch1 = [...ids(batcher.next().pixels), ...ids(batcher.next().pixels)];
    const epoch2 = [...ids(batcher.next().pixels), ...ids(batcher.next().pixels)];
    expect([...epoch1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...epoch2].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch2).not.toEqual(epoch1);
    expect(batcher.epochs).toBe(2);
    const again = new MnistBatcher(tinySet(), 5, 42);
    expect(ids(again.next().pixels)).toEqual(epoch1.slice(0, 5));
  });

  it('resumes from its state mid-epoch and across epoch boundaries with the very same batches', () => {
    const a = new MnistBatcher(tinySet(), 3, 7);
    for (let i = 0; i < 4; i++) a.next(); // into the second epoch (3 batches of 3 per epoch)
    const b = new MnistBatcher(tinySet(), 3, 999);
    b.setState(structuredClone(a.getState()));
    for (let i = 0; i < 7; i++) expect(ids(b.next().pixels)).toEqual(ids(a.next().pixels));
  });

  it('picks fixed view digits class by class', () => {
    const indices = digitsPerClass(tinySet(20), 2);
    expect(indices).toEqual([0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15, 6, 16, 7, 17, 8, 18, 9, 19]);
  });
});
