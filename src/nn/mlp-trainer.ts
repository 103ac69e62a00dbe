/**
 * What the backend measurement times on the typed-array engine: the same job as kernels.ts's MlpTrainer does
 * on tfjs (a ReLU MLP of the profile's widths, one Adam step on a fixed batch with MSE, the loss read back),
 * so "auto" compares like with like. Also a plain matmul for the System page's benchmark.
 */
import { Rng } from '../envs/rng';
import { buildInMemory } from './nn-memory';
import { makeFlatOptimizer, type FlatOptimizer } from './optimizers';
import { QNet } from './q-net';

export class JsMlpTrainer {
  private readonly net: QNet;
  private readonly optimizer: FlatOptimizer;
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly one: Float32Array;
  private readonly batch: number;

  /** `data` replaces the random batch (x: [batch, inputs], y: [batch, outputs], row-major). */
  constructor(
    profile: { layers: readonly number[]; batch: number },
    seed = 1,
    options: { learningRate?: number; data?: { x: Float32Array; y: Float32Array } } = {},
  ) {
    const { layers, batch } = profile;
    const inputs = layers[0]!;
    const outputs = layers[layers.length - 1]!;
    const spec = { obsSize: inputs, nActions: outputs, hiddenSizes: layers.slice(1, -1), dueling: false };
    // In SIMD memory where available, as the DQN agent runs: what "auto" times is what the arena gets.
    const built = buildInMemory((memory) => {
      const net = new QNet({ ...spec, activation: 'relu' }, batch, memory);
      const size = net.params.length;
      return { net, optimizer: makeFlatOptimizer('adam', options.learningRate ?? 1e-3, size, memory) };
    });
    this.net = built.net;
    this.optimizer = built.optimizer;
    const rng = new Rng(seed);
    // Glorot-uniform kernels, zero biases (as tfjs's defaults; the random stream is ours).
    let fanIn = inputs;
    for (const slice of this.net.slices) {
      if (!slice.name.endsWith('/kernel')) continue;
      const fanOut = slice.shape[1]!;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < slice.size; i++) this.net.params[slice.offset + i] = rng.uniform(-limit, limit);
      fanIn = fanOut;
    }
    this.x = options.data?.x ?? Float32Array.from({ length: batch * inputs }, () => rng.uniform(-1, 1));
    this.y = options.data?.y ?? Float32Array.from({ length: batch * outputs }, () => rng.uniform(-1, 1));
    if (this.x.length !== batch * inputs || this.y.length !== batch * outputs) {
      throw new Error(`Expected ${batch} rows of ${inputs} inputs and ${outputs} outputs`);
    }
    this.one = new Float32Array(inputs);
    this.batch = batch;
  }

  async step(): Promise<number> {
    const { net, batch, y } = this;
    const out = net.forward(this.x, batch);
    const grad = net.gradQValues;
    const count = batch * net.spec.nActions;
    let loss = 0;
    for (let i = 0; i < count; i++) {
      const d = out[i]! - y[i]!;
      loss += d * d;
      grad[i] = (2 * d) / count;
    }
    net.backward(this.x, batch);
    this.optimizer.apply(net.params, net.grads);
    return loss / count;
  }

  async forwardOne(): Promise<void> {
    this.net.forward(this.one, 1);
  }

  dispose(): void {}
}

/** C = A·B for two n×n matrices of uniform noise (row-major, i-k-j order). */
export function jsMatmul(n: number): () => Promise<void> {
  const rng = new Rng(1);
  const a = Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const b = Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const c = new Float32Array(n * n);
  return async () => {
    c.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const x = a[i * n + k]!;
        const row = k * n;
        const out = i * n;
        for (let j = 0; j < n; j++) c[out + j] += x * b[row + j]!;
      }
    }
  };
}
