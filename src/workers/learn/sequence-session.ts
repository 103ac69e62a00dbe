/**
 * Learn panels 8–9: RNN/LSTM/GRU and the tiny transformer. Methods are prefixed `sequence`.
 * Each panel has one training loop here that runs in short chunks, yields to the message queue between
 * them (so pause and inspection calls are answered at once) and streams averaged points through a
 * Comlink proxy callback.
 */
import * as tf from '@tensorflow/tfjs';
import { transfer } from 'comlink';
import { initBackend } from '../backend';
import type { BackendPreference, BackendReport } from '../protocol';
import { Rng } from '../../envs/rng';
import { CELL_KINDS, type CellKind } from '../../learn/recurrent';
import {
  RecurrentTrainer,
  type RecurrentInspection,
  type RecurrentStepResult,
} from '../../learn/recurrent-trainer';
import {
  assertValidTask,
  sampleSequences,
  type SequenceBatch,
  type SequenceTaskConfig,
} from '../../learn/sequence-tasks';
import {
  TransformerTrainer,
  type AttentionInspection,
  type TransformerTrainerConfig,
} from '../../learn/transformer-trainer';
import { assertValidTransformer } from '../../learn/transformer';
import { DIGIT_VOCAB } from '../../learn/digit-tasks';
import type { TrainerState } from '../../learn/trainer-state';
import {
  createCheckpoint,
  type Checkpoint,
  type GenerativeCheckpoint,
  type JsonRecord,
} from '../../storage/checkpoint';
import { loadCheckpoint, saveCheckpoint } from '../../storage/db';
import { CheckpointError } from '../../storage/errors';
import { exportCheckpointFile, withoutLayersTopologies } from '../../storage/export-file';
import { validateCheckpoint } from '../../storage/validate';
import { parseRnnCheckpointConfig, parseTransformerCheckpointConfig } from '../../storage/validate-sequence';
import { APP_VERSION } from '../../version';
import { errorText } from '../../util/error-text';

/** Time spent training before yielding to the message queue (pause must feel instant). */
const CHUNK_MS = 25;
const UPDATE_MS = 200;
const INSPECT_MS = 1000;
/** Sequences over which ‖∂L/∂h_t‖ is averaged. */
const GRADIENT_BATCH = 16;

export type SequenceStatus = 'idle' | 'training' | 'paused' | 'diverged';

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

let backendReport: Promise<BackendReport> | null = null;
/** Both panels train tiny, sequential models: WASM beats the emulated GPUs here (see shared/BROWSER.md). */
function ensureBackend(preference: BackendPreference): Promise<BackendReport> {
  backendReport ??= initBackend({
    preference: preference === 'auto' ? 'wasm' : preference,
    profile: { key: 'learn-sequence-mlp-16-32-16-b64', layers: [16, 32, 16], batch: 64 },
  });
  return backendReport;
}

/** Averages step results between two updates. */
class Averager {
  private sums = new Map<string, number>();
  private count = 0;

  add(values: Record<string, number | null>): void {
    for (const [key, value] of Object.entries(values)) {
      if (value !== null) this.sums.set(key, (this.sums.get(key) ?? 0) + value);
    }
    this.count++;
  }

  flush(): Record<string, number> | null {
    if (this.count === 0) return null;
    const mean: Record<string, number> = {};
    for (const [key, sum] of this.sums) mean[key] = sum / this.count;
    this.sums.clear();
    this.count = 0;
    return mean;
  }
}

// ---------------------------------------------------------------- recurrent race (panel 8)

export interface RnnRaceConfig {
  task: SequenceTaskConfig;
  hiddenSize: number;
  learningRate: number;
  /** Starting bias of the LSTM's forget gate and the GRU's update gate (see RecurrentConfig.keepBias). */
  keepBias: number;
  seed: number;
  backend: BackendPreference;
}

export interface RnnPoint {
  step: number;
  loss: number;
  /** 'remember' only: share of sequences recalled with the right sign. */
  accuracy: number | null;
}

export interface RnnUpdate {
  status: SequenceStatus;
  /** Training steps taken by each cell so far (they take turns, so the counts are equal). */
  steps: number;
  /** New averaged points per cell since the previous update. */
  points: Partial<Record<CellKind, RnnPoint>>;
  inspections?: RecurrentInspection[];
  message?: string;
}

interface RnnRace {
  config: RnnRaceConfig;
  trainers: RecurrentTrainer[];
  sequences: SequenceBatch;
}

