/**
 * The Learn worker's sequence panels (methods prefixed `sequence`): the RNN/LSTM/GRU race and the tiny
 * transformer, each a model under its own session driver. Spread into learn.worker.ts's api.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import type {
  AttnUpdate,
  BackendPreference,
  BackendReport,
  RnnRaceSpec,
  RnnUpdate,
  TransformerSpec,
} from '../protocol';
import type { RecurrentInspection } from '../../learn/recurrent-trainer';
import type { AttentionInspection } from '../../learn/transformer-trainer';
import { transfer } from 'comlink';
import type { Checkpoint } from '../../storage/checkpoint';
import { CheckpointError } from '../../storage/errors';
import { exportCheckpointFile, withoutLayersTopologies } from '../../storage/export-file';
import { validateCheckpoint } from '../../storage/validate';
import { APP_VERSION } from '../../version';
import { SessionDriver, type SessionStatus, type TrainingModel } from '../core/session-driver';
import { workerEnvironment } from '../core/worker-environment';
import { RnnRaceModel } from './rnn-race-model';
import { TransformerModel } from './transformer-model';

/** Both panels redraw their charts about five times a second and their inspections once a second. */
const TIMING = { updateMs: 200, heavyMs: 1000 };
const rnn = new SessionDriver<RnnUpdate, RnnRaceModel>(workerEnvironment, TIMING);
const attn = new SessionDriver<AttnUpdate, TransformerModel>(workerEnvironment, TIMING);

let backendReport: Promise<BackendReport> | null = null;
/** Both panels train tiny, sequential models: WASM beats the emulated GPUs here (see shared/BROWSER.md). */
function ensureBackend(preference: BackendPreference): Promise<BackendReport> {
  backendReport ??= initBackend({
    preference: preference === 'auto' ? 'wasm' : preference,
    profile: { key: 'learn-sequence-mlp-16-32-16-b64', layers: [16, 32, 16], batch: 64 },
  });
  return backendReport;
}

/** Loads a model built by `build` and returns the backend report with its first update. */
async function load<U, M extends TrainingModel<U>>(
  driver: SessionDriver<U, M>,
  preference: BackendPreference,
  build: () => Promise<M>,
): Promise<{ backend: BackendReport; model: M; update: U }> {
  const backend = await ensureBackend(preference);
  const model = await driver.load(build);
  return { backend, model, update: await driver.update() };
}

const stamp = (name: string) => ({ name, appVersion: APP_VERSION, backend: tf.getBackend() });

export const sequenceApi = {
  /** An RNN-race or transformer checkpoint as one zip: checkpoint.json + checkpoint.bin (no Layers topology). */
  sequenceExportFile(untrusted: unknown): Uint8Array {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    if (checkpoint.kind !== 'sequence-rnn' && checkpoint.kind !== 'transformer')
      throw new CheckpointError('invalid', `A ${checkpoint.kind} checkpoint is not a Learn sequence model`);
    const bytes = exportCheckpointFile(checkpoint, withoutLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Builds an RNN, an LSTM and a GRU with the same seed and data stream; the first update inspects them. */
  async sequenceRnnStart(spec: RnnRaceSpec, backend: BackendPreference) {
    const { model, ...started } = await load(rnn, backend, async () => RnnRaceModel.create(spec));
    return { ...started, spec: model.spec };
  },

  /** Rebuilds the race from a 'sequence-rnn' checkpoint (same config, steps continue); paused. */
  async sequenceRnnResume(checkpoint: Checkpoint, backend: BackendPreference) {
    const { model, ...started } = await load(rnn, backend, () => RnnRaceModel.restore(checkpoint));
    return { ...started, spec: model.spec };
  },

  /** Trains the three cells in turns until paused or diverged, streaming averaged losses and inspections. */
  sequenceRnnTrain(onUpdate: (update: RnnUpdate) => void): Promise<SessionStatus> {
    return rnn.train(onUpdate);
  },

  sequenceRnnPause(): void {
    rnn.pause();
  },

  /** One step of each cell. */
  sequenceRnnStep(): Promise<RnnUpdate> {
    return rnn.step();
  },

  /** Draws a new batch of sequences to inspect (row 0 is drawn; all rows feed the gradient norms). */
  sequenceRnnNewSequence(seed: number): Promise<RecurrentInspection[]> {
    return rnn.exclusive((model) => model.newSequences(seed));
  },

  /** The race as a checkpoint (taken between two chunks; training goes on). */
  sequenceRnnCheckpoint(name: string): Promise<Checkpoint> {
    return rnn.exclusive((model) => model.checkpoint(stamp(name)));
  },

  /** Builds the transformer; the first update inspects the probe input. */
  async sequenceAttnStart(spec: TransformerSpec, backend: BackendPreference) {
    const { model, ...started } = await load(attn, backend, async () => TransformerModel.create(spec));
    return { ...started, spec: model.spec };
  },

  /** Rebuilds the transformer from a 'transformer' checkpoint (same config and input, steps continue). */
  async sequenceAttnResume(checkpoint: Checkpoint, backend: BackendPreference) {
    const { model, ...started } = await load(attn, backend, () => TransformerModel.restore(checkpoint));
    return { ...started, spec: model.spec };
  },

  sequenceAttnTrain(onUpdate: (update: AttnUpdate) => void): Promise<SessionStatus> {
    return attn.train(onUpdate);
  },

  sequenceAttnPause(): void {
    attn.pause();
  },

  sequenceAttnStep(): Promise<AttnUpdate> {
    return attn.step();
  },

  /** Runs the model on typed digits (and keeps them as the input that training updates show). */
  sequenceAttnInspect(tokens: readonly number[]): Promise<AttentionInspection> {
    return attn.exclusive((model) => model.inspect(tokens));
  },

  sequenceAttnCheckpoint(name: string): Promise<Checkpoint> {
    return attn.exclusive((model) => model.checkpoint(stamp(name)));
  },

  /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
  sequenceTensors(): number {
    return tf.memory().numTensors;
  },
};
