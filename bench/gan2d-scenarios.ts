/**
 * 2-D GAN benchmarks (studio), run in the studio's own worker through the same session the lab uses
 * (time-sliced training with ~12 Hz snapshots and metrics every 250 iterations): iterations per second per
 * backend, modes covered after 5,000 iterations over 5 seeds with the defaults, and the same for a GAN Lab-like
 * baseline (1×8 ReLU nets, SGD lr 0.1, batch 150).
 */
import { proxy } from 'comlink';
import { createStudioWorker } from '../src/workers/studio-client';
import { DEFAULT_RING, type DistributionSpec } from '../src/generative/distributions';
import { ganConfig, type GanConfig } from '../src/generative/gan-config';
import type { BackendName } from '../src/workers/protocol';
import type { Gan2dMetricPoint, Gan2dSnapshot } from '../src/workers/protocol/studio';

type Log = (line: string) => void;

const RING: DistributionSpec = DEFAULT_RING;
const COVERAGE_RULE =
  'a mode counts as covered when ≥ 1% of 2,000 generated samples lie within 3σ of its centre; ' +
  'high-quality share = samples within 3σ of any centre';
const SEEDS = [1, 2, 3, 4, 5];
const ITERATIONS = 5000;

/** GAN Lab's defaults, for scale: 1 hidden layer of 8 ReLUs per net, plain SGD at 0.1, batch 150. */
const sgd = { name: 'sgd' as const, learningRate: 0.1, beta1: 0.9, beta2: 0.999 };
export const BASELINE_CONFIG: GanConfig = ganConfig({
  generator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
  discriminator: { hiddenLayers: 1, hiddenUnits: 8, activation: 'relu' },
  noiseDim: 2,
  noise: 'uniform',
  generatorOptimizer: sgd,
  discriminatorOptimizer: sgd,
  batchSize: 150,
  discriminatorSteps: 1,
  loss: 'non-saturating',
  r1Weight: 0,
});

interface Throughput {
  requested: BackendName;
  active: BackendName | null;
  iterationsPerSec: number | null;
  iterations: number;
  seconds: number;
  snapshotsPerSec: number;
  tensorsAfterStart: number | null;
  tensorsAtEnd: number | null;
  error?: string;
}