let rnn: RnnRace | null = null;
/** Latest averaged values, for a checkpoint's metrics summary. */
const rnnLatest: Record<string, number> = {};
let rnnStatus: SequenceStatus = 'idle';
let rnnStop = false;
/** The running loop, awaited before its models are replaced (a step in flight must not lose its variables). */
let rnnLoop: Promise<SequenceStatus> | null = null;

function disposeRnn(): void {
  for (const trainer of rnn?.trainers ?? []) trainer.dispose();
  rnn = null;
}

async function inspectAll(race: RnnRace): Promise<RecurrentInspection[]> {
  const results: RecurrentInspection[] = [];
  for (const trainer of race.trainers) results.push(await trainer.inspect(race.sequences));
  return results;
}

function requireRnn(): RnnRace {
  if (!rnn) throw new Error('Set the recurrent race up first (sequenceRnnSetup)');
  return rnn;
}

async function trainRnn(race: RnnRace, onUpdate: (update: RnnUpdate) => void): Promise<SequenceStatus> {
  rnnStatus = 'training';
  rnnStop = false;
  const averagers = new Map(race.trainers.map((t) => [t.config.cell, new Averager()]));
  let lastUpdate = performance.now();
  let lastInspect = performance.now();
  let message: string | undefined;
  const flushPoints = (): Partial<Record<CellKind, RnnPoint>> => {
    const points: Partial<Record<CellKind, RnnPoint>> = {};
    for (const trainer of race.trainers) {
      const mean = averagers.get(trainer.config.cell)!.flush();
      if (mean) {
        rnnLatest[`losses/${trainer.config.cell}`] = mean.loss!;
        points[trainer.config.cell] = {
          step: trainer.steps,
          loss: mean.loss!,
          accuracy: mean.accuracy ?? null,
        };
      }
    }
    return points;
  };
  try {
    while (!rnnStop && rnn === race) {
      const chunkEnd = performance.now() + CHUNK_MS;
      while (performance.now() < chunkEnd && !rnnStop) {
        for (const trainer of race.trainers) {
          const result: RecurrentStepResult = await trainer.step();
          if (!Number.isFinite(result.loss)) {
            message = `The ${trainer.config.cell.toUpperCase()}'s loss became ${result.loss} at step ${trainer.steps}: training stopped. Lower the learning rate and reset.`;
            rnnStatus = 'diverged';
            rnnStop = true;
            break;
          }
          averagers.get(trainer.config.cell)!.add({ loss: result.loss, accuracy: result.accuracy });
        }
      }
      const now = performance.now();
      if (now - lastUpdate >= UPDATE_MS && !rnnStop) {
        const update: RnnUpdate = {
          status: 'training',
          steps: race.trainers[0]!.steps,
          points: flushPoints(),
        };
        if (now - lastInspect >= INSPECT_MS) {
          update.inspections = await inspectAll(race);
          lastInspect = performance.now();
        }
        onUpdate(update);
        lastUpdate = now;
      }
      await yieldToEvents();
    }
  } finally {
    if (rnnStatus === 'training') rnnStatus = 'paused';
  }
  if (rnn === race) {
    onUpdate({
      status: rnnStatus,
      steps: race.trainers[0]!.steps,
      points: flushPoints(),
      inspections: rnnStatus === 'diverged' ? undefined : await inspectAll(race),
      message,
    });
  }
  return rnnStatus;
}

// ---------------------------------------------------------------- transformer (panel 9)

export interface AttnPoint {
  step: number;
  loss: number;
  tokenAccuracy: number;
  sequenceAccuracy: number;
}

export interface AttnUpdate {
  status: SequenceStatus;
  steps: number;
  point: AttnPoint | null;
  /** The probe input's output and attention, about once a second. */
  inspection?: AttentionInspection;
  message?: string;
}

let attn: { trainer: TransformerTrainer; probe: number[] } | null = null;
const attnLatest: Record<string, number> = {};
let attnStatus: SequenceStatus = 'idle';
let attnStop = false;
let attnLoop: Promise<SequenceStatus> | null = null;

