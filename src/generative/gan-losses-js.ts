/**
 * gan-losses.ts on plain arrays, for the typed-array engine: the same four games, their gradients with respect
 * to D's outputs, and the two input-gradient penalties. D's output on a combined batch is [real; generated],
 * n of each. Sums are taken in doubles. No tfjs here.
 */
import { outputIsLogit, type GanLoss } from './gan-config';

/** log(1 + eˣ) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** D's batch loss from its outputs on [real; generated] (the penalties are added by the trainer). */
export function discriminatorLossValue(loss: GanLoss, out: Float32Array, n: number): number {
  let real = 0;
  let fake = 0;
  for (let i = 0; i < n; i++) {
    const r = out[i]!;
    const g = out[n + i]!;
    switch (loss) {
      case 'minimax':
      case 'non-saturating':
        real += softplus(-r);
        fake += softplus(g);
        break;
      case 'least-squares':
        real += 0.5 * (r - 1) * (r - 1);
        fake += 0.5 * g * g;
        break;
      case 'wasserstein-gp':
        real -= r;
        fake += g;
        break;
    }
  }
  return (real + fake) / n;
}

/** G's loss on one generated sample from D's output l on it. */
function generatorLossOne(loss: GanLoss, l: number): number {
  switch (loss) {
    case 'minimax':
      return -softplus(l);
    case 'non-saturating':
      return softplus(-l);
    case 'least-squares':
      return 0.5 * (l - 1) * (l - 1);
    case 'wasserstein-gp':
      return -l;
  }
}

/** G's batch loss: the mean over the n samples. */
export function generatorLossValue(loss: GanLoss, out: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += generatorLossOne(loss, out[i]!);
  return sum / n;
}

/** Mean of D's reading of out[from, from + n): σ(l) for the logit games, else the raw score. */
export function meanReading(loss: GanLoss, out: Float32Array, from: number, n: number): number {
  const logit = outputIsLogit(loss);
  let sum = 0;
  for (let i = from; i < from + n; i++) sum += logit ? sigmoid(out[i]!) : out[i]!;
  return sum / n;
}

/** ∂L_D/∂out on [real; generated] into `grad` (2n values): (σ(l) − t)/n, (l − t)/n or (1 − 2t)/n. */
export function discriminatorOutputGradient(
  loss: GanLoss,
  out: Float32Array,
  n: number,
  grad: Float32Array,
): void {
  for (let i = 0; i < 2 * n; i++) {
    const t = i < n ? 1 : 0;
    const l = out[i]!;
    switch (loss) {
      case 'minimax':
      case 'non-saturating':
        grad[i] = (sigmoid(l) - t) / n;
        break;
      case 'least-squares':
        grad[i] = (l - t) / n;
        break;
      case 'wasserstein-gp':
        grad[i] = (1 - 2 * t) / n;
        break;
    }
  }
}

/** scale·∂ℓᵢ/∂outᵢ per generated sample into `grad` (scale 1/n for the batch loss, 1 for the arrows). */
export function generatorOutputGradient(
  loss: GanLoss,
  out: Float32Array,
  n: number,
  scale: number,
  grad: Float32Array,
): void {
  for (let i = 0; i < n; i++) {
    const l = out[i]!;
    let d: number;
    switch (loss) {
      case 'minimax':
        d = -sigmoid(l);
        break;
      case 'non-saturating':
        d = -sigmoid(-l);
        break;
      case 'least-squares':
        d = l - 1;
        break;
      case 'wasserstein-gp':
        d = -1;
        break;
    }
    grad[i] = d * scale;
  }
}

/**
 * WGAN-GP's penalty mean((‖gᵢ‖ − 1)²) over n rows of `dim` values; writes weight·∂P/∂g into `dG`
 * (2(‖gᵢ‖ − 1)·gᵢ/‖gᵢ‖ / n, with 1e-12 under the root as gan-losses.ts) and returns P.
 */
export function unitGradientPenalty(
  g: Float32Array,
  n: number,
  dim: number,
  weight: number,
  dG: Float32Array,
): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let sq = 1e-12;
    for (let j = 0; j < dim; j++) sq += g[i * dim + j]! * g[i * dim + j]!;
    const norm = Math.sqrt(sq);
    const excess = norm - 1;
    sum += excess * excess;
    const factor = ((excess / norm) * 2 * weight) / n;
    for (let j = 0; j < dim; j++) dG[i * dim + j] = g[i * dim + j]! * factor;
  }
  return sum / n;
}

/** R1's ½·mean ‖gᵢ‖²; writes weight·gᵢ/n into `dG` and returns the penalty. */
export function zeroGradientPenalty(
  g: Float32Array,
  n: number,
  dim: number,
  weight: number,
  dG: Float32Array,
): number {
  let sum = 0;
  for (let i = 0; i < n * dim; i++) {
    sum += g[i]! * g[i]!;
    dG[i] = (g[i]! * weight) / n;
  }
  return (0.5 * sum) / n;
}
