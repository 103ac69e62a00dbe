/**
 * Every hyperparameter of the DQN learner in one typed, JSON-safe object (it travels inside checkpoints and
 * share links), in the spirit of CleanRL's `Args` dataclass.
 */
import { MAX_OBSERVATION_SIZE } from '../storage/limits';

export type Activation = 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'elu', 'selu', 'sigmoid', 'linear'];

export type OptimizerName = 'adam' | 'rmsprop' | 'sgd';
export const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'rmsprop', 'sgd'];

/**
 * How the target network follows the online one.
 * - hard: copy the online weights every `interval` gradient steps (Mnih et al. 2015).
 * - soft: after every gradient step, θ_target ← τ·θ_online + (1 − τ)·θ_target (Polyak averaging).
 */
export type TargetUpdate = { kind: 'hard'; interval: number } | { kind: 'soft'; tau: number };

export interface DqnConfig {
  /** Units in each hidden layer of the Q-network MLP, input to output. */
  hiddenSizes: number[];
  /** Activation after every hidden layer. */
  activation: Activation;
  /** Dueling head: Q(s, a) = V(s) + A(s, a) − mean_a A(s, a) (Wang et al. 2016). */
  dueling: boolean;
  /**
   * A fixed factor per observation feature, applied before the first layer (powers of two, so the scaled network
   * folds exactly into a plain one: observation-scale.ts); null feeds observations as they are.
   */
  observationScale: number[] | null;
  /** Optimizer step size (at env step 0 when learningRateEnd is set). */
  learningRate: number;
  /**
   * Step size reached at totalSteps, decaying linearly from learningRate (a cure for "learns, then forgets");
   * null keeps learningRate throughout.
   */
  learningRateEnd: number | null;
  /**
   * Pause learning (gradient steps at learning rate 0) while the mean return of the last pauseLearningEpisodes
   * training episodes is at least this: an agent that already wins has little to learn and much to forget.
   * Learning resumes on its own when the returns fall. null never pauses.
   */
  pauseLearningAtReturn: number | null;
  /** How many of the latest training episodes pauseLearningAtReturn averages. */
  pauseLearningEpisodes: number;
  /** Gradient-descent rule. */
  optimizer: OptimizerName;
  /** Replay capacity in transitions; the oldest are overwritten once full. */
  bufferSize: number;
  /** Transitions per gradient step. */
  batchSize: number;
  /** Discount factor γ in (0, 1]. */
  gamma: number;
  /**
   * n-step returns: each stored transition sums up to n discounted rewards and bootstraps with γ^n from the state
   * n steps on (Sutton & Barto ch. 7; Rainbow). 1 is one-step DQN.
   */
  nStep: number;
  /** Environment steps collected before the first gradient step. */
  learningStarts: number;
  /** Train every `trainFreq` environment steps ... */
  trainFreq: number;
  /** ... doing this many gradient steps each time. */
  gradientSteps: number;
  /** Target-network update rule. */
  targetUpdate: TargetUpdate;
  /** Double DQN: the online net picks argmax_a' Q(s', a'), the target net evaluates it (van Hasselt et al.). */
  doubleDqn: boolean;
  /** Huber-loss threshold δ on the TD error; null for plain squared error (as CleanRL's dqn.py). */
  huberDelta: number | null;
  /** Clip gradients to this global L2 norm; null for no clipping. */
  maxGradNorm: number | null;
  /** ε at the first step of ε-greedy exploration. */
  epsilonStart: number;
  /** ε once the decay is over. */
  epsilonEnd: number;
  /** Fraction of `totalSteps` over which ε decays linearly from epsilonStart to epsilonEnd. */
  explorationFraction: number;
  /** Planned length of the run in env steps; sets the ε, learning-rate and β schedules (training may go on past it). */
  totalSteps: number;
  /** Use prioritized experience replay instead of uniform sampling. */
  prioritized: boolean;
  /** PER α: 0 is uniform, 1 fully proportional to |TD error|. */
  priorityAlpha: number;
  /** PER importance-sampling exponent β at step 0 ... */
  priorityBetaStart: number;
  /** ... annealed linearly to this value at totalSteps (1 removes the sampling bias). */
  priorityBetaEnd: number;
  /** PER: added to |TD error| so every transition keeps a non-zero priority. */
  priorityEpsilon: number;
  /** Seeds network initialisation, exploration and replay sampling. */
  seed: number;
}

