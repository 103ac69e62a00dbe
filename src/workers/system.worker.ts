/**
 * The System page's worker: reports and switches the tfjs backend, benchmarks every backend, and trains a
 * tiny model so a user can see that the chosen backend really learns. job.worker.ts (the one worker bundle)
 * loads and exposes this API in a worker named 'system'.
 */
import {
  activeBackend,
  initBackendMeasured,
  measureProfile,
  probeBackend,
  type InitOptions,
  type Unsupported,
} from './backend';
import { benchMatmul, MlpTrainer, timeRuns, type TimingOptions } from './kernels';
import { DEFAULT_PROFILE } from './backend-choice';
import { makeJsTinyTask, makeTinyTask } from './tiny-task';
import {
  BACKENDS,
  type BackendBenchmark,
  type BackendMeasurement,
  type ModelProfile,
  type BackendReport,
  type BenchProgress,
  type TinyTrainProgress,
  type TinyTrainResult,
} from './protocol';
import * as tf from '@tensorflow/tfjs';
import { JsMlpTrainer, jsMatmul } from '../nn/mlp-trainer';

const BENCH_TIMING: TimingOptions = { warmup: 2, minRuns: 3, maxRuns: 30, budgetMs: 1500 };
const TASKS_PER_BACKEND = 4; // probe, matmul, train step, forward

let report: BackendReport | null = null;

export const api = {
  /** Chooses the backend (forced or measured) and says why. */
  async init(options: InitOptions): Promise<BackendReport> {
    // The page measures the DQN-sized profile, which the typed-array engine runs (in the arena).
    report = await initBackendMeasured({ ...options, jsEngine: true });
    return report;
  },

  /** Times a training step of `profile` on every backend: a training page's background measurement. */
  measure(profile: ModelProfile, unsupported: Unsupported): Promise<BackendMeasurement> {
    return measureProfile(profile, unsupported).then((result) => result.measurement);
  },

  report(): BackendReport | null {
    return report;
  },

  /** Median times of a 512² matmul, an MLP training step and a batch-1 forward pass on every backend. */
  async benchmark(onProgress?: (progress: BenchProgress) => void): Promise<BackendBenchmark[]> {
    const previous = report?.active;
    const results: BackendBenchmark[] = [];
    let done = 0;
    const tell = (backend: BackendBenchmark['backend'], task: string): void => {
      onProgress?.({ backend, task, fraction: done / (BACKENDS.length * TASKS_PER_BACKEND) });
    };
    for (const backend of BACKENDS) {
      tell(backend, 'starting');
      const probe = await probeBackend(backend);
      done++;
      if (!probe.ok) {
        results.push({ backend, ok: false, reason: probe.reason });
        done += TASKS_PER_BACKEND - 1;
        continue;
      }
      tell(backend, '512×512 matmul');
      const matmul512 =
        backend === 'js' ? await timeRuns(jsMatmul(512), BENCH_TIMING) : await benchMatmul(512, BENCH_TIMING);
      done++;
      tell(backend, 'MLP training step');
      const trainer = backend === 'js' ? new JsMlpTrainer(DEFAULT_PROFILE) : new MlpTrainer(DEFAULT_PROFILE);
      try {
        const mlpTrainStep = await timeRuns(() => trainer.step().then(() => undefined), BENCH_TIMING);
        done++;
        tell(backend, 'batch-1 forward pass');
        const forwardBatch1 = await timeRuns(() => trainer.forwardOne(), BENCH_TIMING);
        done++;
        results.push({ backend, ok: true, matmul512, mlpTrainStep, forwardBatch1 });
      } finally {
        trainer.dispose();
      }
    }
    if (previous) await tf.setBackend(previous === 'js' ? 'cpu' : previous);
    onProgress?.({ backend: previous ?? 'cpu', task: 'done', fraction: 1 });
    return results;
  },

  /** Trains a tiny regression on the active backend, streaming the loss. */
  async trainTiny(
    steps: number,
    onProgress?: (progress: TinyTrainProgress) => void,
  ): Promise<TinyTrainResult> {
    if (!Number.isInteger(steps) || steps < 1 || steps > 10_000) {
      throw new Error(`Expected between 1 and 10000 steps, got ${steps}`);
    }
    const onEngine = report?.active === 'js';
    const task = onEngine ? makeJsTinyTask() : makeTinyTask();
    const losses: number[] = [];
    const start = performance.now();
    try {
      for (let step = 0; step < steps; step++) {
        const loss = await task.step();
        losses.push(loss);
        onProgress?.({ step, loss });
      }
    } finally {
      task.dispose();
    }
    return {
      backend: onEngine ? 'js' : activeBackend(),
      losses,
      msPerStep: (performance.now() - start) / steps,
    };
  },

  /** Live tensors in this worker: a flat count over time shows that nothing leaks. */
  numTensors(): number {
    return tf.memory().numTensors;
  },
};

export type SystemApi = typeof api;
