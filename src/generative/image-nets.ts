/**
 * Small feed-forward networks for 28×28 digits, as plain tf.Variables trained with autograd: dense layers,
 * strided convolutions and transposed convolutions. Weights start from our seeded Rng (the same seed gives the
 * same network on every backend) and leave as named plain arrays for checkpoints.
 *
 * Convolutions are written as im2col + one matrix product: tfjs's WASM backend has no Conv2DBackpropFilter kernel
 * (a tf.conv2d cannot be trained there) and its Conv3D is a slow scalar loop, while its matMul is fast. A stride-2
 * convolution with a k×k kernel is a space-to-depth rearrangement (2×2 blocks → 4× the channels) followed by a
 * stride-1 convolution with a (k/2)×(k/2) kernel over 4·in channels: the same family of functions, with its
 * kernel stored as [k/2, k/2, 4·in, out]. G upsamples by resize-convolution (Odena et al. 2016) rather than
 * transposed convolution, which avoids checkerboard artefacts.
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
  /** Inverted dropout while training (masks drawn from the caller's seeded Rng); identity otherwise. */
  | { type: 'dropout'; rate: number }
  /** 'same' padding; stride 1 or 2 (stride 2 needs an even kernel). */
  | { type: 'conv'; filters: number; kernel: number; stride: 1 | 2; activation: ImageActivation }
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
            : // step(y, α) is 1 where y > 0, else α: one kernel (a tf.where with scalar branches tiles them first).
              tf.mul(dy, tf.step(ys, activation === 'relu' ? 0 : LEAKY_SLOPE));
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
      if (spec.type === 'dropout') {
        if (!(spec.rate >= 0 && spec.rate < 1))
          throw new Error(`Expected a dropout rate in [0, 1), got ${spec.rate}`);
        this.layers.push({ spec, input, output: shape });
        return;
      }
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
      if (stride === 2 && k % 2 !== 0)
        throw new Error(`A stride-2 convolution needs an even kernel, got ${k}`);
      const kernel = this.add(
        `${spec.type}_${i}/kernel`,
        stride === 2 ? [k / 2, k / 2, 4 * c, spec.filters] : [k, k, c, spec.filters],
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
  /** With `dropoutRng` (training), dropout layers drop units; without it they pass everything through. */
  /** `inputGradient` overrides the constructor's choice for this call (false: x is a constant here). */
  apply(x: tf.Tensor, dropoutRng?: Rng, inputGradient = this.inputGradient): tf.Tensor {
    return this.applyWithFeatures(x, dropoutRng, inputGradient).output;
  }

  /** The output and `features`, the input of the last layer (a projection discriminator's φ(x)). */
  applyWithFeatures(
    x: tf.Tensor,
    dropoutRng?: Rng,
    inputGradient = this.inputGradient,
  ): { output: tf.Tensor; features: tf.Tensor } {
    let h = x;
    const first = this.layers.find((layer) => layer.kernel !== undefined);
    let features = x;
    const batch = x.shape[0];
    for (const layer of this.layers) {
      const { spec } = layer;
      features = h;
      if (spec.type === 'dropout') {
        if (dropoutRng && spec.rate > 0) {
          const keep = 1 - spec.rate;
          const mask = new Float32Array(batch * size(layer.input));
          for (let i = 0; i < mask.length; i++) mask[i] = dropoutRng.nextFloat() < keep ? 1 / keep : 0;
          h = tf.mul(h, tf.tensor(mask, [batch, ...layer.input]));
        }
        continue;
      }
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
          inputGradient || layer !== first,
        );
        h = fusable ? z : activate(z, spec.activation);
        continue;
      }
      const [oh, ow, oc] = layer.output;
      const k = spec.kernel;
      let x4 = h as tf.Tensor4D;
      let patch = k;
      if (spec.type === 'upconv') {
        x4 = tf.image.resizeNearestNeighbor(x4, [oh, ow]);
      } else if (spec.stride === 2) {
        x4 = spaceToDepth(samePad(x4, k, 2, oh, ow));
        patch = k / 2;
      }
      if (spec.type === 'upconv' || spec.stride === 1) x4 = samePad(x4, k, 1, oh, ow);
      const z = convolve(
        x4,
        layer.kernel!,
        layer.bias!,
        patch,
        [oh, ow, oc],
        inputGradient || layer !== first,
      );
      h = tf.reshape(activate(z, spec.activation), [batch, oh, ow, oc]);
    }
    return { output: h, features };
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