async function trainAttn(
  current: { trainer: TransformerTrainer; probe: number[] },
  onUpdate: (update: AttnUpdate) => void,
): Promise<SequenceStatus> {
  attnStatus = 'training';
  attnStop = false;
  const averager = new Averager();
  const { trainer } = current;
  let lastUpdate = performance.now();
  let lastInspect = performance.now();
  let message: string | undefined;
  const flushPoint = (): AttnPoint | null => {
    const mean = averager.flush();
    if (mean) {
      attnLatest['losses/token'] = mean.loss!;
      attnLatest['eval/sequenceAccuracy'] = mean.sequenceAccuracy!;
    }
    return mean
      ? {
          step: trainer.steps,
          loss: mean.loss!,
          tokenAccuracy: mean.tokenAccuracy!,
          sequenceAccuracy: mean.sequenceAccuracy!,
        }
      : null;
  };
  try {
    while (!attnStop && attn === current) {
      const chunkEnd = performance.now() + CHUNK_MS;
      while (performance.now() < chunkEnd && !attnStop) {
        const result = await trainer.step();
        if (!Number.isFinite(result.loss)) {
          message = `The loss became ${result.loss} at step ${trainer.steps}: training stopped. Reset to start again from fresh weights.`;
          attnStatus = 'diverged';
          attnStop = true;
          break;
        }
        averager.add({ ...result });
      }
      const now = performance.now();
      if (now - lastUpdate >= UPDATE_MS && !attnStop) {
        const update: AttnUpdate = { status: 'training', steps: trainer.steps, point: flushPoint() };
        if (now - lastInspect >= INSPECT_MS) {
          update.inspection = await trainer.inspect(current.probe);
          lastInspect = performance.now();
        }
        onUpdate(update);
        lastUpdate = now;
      }
      await yieldToEvents();
    }
  } finally {
    if (attnStatus === 'training') attnStatus = 'paused';
  }
  if (attn === current) {
    onUpdate({
      status: attnStatus,
      steps: trainer.steps,
      point: flushPoint(),
      inspection: attnStatus === 'diverged' ? undefined : await trainer.inspect(current.probe),
      message,
    });
  }
  return attnStatus;
}

function requireAttn(): { trainer: TransformerTrainer; probe: number[] } {
  if (!attn) throw new Error('Set the transformer up first (sequenceAttnSetup)');
  return attn;
}

function checkProbe(tokens: readonly number[], length: number): number[] {
  if (tokens.length !== length || tokens.some((t) => !Number.isInteger(t) || t < 0 || t >= DIGIT_VOCAB)) {
    throw new Error(`Expected ${length} digits from 0 to 9, got [${tokens.join(', ')}]`);
  }
  return [...tokens];
}

// ---------------------------------------------------------------- checkpoints

/** A checkpoint's networks and optimizers for one trainer state, under `network`. */
function trainerParts(network: string, state: TrainerState) {
  return {
    networks: { [network]: { weights: state.weights } },
    optimizers: { [network]: state.optimizer },
    rngStates: { [network]: state.rngState },
  };
}

function trainerStateOf(checkpoint: Checkpoint, network: string, what: string): TrainerState {
  const weights = checkpoint.networks[network]?.weights;
  const optimizer = checkpoint.optimizers[network];
  const rngState = checkpoint.rngStates[network];
  if (!weights || !optimizer || !rngState)
    throw new CheckpointError(
      'invalid',
      `${what}: it lacks the weights, Adam state or data stream of ${network}`,
    );
  return { weights, optimizer, rngState, steps: checkpoint.counters.gradientSteps };
}

async function loadKind(
  id: string,
  kind: GenerativeCheckpoint['kind'],
  page: string,
): Promise<GenerativeCheckpoint> {
  const checkpoint = await loadCheckpoint(id);
  if (checkpoint.kind === 'dqn' || checkpoint.kind !== kind)
    throw new CheckpointError(
      'invalid',
      `Checkpoint ${JSON.stringify(checkpoint.name)} holds a ${checkpoint.kind} model, not one this ${page} panel trains`,
    );
  return checkpoint;
}

/** Loads every trainer's state, or disposes them all and explains what did not fit. */
async function restoreAll<T extends { dispose(): void; importState(s: TrainerState): Promise<void> }>(
  trainers: T[],
  states: TrainerState[],
  what: string,
): Promise<T[]> {
  try {
    for (let i = 0; i < trainers.length; i++) await trainers[i]!.importState(states[i]!);
    return trainers;
  } catch (error) {
    for (const trainer of trainers) trainer.dispose();
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError('invalid', `${what}: ${errorText(error)}`);
  }
}

