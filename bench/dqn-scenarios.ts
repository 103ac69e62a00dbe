/**
 * DQN benchmarks, run in the arena's own worker: throughput per backend, steps to solve CartPole-v1 over
 * several seeds, and MountainCar-v0's best 100-episode mean within a step budget.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../src/workers/rl-client';
import { dqnPreset, type DqnGameId } from '../src/agents/presets';
import type { BackendName, RlUpdate } from '../src/workers/protocol';
import type { DqnConfig } from '../src/agents/dqn-config';

type Log = (line: string) => void;

interface TrainOutcome {
  seed: number;
  backend: BackendName;
  envSteps: number;
  episodes: number;
  wallSeconds: number;
  /** Env step at which the 100-episode mean first reached the target (null: not within the budget). */
  solvedAtStep: number | null;
  solvedAtSeconds: number | null;
  bestMean100: number | null;
  stepsPerSec: number;
  status: string;
  /** Live tfjs tensors in the worker after set-up and at the end: equal when nothing leaks. */
  tensorsAfterStart: number;
  tensorsAtEnd: number;
}

/** Trains one run until its 100-episode mean reaches `target` or `maxSteps` env steps pass. */
async function trainUntil(
  envId: DqnGameId,
  config: DqnConfig,
  preference: BackendName | 'auto',
  maxSteps: number,
  target: number | null,
  log: Log,
): Promise<TrainOutcome> {
  const bridge = createRlWorker();
  try {
    const { backend } = await bridge.api.start({ envId, config }, { preference });
    const tensorsAfterStart = await bridge.api.numTensors();
    const returns: number[] = [];
    let best: number | null = null;
    let solvedAtStep: number | null = null;
    let solvedAtSeconds: number | null = null;
    let last: RlUpdate | null = null;
    let lastLog = 0;
    const start = performance.now();
    await bridge.api.train(
      proxy((update: RlUpdate) => {
        last = update;
        for (const episode of update.newEpisodes) {
          returns.push(episode.return);
          if (returns.length > 100) returns.shift();
          if (returns.length < 100) continue;
          const mean = returns.reduce((a, b) => a + b, 0) / 100;
          best = best === null ? mean : Math.max(best, mean);
          if (target !== null && solvedAtStep === null && mean >= target) {
            solvedAtStep = episode.envStep;
            solvedAtSeconds = (performance.now() - start) / 1000;
            void bridge.api.pause();
          }
        }
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`${envId} seed ${config.seed}: ${update.envSteps} steps, best mean ${best?.toFixed(1) ?? '—'}`);
        }
      }),
      maxSteps,
    );
    const wallSeconds = (performance.now() - start) / 1000;
    const final = last as RlUpdate | null;
    const envSteps = final?.envSteps ?? 0;
    return {
      seed: config.seed,
      backend: backend.active,
      envSteps,
      episodes: final?.episodes ?? 0,
      wallSeconds: round(wallSeconds),
      solvedAtStep,
      solvedAtSeconds: solvedAtSeconds === null ? null : round(solvedAtSeconds),
      bestMean100: best === null ? null : round(best),
      stepsPerSec: round(envSteps / wallSeconds),
      status: final?.status ?? 'unknown',
      tensorsAfterStart,
      tensorsAtEnd: await bridge.api.numTensors(),
    };
  } finally {
    bridge.terminate();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Env steps per second with learning on (after learningStarts), per backend, CartPole preset. */
export async function dqnThroughput(log: Log): Promise<unknown> {
  const results = [];
  for (const backend of ['wasm', 'cpu', 'webgl'] as const) {
    const config = dqnPreset('CartPole-v1');
    const warm = config.learningStarts;
    const bridge = createRlWorker();
    try {
      const { backend: report } = await bridge.api.start(
        { envId: 'CartPole-v1', config },
        { preference: backend },
      );
      if (report.active !== backend) {
        results.push({ backend, error: `ran on ${report.active} instead` });
        continue;
      }
      await bridge.api.train(
        proxy(() => undefined),
        warm,
      ); // fill the buffer first: learning is what costs
      const steps = 4000;
      const start = performance.now();
      await bridge.api.train(
        proxy(() => undefined),
        warm + steps,
      );
      const seconds = (performance.now() - start) / 1000;
      log(`throughput ${backend}: ${(steps / seconds).toFixed(0)} env steps/s`);
      results.push({
        backend,
        envStepsPerSec: round(steps / seconds),
        gradientStepsPerEnvStep: config.gradientSteps / config.trainFreq,
      });
    } catch (error) {
      results.push({ backend, error: error instanceof Error ? error.message : String(error) });
    } finally {
      bridge.terminate();
    }
  }
  return results;
}

/** CartPole-v1, default preset, seeds 1..5: env steps and wall time to a 100-episode mean ≥ 475. */
export async function cartpoleSolve(log: Log): Promise<unknown> {
  const runs: TrainOutcome[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    const config = dqnPreset('CartPole-v1', { seed });
    runs.push(await trainUntil('CartPole-v1', config, 'auto', 100_000, 475, log));
    log(`CartPole seed ${seed}: solved at ${runs.at(-1)!.solvedAtStep ?? 'not within 100k'}`);
  }
  const solved = runs.filter((r) => r.solvedAtStep !== null);
  return {
    goal: 'every seed reaches a 100-episode mean ≥ 475 within 50,000 env steps; median wall time to solve < 30 s',
    target: 475,
    budgetSteps: 100_000,
    solvedSeeds: solved.length,
    solvedWithin50k: solved.filter((r) => r.solvedAtStep! <= 50_000).length,
    medianStepsToSolve: median(solved.map((r) => r.solvedAtStep!)),
    medianSecondsToSolve: median(solved.map((r) => r.solvedAtSeconds!)),
    runs,
  };
}

/** MountainCar-v0, default preset: the best 100-episode mean within 150,000 env steps. */
export async function mountainCar(log: Log): Promise<unknown> {
  const config = dqnPreset('MountainCar-v0', { seed: 1 });
  const run = await trainUntil('MountainCar-v0', config, 'auto', 150_000, null, log);
  return { goal: 'best 100-episode mean ≥ -110 within 150,000 steps (rl-baselines3-zoo: -100.8)', ...run };
}
