/** Settings of the regularization panel's fit (no tfjs here, so the page can import it cheaply). */
export interface FitConfig {
  hidden: number;
  learningRate: number;
  /** Fraction of hidden units dropped in training (0 = off). */
  dropout: number;
  /** L2 weight decay λ (0 = off). */
  l2: number;
  /** Standard deviation of the noise added to training inputs each epoch (0 = off). */
  jitter: number;
  /** Epochs without a better validation loss before stopping; 0 = no early stopping. */
  patience: number;
  maxEpochs: number;
  seed: number;
}

export const DEFAULT_FIT_CONFIG: FitConfig = {
  hidden: 64,
  learningRate: 0.01,
  dropout: 0,
  l2: 0,
  jitter: 0,
  patience: 0,
  maxEpochs: 1500,
  seed: 1,
};

export function validateFitConfig(config: FitConfig): void {
  const check = (ok: boolean, what: string, value: number): void => {
    if (!ok) throw new Error(`Expected ${what}, got ${value}`);
  };
  check(
    Number.isInteger(config.hidden) && config.hidden >= 1 && config.hidden <= 512,
    'hidden units in 1..512',
    config.hidden,
  );
  check(
    config.learningRate > 0 && config.learningRate <= 1,
    'a learning rate in (0, 1]',
    config.learningRate,
  );
  check(config.dropout >= 0 && config.dropout < 1, 'a dropout rate in [0, 1)', config.dropout);
  check(config.l2 >= 0 && Number.isFinite(config.l2), 'a non-negative L2 λ', config.l2);
  check(config.jitter >= 0 && Number.isFinite(config.jitter), 'a non-negative jitter', config.jitter);
  check(
    Number.isInteger(config.patience) && config.patience >= 0,
    'a non-negative integer patience',
    config.patience,
  );
  check(
    Number.isInteger(config.maxEpochs) && config.maxEpochs >= 1 && config.maxEpochs <= 100_000,
    'max epochs in 1..100000',
    config.maxEpochs,
  );
}

/** Where the fitted curve is drawn (the page and the worker share it). */
export const FIT_CURVE_X: readonly number[] = Array.from({ length: 101 }, (_, i) => -1.1 + (2.2 * i) / 100);
