/**
 * DQN benchmarks, run in the arena's own worker: throughput per backend, steps to solve CartPole-v1 over
 * several seeds, and MountainCar-v0's best 100-episode mean within a step budget.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../src/workers/rl-client';
import { dqnPreset, type DqnGameId } from '../src/agents/presets';
import type { BackendName, RlUpdate } from '../src/workers/protocol';
import type { DqnConfig } from '../src/agents/dqn-config';
import { evaluateGreedy } from '../src/agents/evaluate';
import type { Checkpoint } from '../src/storage/checkpoint';
import { loadCheckpoint, saveCheckpoint, deleteCheckpoint } from '../src/storage/db';
import { verifySharePrecisions } from '../src/agents/share-verify';
import { checkpointWithAgent } from '../src/storage/dqn-evaluation';
import type { WorkerBridge } from '../src/workers/bridge';
import type { RlApi } from '../src/workers/rl.worker';

type Log = (line: string) => void;

interface TrainOutcome {
  seed: number;
  backend: BackendName;
  envSteps: number;
  episodes: number;
  wallSeconds: number;
  /**
   * Env step whose greedy policy first averaged ≥ target over 100 evaluation episodes (null: not within the
   * budget). Evaluated as rl-baselines3-zoo does, on separate episodes: training episodes explore (ε) and a
   * 100-episode training mean of 475 alone takes 47,500 steps.
   */
  solvedAtStep: number | null;
  solvedAtSeconds: number | null;
  /** Best 100-episode greedy-evaluation mean seen. */
  bestEvalMean100: number | null;
  /** Best mean of 100 consecutive training episodes. */
  bestMean100: number | null;
  evaluations: number;
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
  /** Runs on the trained worker before it is ended (e.g. to measure checkpoints of a solved agent). */
  afterTraining?: (bridge: WorkerBridge<RlApi>, solved: boolean) => Promise<unknown>,
): Promise<TrainOutcome & { after?: unknown }> {
  const bridge = createRlWorker();
  try {
    const { backend } = await bridge.api.start({ envId, config }, { preference });
    const tensorsAfterStart = await bridge.api.numTensors();
    const returns: number[] = [];
    let best: number | null = null;
    let bestEval: number | null = null;
    let evaluations = 0;
    let evaluating = false;
    let solvedAtStep: number | null = null;
    let solvedAtSeconds: number | null = null;
    let last: RlUpdate | null = null;
    let lastLog = 0;
    const start = performance.now();
    /** Evaluates the greedy policy of streamed weights on this (otherwise idle) main thread, in parallel. */
    const evaluate = async (update: RlUpdate): Promise<void> => {
      if (!update.weights || evaluating || solvedAtStep !== null || target === null) return;
      evaluating = true;
      const { mean } = await evaluateGreedy(
        update.weights,
        config.activation,
        envId,
        {},
        100,
        1000 + evaluations,
      );
      evaluations++;
      bestEval = bestEval === null ? mean : Math.max(bestEval, mean);
      if (mean >= target && solvedAtStep === null) {
        solvedAtStep = update.envSteps;
        solvedAtSeconds = (performance.now() - start) / 1000;
        void bridge.api.pause();
      }
      evaluating = false;
    };
    await bridge.api.train(
      proxy((update: RlUpdate) => {
        last = update;
        void evaluate(update);
        for (const episode of update.newEpisodes) {
          returns.push(episode.return);
          if (returns.length > 100) returns.shift();
          if (returns.length < 100) continue;
          const mean = returns.reduce((a, b) => a + b, 0) / 100;
          best = best === null ? mean : Math.max(best, mean);
        }
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(
            `${envId} seed ${config.seed}: ${update.envSteps} steps, best eval ${bestEval ?? '—'}, best train mean ${best?.toFixed(1) ?? '—'}`,
          );
        }
      }),
      maxSteps,
    );
    const wallSeconds = (performance.now() - start) / 1000;
    const after = afterTraining ? await afterTraining(bridge, solvedAtStep !== null) : undefined;
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
      bestEvalMean100: bestEval === null ? null : round(bestEval),
      bestMean100: best === null ? null : round(best),
      evaluations,
      stepsPerSec: round(envSteps / wallSeconds),
      status: final?.status ?? 'unknown',
      tensorsAfterStart,
      tensorsAtEnd: await bridge.api.numTensors(),
      ...(after !== undefined ? { after } : {}),
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

/**
 * Env steps per second with learning on (after learningStarts), per backend side by side in one sitting,
 * CartPole preset: 'js' is the typed-array engine, the others tfjs backends.
 */
export function dqnThroughput(log: Log): Promise<unknown> {
  return throughputOn(['js', 'wasm', 'cpu', 'webgl'], log);
}

/**
 * The typed-array engine three times one after another (their spread shows the machine's noise), then
 * tfjs-WASM once for reference: minutes less than dqnThroughput, whose CPU and WebGL runs are slow here.
 */
export function dqnThroughputJs(log: Log): Promise<unknown> {
  return throughputOn(['js', 'js', 'js', 'wasm'], log);
}

async function throughputOn(backends: readonly BackendName[], log: Log): Promise<unknown> {
  const results = [];
  for (const backend of backends) {
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
      const gradientStepsPerEnvStep = config.gradientSteps / config.trainFreq;
      results.push({
        backend,
        envStepsPerSec: round(steps / seconds),
        gradientStepsPerEnvStep,
        // All of an env step's time (acting, the env, the worker's loop) counted against its gradient steps.
        msPerGradientStepAtMost: round((seconds * 1000) / (steps * gradientStepsPerEnvStep)),
      });
    } catch (error) {
      results.push({ backend, error: error instanceof Error ? error.message : String(error) });
    } finally {
      bridge.terminate();
    }
  }
  return results;
}

