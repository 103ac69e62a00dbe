/**
 * The image worker as a RunController drives it (start, resume, train, pause, step, checkpoint), plus the
 * pages' own requests (views, noise level, interpolation). Backend preference and cached measurements are
 * this browser's; checkpoints leave with the page's chart histories, so a resumed run's charts continue.
 */
import { proxy } from 'comlink';
import type { Checkpoint } from '../../../storage/checkpoint';
import { loadBackendPreference, loadCachedMeasurement } from '../../../storage/settings';
import { rememberBackend } from '../../backend-measure';
import type { ImageModelSpec } from '../../../generative/image-config';
import type { WorkerBridge } from '../../../workers/bridge';
import { createImagesWorker } from '../../../workers/images-client';
import type { ImagesApi } from '../../../workers/protocol/images';
import type { ImageLoadProgress, ImageUpdate } from '../../../workers/protocol/images';
import type { BackendReport } from '../../../workers/protocol';
import type { SessionStatus } from '../../../workers/core/session-status';
import type { RunPort } from '../../run/run-controller';
import type { ImageRunState } from './image-run-state';

export class ImagePort implements RunPort<ImageModelSpec, ImageUpdate> {
  private readonly bridge: WorkerBridge<ImagesApi>;

  constructor(
    private readonly state: ImageRunState,
    /** Redraws the page (the load progress changes outside updates). */
    private readonly changed: () => void,
    onCrash: (message: string) => void,
  ) {
    this.bridge = createImagesWorker(onCrash, true);
  }

  private get api() {
    return this.bridge.api;
  }

  /** What the worker may ask of the page while it starts a run. */
  private host() {
    return proxy({
      progress: (progress: ImageLoadProgress) => {
        this.state.progress = progress;
        this.changed();
      },
      cachedMeasurement: (profileKey: string) => loadCachedMeasurement(profileKey),
    });
  }

  /** Starts the worker and has it fetch the digits while the user reads the page. */
  warm(): void {
    void this.api.preloadDigits();
  }

  async start(spec: ImageModelSpec): Promise<{ backend: BackendReport; update: ImageUpdate }> {
    const { info, backend, update } = await this.api.start(
      spec,
      { preference: loadBackendPreference() },
      this.host(),
    );
    rememberBackend(backend);
    this.state.info = info;
    return { backend, update };
  }

  async resume(
    checkpoint: Checkpoint,
  ): Promise<{ backend: BackendReport; spec: ImageModelSpec; update: ImageUpdate }> {
    const { info, backend, update, spec } = await this.api.resume(
      checkpoint,
      { preference: loadBackendPreference() },
      this.host(),
    );
    rememberBackend(backend);
    this.state.info = info;
    return { backend, spec, update };
  }

  train(onUpdate: (update: ImageUpdate) => void): Promise<SessionStatus> {
    return this.api.train(proxy(onUpdate));
  }

  pause(): Promise<void> {
    return this.api.pause();
  }

  step(): Promise<ImageUpdate> {
    return this.api.step();
  }

  /** A checkpoint of the weights (the run controller adds the charts' histories when it saves). */
  checkpoint(name: string): Promise<Checkpoint> {
    return this.api.checkpoint(name);
  }

  terminate(): void {
    this.bridge.terminate();
  }

  /** Every view now (e.g. after the noise level changed while paused). */
  views(): Promise<ImageUpdate> {
    return this.api.views();
  }

  setNoiseLevel(sigma: number): Promise<void> {
    return this.api.setNoiseLevel(sigma);
  }

  interpolate(from: number | null, to: number | null, steps: number): Promise<Float32Array> {
    return this.api.interpolate(from, to, steps);
  }
}
