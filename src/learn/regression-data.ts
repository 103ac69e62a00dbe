/**
 * A small, seeded, noisy 1-D regression set for showing overfitting: y = f(x) + noise with a cubic f on
 * [−1, 1], split into training, validation and test points that never overlap.
 */
import { Rng } from '../envs/rng';

export interface RegressionSplit {
  x: number[];
  y: number[];
}

export interface RegressionData {
  train: RegressionSplit;
  validation: RegressionSplit;
  test: RegressionSplit;
  /** The noise-free curve's formula, for the caption. */
  formula: string;
}

export interface RegressionDataOptions {
  seed: number;
  train: number;
  validation: number;
  test: number;
  /** Standard deviation of the Gaussian noise on y. */
  noise: number;
}

export const DEFAULT_DATA_OPTIONS: RegressionDataOptions = {
  seed: 7,
  train: 16,
  validation: 24,
  test: 40,
  noise: 0.25,
};

/** The noise-free target: 2x³ − 1.5x + 0.2. */
export function trueFunction(x: number): number {
  return 2 * x ** 3 - 1.5 * x + 0.2;
}

export function makeRegressionData(options: RegressionDataOptions = DEFAULT_DATA_OPTIONS): RegressionData {
  const { seed, noise } = options;
  for (const key of ['train', 'validation', 'test'] as const) {
    const n = options[key];
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      throw new Error(`Expected a ${key} size in 1..10000, got ${n}`);
    }
  }
  if (!(noise >= 0)) throw new Error(`Expected a non-negative noise level, got ${noise}`);
  const rng = new Rng(seed);
  const draw = (n: number): RegressionSplit => {
    const x = Array.from({ length: n }, () => rng.uniform(-1, 1));
    return { x, y: x.map((v) => trueFunction(v) + noise * rng.normal()) };
  };
  return {
    train: draw(options.train),
    validation: draw(options.validation),
    test: draw(options.test),
    formula: 'y = 2x³ − 1.5x + 0.2 + noise',
  };
}
