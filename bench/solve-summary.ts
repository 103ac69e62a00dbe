/** Pure helpers of the solve benchmarks (no worker, so they are unit-tested in Node). */
import type { SolveRun } from './solve-run';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** "1-10" or "1,4,7" (from the SEEDS variable of `npm run bench`), else the default. */
export function seedList(text: string | undefined, fallback: number[]): number[] {
  if (!text) return fallback;
  const refuse = () =>
    new Error(`Expected SEEDS as "1-10" or "1,2,3" (at most 100 non-negative integers), got "${text}"`);
  const range = /^(\d+)-(\d+)$/.exec(text.trim());
  // The count is checked before any list is made: a range from a command line is bounded work.
  const count = range ? Number(range[2]) - Number(range[1]) + 1 : text.split(',').length;
  if (count < 1 || count > 100) throw refuse();
  const seeds = range
    ? Array.from({ length: count }, (_, i) => Number(range[1]) + i)
    : text.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isSafeInteger(s) || s < 0)) throw refuse();
  return seeds;
}

/** The solve summary over seeds: how many solved, env steps and seconds to solve (median and worst). */
export function summarizeSolves(runs: SolveRun[]) {
  const solved = runs.flatMap((r) => (r.solved ? [r.solved] : []));
  const worst = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  const steps = solved.map((s) => s.envStep);
  const training = solved.map((s) => s.trainingSeconds);
  const wall = solved.map((s) => s.wallSeconds);
  return {
    seeds: runs.map((r) => r.seed),
    solvedSeeds: solved.length,
    envStepsToSolve: { median: median(steps), worst: worst(steps) },
    trainingSecondsToSolve: { median: median(training), worst: worst(training) },
    wallSecondsToSolve: { median: median(wall), worst: worst(wall) },
    medianEvaluationShare: median(runs.map((r) => r.evaluationShare)),
  };
}
