import { describe, expect, it } from 'vitest';
import {
  initialState,
  optimizerDefaults,
  optimizerStep,
  type OptimizerName,
} from '../../src/learn/optimizers';
import { OptimizerRace } from '../../src/learn/optimizer-race';
import { SURFACE_LIST, distanceToMinimum } from '../../src/learn/surfaces';

/** Two steps on f(θ) = θ² from θ = 1 (g = 2θ), lr = 0.1. */
function twoSteps(name: OptimizerName): number[] {
  const config = optimizerDefaults(name, 0.1);
  const state = initialState(1);
  const out: number[] = [];
  let theta = [1];
  for (let i = 0; i < 2; i++) {
    theta = optimizerStep(name, config, theta, [2 * theta[0]!], state);
    out.push(theta[0]!);
  }
  return out;
}

describe('optimizers (PyTorch update rules)', () => {
  it('SGD: θ ← θ − lr·g', () => {
    // 1 − 0.1·2 = 0.8; 0.8 − 0.1·1.6 = 0.64
    const [a, b] = twoSteps('sgd');
    expect(a).toBeCloseTo(0.8, 14);
    expect(b).toBeCloseTo(0.64, 14);
  });

  it('momentum: b₁ = g₁, b ← 0.9b + g', () => {
    // b₁ = 2 → θ = 0.8; g₂ = 1.6, b₂ = 1.8 + 1.6 = 3.4 → θ = 0.8 − 0.34 = 0.46
    const [a, b] = twoSteps('momentum');
    expect(a).toBeCloseTo(0.8, 14);
    expect(b).toBeCloseTo(0.46, 14);
  });

  it('Nesterov (nesterov=True): step along g + μb', () => {
    // b₁ = 2, step g + 0.9·b = 2 + 1.8 = 3.8 → θ = 0.62
    // g₂ = 1.24, b₂ = 1.8 + 1.24 = 3.04, step 1.24 + 2.736 = 3.976 → θ = 0.62 − 0.3976 = 0.2224
    const [a, b] = twoSteps('nesterov');
    expect(a).toBeCloseTo(0.62, 14);
    expect(b).toBeCloseTo(0.2224, 14);
  });

  it('AdaGrad: θ ← θ − lr·g/(√Σg² + ε)', () => {
    // sum = 4 → θ = 1 − 0.1·2/2 = 0.9; g₂ = 1.8, sum = 7.24 → θ = 0.9 − 0.18/2.690725 = 0.833104
    const [a, b] = twoSteps('adagrad');
    expect(a).toBeCloseTo(0.9, 9);
    expect(b).toBeCloseTo(0.9 - 0.18 / Math.sqrt(7.24), 9);
  });

  it('RMSprop: v ← 0.99v + 0.01g²', () => {
    // v = 0.04, √v = 0.2 → θ = 1 − 0.1·2/0.2 = 0; then g = 0 and θ stays 0
    const [a, b] = twoSteps('rmsprop');
    expect(a).toBeCloseTo(0, 6);
    expect(b).toBeCloseTo(0, 6);
  });

  it('Adam with bias correction: the first step is lr·sign(g)', () => {
    // m = 0.2, v = 0.004; m̂ = 2, v̂ = 4 → θ = 1 − 0.1·2/2 = 0.9
    // g₂ = 1.8: m = 0.18 + 0.18 = 0.36, v = 0.003996 + 0.00324 = 0.007236
    // m̂ = 0.36/0.19 = 1.894737, v̂ = 0.007236/0.001999 = 3.619810 → θ = 0.9 − 0.1·1.894737/1.902580 = 0.800412
    const [a, b] = twoSteps('adam');
    expect(a).toBeCloseTo(0.9, 7);
    expect(b).toBeCloseTo(0.9 - (0.1 * (0.36 / 0.19)) / Math.sqrt(0.007236 / (1 - 0.999 ** 2)), 7);
    expect(b).toBeCloseTo(0.800412, 5);
  });
});

describe('optimizer race', () => {
  it('Adam reaches the Rosenbrock minimum region within its budget with the default settings', () => {
    const surface = SURFACE_LIST.rosenbrock;
    const race = new OptimizerRace(surface, surface.start, {});
    while (!race.done) race.step();
    const adam = race.racers.find((r) => r.name === 'adam')!;
    expect(adam.reachedAt).not.toBeNull();
    expect(adam.reachedAt!).toBeLessThanOrEqual(surface.budget);
    expect(distanceToMinimum(surface, adam.x, adam.y)).toBeLessThan(0.1);
    expect(race.winner()).not.toBeNull();
  });

  it('the noisy bowl is reproducible from its seed', () => {
    const surface = SURFACE_LIST['noisy-bowl'];
    const run = (): number[] => {
      const race = new OptimizerRace(surface, surface.start, {}, ['sgd'], 3);
      for (let i = 0; i < 50; i++) race.step();
      return race.racers[0]!.path;
    };
    expect(run()).toEqual(run());
  });

  it('every surface gradient agrees with central differences', () => {
    const h = 1e-6;
    for (const surface of Object.values(SURFACE_LIST)) {
      const [x, y] = [0.7, -0.4];
      const [gx, gy] = surface.gradient(x, y);
      const nx = (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h);
      const ny = (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h);
      expect(Math.abs(gx - nx), surface.name).toBeLessThan(1e-5);
      expect(Math.abs(gy - ny), surface.name).toBeLessThan(1e-5);
      for (const [mx, my] of surface.minima) {
        const [a, b] = surface.gradient(mx, my);
        expect(Math.hypot(a, b), `${surface.name} minimum`).toBeLessThan(1e-12);
      }
    }
  });
});
