/**
 * How fast the arena's watch view steps a game: real time for watching, a slower pace a person can follow
 * for playing by hand, and a logarithmic slider from one step a second up to the speed training runs at.
 */
import type { EnvId } from '../../envs/registry';

interface Pace {
  /** Steps per second that look like the real thing: Gymnasium's `metadata["render_fps"]` where it has one. */
  realTime: number;
  /** Steps per second a person can see coming and react to, playing with the keys. */
  byHand: number;
}

const PACES = new Map<EnvId, Pace>([
  ['CartPole-v1', { realTime: 50, byHand: 50 }], // Gymnasium: render_fps 50 (tau = 0.02 s per step)
  ['MountainCar-v0', { realTime: 30, byHand: 30 }], // Gymnasium: render_fps 30
  ['FrozenLake-v1', { realTime: 4, byHand: 4 }], // Gymnasium: render_fps 4 (and it waits for a key)
  ['Snake-v0', { realTime: 10, byHand: 6 }], // a classic snake moves about ten cells a second
  ['Catch-v0', { realTime: 10, byHand: 6 }], // bsuite's Catch has no clock; a ball falls in about a second
]);

const FALLBACK: Pace = { realTime: 30, byHand: 10 };

export function realTimeSpeed(envId: EnvId): number {
  return (PACES.get(envId) ?? FALLBACK).realTime;
}

export function byHandSpeed(envId: EnvId): number {
  return (PACES.get(envId) ?? FALLBACK).byHand;
}

/** The slider's top: the watch view steps at most 50 times a frame, 3000 a second at 60 frames a second. */
export const MAX_WATCH_SPEED = 3000;
/** Slider positions 0..SLIDER_STEPS map to 1..MAX_WATCH_SPEED steps per second on a log scale. */
export const SLIDER_STEPS = 100;

export function speedFromSlider(position: number): number {
  const fraction = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  return Math.round(Math.pow(MAX_WATCH_SPEED, fraction));
}

export function sliderFromSpeed(speed: number): number {
  const clamped = Math.min(MAX_WATCH_SPEED, Math.max(1, speed));
  return Math.round((Math.log(clamped) / Math.log(MAX_WATCH_SPEED)) * SLIDER_STEPS);
}

/** A speed the watch view can keep, from a measured rate (training's steps per second). */
export function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(MAX_WATCH_SPEED, Math.max(1, Math.round(speed))) : 1;
}