/** A general-purpose starting point (close to CleanRL's dqn.py defaults, scaled to small browser tasks). */
export const DEFAULT_DQN_CONFIG: DqnConfig = {
  hiddenSizes: [120, 84],
  activation: 'relu',
  dueling: false,
  observationScale: null,
  learningRate: 2.5e-4,
  learningRateEnd: null,
  pauseLearningAtReturn: null,
  pauseLearningEpisodes: 5,
  optimizer: 'adam',
  bufferSize: 10_000,
  batchSize: 128,
  gamma: 0.99,
  nStep: 1,
  learningStarts: 10_000,
  trainFreq: 10,
  gradientSteps: 1,
  targetUpdate: { kind: 'hard', interval: 50 },
  doubleDqn: false,
  huberDelta: null,
  maxGradNorm: null,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  explorationFraction: 0.5,
  totalSteps: 500_000,
  prioritized: false,
  priorityAlpha: 0.6,
  priorityBetaStart: 0.4,
  priorityBetaEnd: 1,
  priorityEpsilon: 1e-6,
  seed: 1,
};

/** The longest window pauseLearningEpisodes may average (the check runs at every episode's end). */
export const MAX_PAUSE_LEARNING_EPISODES = 1000;

/**
 * Whether `value` is 2^k for an integer k with |k| ≤ 16 (far past any useful rescaling, far from float32's
 * limits): multiplying a float32 by it is exact, which lets a scaled network fold into a plain one
 * (observation-scale.ts).
 */
export function isObservationScaleFactor(value: unknown): value is number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) return false;
  let v = value;
  // Halving or doubling a power of two is exact, so this reaches 1 exactly when value is one.
  for (let k = 0; k < 16 && v >= 2; k++) v /= 2;
  for (let k = 0; k < 16 && v < 1; k++) v *= 2;
  return v === 1;
}

/** The longest n-step window (the replay keeps each transition's n in a byte; 20 is already far past useful). */
export const MAX_N_STEP = 20;

type Check = [ok: boolean, message: string];

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const showList = (v: unknown): string => (Array.isArray(v) ? `[${v.map(show).join(', ')}]` : show(v));

/**
 * Checks every field of a config (which may come from storage or a link, so types are checked too).
 * Returns one message per problem, each saying what was expected and what came; an empty list means valid.
 */