export const sequenceApi = {
  /** An RNN-race or transformer checkpoint as one zip: checkpoint.json + checkpoint.bin (no Layers topology). */
  sequenceExportFile(untrusted: unknown): Uint8Array {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    if (checkpoint.kind !== 'sequence-rnn' && checkpoint.kind !== 'transformer')
      throw new CheckpointError('invalid', `A ${checkpoint.kind} checkpoint is not a Learn sequence model`);
    const bytes = exportCheckpointFile(checkpoint, withoutLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Builds an RNN, an LSTM and a GRU with the same seed and data stream; returns their first inspection. */
  async sequenceRnnSetup(
    config: RnnRaceConfig,
  ): Promise<{ backend: BackendReport; inspections: RecurrentInspection[] }> {
    const task = assertValidTask(config.task);
    rnnStop = true;
    await rnnLoop?.catch(() => undefined);
    const backend = await ensureBackend(config.backend);
    disposeRnn();
    const trainers = CELL_KINDS.map(
      (cell) =>
        new RecurrentTrainer({
          cell,
          task,
          hiddenSize: config.hiddenSize,
          learningRate: config.learningRate,
          batchSize: 32,
          seed: config.seed,
          keepBias: config.keepBias,
        }),
    );
    rnn = { config, trainers, sequences: sampleSequences(task, GRADIENT_BATCH, new Rng(config.seed + 7)) };
    rnnStatus = 'paused';
    return { backend, inspections: await inspectAll(rnn) };
  },

  /** Trains the three cells in turns until paused, streaming averaged losses and, each second, inspections. */
  sequenceRnnTrain(onUpdate: (update: RnnUpdate) => void): Promise<SequenceStatus> {
    const race = requireRnn();
    if (rnnStatus === 'training') throw new Error('The recurrent race is already training');
    rnnLoop = trainRnn(race, onUpdate).finally(() => (rnnLoop = null));
    return rnnLoop;
  },

  sequenceRnnPause(): void {
    rnnStop = true;
  },

  /** Draws a new batch of sequences to inspect (row 0 is drawn; all rows feed the gradient norms). */
  async sequenceRnnNewSequence(seed: number): Promise<RecurrentInspection[]> {
    const race = requireRnn();
    race.sequences = sampleSequences(race.config.task, GRADIENT_BATCH, new Rng(seed));
    return inspectAll(race);
  },

  /** Builds the transformer; returns the backend report and the probe input's first inspection. */
  async sequenceAttnSetup(
    config: TransformerTrainerConfig,
    probe: readonly number[],
    backend: BackendPreference,
  ): Promise<{ backend: BackendReport; inspection: AttentionInspection }> {
    assertValidTransformer({ ...config, vocab: DIGIT_VOCAB });
    if (config.task !== 'reverse' && config.task !== 'sort')
      throw new Error(`Expected task 'reverse' or 'sort', got ${config.task}`);
    const checked = checkProbe(probe, config.length);
    attnStop = true;
    await attnLoop?.catch(() => undefined);
    const report = await ensureBackend(backend);
    attn?.trainer.dispose();
    attn = { trainer: new TransformerTrainer(config), probe: checked };
    attnStatus = 'paused';
    return { backend: report, inspection: await attn.trainer.inspect(checked) };
  },

  sequenceAttnTrain(onUpdate: (update: AttnUpdate) => void): Promise<SequenceStatus> {
    const current = requireAttn();
    if (attnStatus === 'training') throw new Error('The transformer is already training');
    attnLoop = trainAttn(current, onUpdate).finally(() => (attnLoop = null));
    return attnLoop;
  },

  sequenceAttnPause(): void {
    attnStop = true;
  },

  /** Runs the model on typed digits (and keeps them as the input that training updates show). */
  async sequenceAttnInspect(tokens: readonly number[]): Promise<AttentionInspection> {
    const current = requireAttn();
    current.probe = checkProbe(tokens, current.trainer.config.length);
    return current.trainer.inspect(current.probe);
  },

  /** Pauses the race and saves its three models with Adam state, data streams and config; returns the id. */
  async sequenceRnnSave(name: string): Promise<{ id: string; steps: number }> {
    const race = requireRnn();
    rnnStop = true;
    await rnnLoop?.catch(() => undefined);
    if (rnnStatus === 'diverged') throw new Error('The race diverged: reset it before saving');
    const states = await Promise.all(race.trainers.map((t) => t.exportState()));
    const parts = race.trainers.map((t, i) => trainerParts(t.config.cell, states[i]!));
    const { backend: _backend, ...config } = race.config;
    const { record } = await saveCheckpoint(
      createCheckpoint({
        kind: 'sequence-rnn',
        name,
        appVersion: APP_VERSION,
        backend: tf.getBackend(),
        subject: { type: 'dataset', datasetId: `sequence-${config.task.kind}`, options: { ...config.task } },
        config: config as unknown as JsonRecord,
        counters: { gradientSteps: race.trainers[0]!.steps, envSteps: 0, episodes: 0 },
        rngStates: Object.assign({}, ...parts.map((p) => p.rngStates)),
        metrics: { latest: { ...rnnLatest }, recentReturns: [], recentLengths: [] },
        networks: Object.assign({}, ...parts.map((p) => p.networks)),
        optimizers: Object.assign({}, ...parts.map((p) => p.optimizers)),
        state: {},
      }),
    );
    return { id: record.id, steps: race.trainers[0]!.steps };
  },

  /** Rebuilds the race from a 'sequence-rnn' checkpoint (same config, steps continue); paused afterwards. */
  async sequenceRnnResume(
    id: string,
    backend: BackendPreference,
  ): Promise<{
    config: RnnRaceConfig;
    steps: number;
    backend: BackendReport;
    inspections: RecurrentInspection[];
  }> {
    const what = `Cannot resume checkpoint ${JSON.stringify(id)}`;
    const checkpoint = await loadKind(id, 'sequence-rnn', 'RNN');
    const saved = parseRnnCheckpointConfig(checkpoint.config, what);
    const states = CELL_KINDS.map((cell) => trainerStateOf(checkpoint, cell, what));
    rnnStop = true;
    await rnnLoop?.catch(() => undefined);
    const report = await ensureBackend(backend);
    const config: RnnRaceConfig = { ...saved, backend };
    const fresh = CELL_KINDS.map(
      (cell) => new RecurrentTrainer({ cell, ...saved, batchSize: 32, task: assertValidTask(saved.task) }),
    );
    const trainers = await restoreAll(fresh, states, what);
    disposeRnn();
    rnn = {
      config,
      trainers,
      sequences: sampleSequences(saved.task, GRADIENT_BATCH, new Rng(saved.seed + 7)),
    };
    Object.assign(rnnLatest, checkpoint.metrics.latest);
    rnnStatus = 'paused';
    return { config, steps: trainers[0]!.steps, backend: report, inspections: await inspectAll(rnn) };
  },

  /** Pauses the transformer and saves it with its Adam state, data stream, config and probe; returns the id. */
  async sequenceAttnSave(name: string): Promise<{ id: string; steps: number }> {
    const current = requireAttn();
    attnStop = true;
    await attnLoop?.catch(() => undefined);
    if (attnStatus === 'diverged') throw new Error('The transformer diverged: reset it before saving');
    const { trainer } = current;
    const state = await trainer.exportState();
    const { record } = await saveCheckpoint(
      createCheckpoint({
        kind: 'transformer',
        name,
        appVersion: APP_VERSION,
        backend: tf.getBackend(),
        subject: { type: 'dataset', datasetId: `digits-${trainer.config.task}`, options: {} },
        config: { ...trainer.config },
        counters: { gradientSteps: trainer.steps, envSteps: 0, episodes: 0 },
        metrics: { latest: { ...attnLatest }, recentReturns: [], recentLengths: [] },
        ...trainerParts('transformer', state),
        state: { probe: [...current.probe] },
      }),
    );
    return { id: record.id, steps: trainer.steps };
  },

  /** Rebuilds the transformer from a 'transformer' checkpoint (same config, steps continue); paused. */
  async sequenceAttnResume(
    id: string,
    backend: BackendPreference,
  ): Promise<{
    config: TransformerTrainerConfig;
    probe: number[];
    steps: number;
    backend: BackendReport;
    inspection: AttentionInspection;
  }> {
    const what = `Cannot resume checkpoint ${JSON.stringify(id)}`;
    const checkpoint = await loadKind(id, 'transformer', 'attention');
    const config = parseTransformerCheckpointConfig(checkpoint.config, what);
    const state = trainerStateOf(checkpoint, 'transformer', what);
    const saved = checkpoint.state.probe;
    let probe: number[];
    try {
      probe = checkProbe(Array.isArray(saved) ? saved.map(Number) : [], config.length);
    } catch (error) {
      throw new CheckpointError('invalid', `${what}: state.probe: ${(error as Error).message}`);
    }
    attnStop = true;
    await attnLoop?.catch(() => undefined);
    const report = await ensureBackend(backend);
    const [trainer] = await restoreAll([new TransformerTrainer(config)], [state], what);
    attn?.trainer.dispose();
    attn = { trainer: trainer!, probe };
    Object.assign(attnLatest, checkpoint.metrics.latest);
    attnStatus = 'paused';
    return {
      config,
      probe,
      steps: trainer!.steps,
      backend: report,
      inspection: await trainer!.inspect(probe),
    };
  },

  /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
  sequenceTensors(): number {
    return tf.memory().numTensors;
  },
};
