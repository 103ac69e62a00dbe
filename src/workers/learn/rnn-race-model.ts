/**
 * Learn panel 8 as the session driver trains it: an RNN, an LSTM and a GRU with the same seed and data
 * stream, taking turns (one unit = one step of each). Losses are averaged between two updates; the heavy
 * updates carry an inspection of each cell on a fixed batch of sequences (predictions, states, gates,
 * ‖∂L/∂hₜ‖). The driver owns the loop, pause/step and the fall-back to the last finite weights.
 */
import { Rng } from '../../envs/rng';
import { CELL_KINDS, type CellKind } from '../../learn/recurrent';
import { RecurrentTrainer, type RecurrentInspection } from '../../learn/recurrent-trainer';
import { assertValidTask, sampleSequences, type SequenceBatch } from '../../learn/sequence-tasks';
import type { TrainerState } from '../../learn/trainer-state';
import {
  createCheckpoint,
  type Checkpoint,
  type GenerativeCheckpoint,
  type JsonRecord,
} from '../../storage/checkpoint';
import { parseRnnCheckpointConfig } from '../../storage/validate-sequence';
import type { RnnPoint, RnnRaceSpec, RnnUpdate } from '../protocol/learn';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../core/session-driver';
import { Averager } from './averager';
import { isFiniteState, requireKind, restoreAll, trainerParts, trainerStateOf } from './sequence-checkpoint';

/** Sequences over which ‖∂L/∂h_t‖ is averaged. */
const GRADIENT_BATCH = 16;
const BATCH_SIZE = 32;

const LABEL: Record<CellKind, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

export class RnnRaceModel implements TrainingModel<RnnUpdate, TrainerState[]> {
  readonly unit = 'step';
  readonly divergenceAdvice = 'lower the learning rate, then train again';
  private readonly averagers = new Map(CELL_KINDS.map((cell) => [cell, new Averager()]));
  /** Latest averaged losses, for a checkpoint's metrics summary. */
  private readonly latest: Record<string, number> = {};
  private sequences: SequenceBatch;

  private constructor(
    readonly spec: RnnRaceSpec,
    private readonly trainers: RecurrentTrainer[],
  ) {
    this.sequences = sampleSequences(spec.task, GRADIENT_BATCH, new Rng(spec.seed + 7));
  }

  private static trainersFor(spec: RnnRaceSpec): RecurrentTrainer[] {
    const task = assertValidTask(spec.task);
    return CELL_KINDS.map((cell) => new RecurrentTrainer({ cell, ...spec, task, batchSize: BATCH_SIZE }));
  }

  /** A fresh race; a bad task throws before anything is built. */
  static create(spec: RnnRaceSpec): RnnRaceModel {
    const clean: RnnRaceSpec = {
      task: { ...spec.task },
      hiddenSize: spec.hiddenSize,
      learningRate: spec.learningRate,
      keepBias: spec.keepBias,
      seed: spec.seed,
    };
    return new RnnRaceModel(clean, RnnRaceModel.trainersFor(clean));
  }

  /** The race saved in a 'sequence-rnn' checkpoint (checked: it may come from a file or an old database). */
  static async restore(checkpoint: Checkpoint): Promise<RnnRaceModel> {
    const what = `Cannot resume checkpoint ${JSON.stringify(checkpoint.name)}`;
    const saved = requireKind(checkpoint, 'sequence-rnn', 'RNN');
    const spec = parseRnnCheckpointConfig(saved.config, what);
    const states = CELL_KINDS.map((cell) => trainerStateOf(saved, cell, what));
    const trainers = await restoreAll(RnnRaceModel.trainersFor(spec), states, what);
    const model = new RnnRaceModel(spec, trainers);
    Object.assign(model.latest, saved.metrics.latest);
    return model;
  }

  get progress(): number {
    return this.trainers[0]!.steps;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    for (let done = 0; done < count; done++) {
      for (const trainer of this.trainers) {
        const result = await trainer.step();
        if (!Number.isFinite(result.loss))
          return { done, problem: `the ${LABEL[trainer.config.cell]}'s loss became ${result.loss}` };
        this.averagers.get(trainer.config.cell)!.add({ loss: result.loss, accuracy: result.accuracy });
      }
    }
    return { done: count };
  }

  async captureGood(): Promise<TrainerState[] | null> {
    const states = await Promise.all(this.trainers.map((t) => t.exportState()));
    return states.every(isFiniteState) ? states : null;
  }

  async restoreGood(states: TrainerState[]): Promise<void> {
    for (let i = 0; i < this.trainers.length; i++) await this.trainers[i]!.rollBack(states[i]!);
    for (const averager of this.averagers.values()) averager.flush();
  }

  async update(context: UpdateContext): Promise<RnnUpdate> {
    const points: Partial<Record<CellKind, RnnPoint>> = {};
    for (const trainer of this.trainers) {
      const mean = this.averagers.get(trainer.config.cell)!.flush();
      if (!mean) continue;
      this.latest[`losses/${trainer.config.cell}`] = mean.loss!;
      points[trainer.config.cell] = {
        step: trainer.steps,
        loss: mean.loss!,
        accuracy: mean.accuracy ?? null,
      };
    }
    return {
      status: context.status,
      steps: this.progress,
      points,
      ...(context.heavy ? { inspections: await this.inspect() } : {}),
      ...(context.message ? { message: context.message } : {}),
    };
  }

  /** Each cell on the inspected batch (row 0 is drawn; all rows feed the gradient norms). */
  async inspect(): Promise<RecurrentInspection[]> {
    const results: RecurrentInspection[] = [];
    for (const trainer of this.trainers) results.push(await trainer.inspect(this.sequences));
    return results;
  }

  /** Draws another batch of sequences to inspect. */
  newSequences(seed: number): Promise<RecurrentInspection[]> {
    this.sequences = sampleSequences(this.spec.task, GRADIENT_BATCH, new Rng(seed));
    return this.inspect();
  }

  /** The three models with their Adam state, data streams and config (the histories are the page's). */
  async checkpoint(options: {
    name: string;
    appVersion: string;
    backend: string;
  }): Promise<GenerativeCheckpoint> {
    const states = await Promise.all(this.trainers.map((t) => t.exportState()));
    const spec = this.spec;
    return createCheckpoint({
      kind: 'sequence-rnn',
      ...options,
      subject: { type: 'dataset', datasetId: `sequence-${spec.task.kind}`, options: { ...spec.task } },
      config: structuredClone(spec) as unknown as JsonRecord,
      counters: { gradientSteps: this.progress, envSteps: 0, episodes: 0 },
      metrics: { latest: { ...this.latest }, recentReturns: [], recentLengths: [] },
      ...trainerParts(this.trainers.map((t, i) => ({ network: t.config.cell, state: states[i]! }))),
      state: {},
    });
  }

  dispose(): void {
    for (const trainer of this.trainers) trainer.dispose();
  }
}
