/**
 * Learn panel 9 as the session driver trains it: a tiny transformer learning to reverse or sort digits.
 * Losses and accuracies are averaged between two updates; heavy updates carry the probe input's output and
 * attention maps. The probe is the input the page shows (typed digits), kept here so updates follow it.
 */
import { DIGIT_VOCAB } from '../../learn/digit-tasks';
import type { TrainerState } from '../../learn/trainer-state';
import { assertValidTransformer } from '../../learn/transformer';
import { TransformerTrainer, type AttentionInspection } from '../../learn/transformer-trainer';
import { createCheckpoint, type Checkpoint, type GenerativeCheckpoint } from '../../storage/checkpoint';
import { CheckpointError } from '../../storage/errors';
import { parseTransformerCheckpointConfig } from '../../storage/validate-sequence';
import { errorText } from '../../util/error-text';
import type { AttnUpdate, TransformerSpec } from '../protocol/learn';
import type { ChunkOutcome, TrainingModel, UpdateContext } from '../core/session-driver';
import { Averager } from './averager';
import { isFiniteState, requireKind, restoreAll, trainerParts, trainerStateOf } from './sequence-checkpoint';

/** The tokens if they are `length` digits 0–9; a clear error otherwise. */
export function checkProbe(tokens: readonly number[], length: number): number[] {
  if (tokens.length !== length || tokens.some((t) => !Number.isInteger(t) || t < 0 || t >= DIGIT_VOCAB)) {
    throw new Error(`Expected ${length} digits from 0 to 9, got [${tokens.join(', ')}]`);
  }
  return [...tokens];
}

export class TransformerModel implements TrainingModel<AttnUpdate, TrainerState> {
  readonly unit = 'step';
  readonly divergenceAdvice = 'reset to start again from fresh weights';
  private readonly averager = new Averager();
  private readonly latest: Record<string, number> = {};

  private constructor(
    readonly trainer: TransformerTrainer,
    private probe: number[],
  ) {}

  /** A fresh model; a bad config or probe throws before anything is built. */
  static create(spec: TransformerSpec): TransformerModel {
    const { config } = spec;
    assertValidTransformer({ ...config, vocab: DIGIT_VOCAB });
    if (config.task !== 'reverse' && config.task !== 'sort')
      throw new Error(`Expected task 'reverse' or 'sort', got ${config.task}`);
    const probe = checkProbe(spec.probe, config.length);
    return new TransformerModel(new TransformerTrainer({ ...config }), probe);
  }

  /** The model saved in a 'transformer' checkpoint, with its probe input (checked). */
  static async restore(checkpoint: Checkpoint): Promise<TransformerModel> {
    const what = `Cannot resume checkpoint ${JSON.stringify(checkpoint.name)}`;
    const saved = requireKind(checkpoint, 'transformer', 'attention');
    const config = parseTransformerCheckpointConfig(saved.config, what);
    const state = trainerStateOf(saved, 'transformer', what);
    const raw = saved.state.probe;
    let probe: number[];
    try {
      probe = checkProbe(Array.isArray(raw) ? raw.map(Number) : [], config.length);
    } catch (error) {
      throw new CheckpointError('invalid', `${what}: state.probe: ${errorText(error)}`);
    }
    const [trainer] = await restoreAll([new TransformerTrainer(config)], [state], what);
    const model = new TransformerModel(trainer!, probe);
    Object.assign(model.latest, saved.metrics.latest);
    return model;
  }

  get spec(): TransformerSpec {
    return { config: { ...this.trainer.config }, probe: [...this.probe] };
  }

  get progress(): number {
    return this.trainer.steps;
  }

  async trainChunk(count: number): Promise<ChunkOutcome> {
    for (let done = 0; done < count; done++) {
      const result = await this.trainer.step();
      if (!Number.isFinite(result.loss)) return { done, problem: `the loss became ${result.loss}` };
      this.averager.add({ ...result });
    }
    return { done: count };
  }

  async captureGood(): Promise<TrainerState | null> {
    const state = await this.trainer.exportState();
    return isFiniteState(state) ? state : null;
  }

  async restoreGood(state: TrainerState): Promise<void> {
    await this.trainer.rollBack(state);
    this.averager.flush();
  }

  async update(context: UpdateContext): Promise<AttnUpdate> {
    const mean = this.averager.flush();
    if (mean) {
      this.latest['losses/token'] = mean.loss!;
      this.latest['eval/sequenceAccuracy'] = mean.sequenceAccuracy!;
    }
    const steps = this.trainer.steps;
    return {
      status: context.status,
      steps,
      point: mean
        ? {
            step: steps,
            loss: mean.loss!,
            tokenAccuracy: mean.tokenAccuracy!,
            sequenceAccuracy: mean.sequenceAccuracy!,
          }
        : null,
      ...(context.heavy ? { inspection: await this.trainer.inspect(this.probe) } : {}),
      ...(context.message ? { message: context.message } : {}),
    };
  }

  /** Runs the model on typed digits and keeps them as the input that updates show. */
  inspect(tokens: readonly number[]): Promise<AttentionInspection> {
    this.probe = checkProbe(tokens, this.trainer.config.length);
    return this.trainer.inspect(this.probe);
  }

  /** The model with its Adam state, data stream, config and probe (the histories are the page's). */
  async checkpoint(options: {
    name: string;
    appVersion: string;
    backend: string;
  }): Promise<GenerativeCheckpoint> {
    const state = await this.trainer.exportState();
    const config = this.trainer.config;
    return createCheckpoint({
      kind: 'transformer',
      ...options,
      subject: { type: 'dataset', datasetId: `digits-${config.task}`, options: {} },
      config: { ...config },
      counters: { gradientSteps: this.trainer.steps, envSteps: 0, episodes: 0 },
      metrics: { latest: { ...this.latest }, recentReturns: [], recentLengths: [] },
      ...trainerParts([{ network: 'transformer', state }]),
      state: { probe: [...this.probe] },
    });
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
