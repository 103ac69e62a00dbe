/**
 * The studio worker's 2-D GAN methods (prefixed `gan2d`): one Gan2dSession per worker, its snapshots sent
 * through a Comlink proxy with their buffers transferred. Spread into studio.worker.ts's api.
 */
import { transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from '../backend';
import { gan2dProfile } from './gan2d-profile';
import type { BackendReport } from '../protocol';
import type { GanConfig } from '../../generative/gan-config';
import { exportCheckpointFile } from '../../storage/export-file';
import { ganCheckpointSpec, ganLayersTopologies } from '../../generative/gan2d-checkpoint';
import type { GenerativeCheckpoint } from '../../storage/checkpoint';
import { APP_VERSION } from '../../version';
import { Gan2dSession, snapshotBuffers } from './gan2d-session';
import type { Gan2dRunSpec, Gan2dSnapshot, Gan2dStatus } from './gan2d-types';

/** A zero-delay yield: setTimeout(0) is clamped to 4 ms when nested, a MessageChannel is not. */
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

const session = new Gan2dSession({
  yieldToEvents,
  now: () => performance.now(),
  sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
});
let backendReport: BackendReport | null = null;

export type BackendOptions = Omit<InitOptions, 'profile' | 'unsupported'>;

async function ensureBackend(config: GanConfig, backend: BackendOptions): Promise<BackendReport> {
  backendReport ??= await initBackend({ ...backend, profile: gan2dProfile(config) });
  return backendReport;
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
    await session.start(spec);
    const snapshot = await session.snapshot();
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
    await session.restore(checkpoint);
    const snapshot = await session.snapshot();
    return {
      backend: report,
      spec: { config, distribution },
      name: checkpoint.name,
      snapshot: transfer(snapshot, snapshotBuffers(snapshot)),
    };
  },

  /** Trains until gan2dPause(), `maxIterations` or divergence; snapshots go to `onSnapshot` (~12 Hz). */
  gan2dTrain(onSnapshot: (s: Gan2dSnapshot) => void, maxIterations?: number): Promise<Gan2dStatus> {
    return session.train(send(onSnapshot), maxIterations);
  },

  gan2dPause(): void {
    session.pause();
  },

  async gan2dStep(): Promise<Gan2dSnapshot> {
    const snapshot = await session.step();
    return transfer(snapshot, snapshotBuffers(snapshot));
  },

  /** n fresh generated samples, flat [x0, y0, ...] (transferred). */
  async gan2dSample(n: number): Promise<Float32Array> {
    const samples = await session.sample(n);
    return transfer(samples, [samples.buffer as ArrayBuffer]);
  },

  /** Iterations per second to aim at; 0 trains as fast as possible. */
  gan2dSetSpeed(iterationsPerSec: number): void {
    session.setSpeed(iterationsPerSec);
  },

  gan2dCheckpoint(name: string): Promise<GenerativeCheckpoint> {
    return session.checkpoint({ name, appVersion: APP_VERSION, backend: tf.getBackend() });
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
