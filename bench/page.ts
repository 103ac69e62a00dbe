/**
 * The in-browser half of `npm run bench`: runs each scenario in the same workers the app uses and returns
 * plain JSON. Later features add their scenarios to SCENARIOS.
 */
import { proxy } from 'comlink';
import { createSystemWorker } from '../src/workers/system-client';
import type { BenchProgress } from '../src/workers/protocol';
import { dqnThroughput, dqnThroughputJs } from './dqn-scenarios';
import { SOLVE_SCENARIOS, type BenchOptions } from './solve-scenarios';
import { GAN2D_SCENARIOS } from './gan2d-scenarios';
import { IMAGE_SCENARIOS } from './image-scenarios';

type Scenario = (log: (line: string) => void, options: BenchOptions) => Promise<unknown>;

const SCENARIOS: Record<string, Scenario> = {
  /** 512² matmul, a 4-64-64-2 MLP training step (batch 64) and a batch-1 forward pass, per backend. */
  async backendKernels(log) {
    const bridge = createSystemWorker();
    try {
      await bridge.api.init({
        preference: 'cpu',
        profile: { key: 'bench', layers: [4, 64, 64, 2], batch: 64 },
      });
      return await bridge.api.benchmark(
        proxy((progress: BenchProgress) => log(`${progress.backend}: ${progress.task}`)),
      );
    } finally {
      bridge.terminate();
    }
  },
  dqnThroughput,
  dqnThroughputJs,
  ...SOLVE_SCENARIOS,
  ...GAN2D_SCENARIOS,
  ...IMAGE_SCENARIOS,
};

const logElement = document.getElementById('log')!;
function log(line: string): void {
  logElement.textContent += `${line}\n`;
  console.log(`[bench] ${line}`);
}

async function run(names?: string[], options: BenchOptions = {}): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (names && !names.includes(name)) continue;
    log(`scenario ${name}`);
    const start = performance.now();
    try {
      results[name] = { result: await scenario(log, options), wallMs: performance.now() - start };
    } catch (error) {
      results[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return results;
}

declare global {
  interface Window {
    pgBench: { run: typeof run; scenarios: string[] };
  }
}

window.pgBench = { run, scenarios: Object.keys(SCENARIOS) };
