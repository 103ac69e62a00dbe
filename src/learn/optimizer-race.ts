/**
 * Several optimizers started at one point of a 2-D surface and stepped together, recording each one's path,
 * loss, and the step at which it first came within the surface's radius of a minimum.
 */
import { Rng } from '../envs/rng';
import {
  OPTIMIZERS,
  initialState,
  optimizerDefaults,
  optimizerStep,
  type OptimizerName,
  type OptimizerState,
} from './optimizers';
import { distanceToMinimum, observedGradient, type Surface, type SurfaceName } from './surfaces';

/**
 * Learning rates that suit each optimizer on each surface (each found by trying a few on its own): a single
 * global rate would leave SGD diverging on Rosenbrock or Adam crawling on the bowl.
 */
export const DEFAULT_LEARNING_RATES: Record<SurfaceName, Record<OptimizerName, number>> = {
  rosenbrock: { sgd: 0.001, momentum: 0.0005, nesterov: 0.0005, adagrad: 0.5, rmsprop: 0.01, adam: 0.05 },
  beale: { sgd: 0.01, momentum: 0.001, nesterov: 0.001, adagrad: 0.5, rmsprop: 0.01, adam: 0.05 },
  saddle: { sgd: 0.05, momentum: 0.01, nesterov: 0.01, adagrad: 0.5, rmsprop: 0.01, adam: 0.05 },
  'noisy-bowl': { sgd: 0.02, momentum: 0.01, nesterov: 0.01, adagrad: 0.5, rmsprop: 0.02, adam: 0.05 },
};

export interface Racer {
  name: OptimizerName;
  lr: number;
  x: number;
  y: number;
  state: OptimizerState;
  rng: Rng;
  /** Flat [x0, y0, x1, y1, …] from the start. */
  path: number[];
  losses: number[];
  /** First step count at which it was within the radius of a minimum; null until then. */
  reachedAt: number | null;
  /** Set when the loss or position stopped being finite. */
  diverged: boolean;
}

export class OptimizerRace {
  readonly racers: Racer[];
  steps = 0;

  constructor(
    readonly surface: Surface,
    readonly start: readonly [number, number],
    learningRates: Partial<Record<OptimizerName, number>>,
    names: readonly OptimizerName[] = OPTIMIZERS,
    seed = 1,
    /** Steps each optimizer may take (default: the surface's). */
    readonly budget = surface.budget,
  ) {
    if (!Number.isInteger(budget) || budget < 1)
      throw new Error(`Expected a positive integer step budget, got ${budget}`);
    this.racers = names.map((name, i) => {
      const lr = learningRates[name] ?? DEFAULT_LEARNING_RATES[surface.name][name];
      const [x, y] = start;
      return {
        name,
        lr,
        x,
        y,
        state: initialState(2),
        rng: new Rng(seed * 1009 + i),
        path: [x, y],
        losses: [surface.value(x, y)],
        reachedAt: distanceToMinimum(surface, x, y) <= surface.radius ? 0 : null,
        diverged: false,
      };
    });
  }

  get done(): boolean {
    return this.steps >= this.budget;
  }

  /** Steps every optimizer once (a diverged one stays where it is). */
  step(): void {
    if (this.done) return;
    this.steps += 1;
    for (const racer of this.racers) {
      if (racer.diverged) continue;
      const g = observedGradient(this.surface, racer.x, racer.y, racer.rng);
      const [x, y] = optimizerStep(
        racer.name,
        optimizerDefaults(racer.name, racer.lr),
        [racer.x, racer.y],
        g,
        racer.state,
      );
      const loss = this.surface.value(x!, y!);
      if (!Number.isFinite(loss) || Math.abs(x!) > 1e6 || Math.abs(y!) > 1e6) {
        racer.diverged = true;
        continue;
      }
      racer.x = x!;
      racer.y = y!;
      racer.path.push(racer.x, racer.y);
      racer.losses.push(loss);
      if (
        racer.reachedAt === null &&
        distanceToMinimum(this.surface, racer.x, racer.y) <= this.surface.radius
      ) {
        racer.reachedAt = this.steps;
      }
    }
  }

  /** The optimizer that reached a minimum region in the fewest steps (ties: the first listed). */
  winner(): Racer | null {
    let best: Racer | null = null;
    for (const racer of this.racers) {
      if (racer.reachedAt !== null && (best === null || racer.reachedAt < best.reachedAt!)) best = racer;
    }
    return best;
  }
}
