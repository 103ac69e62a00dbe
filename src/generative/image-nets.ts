/**
 * Small feed-forward networks for 28×28 digits, as plain tf.Variables trained with autograd: dense layers,
 * strided convolutions and transposed convolutions. Weights start from our seeded Rng (the same seed gives the
 * same network on every backend) and leave as named plain arrays for checkpoints.
 *
 * Convolutions run as depth-1 3-D convolutions: tfjs's WASM backend has no Conv2DBackpropFilter kernel (so a
 * 2-D convolution cannot be trained there), but it has Conv3D and both of its gradients. Kernels are stored in
 * the usual 2-D layout [k, k, in, out]. G upsamples by resize-convolution, not transposed convolution: tfjs has no
 * gradient for Conv3DBackpropInputV2, and resize-convolution avoids checkerboard artefacts anyway.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../envs/rng';
import { checkWeight, type NamedWeight } from './mlp';

export type ImageActivation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';

/** Slope of leakyRelu for x < 0 (DCGAN's 0.2). */
export const LEAKY_SLOPE = 0.2;

export type LayerSpec =
  | { type: 'dense'; units: number; activation: ImageActivation }
  /** Per-example shape, e.g. [7, 7, 64]. */
  | { type: 'reshape'; shape: number[] }
  | { type: 'conv'; filters: number; kernel: number; stride: number; activation: ImageActivation }
  /** Nearest-neighbour upsampling by `scale`, then a stride-1 convolution (Odena et al. 2016's resize-convolution). */
  | { type: 'upconv'; filters: number; kernel: number; scale: number; activation: ImageActivation };

interface Built {
  spec: LayerSpec;
  /** Per-example input and output shapes. */
  input: number[];
  output: number[];
  kernel?: tf.Variable;
  bias?: tf.Variable;
}

// tfjs variable names are global to the engine: each network gets a unique internal prefix.
let instances = 0;

export function activate(x: tf.Tensor, activation: ImageActivation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, LEAKY_SLOPE);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}

type Fusable = 'relu' | 'leakyRelu' | 'linear';
const isFusable = (a: ImageActivation): a is Fusable => a === 'relu' || a === 'leakyRelu' || a === 'linear';

/**
 * y = act(x·W + b) as one fused kernel, with a hand-written gradient that transposes explicitly: tfjs's own
 * matMul gradient uses the transposeA/B flags, which tfjs-wasm runs ~5–10× slower than transpose + matMul.
 */
