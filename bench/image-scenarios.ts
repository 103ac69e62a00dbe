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

const VAE: ImageModelSpec = { kind: 'vae', config: DEFAULT_VAE_CONFIG };
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
    const dcgan: ImageModelSpec = {
      kind: 'gan',
      config: { ...DEFAULT_IMAGE_GAN_CONFIG, architecture: 'dcgan', width: DEFAULT_DCGAN_WIDTH },
    };
    return trainFor(dcgan, 'wasm', 20, log);
  },
};