export function validateDqnConfig(c: DqnConfig): string[] {
  const errors: string[] = [];
  const tu: unknown = c.targetUpdate;
  const checks: Check[] = [
    [
      Array.isArray(c.hiddenSizes) && c.hiddenSizes.every((h) => isInt(h) && h > 0),
      `Expected hiddenSizes to be a list of positive integers, got ${JSON.stringify(c.hiddenSizes)}`,
    ],
    [
      ACTIVATIONS.includes(c.activation),
      `Expected activation in ${ACTIVATIONS.join('|')}, got ${show(c.activation)}`,
    ],
    [typeof c.dueling === 'boolean', `Expected dueling to be a boolean, got ${show(c.dueling)}`],
    [
      c.observationScale === null ||
        (Array.isArray(c.observationScale) &&
          c.observationScale.length > 0 &&
          c.observationScale.length <= MAX_OBSERVATION_SIZE &&
          c.observationScale.every(isObservationScaleFactor)),
      `Expected observationScale to be null or a list of powers of two from 1/65536 to 65536 (such as 0.25, 4), got ${showList(c.observationScale)}`,
    ],
    [isNum(c.learningRate) && c.learningRate > 0, `Expected learningRate > 0, got ${show(c.learningRate)}`],
    [
      c.learningRateEnd === null || (isNum(c.learningRateEnd) && c.learningRateEnd > 0),
      `Expected learningRateEnd > 0 or null, got ${show(c.learningRateEnd)}`,
    ],
    [
      c.pauseLearningAtReturn === null || isNum(c.pauseLearningAtReturn),
      `Expected pauseLearningAtReturn to be a finite number or null, got ${show(c.pauseLearningAtReturn)}`,
    ],
    [
      isInt(c.pauseLearningEpisodes) &&
        c.pauseLearningEpisodes >= 1 &&
        c.pauseLearningEpisodes <= MAX_PAUSE_LEARNING_EPISODES,
      `Expected an integer pauseLearningEpisodes in [1, ${MAX_PAUSE_LEARNING_EPISODES}], got ${show(c.pauseLearningEpisodes)}`,
    ],
    [
      OPTIMIZERS.includes(c.optimizer),
      `Expected optimizer in ${OPTIMIZERS.join('|')}, got ${show(c.optimizer)}`,
    ],
    [
      isInt(c.bufferSize) && c.bufferSize > 0,
      `Expected a positive integer bufferSize, got ${show(c.bufferSize)}`,
    ],
    [
      isInt(c.batchSize) && c.batchSize > 0,
      `Expected a positive integer batchSize, got ${show(c.batchSize)}`,
    ],
    [isNum(c.gamma) && c.gamma > 0 && c.gamma <= 1, `Expected gamma in (0, 1], got ${show(c.gamma)}`],
    [
      isInt(c.nStep) && c.nStep >= 1 && c.nStep <= MAX_N_STEP,
      `Expected an integer nStep in [1, ${MAX_N_STEP}], got ${show(c.nStep)}`,
    ],
    [
      isInt(c.learningStarts) && c.learningStarts >= 0,
      `Expected a non-negative integer learningStarts, got ${show(c.learningStarts)}`,
    ],
    [
      isInt(c.trainFreq) && c.trainFreq > 0,
      `Expected a positive integer trainFreq, got ${show(c.trainFreq)}`,
    ],
    [
      isInt(c.gradientSteps) && c.gradientSteps > 0,
      `Expected a positive integer gradientSteps, got ${show(c.gradientSteps)}`,
    ],
    [typeof c.doubleDqn === 'boolean', `Expected doubleDqn to be a boolean, got ${show(c.doubleDqn)}`],
    [
      c.huberDelta === null || (isNum(c.huberDelta) && c.huberDelta > 0),
      `Expected huberDelta > 0 or null, got ${show(c.huberDelta)}`,
    ],
    [
      c.maxGradNorm === null || (isNum(c.maxGradNorm) && c.maxGradNorm > 0),
      `Expected maxGradNorm > 0 or null, got ${show(c.maxGradNorm)}`,
    ],
    [
      isNum(c.epsilonStart) && c.epsilonStart >= 0 && c.epsilonStart <= 1,
      `Expected epsilonStart in [0, 1], got ${show(c.epsilonStart)}`,
    ],
    [
      isNum(c.epsilonEnd) && c.epsilonEnd >= 0 && c.epsilonEnd <= 1,
      `Expected epsilonEnd in [0, 1], got ${show(c.epsilonEnd)}`,
    ],
    [
      isNum(c.explorationFraction) && c.explorationFraction >= 0 && c.explorationFraction <= 1,
      `Expected explorationFraction in [0, 1], got ${show(c.explorationFraction)}`,
    ],
    [
      isInt(c.totalSteps) && c.totalSteps > 0,
      `Expected a positive integer totalSteps, got ${show(c.totalSteps)}`,
    ],
    [typeof c.prioritized === 'boolean', `Expected prioritized to be a boolean, got ${show(c.prioritized)}`],
    [
      isNum(c.priorityAlpha) && c.priorityAlpha >= 0 && c.priorityAlpha <= 1,
      `Expected priorityAlpha in [0, 1], got ${show(c.priorityAlpha)}`,
    ],
    [
      isNum(c.priorityBetaStart) && c.priorityBetaStart >= 0 && c.priorityBetaStart <= 1,
      `Expected priorityBetaStart in [0, 1], got ${show(c.priorityBetaStart)}`,
    ],
    [
      isNum(c.priorityBetaEnd) && c.priorityBetaEnd >= 0 && c.priorityBetaEnd <= 1,
      `Expected priorityBetaEnd in [0, 1], got ${show(c.priorityBetaEnd)}`,
    ],
    [
      isNum(c.priorityEpsilon) && c.priorityEpsilon > 0,
      `Expected priorityEpsilon > 0, got ${show(c.priorityEpsilon)}`,
    ],
    [isNum(c.seed), `Expected a finite seed, got ${show(c.seed)}`],
  ];
  for (const [ok, message] of checks) if (!ok) errors.push(message);

  if (typeof tu !== 'object' || tu === null || !('kind' in tu)) {
    errors.push(
      `Expected targetUpdate to be { kind: 'hard', interval } or { kind: 'soft', tau }, got ${show(tu)}`,
    );
  } else if (c.targetUpdate.kind === 'hard') {
    const { interval } = c.targetUpdate;
    if (!isInt(interval) || interval <= 0) {
      errors.push(`Expected a positive integer targetUpdate.interval, got ${show(interval)}`);
    }
  } else if (c.targetUpdate.kind === 'soft') {
    const { tau } = c.targetUpdate;
    if (!isNum(tau) || tau <= 0 || tau > 1)
      errors.push(`Expected targetUpdate.tau in (0, 1], got ${show(tau)}`);
  } else {
    errors.push(`Expected targetUpdate.kind 'hard' or 'soft', got ${show((tu as { kind: unknown }).kind)}`);
  }
  return errors;
}

/**
 * What is wrong with config.observationScale for a game whose observations have `obsSize` features (it needs
 * one factor per feature), or null. validateDqnConfig cannot tell: a config does not know its game.
 */
export function observationScaleMismatch(c: DqnConfig, obsSize: number): string | null {
  const scale = c.observationScale;
  if (!Array.isArray(scale) || scale.length === obsSize) return null;
  return `Expected observationScale to list ${obsSize} factors (one per observation feature), got ${scale.length}`;
}

/** Throws one error listing every problem, or returns the config unchanged. */
export function assertValidDqnConfig(c: DqnConfig): DqnConfig {
  const errors = validateDqnConfig(c);
  if (errors.length > 0) throw new Error(`Invalid DQN config: ${errors.join('; ')}`);
  return c;
}
