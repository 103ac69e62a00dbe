/**
 * A tiny encoder-only transformer that maps a digit sequence to an output digit at every position at once
 * (non-autoregressive): enough for reverse and sort, where output length equals input length.
 *
 * Layout (pre-LN, as in GPT-2 and Xiong et al. 2020, which trains without a warm-up at this size):
 *   x₀ = E[token] · √d_model + PE            (Vaswani et al. 2017 §3.4–3.5)
 *   x  = x + MultiHead(LN(x));  x = x + FFN(LN(x))   per layer
 *   logits = LN(x) W_out + b_out
 * MultiHead projects to `heads` heads of d_k = d_model / heads, runs softmax(QKᵀ/√d_k)V in each,
 * concatenates and projects with W_O. FFN(x) = max(0, x W₁ + b₁) W₂ + b₂ with d_ff = 4·d_model.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { scaledDotProductAttention, sinusoidalEncoding } from './attention';
import { constantVariable, glorotLimit, uniformVariable } from './seeded';

export interface TransformerConfig {
  layers: number;
  heads: number;
  dModel: number;
  vocab: number;
  length: number;
  seed: number;
}

interface LayerNormWeights {
  gamma: tf.Variable;
  beta: tf.Variable;
}

interface LayerWeights {
  ln1: LayerNormWeights;
  wq: tf.Variable;
  wk: tf.Variable;
  wv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  ln2: LayerNormWeights;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

export interface TransformerForward {
  /** [B, N, vocab] */
  logits: tf.Tensor3D;
  /** One [B, heads, N (query), N (key)] tensor per layer. */
  attention: tf.Tensor4D[];
}

export function assertValidTransformer(config: TransformerConfig): TransformerConfig {
  const { layers, heads, dModel, vocab, length } = config;
  if (!Number.isInteger(layers) || layers < 1 || layers > 4)
    throw new Error(`Expected 1 to 4 layers, got ${layers}`);
  if (!Number.isInteger(heads) || heads < 1 || dModel % heads !== 0)
    throw new Error(`Expected a head count that divides d_model = ${dModel}, got ${heads}`);
  if (!Number.isInteger(dModel) || dModel < 4 || dModel % 2 !== 0)
    throw new Error(`Expected an even d_model of at least 4, got ${dModel}`);
  if (!Number.isInteger(vocab) || vocab < 2)
    throw new Error(`Expected a vocabulary of 2 or more, got ${vocab}`);
  if (!Number.isInteger(length) || length < 1 || length > 64)
    throw new Error(`Expected a sequence length from 1 to 64, got ${length}`);
  return config;
}

function layerNorm(x: tf.Tensor, w: LayerNormWeights): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), w.gamma), w.beta);
}

/** x [B, N, d] · W [d, e] → [B, N, e] */
function dense(x: tf.Tensor, w: tf.Variable, b?: tf.Variable): tf.Tensor3D {
  const [B, N, d] = x.shape as [number, number, number];
  const y = tf.matMul(tf.reshape(x, [B * N, d]), w as tf.Tensor2D);
  const out = b ? tf.add(y, b) : y;
  return tf.reshape(out, [B, N, w.shape[1]!]);
}

export class TinyTransformer {
  readonly config: TransformerConfig;
  readonly embedding: tf.Variable;
  readonly layers: LayerWeights[];
  readonly lnFinal: LayerNormWeights;
  readonly wOut: tf.Variable;
  readonly bOut: tf.Variable;
  private readonly positional: tf.Tensor2D;

