/**
 * DQN throughput, run in the arena's own worker: env steps per second of the CartPole preset per backend.
 * Solving each game is measured in solve-scenarios.ts.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../src/workers/rl-client';
import { dqnPreset } from '../src/agents/presets';
import type { BackendName } from '../src/backend-preference';

type Log = (line: string) => void;

function round(x: number): number {
  return Math.round(x * 100) / 100;
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
