/** The solve benchmarks' seed list and summary (bench/solve-summary.ts). */
import { describe, expect, it } from 'vitest';
import { seedList, summarizeSolves } from '../../bench/solve-summary';
import type { SolveRun } from '../../bench/solve-run';

describe('seedList (the SEEDS of npm run bench)', () => {
  it('reads a range or a list, and takes the default when absent', () => {
    expect(seedList('1-4', [9])).toEqual([1, 2, 3, 4]);
    expect(seedList('3, 7,11', [9])).toEqual([3, 7, 11]);
    expect(seedList(undefined, [9])).toEqual([9]);
  });

  it('refuses what is not a short list of seeds, saying what it expected', () => {
    for (const bad of ['x', '1-', '-3', '1.5', '5-1', '0-999999999999'])
      expect(() => seedList(bad, [1])).toThrow(/Expected SEEDS as "1-10" or "1,2,3"/);
  });
});

function run(seed: number, solved: [number, number, number] | null): SolveRun {
  return {
    seed,
    backend: 'js',
    threshold: 475,
    envSteps: 50_000,
    wallSeconds: 100,
    solved: solved && { envStep: solved[0], trainingSeconds: solved[1], wallSeconds: solved[2], mean: 480 },
    bestMean: 480,
    curve: [],
    evaluationShare: 0.05,
    laterChecksAtThreshold: null,
    finalMean: 480,
    pausedShareAfterSolve: null,
    stepsPerSec: 500,
    status: 'finished',
  };
}

describe('summarizeSolves', () => {
  it('gives the median and the worst over the solved seeds only, and counts them', () => {
    const summary = summarizeSolves([
      run(1, [4000, 10, 12]),
      run(2, null),
      run(3, [9000, 30, 35]),
      run(4, [5000, 12, 14]),
    ]);
    expect(summary.solvedSeeds).toBe(3);
    expect(summary.envStepsToSolve).toEqual({ median: 5000, worst: 9000 });
    expect(summary.trainingSecondsToSolve).toEqual({ median: 12, worst: 30 });
    expect(summary.wallSecondsToSolve).toEqual({ median: 14, worst: 35 });
  });

  it('says nothing was solved rather than inventing a time', () => {
    const summary = summarizeSolves([run(1, null)]);
    expect(summary.solvedSeeds).toBe(0);
    expect(summary.envStepsToSolve).toEqual({ median: null, worst: null });
  });
});