/** Trains the ring with `config` on one backend for `seconds` and counts iterations (views drawn as usual). */
async function throughput(
  requested: BackendName,
  config: GanConfig,
  seconds: number,
  log: Log,
): Promise<Throughput> {
  const bridge = createStudioWorker();
  try {
    const { backend } = await bridge.api.gan2dStart(
      { config, distribution: RING },
      { preference: requested },
    );
    const tensorsAfterStart = await bridge.api.gan2dNumTensors();
    // A short warm-up compiles the kernels (WebGL shaders, WebGPU pipelines) before timing.
    const startIteration = requested === 'webgpu' ? 3 : 20;
    await bridge.api.gan2dTrain(
      proxy(() => {}),
      startIteration,
    );
    let last: Gan2dSnapshot | null = null;
    let snapshots = 0;
    const start = performance.now();
    const training = bridge.api.gan2dTrain(
      proxy((s: Gan2dSnapshot) => {
        last = s;
        snapshots++;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await bridge.api.gan2dPause();
    await training;
    const wall = (performance.now() - start) / 1000;
    const end = (last as Gan2dSnapshot | null)?.iteration ?? startIteration;
    const result: Throughput = {
      requested,
      active: backend.active,
      iterationsPerSec: Math.round((end - startIteration) / wall),
      iterations: end - startIteration,
      seconds: Math.round(wall * 10) / 10,
      snapshotsPerSec: Math.round((snapshots / wall) * 10) / 10,
      tensorsAfterStart,
      tensorsAtEnd: await bridge.api.gan2dNumTensors(),
    };
    log(`${requested} (${backend.active}): ${result.iterationsPerSec} it/s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${requested}: ${message}`);
    return {
      requested,
      active: null,
      iterationsPerSec: null,
      iterations: 0,
      seconds: 0,
      snapshotsPerSec: 0,
      tensorsAfterStart: null,
      tensorsAtEnd: null,
      error: message,
    };
  } finally {
    bridge.terminate();
  }
}

interface SeedOutcome {
  seed: number;
  modesCovered: number | null;
  modes: number | null;
  highQualityShare: number | null;
  js: number | null;
  seconds: number;
  iterationsPerSec: number;
}

/** Trains `ITERATIONS` iterations per seed on `backend` and reads the metric measured at the last one. */
async function coverage(
  config: GanConfig,
  log: Log,
  label: string,
  backend: BackendName = 'wasm',
): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  for (const seed of SEEDS) {
    const bridge = createStudioWorker();
    try {
      await bridge.api.gan2dStart(
        { config: { ...config, seed }, distribution: RING },
        { preference: backend },
      );
      let final: Gan2dMetricPoint | null = null;
      const start = performance.now();
      await bridge.api.gan2dTrain(
        proxy((s: Gan2dSnapshot) => {
          for (const m of s.metrics) if (m.iteration === ITERATIONS) final = m;
        }),
        ITERATIONS,
      );
      const seconds = (performance.now() - start) / 1000;
      const m = final as Gan2dMetricPoint | null;
      outcomes.push({
        seed,
        modesCovered: m?.modesCovered ?? null,
        modes: m?.modesTotal ?? null,
        highQualityShare: m?.highQuality === null || !m ? null : Math.round(m.highQuality * 1000) / 1000,
        js: m ? Math.round(m.js * 1000) / 1000 : null,
        seconds: Math.round(seconds * 10) / 10,
        iterationsPerSec: Math.round(ITERATIONS / seconds),
      });
      log(
        `${label} seed ${seed}: ${m?.modesCovered ?? '?'}/${m?.modesTotal ?? '?'} modes in ${seconds.toFixed(1)} s`,
      );
    } finally {
      bridge.terminate();
    }
  }
  return outcomes;
}

function summary(outcomes: SeedOutcome[]) {
  const covered = outcomes.map((o) => o.modesCovered ?? 0);
  return {
    modesPerSeed: covered,
    allModesOnEverySeed: outcomes.every((o) => o.modesCovered !== null && o.modesCovered === o.modes),
    meanHighQualityShare:
      Math.round((outcomes.reduce((s, o) => s + (o.highQualityShare ?? 0), 0) / outcomes.length) * 1000) /
      1000,
  };
}

const target = `ring of 8 Gaussians, radius ${(RING as { radius: number }).radius}, σ ${(RING as { sigma: number }).sigma}`;

export const GAN2D_SCENARIOS: Record<string, (log: (line: string) => void) => Promise<unknown>> = {
  /** (a) Training iterations per second (k = 1: one D step + one G step) per backend, default config. */
  async gan2dThroughput(log) {
    const config = ganConfig();
    const backends: [BackendName, number][] = [
      ['js', 5],
      ['wasm', 5],
      ['cpu', 4],
      ['webgl', 4],
      ['webgpu', 3],
    ];
    const results: Throughput[] = [];
    for (const [backend, seconds] of backends) results.push(await throughput(backend, config, seconds, log));
    return {
      target,
      config: 'default (2×32 G ReLU, 2×32 D leaky ReLU, Adam 1e-3, batch 128, R1 0.1)',
      results,
    };
  },

  /** (b) Modes covered after 5,000 iterations over 5 seeds with the defaults (goal: 8/8 on every seed). */
  async gan2dCoverage(log) {
    const outcomes = await coverage(ganConfig(), log, 'default');
    return {
      target,
      rule: COVERAGE_RULE,
      iterations: ITERATIONS,
      backend: 'wasm',
      ...summary(outcomes),
      outcomes,
    };
  },

  /** (b') The same coverage run on the typed-array engine (goal: the same modes as on WASM). */
  async gan2dCoverageJs(log) {
    const outcomes = await coverage(ganConfig(), log, 'default (js)', 'js');
    return {
      target,
      rule: COVERAGE_RULE,
      iterations: ITERATIONS,
      backend: 'js',
      ...summary(outcomes),
      outcomes,
    };
  },

  /**
   * (a') Today's default (tfjs on WASM) and the typed-array engine side by side: three alternating rounds of
   * 4 s each, so that both see the same machine load; the medians and their ratio.
   */
  async gan2dEngineSpeed(log) {
    const config = ganConfig();
    const rounds: Throughput[] = [];
    for (let round = 0; round < 3; round++) {
      for (const backend of ['wasm', 'js'] as const) rounds.push(await throughput(backend, config, 4, log));
    }
    const median = (backend: BackendName) => {
      const values = rounds
        .filter((r) => r.requested === backend && r.iterationsPerSec !== null)
        .map((r) => r.iterationsPerSec!)
        .sort((a, b) => a - b);
      return values.length ? values[values.length >> 1]! : null;
    };
    const [wasm, js] = [median('wasm'), median('js')];
    return {
      target,
      config: 'default (2×32 G ReLU, 2×32 D leaky ReLU, Adam 1e-3, batch 128, R1 0.1), views drawing ~12 Hz',
      medianIterationsPerSec: { wasm, js },
      ratio: wasm && js ? Math.round((js / wasm) * 100) / 100 : null,
      rounds: rounds.map(({ requested, active, iterationsPerSec, seconds }) => ({
        requested,
        active,
        iterationsPerSec,
        seconds,
      })),
    };
  },

  /** (c) The GAN Lab-like baseline: speed on WASM and modes after 5,000 iterations, same seeds and rule. */
  async gan2dBaseline(log) {
    const speed = await throughput('wasm', BASELINE_CONFIG, 5, log);
    const outcomes = await coverage(BASELINE_CONFIG, log, 'baseline');
    return {
      target,
      config: 'GAN Lab-like: 1×8 ReLU G and D, SGD lr 0.1, batch 150, 2-D uniform noise, non-saturating loss',
      rule: COVERAGE_RULE,
      reference: 'a straightforward tfjs 2-D GAN on WASM in a worker: ~530–625 it/s, 0–1 of 8 modes',
      iterationsPerSec: speed.iterationsPerSec,
      ...summary(outcomes),
      outcomes,
    };
  },
};
