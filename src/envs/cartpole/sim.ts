/**
 * CartPole-v1, as Gymnasium's `classic_control/cartpole.py` (Barto, Sutton & Anderson 1983): same constants,
 * same Euler integration, same termination, reward 1 on every step including the one that terminates.
 * The state is kept in float64 (JS numbers) and observed as float32, as in Gymnasium.
 */
import { box, discrete, FLOAT32_MAX, SimEnv, assertAction } from '../core';
import type { EnvSpec, ResetResult, StepResult } from '../core';
import { cos, sin } from '../../util/portable-math';

export const CARTPOLE_ID = 'CartPole-v1';

export const CARTPOLE = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  /** Half the pole's length, as in Gymnasium. */
  length: 0.5,
  forceMag: 10.0,
  /** Seconds between state updates. */
  tau: 0.02,
  /** 12 degrees, written as Gymnasium writes it. */
  thetaThresholdRadians: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  /** Reset draws each state variable from uniform(-resetBound, resetBound). */
  resetBound: 0.05,
} as const;

export interface CartPoleState {
  x: number;
  xDot: number;
  theta: number;
  thetaDot: number;
}

export interface CartPoleSnapshot extends CartPoleState {
  xThreshold: number;
  thetaThreshold: number;
  /** Half the pole's length. */
  poleHalfLength: number;
  lastAction: number | null;
  terminated: boolean;
}

/** CartPole takes no options; the type exists so that every game is made the same way. */
export type CartPoleOptions = Record<string, never>;

/** One Euler step of the cart-pole equations; action 0 pushes left, 1 pushes right. */
export function cartPoleStep(state: CartPoleState, action: number): CartPoleState {
  const { gravity, massCart, massPole, length, forceMag, tau } = CARTPOLE;
  const totalMass = massPole + massCart;
  const poleMassLength = massPole * length;
  const force = action === 1 ? forceMag : -forceMag;
  const cosTheta = cos(state.theta);
  const sinTheta = sin(state.theta);
  // Squares are written as products, which is what numpy's np.square computes.
  const temp = (force + poleMassLength * (state.thetaDot * state.thetaDot) * sinTheta) / totalMass;
  const thetaAcc =
    (gravity * sinTheta - cosTheta * temp) /
    (length * (4.0 / 3.0 - (massPole * (cosTheta * cosTheta)) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
  return {
    x: state.x + tau * state.xDot,
    xDot: state.xDot + tau * xAcc,
    theta: state.theta + tau * state.thetaDot,
    thetaDot: state.thetaDot + tau * thetaAcc,
  };
}

export function cartPoleTerminated(state: CartPoleState): boolean {
  const { xThreshold, thetaThresholdRadians } = CARTPOLE;
  return (
    state.x < -xThreshold ||
    state.x > xThreshold ||
    state.theta < -thetaThresholdRadians ||
    state.theta > thetaThresholdRadians
  );
}

const SPEC: EnvSpec = {
  id: CARTPOLE_ID,
  name: 'CartPole',
  description:
    'Balance a pole on a cart by pushing the cart left or right. +1 for every step the pole stays up.',
  observationSpace: box(
    [4],
    [-CARTPOLE.xThreshold * 2, -FLOAT32_MAX, -CARTPOLE.thetaThresholdRadians * 2, -FLOAT32_MAX],
    [CARTPOLE.xThreshold * 2, FLOAT32_MAX, CARTPOLE.thetaThresholdRadians * 2, FLOAT32_MAX],
  ),
  actionSpace: discrete(2),
  actionNames: ['Push left', 'Push right'],
  maxEpisodeSteps: 500,
  rewardThreshold: 475,
};

export class CartPoleSim extends SimEnv<CartPoleSnapshot> {
  readonly spec = SPEC;
  private state: CartPoleState = { x: 0, xDot: 0, theta: 0, thetaDot: 0 };
  /** Mirrors Gymnasium's steps_beyond_terminated: steps after termination earn 0. */
  private terminated = false;
  private lastAction: number | null = null;

  protected resetState(): ResetResult {
    const b = CARTPOLE.resetBound;
    // Same draw order as Gymnasium's uniform(size=(4,)): x, x_dot, theta, theta_dot.
    this.state = {
      x: this.rng.uniform(-b, b),
      xDot: this.rng.uniform(-b, b),
      theta: this.rng.uniform(-b, b),
      thetaDot: this.rng.uniform(-b, b),
    };
    this.terminated = false;
    this.lastAction = null;
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    assertAction(this.spec.actionSpace, action, this.spec.id);
    const alreadyTerminated = this.terminated;
    this.state = cartPoleStep(this.state, action);
    this.lastAction = action;
    this.terminated = cartPoleTerminated(this.state);
    return {
      observation: this.observe(),
      reward: alreadyTerminated ? 0 : 1,
      terminated: this.terminated,
      truncated: false,
      info: {},
    };
  }

  /** Puts the system in a given state (for tests and for the UI's "drag the pole" play). */
  setState(state: CartPoleState): void {
    for (const [key, value] of Object.entries(state)) {
      if (!Number.isFinite(value)) throw new Error(`Expected a finite CartPole ${key}, got ${value}`);
    }
    this.state = { x: state.x, xDot: state.xDot, theta: state.theta, thetaDot: state.thetaDot };
    this.terminated = cartPoleTerminated(this.state);
  }

  getState(): CartPoleState {
    return { ...this.state };
  }

  snapshot(): CartPoleSnapshot {
    return {
      ...this.state,
      xThreshold: CARTPOLE.xThreshold,
      thetaThreshold: CARTPOLE.thetaThresholdRadians,
      poleHalfLength: CARTPOLE.length,
      lastAction: this.lastAction,
      terminated: this.terminated,
    };
  }

  private observe(): Float32Array {
    return Float32Array.of(this.state.x, this.state.xDot, this.state.theta, this.state.thetaDot);
  }
}
