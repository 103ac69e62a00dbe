/**
 * Types the Learn panels' worker (learn.worker.ts) and its panels share: the vision panels (7, 10–12), the
 * regularization fit (6), the RNN race (8) and the transformer (9). Plain data only: everything here crosses
 * postMessage.
 */
import type { CellKind } from '../../learn/recurrent';
import type { RecurrentInspection } from '../../learn/recurrent-trainer';
import type { FitStop } from '../../learn/regression-fit';
import type { AttentionInspection, TransformerTrainerConfig } from '../../learn/transformer-trainer';
import type { RnnCheckpointConfig } from '../../storage/validate-sequence';
import type { SessionStatus } from '../core/session-status';

export type { LearnApi } from '../learn.worker';

/* ---------- Vision (panels 7, 10–12) ---------- */

/**
 * The id of the one saved classifier, overwritten by each training run; every vision panel loads it from there
 * (so an imported classifier file is stored under it too).
 */
export const CLASSIFIER_CHECKPOINT_ID = 'learn-mnist-cnn';

/** One logged point of training; test accuracy is measured every few steps on 500 test digits. */
export interface TrainPoint {
  step: number;
  loss: number;
  batchAccuracy: number;
  testAccuracy: number | null;
}

/** How the classifier trains (the run's spec). */
export interface ClassifierSettings {
  /** Same seed → same initial weights and the same order of mini-batches. */
  seed: number;
  /** Adam's step size. */
  learningRate: number;
  /** Digits per gradient step. */
  batchSize: number;
}

export const DEFAULT_CLASSIFIER_SETTINGS: ClassifierSettings = {
  seed: 1,
  learningRate: 0.003,
  batchSize: 64,
};

/** What the classifier's worker session sends the page (at the session driver's cadence). */
export interface ClassifierUpdate {
  /** 'finished' once a run has ended (or a saved classifier was loaded): its accuracy is measured. */
  status: SessionStatus;
  /** Adam steps taken so far (over every training run of this classifier). */
  steps: number;
  /** Passes over the 8,000 training digits (fractional). */
  epochs: number;
  /** Accuracy on all 2,000 test digits, measured when a run ends; null before. */
  testAccuracy: number | null;
  /** Where the weights came from: trained in this worker, or loaded from IndexedDB. */
  source: 'trained' | 'saved';
  /** Points logged since the previous update. */
  points: TrainPoint[];
  /** Share of the current run's step budget done, 0–1. */
  fraction: number;
  /** A divergence, or a save that failed, in words. */
  message?: string;
  /** The tfjs backend the worker computes on. */
  backend: string;
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

/* ---------- Foundations: the regularization fit (panel 6) ---------- */

/** The fit's update: the new epochs' losses and the fitted curve. */
export interface FitUpdate {
  status: SessionStatus;
  /** New points since the previous update. */
  epochs: number[];
  trainLoss: number[];
  validationLoss: number[];
  epoch: number;
  bestEpoch: number;
  bestValidation: number;
  /** The prediction at FIT_CURVE_X, now. */
  curve: Float32Array;
  /** Why the fit ended, once it has (the page says it in words). */
  stopReason: FitStop | null;
  /** Test-set MSE: only once training has stopped. */
  testLoss: number | null;
  /** The driver's word after a divergence. */
  message: string | null;
}

/* ---------- Sequences: the RNN race (panel 8) and the transformer (panel 9) ---------- */

/** What the race trains: the task, the cells' size, Adam's learning rate, the keep-gate bias, the seed. */
export type RnnRaceSpec = RnnCheckpointConfig;

export interface RnnPoint {
  step: number;
  loss: number;
  /** 'remember' only: share of sequences recalled with the right sign. */
  accuracy: number | null;
}

export interface RnnUpdate {
  status: SessionStatus;
  /** Training steps taken by each cell so far (they take turns, so the counts are equal). */
  steps: number;
  /** New averaged points per cell since the previous update. */
  points: Partial<Record<CellKind, RnnPoint>>;
  inspections?: RecurrentInspection[];
  message?: string;
}

/** The model's config and the input the page shows. */
export interface TransformerSpec {
  config: TransformerTrainerConfig;
  probe: number[];
}

export interface AttnPoint {
  step: number;
  loss: number;
  tokenAccuracy: number;
  sequenceAccuracy: number;
}

export interface AttnUpdate {
  status: SessionStatus;
  steps: number;
  point: AttnPoint | null;
  /** The probe input's output and attention (heavy updates). */
  inspection?: AttentionInspection;
  message?: string;
}
