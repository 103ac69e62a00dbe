/**
 * First-order optimizers on a parameter vector, with the update rules of the PyTorch docs (torch.optim):
 * SGD; SGD with momentum (b ← μb + g, the first b = g); Nesterov as SGD(nesterov=True) (b ← μb + g, step
 * along g + μb); AdaGrad (sum ← sum + g², θ ← θ − lr·g/(√sum + ε)); RMSprop (v ← αv + (1 − α)g²,
 * θ ← θ − lr·g/(√v + ε)); Adam (Kingma & Ba, 2015, with bias correction of both moments).
 * Weight decay, dampening and learning-rate decay are all 0.
 */

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  lr: number;
  /** Momentum μ (momentum, nesterov). */
  momentum: number;
  /** RMSprop's smoothing α. */
  alpha: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** PyTorch's defaults for everything but the learning rate. */
export function optimizerDefaults(name: OptimizerName, lr: number): OptimizerConfig {
  const eps = name === 'adagrad' ? 1e-10 : 1e-8;
  return { lr, momentum: 0.9, alpha: 0.99, beta1: 0.9, beta2: 0.999, eps };
}

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
};

/** The state an optimizer carries between steps. */
export interface OptimizerState {
  /** Steps taken so far (Adam's t after the step is step + 1). */
  step: number;
  /** Momentum buffer b, or Adam's first moment m. */
  first: number[];
  /** AdaGrad's running sum of g², RMSprop's average of g², or Adam's second moment v. */
  second: number[];
}

export function initialState(size: number): OptimizerState {
  return { step: 0, first: new Array<number>(size).fill(0), second: new Array<number>(size).fill(0) };
}

/** One update: returns the new parameters and mutates `state`. */
export function optimizerStep(
  name: OptimizerName,
  config: OptimizerConfig,
  params: readonly number[],
  grads: readonly number[],
  state: OptimizerState,
): number[] {
  const { lr, momentum: mu, alpha, beta1, beta2, eps } = config;
  const t = state.step + 1;
  const next = params.map((theta, i) => {
    const g = grads[i]!;
    switch (name) {
      case 'sgd':
        return theta - lr * g;
      case 'momentum':
      case 'nesterov': {
        const b = state.step === 0 ? g : mu * state.first[i]! + g;
        state.first[i] = b;
        return theta - lr * (name === 'nesterov' ? g + mu * b : b);
      }
      case 'adagrad': {
        const sum = state.second[i]! + g * g;
        state.second[i] = sum;
        return theta - (lr * g) / (Math.sqrt(sum) + eps);
      }
      case 'rmsprop': {
        const v = alpha * state.second[i]! + (1 - alpha) * g * g;
        state.second[i] = v;
        return theta - (lr * g) / (Math.sqrt(v) + eps);
      }
      case 'adam': {
        const m = beta1 * state.first[i]! + (1 - beta1) * g;
        const v = beta2 * state.second[i]! + (1 - beta2) * g * g;
        state.first[i] = m;
        state.second[i] = v;
        const mHat = m / (1 - beta1 ** t);
        const vHat = v / (1 - beta2 ** t);
        return theta - (lr * mHat) / (Math.sqrt(vHat) + eps);
      }
    }
  });
  state.step = t;
  return next;
}
