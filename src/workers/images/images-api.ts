/**
 * The Studio image worker's methods: one session driver running an ImageSessionModel (digit GAN, autoencoder or
 * VAE). The digits are fetched only when a model first starts; updates go through a Comlink proxy with their
 * image buffers transferred. images.worker.ts builds the driver and exposes this.
 */
import { transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from '../backend';
import { imageProfile } from '../image-profile';
import type { BackendMeasurement, BackendReport } from '../protocol';
import type { ImageLoadProgress, ImageModelSpec, ImageRunInfo, ImageUpdate } from '../protocol/images';
import type { SessionDriver, SessionStatus } from '../core/session-driver';
import type { MnistData } from '../../generative/mnist-asset';
import type { Checkpoint, GenerativeCheckpoint } from '../../storage/checkpoint';
import { imageSpecOf } from '../../generative/image-spec';
import { validateCheckpoint } from '../../storage/validate';
import { exportCheckpointFile } from '../../storage/export-file';
import { imageLayersTopologies } from '../../generative/image-layers';
import { APP_VERSION } from '../../version';
import { ImageSessionModel } from './image-session-model';
import { viewBuffers } from './image-views';
import { workerDigits } from './digits';

export type ImageDriver = SessionDriver<ImageUpdate, ImageSessionModel>;

export type BackendOptions = Omit<InitOptions, 'profile' | 'unsupported' | 'cached'>;

/** What the page lends a starting run (as a Comlink proxy): where to report progress, and its cache. */
export interface StartHost {
  progress(progress: ImageLoadProgress): void;
  /** The backend measurement this browser keeps for a model profile, if any (a stale one is re-measured). */
  cachedMeasurement(
    profileKey: string,
  ): BackendMeasurement | undefined | Promise<BackendMeasurement | undefined>;
}

export interface ImageStarted {
  info: ImageRunInfo;
  backend: BackendReport;
  /** The first update (every view, held-out metrics). */
  update: ImageUpdate;
}

const sendable = (update: ImageUpdate): ImageUpdate => transfer(update, viewBuffers(update.views));

export function imagesApi(driver: ImageDriver) {
  /** Fetches the digits (once per worker) and picks the backend for this model's size. */
  async function prepare(
    spec: ImageModelSpec,
    options: BackendOptions,
    host: StartHost,
  ): Promise<{ data: MnistData; backend: BackendReport }> {
    await driver.stop();
    host.progress({ stage: 'digits', text: 'Loading the MNIST digits…' });
    const data = await workerDigits();
    host.progress({ stage: 'backend', text: 'Choosing the fastest backend for this model…' });
    const profile = imageProfile(spec);
    const cached = await host.cachedMeasurement(profile.key);
    // Convolutions and 784-pixel layers are where a GPU pays off: WebGPU by default when the device has a real one.
    const backend = await initBackend({
      ...options,
      profile,
      prefersGpu: true,
      ...(cached ? { cached } : {}),
    });
    host.progress({ stage: 'model', text: 'Building the networks…' });
    return { data, backend };
  }

  async function started(model: ImageSessionModel, backend: BackendReport): Promise<ImageStarted> {
    const update = await driver.update();
    return transfer({ info: model.info, backend, update }, viewBuffers(update.views));
  }

  return {
    /**
     * Fetches the digits ahead of the first start (the page calls it once it is drawn), so Start does not
     * wait for them; a failure here is reported by the start that needs the digits.
     */
    async preloadDigits(): Promise<void> {
      await workerDigits().catch(() => undefined);
    },

    /** Builds a fresh model of `spec` (any run stops first); returns its description and first update. */
    async start(spec: ImageModelSpec, options: BackendOptions, host: StartHost): Promise<ImageStarted> {
      const { data, backend } = await prepare(spec, options, host);
      const model = await driver.load(async () => ImageSessionModel.create(spec, data));
      return started(model, backend);
    },

    /** Rebuilds a run from a checkpoint (validated here: it may come from a file or an old database). */
    async resume(
      untrusted: unknown,
      options: BackendOptions,
      host: StartHost,
    ): Promise<ImageStarted & { spec: ImageModelSpec }> {
      const checkpoint: Checkpoint = validateCheckpoint(untrusted, 'Cannot resume from this checkpoint');
      const spec = imageSpecOf(checkpoint);
      const { data, backend } = await prepare(spec, options, host);
      const model = await driver.load(() => ImageSessionModel.restore(checkpoint, data));
      return { ...(await started(model, backend)), spec };
    },

    /**
     * Trains until pause(), `maxIterations` or divergence, streaming updates (~7/s, heavy ones every ~1.5 s);
     * the last update carries the status it stopped in. A NaN or infinite loss restores the last finite weights.
     */
    train(onUpdate: (update: ImageUpdate) => void, maxIterations?: number): Promise<SessionStatus> {
      return driver.train((update) => onUpdate(sendable(update)), maxIterations);
    },

    pause(): void {
      driver.pause();
    },

    /** One iteration by hand (the run must be paused), with every view. */
    async step(): Promise<ImageUpdate> {
      return sendable(await driver.step());
    },

    /** Every view now, e.g. after a change of the noise level while paused. */
    async views(): Promise<ImageUpdate> {
      return sendable(await driver.update());
    },

    /** The denoising autoencoder's σ; takes effect at the next iteration. */
    setNoiseLevel(sigma: number): Promise<void> {
      return driver.exclusive((model) => model.setNoiseLevel(sigma));
    },

    /** The digit GAN's images between two grid cells (or random points where null), transferred. */
    async interpolate(from: number | null, to: number | null, steps: number): Promise<Float32Array> {
      const pixels = await driver.exclusive((model) => model.interpolate(from, to, steps));
      return transfer(pixels, [pixels.buffer as ArrayBuffer]);
    },

    /** A checkpoint between two chunks (training goes on). */
    checkpoint(name: string): Promise<GenerativeCheckpoint> {
      return driver.exclusive((model) =>
        model.checkpoint({ name, appVersion: APP_VERSION, backend: tf.getBackend() }),
      );
    },

    /** Held-out metrics over the whole test set (2,000 digits): the VAE's −ELBO terms, the autoencoder's loss. */
    evaluate(): Promise<Record<string, number>> {
      return driver.exclusive((model) => model.evaluate());
    },

    status(): SessionStatus {
      return driver.status;
    },

    /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
    /** A checkpoint as one zip: TF.js Layers models where a network has one (image-layers.ts), ours for the rest. */
    async exportFile(untrusted: unknown): Promise<Uint8Array> {
      const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
      // A worker started just to export has no backend yet: the CPU backend starts at once.
      if (!driver.hasModel) await tf.setBackend('cpu');
      const bytes = exportCheckpointFile(checkpoint, await imageLayersTopologies(checkpoint));
      return transfer(bytes, [bytes.buffer as ArrayBuffer]);
    },

    numTensors(): number {
      return tf.memory().numTensors;
    },
  };
}