export function dense(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  activation: Fusable,
  inputGradient = true,
): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const y = tf.fused.matMul({
      a: xIn as tf.Tensor2D,
      b: wIn as tf.Tensor2D,
      bias: bIn,
      activation: activation === 'leakyRelu' ? 'leakyrelu' : activation,
      leakyreluAlpha: LEAKY_SLOPE,
    });
    save([xIn, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved;
        const dz =
          activation === 'linear'
            ? dy
            : tf.mul(dy, activation === 'relu' ? tf.step(ys) : tf.where(tf.greater(ys, 0), 1, LEAKY_SLOPE));
        return [
          // Data inputs need no gradient: skip the largest matMul of an encoder's first layer.
          inputGradient ? tf.matMul(dz as tf.Tensor2D, tf.transpose(ws as tf.Tensor2D)) : tf.zerosLike(xs),
          tf.matMul(tf.transpose(xs as tf.Tensor2D), dz as tf.Tensor2D),
          tf.sum(dz, 0),
        ];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export class Net {
  readonly variables: tf.Variable[] = [];
  /** Stable names of `variables`, e.g. "dense_0/kernel", "conv_1/bias". */
  readonly names: string[] = [];
  readonly inputShape: number[];
  readonly outputShape: number[];
  private readonly layers: Built[] = [];
  private readonly prefix: string;

  /**
   * `inputGradient: false` for a network whose input is data (an encoder): its first layer then computes no
   * gradient with respect to the input.
   */
  constructor(
    inputShape: readonly number[],
    specs: readonly LayerSpec[],
    rng: Rng,
    scope: string,
    private readonly inputGradient = true,
  ) {
    this.prefix = `imgnet${++instances}/${scope}`;
    this.inputShape = [...inputShape];
    let shape = [...inputShape];
    specs.forEach((spec, i) => {
      const input = shape;
      const reluLike =
        'activation' in spec && (spec.activation === 'relu' || spec.activation === 'leakyRelu');
      if (spec.type === 'reshape') {
        if (size(spec.shape) !== size(input))
          throw new Error(`Cannot reshape [${input}] to [${spec.shape}] in layer ${i}`);
        shape = [...spec.shape];
        this.layers.push({ spec, input, output: shape });
        return;
      }
      if (spec.type === 'dense') {
        if (input.length !== 1) throw new Error(`Dense layer ${i} needs a flat input, got [${input}]`);
        const [fanIn, fanOut] = [input[0], spec.units];
        const kernel = this.add(`dense_${i}/kernel`, [fanIn, fanOut], fanIn, fanOut, reluLike, rng);
        const bias = this.addZeros(`dense_${i}/bias`, [fanOut]);
        shape = [fanOut];
        this.layers.push({ spec, input, output: shape, kernel, bias });
        return;
      }
      if (input.length !== 3) throw new Error(`Layer ${i} needs an [h, w, c] input, got [${input}]`);
      const [h, w, c] = input;
      const k = spec.kernel;
      const fanIn = k * k * c;
      const fanOut = k * k * spec.filters;
      const stride = spec.type === 'conv' ? spec.stride : 1;
      const kernel = this.add(
        `${spec.type}_${i}/kernel`,
        [k, k, c, spec.filters],
        fanIn,
        fanOut,
        reluLike,
        rng,
      );
      const bias = this.addZeros(`${spec.type}_${i}/bias`, [spec.filters]);
      shape =
        spec.type === 'conv'
          ? [Math.ceil(h / stride), Math.ceil(w / stride), spec.filters]
          : [h * spec.scale, w * spec.scale, spec.filters];
      this.layers.push({ spec, input, output: shape, kernel, bias });
    });
    this.outputShape = shape;
  }

  /** He-uniform before ReLU-like units (keeps activations from shrinking), Glorot-uniform otherwise. */
  private add(
    name: string,
    shape: number[],
    fanIn: number,
    fanOut: number,
    reluLike: boolean,
    rng: Rng,
  ): tf.Variable {
    const limit = reluLike ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    const values = new Float32Array(size(shape));
    for (let j = 0; j < values.length; j++) values[j] = rng.uniform(-limit, limit);
    return this.addTensor(name, tf.tensor(values, shape, 'float32'));
  }

  private addZeros(name: string, shape: number[]): tf.Variable {
    return this.addTensor(name, tf.zeros(shape));
  }

  private addTensor(name: string, value: tf.Tensor): tf.Variable {
    const variable = tf.variable(value, true, `${this.prefix}/${name}`);
    value.dispose();
    this.variables.push(variable);
    this.names.push(name);
    return variable;
  }

  /** A free variable trained with the network (e.g. a label embedding), initialised U(−limit, limit). */
  addVariable(name: string, shape: number[], limit: number, rng: Rng): tf.Variable {
    const values = new Float32Array(size(shape));
    for (let j = 0; j < values.length; j++) values[j] = rng.uniform(-limit, limit);
    return this.addTensor(name, tf.tensor(values, shape, 'float32'));
  }

  /** The network's output for a batch x of shape [batch, ...inputShape]. */
  apply(x: tf.Tensor): tf.Tensor {
    let h = x;
    const batch = x.shape[0];
    for (const layer of this.layers) {
      const { spec } = layer;
      if (spec.type === 'reshape') {
        h = tf.reshape(h, [batch, ...spec.shape]);
        continue;
      }
      if (spec.type === 'dense') {
        const fusable = isFusable(spec.activation);
        const z = dense(
          h as tf.Tensor2D,
          layer.kernel as tf.Tensor2D,
          layer.bias as tf.Tensor1D,
          isFusable(spec.activation) ? spec.activation : 'linear',
          this.inputGradient || layer !== this.layers[0],
        );
        h = fusable ? z : activate(z, spec.activation);
        continue;
      }
      const [ih, iw, ic] = layer.input;
      const [oh, ow, oc] = layer.output;
      const k = spec.kernel;
      let stride = 1;
      let ch = ih;
      let cw = iw;
      if (spec.type === 'upconv') {
        [ch, cw] = [oh, ow];
        h = tf.image.resizeNearestNeighbor(h as tf.Tensor4D, [oh, ow]);
      } else stride = spec.stride;
      const x5 = tf.reshape(h, [batch, 1, ch, cw, ic]) as tf.Tensor5D;
      const filter = tf.reshape(layer.kernel!, [1, k, k, ic, oc]) as tf.Tensor5D;
      const y5 = tf.conv3d(x5, filter, [1, stride, stride], 'same');
      h = activate(tf.add(tf.reshape(y5, [batch, oh, ow, oc]), layer.bias!), spec.activation);
    }
    return h;
  }

  /** Copies the weights out as `${prefix}/${name}` (one await per tensor; no sync reads). */
  async getWeights(prefix = ''): Promise<NamedWeight[]> {
    const data = await Promise.all(this.variables.map((v) => v.data() as Promise<Float32Array>));
    return this.variables.map((v, i) => ({
      name: prefix ? `${prefix}/${this.names[i]}` : this.names[i],
      shape: v.shape.slice(),
      data: Float32Array.from(data[i]),
    }));
  }

  /** Assigns weights named `${prefix}/${name}` in place; all must be present, finite and of the right shape. */
  setWeights(weights: readonly NamedWeight[], prefix = ''): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const values = this.variables.map((variable, i) => {
      const name = prefix ? `${prefix}/${this.names[i]}` : this.names[i];
      const entry = byName.get(name);
      if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
      checkWeight(entry, variable.shape);
      return entry;
    });
    tf.tidy(() =>
      this.variables.forEach((variable, i) =>
        variable.assign(tf.tensor(values[i].data, variable.shape, 'float32')),
      ),
    );
  }

  /** Number of trainable values. */
  get parameterCount(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** `count` one-hot rows for labels 0–9, flat [count × 10]. */
export function oneHot(labels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(labels.length * 10);
  for (let i = 0; i < labels.length; i++) out[i * 10 + labels[i]] = 1;
  return out;
}