  constructor(config: TransformerConfig) {
    this.config = assertValidTransformer(config);
    const { dModel: d, vocab, length, layers } = config;
    const rng = new Rng(config.seed);
    const dff = 4 * d;
    const ln = (name: string): LayerNormWeights => ({
      gamma: constantVariable([d], 1, `${name}_gamma`),
      beta: constantVariable([d], 0, `${name}_beta`),
    });
    // Embeddings with variance 1/d: after the √d scale they are on the scale of the encodings.
    this.embedding = uniformVariable(rng, [vocab, d], Math.sqrt(3 / d), 'tok_embedding');
    this.layers = Array.from({ length: layers }, (_, l) => ({
      ln1: ln(`l${l}_ln1`),
      wq: uniformVariable(rng, [d, d], glorotLimit(d, d), `l${l}_wq`),
      wk: uniformVariable(rng, [d, d], glorotLimit(d, d), `l${l}_wk`),
      wv: uniformVariable(rng, [d, d], glorotLimit(d, d), `l${l}_wv`),
      wo: uniformVariable(rng, [d, d], glorotLimit(d, d), `l${l}_wo`),
      bo: constantVariable([d], 0, `l${l}_bo`),
      ln2: ln(`l${l}_ln2`),
      w1: uniformVariable(rng, [d, dff], glorotLimit(d, dff), `l${l}_w1`),
      b1: constantVariable([dff], 0, `l${l}_b1`),
      w2: uniformVariable(rng, [dff, d], glorotLimit(dff, d), `l${l}_w2`),
      b2: constantVariable([d], 0, `l${l}_b2`),
    }));
    this.lnFinal = ln('ln_final');
    this.wOut = uniformVariable(rng, [d, vocab], glorotLimit(d, vocab), 'w_out');
    this.bOut = constantVariable([vocab], 0, 'b_out');
    this.positional = tf.tensor2d(sinusoidalEncoding(length, d), [length, d]);
  }

  get variables(): tf.Variable[] {
    const vars: tf.Variable[] = [this.embedding];
    for (const l of this.layers) {
      vars.push(l.ln1.gamma, l.ln1.beta, l.wq, l.wk, l.wv, l.wo, l.bo);
      vars.push(l.ln2.gamma, l.ln2.beta, l.w1, l.b1, l.w2, l.b2);
    }
    vars.push(this.lnFinal.gamma, this.lnFinal.beta, this.wOut, this.bOut);
    return vars;
  }

  /** tokens [B, N] (int32) → logits and attention maps. Call inside tf.tidy or a gradient function. */
  forward(tokens: tf.Tensor2D): TransformerForward {
    const [B, N] = tokens.shape;
    if (N !== this.config.length) throw new Error(`Expected ${this.config.length} tokens, got ${N}`);
    const { dModel: d, heads } = this.config;
    const dk = d / heads;
    // Embedding lookup as one-hot · E: gather's gradient needs a kernel the WASM backend lacks.
    const oneHot = tf.oneHot(tf.reshape(tokens, [B * N]) as tf.Tensor1D, this.config.vocab);
    const embedded = tf.reshape(tf.matMul(oneHot, this.embedding as tf.Tensor2D), [B, N, d]);
    let x: tf.Tensor = tf.add(tf.mul(embedded, Math.sqrt(d)), this.positional);
    const attention: tf.Tensor4D[] = [];
    // [B, N, d] → [B, heads, N, d_k]
    const split = (t: tf.Tensor): tf.Tensor4D =>
      tf.transpose(tf.reshape(t, [B, N, heads, dk]), [0, 2, 1, 3]) as tf.Tensor4D;
    for (const layer of this.layers) {
      const h = layerNorm(x, layer.ln1);
      const q = split(dense(h, layer.wq));
      const k = split(dense(h, layer.wk));
      const v = split(dense(h, layer.wv));
      const { output, weights } = scaledDotProductAttention(q, k, v);
      attention.push(weights as tf.Tensor4D);
      const merged = tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [B, N, d]);
      x = tf.add(x, dense(merged, layer.wo, layer.bo));
      const f = layerNorm(x, layer.ln2);
      x = tf.add(x, dense(tf.relu(dense(f, layer.w1, layer.b1)), layer.w2, layer.b2));
    }
    const logits = dense(layerNorm(x, this.lnFinal), this.wOut, this.bOut);
    return { logits, attention };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.positional.dispose();
  }
}

/** Mean cross-entropy over every output position. */
export function tokenLoss(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  const vocab = logits.shape[2];
  const labels = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, vocab);
  return tf.losses.softmaxCrossEntropy(labels, tf.reshape(logits, [-1, vocab])) as tf.Scalar;
}
