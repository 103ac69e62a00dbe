/**
 * DQN throughput, run in the arena's own worker: env steps per second of the CartPole preset per backend.
 * Solving each game is measured in solve-scenarios.ts.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../src/workers/rl-client';
import { dqnPreset } from '../src/agents/presets';

type Log = (line: string) => void;

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Env steps per second with learning on (after learningStarts), per backend side by side in one sitting,
 * CartPole preset: 'js' is the typed-array engine, the others tfjs backends.
 */
export async function dqnThroughput(log: Log): Promise<unknown> {
  const results = [];
  for (const backend of ['js', 'wasm', 'cpu', 'webgl'] as const) {
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
