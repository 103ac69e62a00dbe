/**
 * One arena run as a user trains it, for the solve benchmarks: the arena's worker, the backend the page would
 * pick (or the one asked for), the worker's own greedy evaluations (src/workers/rl/evaluator.ts) with the
 * game's default settings and stop-when-solved. What it reports is what the page would show.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../src/workers/rl-client';
import type { DqnGameId } from '../src/agents/presets';
import type { DqnConfig } from '../src/agents/dqn-config';
import type { BackendName, RlEvaluation, RlUpdate } from '../src/workers/protocol';
import type { WorkerBridge } from '../src/workers/bridge';
import type { RlApi } from '../src/workers/rl.worker';

export type Log = (line: string) => void;

export interface SolveRun {
  seed: number;
  backend: BackendName;
  /** The page's rule for this game, word for word. */
  threshold: number | null;
  envSteps: number;
  /** Wall seconds from the Train call to the end (evaluations included). */
  wallSeconds: number;
  /** First evaluation at or over the threshold: env step, training seconds (evaluations excluded), score. */
  solved: { envStep: number; trainingSeconds: number; wallSeconds: number; mean: number } | null;
  bestMean: number | null;
  /** Greedy mean of every evaluation, in order, with its env step. */
  curve: Array<[number, number]>;
  /** Share of the wall time the evaluations took (the issue allows ~10%). */
  evaluationShare: number;
  /** With keepTraining: of the evaluations after the solve, the share still at or over the threshold. */
  laterChecksAtThreshold: number | null;
  /** The last evaluation's mean (the latest weights). */
  finalMean: number | null;
  /**
   * With keepTraining: the share of the env steps after the solve trained with learning paused
   * (config.pauseLearningAtReturn), counted per update window by the state the window ended in.
   */
  pausedShareAfterSolve: number | null;
  stepsPerSec: number;
  status: string;
}

export interface SolveOptions {
  envId: DqnGameId;
  config: DqnConfig;
  preference: BackendName | 'auto';
  maxSteps: number;
  /** After the solve, train on to maxSteps (as the page's "keep training") to see whether it stays solved. */
  keepTraining: boolean;
  log: Log;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Trains one run; `after` runs on the trained worker before it is ended (e.g. to verify a share link). */
export async function solveRun<T>(
  options: SolveOptions,
  after?: (bridge: WorkerBridge<RlApi>, run: SolveRun) => Promise<T>,
): Promise<SolveRun & { after?: T }> {
  const { envId, config, preference, maxSteps, log } = options;
  const bridge = createRlWorker();
  try {
    // No evaluation settings: the worker applies the game's defaults, as the page does.
    const { backend, info } = await bridge.api.start({ envId, config }, { preference });
    const evaluations: RlEvaluation[] = [];
    // Written by the update callback (a closure, so held in an object TypeScript does not narrow).
    const seen: { solved: SolveRun['solved']; last: RlUpdate | null } = { solved: null, last: null };
    const afterSolve = { steps: 0, paused: 0 };
    let lastLog = 0;
    const start = performance.now();
    const onUpdate = proxy((update: RlUpdate) => {
      if (seen.solved !== null) {
        const steps = update.envSteps - (seen.last?.envSteps ?? 0);
        afterSolve.steps += steps;
        if (update.learningPaused) afterSolve.paused += steps;
      }
      seen.last = update;
      for (const evaluation of update.evaluations) {
        evaluations.push(evaluation);
        if (evaluation.solved && seen.solved === null)
          seen.solved = {
            envStep: evaluation.envStep,
            trainingSeconds: round(evaluation.seconds),
            wallSeconds: round((performance.now() - start) / 1000),
            mean: round(evaluation.mean),
          };
      }
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        const latest = evaluations.at(-1);
        log(`${envId} seed ${config.seed}: ${update.envSteps} steps, last evaluation ${latest?.mean ?? '—'}`);
      }
    });
    let status = await bridge.api.train(onUpdate, maxSteps);
    const solvedSteps = evaluations.length;
    if (options.keepTraining && seen.solved !== null && (seen.last?.envSteps ?? 0) < maxSteps) {
      await bridge.api.setStopWhenSolved(false);
      status = await bridge.api.train(onUpdate, maxSteps);
    }
    const wallSeconds = (performance.now() - start) / 1000;
    const threshold = info.rewardThreshold;
    const later = evaluations.slice(solvedSteps);
    const run: SolveRun = {
      seed: config.seed,
      backend: backend.active,
      threshold,
      envSteps: seen.last?.envSteps ?? 0,
      wallSeconds: round(wallSeconds),
      solved: seen.solved,
      bestMean: evaluations.length ? round(Math.max(...evaluations.map((e) => e.mean))) : null,
      curve: evaluations.map((e) => [e.envStep, round(e.mean)]),
      evaluationShare: round(evaluations.reduce((sum, e) => sum + e.ms, 0) / 1000 / wallSeconds),
      laterChecksAtThreshold:
        threshold === null || later.length === 0
          ? null
          : round(later.filter((e) => e.mean >= threshold).length / later.length),
      finalMean: evaluations.length ? round(evaluations.at(-1)!.mean) : null,
      pausedShareAfterSolve: afterSolve.steps === 0 ? null : round(afterSolve.paused / afterSolve.steps),
      stepsPerSec: Math.round((seen.last?.envSteps ?? 0) / wallSeconds),
      status,
    };
    log(`${envId} seed ${config.seed}: ${run.solved ? `solved at ${run.solved.envStep}` : 'not solved'}`);
    return after ? { ...run, after: await after(bridge, run) } : run;
  } finally {
    bridge.terminate();
  }
}
