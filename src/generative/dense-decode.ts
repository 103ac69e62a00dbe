/**
 * The VAE decoder (dense ReLU layers, then sigmoid pixels) in plain TypeScript, for decoding single latent points
 * in the page while the user drags: one 2 → 256 → 784 pass is ~0.2M multiply-adds, well under a millisecond, so
 * it needs no round trip to the busy worker. Weights are the decoder's `dense_i/kernel|bias` as getWeights names them.
 */
import type { NamedWeight } from './mlp';

interface DenseLayer {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  outputs: number;
}

export class DenseDecoder {
  private readonly layers: DenseLayer[] = [];

  constructor(weights: readonly NamedWeight[]) {
    const byName = new Map(weights.map((w) => [w.name, w]));
    for (let i = 0; ; i++) {
      const kernel = byName.get(`dense_${i}/kernel`);
      const bias = byName.get(`dense_${i}/bias`);
      if (!kernel || !bias) break;
      const [inputs, outputs] = kernel.shape;
      if (kernel.shape.length !== 2 || bias.shape[0] !== outputs || kernel.data.length !== inputs * outputs)
        throw new Error(
          `Expected dense_${i} of a dense decoder, got kernel [${kernel.shape}] and bias [${bias.shape}]`,
        );
      const previous = this.layers[this.layers.length - 1];
      if (previous && previous.outputs !== inputs)
        throw new Error(`dense_${i} takes ${inputs} inputs, but the layer before gives ${previous.outputs}`);
      this.layers.push({ kernel: kernel.data, bias: bias.data, inputs, outputs });
    }
    if (this.layers.length === 0)
      throw new Error('Expected decoder weights named dense_0/kernel, ..., got none');
  }

  get inputSize(): number {
    return this.layers[0].inputs;
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1].outputs;
  }

  /** σ(decoder(z)) for one latent point. */
  decode(z: ArrayLike<number>): Float32Array {
    if (z.length !== this.inputSize)
      throw new Error(`Expected ${this.inputSize} latent values, got ${z.length}`);
    let h = Float32Array.from(z);
    this.layers.forEach((layer, l) => {
      const out = Float32Array.from(layer.bias);
      for (let i = 0; i < layer.inputs; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const row = i * layer.outputs;
        for (let j = 0; j < layer.outputs; j++) out[j] += hi * layer.kernel[row + j];
      }
      const last = l === this.layers.length - 1;
      for (let j = 0; j < out.length; j++) out[j] = last ? 1 / (1 + Math.exp(-out[j])) : Math.max(0, out[j]);
      h = out;
    });
    return h;
  }
}