/** Zero padding as TensorFlow's 'same' (the odd pixel goes bottom/right) for output size oh × ow. */
function samePad(x: tf.Tensor4D, k: number, stride: number, oh: number, ow: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const ph = Math.max((oh - 1) * stride + k - h, 0);
  const pw = Math.max((ow - 1) * stride + k - w, 0);
  if (ph === 0 && pw === 0) return x;
  const top = Math.floor(ph / 2);
  const left = Math.floor(pw / 2);
  return tf.pad(x, [
    [0, 0],
    [top, ph - top],
    [left, pw - left],
    [0, 0],
  ]);
}

/** [b, h, w, c] → [b, h/2, w/2, 4c], channels ordered (row in block, column in block, c); h, w padded to even. */
export function spaceToDepth(x: tf.Tensor4D): tf.Tensor4D {
  let [b, h, w, c] = x.shape;
  if (h % 2 || w % 2) {
    x = tf.pad(x, [
      [0, 0],
      [0, h % 2],
      [0, w % 2],
      [0, 0],
    ]);
    [b, h, w, c] = x.shape;
  }
  // Rank-4 steps only (some backends limit transpose rank): rows pair up, then columns interleave.
  const rows = tf.reshape(x, [b * (h / 2), 2, w / 2, 2 * c]);
  return tf.reshape(tf.transpose(rows, [0, 2, 1, 3]), [b, h / 2, w / 2, 4 * c]);
}

/**
 * A stride-1 'valid' convolution of a (padded) input to oh × ow, as a sum over the k×k kernel offsets of
 * (shifted input) · W[dy, dx]: [b·oh·ow, out] before the activation. Gathering all patches into one matrix
 * (im2col) is one big matMul, but its gradient splits the patch matrix along its last axis, which tfjs-wasm does
 * element by element (~40 ms a layer at batch 64); shifted slices split and pad along whole rows instead.
 */
function convolve(
  x: tf.Tensor4D,
  kernel: tf.Variable,
  bias: tf.Variable,
  k: number,
  [oh, ow, out]: number[],
  inputGradient: boolean,
): tf.Tensor2D {
  const [b, , , c] = x.shape;
  // Slices rather than tf.split (tfjs-wasm's SplitV is slow).
  const flat = tf.reshape(kernel, [k * k, c, out]);
  const weights = Array.from({ length: k * k }, (_, i) => tf.slice(flat, [i, 0, 0], [1, c, out]));
  const terms: tf.Tensor2D[] = [];
  for (let dy = 0; dy < k; dy++)
    for (let dx = 0; dx < k; dx++) {
      const shifted = tf.reshape(tf.slice(x, [0, dy, dx, 0], [b, oh, ow, c]), [
        b * oh * ow,
        c,
      ]) as tf.Tensor2D;
      const w = tf.reshape(weights[dy * k + dx], [c, out]) as tf.Tensor2D;
      terms.push(dense(shifted, w, zeroBias(out), 'linear', inputGradient));
    }
  return tf.add(terms.length === 1 ? terms[0] : tf.addN(terms), bias) as tf.Tensor2D;
}

/** A zero bias for the per-offset products (the layer's own bias is added once, after their sum). */
function zeroBias(units: number): tf.Tensor1D {
  return tf.zeros([units]);
}

/** `count` one-hot rows for labels 0–9, flat [count × 10]. */
export function oneHot(labels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(labels.length * 10);
  for (let i = 0; i < labels.length; i++) out[i * 10 + labels[i]] = 1;
  return out;
}
