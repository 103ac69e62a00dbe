/** Plain-data types between the vision panels (7, 10–12) and their worker session. */

/**
 * The id of the one saved classifier, overwritten by each training run; every vision panel loads it from there
 * (so an imported classifier file is stored under it too).
 */
export const CLASSIFIER_CHECKPOINT_ID = 'learn-mnist-cnn';

export type ClassifierPhase = 'none' | 'training' | 'paused' | 'ready' | 'diverged';

export interface ClassifierStatus {
  phase: ClassifierPhase;
  /** Adam steps taken so far (over every training run of this classifier). */
  steps: number;
  /** Passes over the 8,000 training digits (fractional). */
  epochs: number;
  /** Accuracy on all 2,000 test digits, when measured. */
  testAccuracy: number | null;
  /** Where the weights came from: trained in this worker, or loaded from IndexedDB. */
  source: 'trained' | 'saved' | null;
  /** What went wrong (a NaN loss, a save that failed), in words. */
  message: string | null;
  /** The tfjs backend the worker computes on. */
  backend: string;
}

/** One logged point of training; test accuracy is measured every few steps on 500 test digits. */
export interface TrainPoint {
  step: number;
  loss: number;
  batchAccuracy: number;
  testAccuracy: number | null;
}

export interface TrainProgress {
  status: ClassifierStatus;
  /** Points logged since the previous progress message. */
  points: TrainPoint[];
  /** Share of this run's step budget done, 0–1. */
  fraction: number;
}

export interface TrainRequest {
  /** Adam steps to take in this run. */
  steps: number;
  /** Start from fresh random weights instead of continuing. */
  fresh: boolean;
  /** Stop early once the periodic test accuracy reaches this (e.g. 0.5 in a quick demo). */
  stopAtAccuracy?: number;
}

export interface PreparedSession {
  status: ClassifierStatus;
  /** The saved run's curve, when a classifier came from IndexedDB. */
  history: TrainPoint[];
  testCount: number;
}

export interface Digit {
  index: number;
  label: number;
  /** 784 grey values in [0, 1]. */
  pixels: Float32Array;
}

export interface FeatureMapView {
  layer: string;
  channels: number;
  rows: number;
  cols: number;
  values: Float32Array;
}

export interface FeatureMapsResult {
  digit: Digit;
  maps: FeatureMapView[];
  probabilities: Float32Array;
}

export interface FiltersResult {
  count: number;
  size: number;
  values: Float32Array;
}

export type AttackMethod = 'fgsm' | 'pgd';

export interface AttackRequest {
  index: number;
  method: AttackMethod;
  epsilon: number;
  /** PGD only. */
  alpha: number;
  steps: number;
}

export interface AttackResult {
  digit: Digit;
  adversarial: Float32Array;
  /** adversarial − original, within [−ε, ε]. */
  perturbation: Float32Array;
  probabilities: Float32Array;
  adversarialProbabilities: Float32Array;
  loss: number;
  adversarialLoss: number;
  /** max |perturbation|, to show the ε ball is respected. */
  linf: number;
}

export interface SweepRequest {
  method: AttackMethod;
  epsilons: number[];
  /** Test digits attacked at each ε. */
  count: number;
  alpha: number;
  steps: number;
}

export interface SaliencyRequest {
  index: number;
  /** The class whose probability is explained. */
  target: number;
  /** m, the number of integrated-gradients steps. */
  steps: number;
}

export interface SaliencyResult {
  digit: Digit;
  probabilities: Float32Array;
  gradient: Float32Array;
  integrated: Float32Array;
  /** F(x) = p(target | x), F(baseline), and Σ IG: completeness says sum ≈ output − baselineOutput. */
  output: number;
  baselineOutput: number;
  sum: number;
}

export interface QAttributionRequest {
  checkpointId: string;
  /** Seed of the rollout that produces the state. */
  seed: number;
  /** How many greedy steps into the episode the state is taken. */
  step: number;
  /** Action whose Q-value is explained; null = the greedy action. */
  action: number | null;
  /** Integrated-gradients steps. */
  igSteps: number;
}

export interface QAttributionResult {
  gameId: string;
  featureNames: string[];
  actionNames: string[];
  observation: number[];
  qValues: number[];
  action: number;
  /** The step the state was really taken at (the episode may end sooner). */
  step: number;
  gradientTimesInput: number[];
  integrated: number[];
  output: number;
  baselineOutput: number;
  sum: number;
}

export interface CompressionRow {
  precision: 'float32' | 'float16' | 'int8';
  sparsity: number;
  accuracy: number;
  bytes: number;
  deflatedBytes: number;
  maxError: number;
}

export interface CompressionRequest {
  sparsities: number[];
  precisions: CompressionRow['precision'][];
}
