/**
 * The studio worker's 2-D GAN methods (prefixed `gan2d`): one session driver running a Gan2dModel, its
 * snapshots sent through a Comlink proxy with their buffers transferred. Spread into studio.worker.ts's api.
 */
import { transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from '../backend';
import { gan2dProfile } from './gan2d-profile';
import type { BackendReport } from '../protocol';
import type { GanConfig } from '../../generative/gan-config';
import type { Gan2dEngineName } from '../../generative/gan-types';
import { exportCheckpointFile } from '../../storage/export-file';
import { ganCheckpointSpec, ganLayersTopologies } from '../../generative/gan2d-checkpoint';
import type { GenerativeCheckpoint } from '../../storage/checkpoint';
import { APP_VERSION } from '../../version';
import { Gan2dModel, snapshotBuffers } from './gan2d-model';
import { SessionDriver, type SessionStatus } from '../core/session-driver';
import { workerEnvironment } from '../core/worker-environment';
import type { Gan2dRunSpec, Gan2dSnapshot } from '../protocol/studio';

const driver = new SessionDriver<Gan2dSnapshot, Gan2dModel>(workerEnvironment, { updateMs: 80 });
let backendReport: BackendReport | null = null;

export type BackendOptions = Omit<InitOptions, 'profile' | 'unsupported'>;

async function ensureBackend(config: GanConfig, backend: BackendOptions): Promise<BackendReport> {
  backendReport ??= await initBackend({ ...backend, profile: gan2dProfile(config), jsEngine: true });
  return backendReport;
}

/** The typed-array engine when the backend choice picked it, else tfjs on the active backend. */
function engineFor(report: BackendReport): Gan2dEngineName {
  return report.active === 'js' ? 'js' : 'tfjs';
}

function send(onSnapshot: (s: Gan2dSnapshot) => void): (s: Gan2dSnapshot) => void {
  return (s) => onSnapshot(transfer(s, snapshotBuffers(s)));
}

export const gan2dApi = {
  /** Sets up a fresh run (picking the backend on first use) and returns the first snapshot. */
  async gan2dStart(
    spec: Gan2dRunSpec,
    backend: BackendOptions,
  ): Promise<{ backend: BackendReport; snapshot: Gan2dSnapshot }> {
    const report = await ensureBackend(spec.config, backend);
    await driver.load(async () => Gan2dModel.create(spec, engineFor(report)));
    const snapshot = await driver.update();
    return { backend: report, snapshot: transfer(snapshot, snapshotBuffers(snapshot)) };
  },

  /** Rebuilds a run from a checkpoint; returns its spec, the checkpoint's metadata and the first snapshot. */
  async gan2dRestore(
    untrusted: unknown,
    backend: BackendOptions,
  ): Promise<{ backend: BackendReport; spec: Gan2dRunSpec; name: string; snapshot: Gan2dSnapshot }> {
    const { config, distribution, checkpoint } = ganCheckpointSpec(
      untrusted,
      'Cannot resume from this checkpoint',
    );
    const report = await ensureBackend(config, backend);
    await driver.load(async () => (await Gan2dModel.restore(checkpoint, engineFor(report))).model);
    const snapshot = await driver.update();
    return {
      backend: report,
      spec: { config, distribution },
      name: checkpoint.name,
      snapshot: transfer(snapshot, snapshotBuffers(snapshot)),
    };
  },

  /** Trains until gan2dPause(), `maxIterations` or divergence; snapshots go to `onSnapshot` (~12 Hz). */
  gan2dTrain(onSnapshot: (s: Gan2dSnapshot) => void, maxIterations?: number): Promise<SessionStatus> {
    return driver.train(send(onSnapshot), maxIterations);
  },

  gan2dPause(): void {
    driver.pause();
  },

  async gan2dStep(): Promise<Gan2dSnapshot> {
    const snapshot = await driver.step();
    return transfer(snapshot, snapshotBuffers(snapshot));
  },

  /** n fresh generated samples, flat [x0, y0, ...] (transferred). */
  async gan2dSample(n: number): Promise<Float32Array> {
    const samples = await driver.exclusive((model) => model.sample(n));
    return transfer(samples, [samples.buffer as ArrayBuffer]);
  },

  /** Iterations per second to aim at; 0 trains as fast as possible. */
  gan2dSetSpeed(iterationsPerSec: number): void {
    driver.setSpeed(iterationsPerSec);
  },

  gan2dCheckpoint(name: string): Promise<GenerativeCheckpoint> {
    return driver.exclusive((model) =>
      model.checkpoint({
        name,
        appVersion: APP_VERSION,
        backend: model.gan.engine === 'js' ? 'js' : tf.getBackend(),
      }),
    );
  },

  /** A 2-D GAN checkpoint as one zip: a TensorFlow.js Layers model.json + weights.bin per network, plus ours. */
  async gan2dExportFile(untrusted: unknown): Promise<Uint8Array> {
    const { checkpoint } = ganCheckpointSpec(untrusted, 'Cannot export this checkpoint');
    // A worker started just to export has no backend yet; the CPU backend is instant to start.
    if (!backendReport) await tf.setBackend('cpu');
    const bytes = exportCheckpointFile(checkpoint, await ganLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
  gan2dNumTensors(): number {
    return tf.memory().numTensors;
  },
};
