/**
 * MNIST benchmarks (studio: VAE, autoencoder, digit GAN), run in the studio's own image worker: training speed per
 * backend, the VAE's test-set ELBO after a fixed budget, and digit-GAN iterations per second.
 */
import { proxy } from 'comlink';
import { createImagesWorker } from '../src/workers/images-client';
import type { ImageModelSpec, ImageUpdate } from '../src/workers/protocol/images';
import type { BackendName } from '../src/workers/protocol';
import { errorText } from '../src/util/error-text';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  DEFAULT_DCGAN_WIDTH,
  DEFAULT_IMAGE_GAN_CONFIG,
  DEFAULT_VAE_CONFIG,
} from '../src/generative/image-config';

type Log = (line: string) => void;

interface Outcome {
  backend: string;
  iterations: number;
  epochs: number;
  seconds: number;
  itersPerSec: number;
  epochsPerSec: number;
  /** Full test set (2,000 digits) after training. */
  test: Record<string, number>;
  lastTrain: Record<string, number> | null;
  tensorsAfterStart: number;
  tensorsAtEnd: number;
}

/** Trains a fresh model for `iterations` on one backend (start-up, digits and backend choice not timed). */
async function trainFor(
  spec: ImageModelSpec,
  backend: BackendName,
  iterations: number,
  log: Log,
): Promise<Outcome | { backend: string; error: string }> {
  const bridge = createImagesWorker();
  try {
    const { backend: report } = await bridge.api.start(
      spec,
      { preference: backend },
      proxy({ progress: () => {}, cachedMeasurement: () => undefined }),
    );
    if (report.active !== backend) return { backend, error: `${backend} unavailable: ${report.why}` };
    const tensorsAfterStart = await bridge.api.numTensors();
    let last: ImageUpdate | null = null;
    let lastLog = 0;
    const t0 = performance.now();
    await bridge.api.train(
      proxy((update: ImageUpdate) => {
        last = update;
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(
            `${spec.kind} ${backend}: iteration ${update.iteration}, ${update.itersPerSec.toFixed(1)} it/s`,
          );
        }
      }),
      iterations,
    );
    const seconds = (performance.now() - t0) / 1000;
    const final = last as ImageUpdate | null;
    const epochs = final?.epoch ?? 0;
    const test = await bridge.api.evaluate();
    return {
      backend,
      iterations: final?.iteration ?? 0,
      epochs,
      seconds,
      itersPerSec: (final?.iteration ?? 0) / seconds,
      epochsPerSec: epochs / seconds,
      test,
      lastTrain: final?.train?.values ?? null,
      tensorsAfterStart,
      tensorsAtEnd: await bridge.api.numTensors(),
    };
  } catch (error) {
    return { backend, error: errorText(error) };
  } finally {
    bridge.terminate();
  }
}

/** Iterations per second of a fresh model trained for about `seconds` on one backend (start-up not timed). */
async function speedFor(
  spec: ImageModelSpec,
  backend: BackendName,
  seconds: number,
): Promise<{ itersPerSec: number; iterations: number; seconds: number } | { error: string }> {
  const bridge = createImagesWorker();
  try {
    const { backend: report } = await bridge.api.start(
      spec,
      { preference: backend },
      proxy({ progress: () => {}, cachedMeasurement: () => undefined }),
    );
    if (report.active !== backend) return { error: `unavailable: ${report.why}` };
    let iteration = 0;
    const t0 = performance.now();
    const stop = setTimeout(() => void bridge.api.pause(), seconds * 1000);
    await bridge.api.train(proxy((update: ImageUpdate) => (iteration = update.iteration)));
    clearTimeout(stop);
    const elapsed = (performance.now() - t0) / 1000;
    const round = (x: number): number => Math.round(x * 100) / 100;
    return { itersPerSec: round(iteration / elapsed), iterations: iteration, seconds: round(elapsed) };
  } catch (error) {
    return { error: errorText(error) };
  } finally {
    bridge.terminate();
  }
}

const VAE: ImageModelSpec = { kind: 'vae', config: DEFAULT_VAE_CONFIG };
const DCGAN: ImageModelSpec = {
  kind: 'gan',
  config: { ...DEFAULT_IMAGE_GAN_CONFIG, architecture: 'dcgan', width: DEFAULT_DCGAN_WIDTH },
};
/** Every image model, the per-backend table of imageBackends. */
const IMAGE_MODELS: Record<string, ImageModelSpec> = {
  vae: VAE,
  autoencoder: { kind: 'autoencoder', config: DEFAULT_AUTOENCODER_CONFIG },
  ganMlp: { kind: 'gan', config: DEFAULT_IMAGE_GAN_CONFIG },
  dcgan: DCGAN,
};
const ALL_BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** Seconds each model trains on each backend in imageBackends. */
const SECONDS_PER_CELL = 8;
/** 8,000 training digits in batches of 100. */
const VAE_EPOCH = 80;

export const IMAGE_SCENARIOS: Record<string, (log: Log) => Promise<unknown>> = {
  /** The default VAE, 5 epochs on WASM: epochs/s and the test-set −ELBO after this fixed budget. */
  async vaeWasm(log) {
    return trainFor(VAE, 'wasm', 5 * VAE_EPOCH, log);
  },
  /** The default VAE's speed on WebGL and on the CPU backend (a quarter of an epoch each: both are slow here). */
  async vaeOtherBackends(log) {
    return {
      webgl: await trainFor(VAE, 'webgl', VAE_EPOCH / 4, log),
      cpu: await trainFor(VAE, 'cpu', VAE_EPOCH / 4, log),
    };
  },
  /** The default denoising autoencoder, 2 epochs on WASM. */
  async autoencoderEpochs(log) {
    return trainFor({ kind: 'autoencoder', config: DEFAULT_AUTOENCODER_CONFIG }, 'wasm', 160, log);
  },
  /** The default MLP digit GAN's iterations per second on WASM. */
  async ganMlp(log) {
    return trainFor({ kind: 'gan', config: DEFAULT_IMAGE_GAN_CONFIG }, 'wasm', 150, log);
  },
  /** The small DCGAN's iterations per second on WASM (its convolutions are matMuls of patches). */
  async ganDcgan(log) {
    return trainFor(DCGAN, 'wasm', 20, log);
  },
  /** Iterations per second of every image model on every backend (about 8 s each; a backend that fails says why). */
  async imageBackends(log) {
    const table: Record<string, Record<string, unknown>> = {};
    for (const [name, spec] of Object.entries(IMAGE_MODELS)) {
      const row: Record<string, unknown> = {};
      for (const backend of ALL_BACKENDS) {
        // Each cell is logged as it finishes: a run stopped part-way still shows what it measured.
        row[backend] = await speedFor(spec, backend, SECONDS_PER_CELL);
        log(`imageBackends: ${name} on ${backend}: ${JSON.stringify(row[backend])}`);
      }
      table[name] = row;
    }
    return table;
  },
};