/** CartPole-v1, default preset, seeds 1..5 on the backend "auto" picks: steps and wall time to a greedy mean ≥ 475. */
export function cartpoleSolve(log: Log): Promise<unknown> {
  return cartpoleSolveOn('auto', log);
}

/** The same on the typed-array engine, forced. */
export function cartpoleSolveJs(log: Log): Promise<unknown> {
  return cartpoleSolveOn('js', log);
}

async function cartpoleSolveOn(preference: BackendName | 'auto', log: Log): Promise<unknown> {
  const runs: TrainOutcome[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    const config = dqnPreset('CartPole-v1', { seed });
    runs.push(
      await trainUntil(
        'CartPole-v1',
        config,
        preference,
        50_000,
        475,
        log,
        seed === 1 ? measureCheckpoints : undefined,
      ),
    );
    log(`CartPole seed ${seed}: solved at ${runs.at(-1)!.solvedAtStep ?? 'not within 50k'}`);
  }
  const solved = runs.filter((r) => r.solvedAtStep !== null);
  return {
    goal: 'every seed reaches a 100-episode greedy mean ≥ 475 within 50,000 env steps; median wall time to solve ≤ 10 s',
    preference,
    target: 475,
    budgetSteps: 50_000,
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
  // Its threshold (-110) is what the zoo reports as a mean; trained with greedy evaluation like CartPole.
  const run = await trainUntil('MountainCar-v0', config, 'auto', 150_000, -110, log);
  return { goal: 'best 100-episode mean ≥ -110 within 150,000 steps (rl-baselines3-zoo: -100.8)', ...run };
}

/**
 * Save/load time of the solved agent's checkpoint through IndexedDB, and its share link at each precision with
 * the score the quantized agent reaches (goal: ≤ 8 KB while still ≥ 475).
 */
async function measureCheckpoints(bridge: WorkerBridge<RlApi>, solved: boolean): Promise<unknown> {
  const t0 = performance.now();
  const checkpoint: Checkpoint = await bridge.api.checkpoint({ name: 'bench', includeReplay: false });
  const captureMs = performance.now() - t0;
  const t1 = performance.now();
  const { record } = await saveCheckpoint(checkpoint);
  const saveMs = performance.now() - t1;
  const t2 = performance.now();
  await loadCheckpoint(record.id);
  const loadMs = performance.now() - t2;
  await deleteCheckpoint(record.id);
  // The agent a link carries by default (the best evaluated), played at every precision for 100 episodes.
  const verification = verifySharePrecisions(checkpointWithAgent(checkpoint, 'best'), 100, 475);
  const links = verification.checks.map((c) => ({
    quantization: c.quantization,
    chars: c.hashLength,
    fits8000: c.fits,
    verifiedMean100: round(c.mean),
    keepsScore: c.keeps,
  }));
  return {
    agentSolved: solved,
    captureMs: round(captureMs),
    saveMs: round(saveMs),
    loadMs: round(loadMs),
    sizeBytes: record.sizeBytes,
    bestMean100: round(verification.fullMean),
    shareLinks: links,
    defaultPrecision: verification.chosen,
  };
}
