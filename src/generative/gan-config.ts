/**
 * Every hyperparameter of the 2-D GAN in one typed, JSON-safe object (it travels inside checkpoints and share
 * links), with defaults tuned to cover all 8 modes of the ring within 5,000 iterations (see DEFAULT_GAN_CONFIG).
 */

export type GanActivation = 'relu' | 'leakyRelu' | 'tanh' | 'elu' | 'sigmoid' | 'linear';
export const GAN_ACTIVATIONS: readonly GanActivation[] = [
  'relu',
  'leakyRelu',
  'tanh',
  'elu',
  'sigmoid',
  'linear',
];

export type GanOptimizerName = 'adam' | 'sgd' | 'rmsprop';
export const GAN_OPTIMIZERS: readonly GanOptimizerName[] = ['adam', 'sgd', 'rmsprop'];

export type NoiseKind = 'uniform' | 'gaussian';
export const NOISE_KINDS: readonly NoiseKind[] = ['uniform', 'gaussian'];

/**
 * - minimax: the original game; G minimises log(1 − D(G(z))) (weak gradients while D wins).
 * - non-saturating: G maximises log D(G(z)) instead (Goodfellow et al. 2014's practical fix).
 * - least-squares: D regresses real → 1, fake → 0; G pulls D(G(z)) → 1 (Mao et al. 2017).
 * - wasserstein-gp: a critic without sigmoid estimates the Wasserstein-1 distance, kept 1-Lipschitz by a
 *   gradient penalty on real–fake interpolates (Gulrajani et al. 2017).
 */
export type GanLoss = 'minimax' | 'non-saturating' | 'least-squares' | 'wasserstein-gp';
export const GAN_LOSSES: readonly GanLoss[] = [
  'minimax',
  'non-saturating',
  'least-squares',
  'wasserstein-gp',
];

/** Whether D's output is a logit to read as a probability σ(l) (else it is a raw score). */
export function outputIsLogit(loss: GanLoss): boolean {
  return loss === 'minimax' || loss === 'non-saturating';
}

/** A multilayer perceptron: `hiddenLayers` layers of `hiddenUnits` units, then a linear output layer. */
export interface MlpConfig {
  /** Number of hidden layers (0 makes the network affine). */
  hiddenLayers: number;
  /** Units in every hidden layer. */
  hiddenUnits: number;
  /** Nonlinearity after every hidden layer (leakyRelu uses slope 0.2). */
  activation: GanActivation;
}

export interface GanOptimizerConfig {
  /** Update rule. */
  name: GanOptimizerName;
  /** Step size. */
  learningRate: number;
  /** Adam's decay of the first-moment (momentum) estimate; ignored by sgd and rmsprop. */
  beta1: number;
  /** Adam's decay of the second-moment estimate; ignored by sgd and rmsprop. */
  beta2: number;
}

export interface GanConfig {
  /** Generator G: noise → point in the plane. */
  generator: MlpConfig;
  /** Discriminator (critic for wasserstein-gp) D: point → one logit / score. */
  discriminator: MlpConfig;
  /** Dimension of the noise z fed to G (1 or 2 give GAN Lab's manifold views; up to 16). */
  noiseDim: number;
  /** Distribution of z: uniform on [−1, 1]^d or standard normal. */
  noise: NoiseKind;
  /** Optimizer of G. */
  generatorOptimizer: GanOptimizerConfig;
  /** Optimizer of D. */
  discriminatorOptimizer: GanOptimizerConfig;
  /** Real and generated samples per step (each network step sees this many of each). */
  batchSize: number;
  /** k: discriminator steps per generator step (one training iteration = k D steps + 1 G step). */
  discriminatorSteps: number;
  /** The game the two networks play. */
  loss: GanLoss;
  /** λ, weight of the gradient penalty (wasserstein-gp only; Gulrajani et al. use 10). */
  gradientPenaltyWeight: number;
  /**
   * γ of the R1 penalty (γ/2)·E‖∇ₓD(x)‖² on real data, added to D's loss for any game (Mescheder et al. 2018);
   * 0 turns it off. It keeps D from sharpening around the data, so G stops hopping between modes.
   */
  r1Weight: number;
  /** Seeds the weights, the noise, the real batches and the interpolates. */
  seed: number;
}

export const MAX_NOISE_DIM = 16;
export const MAX_HIDDEN_LAYERS = 8;
export const MAX_HIDDEN_UNITS = 512;
export const MAX_BATCH_SIZE = 4096;
export const MAX_DISCRIMINATOR_STEPS = 20;

