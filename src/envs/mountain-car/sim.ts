/**
 * MountainCar-v0, as Gymnasium's `classic_control/mountain_car.py` (Moore 1990): an under-powered car in a
 * valley must rock back and forth to reach the flag. Reward -1 per step; state in float64, observed as float32.
 */
import { assertAction, box, discrete, SimEnv } from '../core';
import type { EnvSpec, ResetResult, StepResult } from '../core';
import { cos, sin } from '../../util/portable-math';

export const MOUNTAIN_CAR_ID = 'MountainCar-v0';

export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  goalVelocity: 0,
  force: 0.001,
  gravity: 0.0025,
  /** Reset draws the position from uniform(resetLow, resetHigh) with velocity 0. */
  resetLow: -0.6,
  resetHigh: -0.4,
} as const;

export interface MountainCarState {
  position: number;
  velocity: number;
}

export interface MountainCarSnapshot extends MountainCarState {
  minPosition: number;
  maxPosition: number;
  goalPosition: number;
  lastAction: number | null;
  terminated: boolean;
}

/** MountainCar takes no options; the type exists so that every game is made the same way. */
export type MountainCarOptions = Record<string, never>;

/** Height of the track at position x, the curve the renderer draws (Gymnasium's `_height`). */
export function mountainCarHeight(x: number): number {
  return sin(3 * x) * 0.45 + 0.55;
}

function clip(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** One step of the dynamics; action 0 accelerates left, 1 does nothing, 2 accelerates right. */
export function mountainCarStep(state: MountainCarState, action: number): MountainCarState {
  const { force, gravity, maxSpeed, minPosition, maxPosition } = MOUNTAIN_CAR;
  // Python's `velocity += a + b` adds (a + b) as one term; the grouping keeps the float64 result identical.
  let velocity = state.velocity + ((action - 1) * force + cos(3 * state.position) * -gravity);
  velocity = clip(velocity, -maxSpeed, maxSpeed);
  const position = clip(state.position + velocity, minPosition, maxPosition);
  // The left wall is inelastic: the car stops dead against it.
  if (position === minPosition && velocity < 0) velocity = 0;
  return { position, velocity };
}

export function mountainCarTerminated(state: MountainCarState): boolean {
  return state.position >= MOUNTAIN_CAR.goalPosition && state.velocity >= MOUNTAIN_CAR.goalVelocity;
}

const SPEC: EnvSpec = {
  id: MOUNTAIN_CAR_ID,
  name: 'Mountain Car',
  description: 'Drive an under-powered car up a hill by building momentum. -1 for every step until the flag.',
  observationSpace: box(
    [2],
    [MOUNTAIN_CAR.minPosition, -MOUNTAIN_CAR.maxSpeed],
    [MOUNTAIN_CAR.maxPosition, MOUNTAIN_CAR.maxSpeed],
  ),
  actionSpace: discrete(3),
  actionNames: ['Accelerate left', 'Coast', 'Accelerate right'],
  maxEpisodeSteps: 200,
  rewardThreshold: -110,
};

export class MountainCarSim extends SimEnv<MountainCarSnapshot> {
  readonly spec = SPEC;
  private state: MountainCarState = { position: -0.5, velocity: 0 };
  private lastAction: number | null = null;

  protected resetState(): ResetResult {
    this.state = { position: this.rng.uniform(MOUNTAIN_CAR.resetLow, MOUNTAIN_CAR.resetHigh), velocity: 0 };
    this.lastAction = null;
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    assertAction(this.spec.actionSpace, action, this.spec.id);
    this.state = mountainCarStep(this.state, action);
    this.lastAction = action;
    return {
      observation: this.observe(),
      reward: -1,
      terminated: mountainCarTerminated(this.state),
      truncated: false,
      info: {},
    };
  }

  /** Puts the car in a given state (for tests and the UI); values are clipped to the track and speed limits. */
  setState(state: MountainCarState): void {
    if (!Number.isFinite(state.position) || !Number.isFinite(state.velocity)) {
      throw new Error(
        `Expected a finite MountainCar position and velocity, got ${state.position}, ${state.velocity}`,
      );
    }
    const { minPosition, maxPosition, maxSpeed } = MOUNTAIN_CAR;
    this.state = {
      position: clip(state.position, minPosition, maxPosition),
      velocity: clip(state.velocity, -maxSpeed, maxSpeed),
    };
  }

  getState(): MountainCarState {
    return { ...this.state };
  }

  snapshot(): MountainCarSnapshot {
    return {
      ...this.state,
      minPosition: MOUNTAIN_CAR.minPosition,
      maxPosition: MOUNTAIN_CAR.maxPosition,
      goalPosition: MOUNTAIN_CAR.goalPosition,
      lastAction: this.lastAction,
      terminated: mountainCarTerminated(this.state),
    };
  }

  private observe(): Float32Array {
    return Float32Array.of(this.state.position, this.state.velocity);
  }
}
