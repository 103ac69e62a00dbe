/**
 * Step-indexed schedules. `linearSchedule` follows CleanRL's `linear_schedule(start_e, end_e, duration, t)`:
 * a straight line from `start` at t = 0 to `end` at t = duration, held at `end` afterwards.
 */
export function linearSchedule(start: number, end: number, duration: number, t: number): number {
  if (duration <= 0 || t >= duration) return end;
  if (t <= 0) return start;
  return start + (end - start) * (t / duration);
}

/** The exploration rate after `envStep` environment steps: ε decays over explorationFraction · totalSteps. */
export function epsilonAt(
  config: { epsilonStart: number; epsilonEnd: number; explorationFraction: number; totalSteps: number },
  envStep: number,
): number {
  return linearSchedule(
    config.epsilonStart,
    config.epsilonEnd,
    config.explorationFraction * config.totalSteps,
    envStep,
  );
}

/** Prioritized replay's β, annealed linearly from betaStart to betaEnd over the whole run. */
export function priorityBetaAt(
  config: { priorityBetaStart: number; priorityBetaEnd: number; totalSteps: number },
  envStep: number,
): number {
  return linearSchedule(config.priorityBetaStart, config.priorityBetaEnd, config.totalSteps, envStep);
}

/**
 * The optimizer step size after `envStep` environment steps: learningRate, or with learningRateEnd set, a
 * straight line from learningRate at step 0 to learningRateEnd at totalSteps, held there afterwards (as
 * rl-baselines3-zoo's `lin_` schedules, but to a floor rather than 0, so training past totalSteps still learns).
 */
export function learningRateAt(
  config: { learningRate: number; learningRateEnd: number | null; totalSteps: number },
  envStep: number,
): number {
  if (config.learningRateEnd === null) return config.learningRate;
  return linearSchedule(config.learningRate, config.learningRateEnd, config.totalSteps, envStep);
}