/**
 * Tuned on the 8-Gaussian ring (radius 2) for 5,000 iterations. What made the difference: a leaky-ReLU D (its
 * gradient never dies, so samples stranded between modes still feel a pull) and a small R1 penalty (γ = 0.1, on
 * every D step), which stops D and G from chasing each other round the ring. Coverage (a mode counts at ≥ 1% of
 * 2,000 samples within 3σ), in Node on WASM, seeds 1–10: σ = 0.05, all 8 modes on 10/10 seeds; σ = 0.02, on
 * 8/10 (seeds 1–5 all; seeds 6 and 7 kept 6 and 5); in the studio worker (npm run bench, σ = 0.02): 8/8 on seeds
 * 1–5. Less work loses modes: batch 64 (7, 8, 6, 8, 8 on seeds 1–5), 2×16 nets (8, 7, 7, 8, 4), one hidden
 * layer of 64 in G and D (2, 1, 2, 1, 5), lazy R1 every 8th D step (seeds 1–10: 8, 8, 7, 8, 8, 8, 7, 8, 6, 8)
 * or every 16th (7, 8, 8, 8, 8, 6, 7, 8, 8, 5). Wider or deeper nets, larger batches, other learning rates,
 * schedules or β₁ = 0 did no better. Speed (the engine does ~180 kernel launches an iteration): ~440 it/s on
 * WASM in the studio worker with every view drawing at ~11 Hz, ~450–580 it/s in the coverage runs; the GAN
 * Lab-like 1×8 SGD baseline runs ~2,000 it/s there and covers 0 of 8 modes (bench/gan2d-scenarios.ts). The
 * typed-array engine (js-gan.ts) runs this default 2.4–2.6× as fast as WASM (bench gan2dEngineSpeed).
 */
export const DEFAULT_GAN_CONFIG: GanConfig = {
  generator: { hiddenLayers: 2, hiddenUnits: 32, activation: 'relu' },
  discriminator: { hiddenLayers: 2, hiddenUnits: 32, activation: 'leakyRelu' },
  noiseDim: 2,
  noise: 'gaussian',
  generatorOptimizer: { name: 'adam', learningRate: 1e-3, beta1: 0.5, beta2: 0.999 },
  discriminatorOptimizer: { name: 'adam', learningRate: 1e-3, beta1: 0.5, beta2: 0.999 },
  batchSize: 128,
  discriminatorSteps: 1,
  loss: 'non-saturating',
  gradientPenaltyWeight: 10,
  r1Weight: 0.1,
  seed: 1,
};

/**
 * The settings that usually go with a loss, for a UI to apply when the user switches games: WGAN-GP trains its
 * critic k = 5 times per G step with Adam β = (0.5, 0.9) and no R1 (Gulrajani et al. 2017's recipe; not tuned
 * here); the other three keep the tuned defaults.
 */
export function lossDefaults(loss: GanLoss): Partial<GanConfig> {
  if (loss !== 'wasserstein-gp') {
    const { discriminatorSteps, r1Weight, generatorOptimizer, discriminatorOptimizer } = DEFAULT_GAN_CONFIG;
    return {
      loss,
      discriminatorSteps,
      r1Weight,
      generatorOptimizer: { ...generatorOptimizer },
      discriminatorOptimizer: { ...discriminatorOptimizer },
    };
  }
  const adam = { name: 'adam' as const, learningRate: 1e-3, beta1: 0.5, beta2: 0.9 };
  return {
    loss,
    discriminatorSteps: 5,
    r1Weight: 0,
    generatorOptimizer: { ...adam },
    discriminatorOptimizer: { ...adam },
  };
}

/** A fresh deep copy of the defaults with some fields replaced (nested objects are copied, not shared). */
export function ganConfig(overrides: Partial<GanConfig> = {}): GanConfig {
  const d = DEFAULT_GAN_CONFIG;
  return {
    ...d,
    ...overrides,
    generator: { ...(overrides.generator ?? d.generator) },
    discriminator: { ...(overrides.discriminator ?? d.discriminator) },
    generatorOptimizer: { ...(overrides.generatorOptimizer ?? d.generatorOptimizer) },
    discriminatorOptimizer: { ...(overrides.discriminatorOptimizer ?? d.discriminatorOptimizer) },
  };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);
