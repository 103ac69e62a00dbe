/**
 * Loss functions for one example, with the gradient with respect to the prediction, as PyTorch defines them
 * (MSELoss, L1Loss, HuberLoss with delta, BCELoss on a probability, CrossEntropyLoss on logits, and the
 * hinge loss max(0, 1 − y·s) of SVMs, whose subgradient at the hinge is taken as 0).
 */
export const LOSSES = ['mse', 'mae', 'huber', 'bce', 'cce', 'hinge'] as const;
export type LossName = (typeof LOSSES)[number];

export interface LossValue {
  value: number;
  /** dL/d(prediction): for 'cce' the prediction is the logit z₀ of class 0. */
  gradient: number;
}

export function mse(prediction: number, target: number): LossValue {
  const d = prediction - target;
  return { value: d * d, gradient: 2 * d };
}

export function mae(prediction: number, target: number): LossValue {
  const d = prediction - target;
  return { value: Math.abs(d), gradient: Math.sign(d) };
}

export function huber(prediction: number, target: number, delta: number): LossValue {
  if (!(delta > 0)) throw new Error(`Expected a positive Huber delta, got ${delta}`);
  const d = prediction - target;
  if (Math.abs(d) < delta) return { value: 0.5 * d * d, gradient: d };
  return { value: delta * (Math.abs(d) - 0.5 * delta), gradient: delta * Math.sign(d) };
}

/** Binary cross-entropy of a probability p against a target y ∈ [0, 1]; logs clamped at −100 as PyTorch does. */
export function bce(p: number, y: number): LossValue {
  const logP = Math.max(Math.log(p), -100);
  const log1mP = Math.max(Math.log(1 - p), -100);
  const value = -(y * logP + (1 - y) * log1mP);
  // dL/dp = −y/p + (1 − y)/(1 − p) = (p − y) / (p(1 − p))
  const gradient = (p - y) / Math.max(p * (1 - p), 1e-12);
  return { value, gradient };
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Categorical cross-entropy −log softmax(z)_c, and its gradient softmax(z) − onehot(c) for every logit. */
export function crossEntropy(
  logits: readonly number[],
  targetClass: number,
): { value: number; gradients: number[] } {
  if (!Number.isInteger(targetClass) || targetClass < 0 || targetClass >= logits.length) {
    throw new Error(`Expected a class index in 0..${logits.length - 1}, got ${targetClass}`);
  }
  const max = Math.max(...logits);
  const logSumExp = max + Math.log(logits.reduce((sum, z) => sum + Math.exp(z - max), 0));
  const probabilities = softmax(logits);
  return {
    value: logSumExp - logits[targetClass]!,
    gradients: probabilities.map((p, i) => p - (i === targetClass ? 1 : 0)),
  };
}

/** Hinge loss of a score s for a label y ∈ {−1, +1}. */
export function hinge(score: number, label: number): LossValue {
  if (label !== 1 && label !== -1) throw new Error(`Expected a hinge label of −1 or +1, got ${label}`);
  const margin = label * score;
  return margin < 1 ? { value: 1 - margin, gradient: -label } : { value: 0, gradient: 0 };
}

export interface LossOptions {
  /** Huber's δ. */
  delta: number;
  /** For 'cce': the logits of classes 1 and 2 (the prediction is the logit of class 0). */
  otherLogits: readonly [number, number];
}

export const DEFAULT_LOSS_OPTIONS: LossOptions = { delta: 1, otherLogits: [1, 0] };

/** Any of the losses as a function of one scalar prediction, for plotting. */
export function evaluateLoss(
  name: LossName,
  prediction: number,
  target: number,
  options: LossOptions = DEFAULT_LOSS_OPTIONS,
): LossValue {
  switch (name) {
    case 'mse':
      return mse(prediction, target);
    case 'mae':
      return mae(prediction, target);
    case 'huber':
      return huber(prediction, target, options.delta);
    case 'bce':
      return bce(prediction, target);
    case 'cce': {
      const { value, gradients } = crossEntropy([prediction, ...options.otherLogits], target);
      return { value, gradient: gradients[0]! };
    }
    case 'hinge':
      return hinge(prediction, target);
  }
}