const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function validateMlp(path: string, v: unknown, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`Expected ${path} to be { hiddenLayers, hiddenUnits, activation }, got ${show(v)}`);
    return;
  }
  const { hiddenLayers, hiddenUnits, activation } = v;
  if (!isInt(hiddenLayers) || hiddenLayers < 0 || hiddenLayers > MAX_HIDDEN_LAYERS)
    errors.push(
      `Expected ${path}.hiddenLayers to be an integer in [0, ${MAX_HIDDEN_LAYERS}], got ${show(hiddenLayers)}`,
    );
  if (!isInt(hiddenUnits) || hiddenUnits < 1 || hiddenUnits > MAX_HIDDEN_UNITS)
    errors.push(
      `Expected ${path}.hiddenUnits to be an integer in [1, ${MAX_HIDDEN_UNITS}], got ${show(hiddenUnits)}`,
    );
  if (!GAN_ACTIVATIONS.includes(activation as GanActivation))
    errors.push(`Expected ${path}.activation in ${GAN_ACTIVATIONS.join('|')}, got ${show(activation)}`);
}

function validateOptimizer(path: string, v: unknown, errors: string[]): void {
  if (!isObject(v)) {
    errors.push(`Expected ${path} to be { name, learningRate, beta1, beta2 }, got ${show(v)}`);
    return;
  }
  const { name, learningRate, beta1, beta2 } = v;
  if (!GAN_OPTIMIZERS.includes(name as GanOptimizerName))
    errors.push(`Expected ${path}.name in ${GAN_OPTIMIZERS.join('|')}, got ${show(name)}`);
  if (!isNum(learningRate) || learningRate <= 0 || learningRate > 10)
    errors.push(`Expected ${path}.learningRate in (0, 10], got ${show(learningRate)}`);
  for (const [key, beta] of [
    ['beta1', beta1],
    ['beta2', beta2],
  ] as const) {
    if (!isNum(beta) || beta < 0 || beta >= 1)
      errors.push(`Expected ${path}.${key} in [0, 1), got ${show(beta)}`);
  }
}

/**
 * Checks every field (a config may come from storage or a link, so types are checked too). Returns one message
 * per problem, each saying what was expected and what came; an empty list means valid.
 */
export function validateGanConfig(config: GanConfig): string[] {
  const errors: string[] = [];
  const c = config as unknown as Record<string, unknown>;
  if (!isObject(c)) return [`Expected a GAN config object, got ${show(c)}`];
  validateMlp('generator', c.generator, errors);
  validateMlp('discriminator', c.discriminator, errors);
  if (!isInt(c.noiseDim) || c.noiseDim < 1 || c.noiseDim > MAX_NOISE_DIM)
    errors.push(`Expected noiseDim to be an integer in [1, ${MAX_NOISE_DIM}], got ${show(c.noiseDim)}`);
  if (!NOISE_KINDS.includes(c.noise as NoiseKind))
    errors.push(`Expected noise in ${NOISE_KINDS.join('|')}, got ${show(c.noise)}`);
  validateOptimizer('generatorOptimizer', c.generatorOptimizer, errors);
  validateOptimizer('discriminatorOptimizer', c.discriminatorOptimizer, errors);
  if (!isInt(c.batchSize) || c.batchSize < 1 || c.batchSize > MAX_BATCH_SIZE)
    errors.push(`Expected batchSize to be an integer in [1, ${MAX_BATCH_SIZE}], got ${show(c.batchSize)}`);
  if (
    !isInt(c.discriminatorSteps) ||
    c.discriminatorSteps < 1 ||
    c.discriminatorSteps > MAX_DISCRIMINATOR_STEPS
  )
    errors.push(
      `Expected discriminatorSteps to be an integer in [1, ${MAX_DISCRIMINATOR_STEPS}], got ${show(c.discriminatorSteps)}`,
    );
  if (!GAN_LOSSES.includes(c.loss as GanLoss))
    errors.push(`Expected loss in ${GAN_LOSSES.join('|')}, got ${show(c.loss)}`);
  if (!isNum(c.gradientPenaltyWeight) || c.gradientPenaltyWeight < 0)
    errors.push(`Expected gradientPenaltyWeight ≥ 0, got ${show(c.gradientPenaltyWeight)}`);
  if (!isNum(c.r1Weight) || c.r1Weight < 0) errors.push(`Expected r1Weight ≥ 0, got ${show(c.r1Weight)}`);
  if (!isNum(c.seed)) errors.push(`Expected a finite seed, got ${show(c.seed)}`);
  return errors;
}

/** Throws one error listing every problem, or returns the config unchanged. */
export function assertValidGanConfig(config: GanConfig): GanConfig {
  const errors = validateGanConfig(config);
  if (errors.length > 0) throw new Error(`Invalid GAN config: ${errors.join('; ')}`);
  return config;
}
