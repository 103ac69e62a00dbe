/**
 * The tiny transformer as a run: its port onto the Learn worker and its state (loss and accuracy curves, the
 * latest inspection of the typed input). The curves go into saved checkpoints and come back on resume.
 */
import { proxy } from 'comlink';
import type { AttentionInspection } from '../../../learn/transformer-config';
import type { Checkpoint } from '../../../storage/checkpoint';
import { parseHistories, seriesValues, type MetricHistory } from '../../../storage/metric-history';
import { loadBackendPreference } from '../../../storage/settings';
import type { AttnUpdate, TransformerSpec } from '../../../workers/protocol/learn';
import type { RunState } from '../../run/run-controller';
import { learnPort, withHistories } from '../learn-port';

export class AttentionRunState implements RunState<TransformerSpec, AttnUpdate> {
  steps = 0;
  x: number[] = [];
  loss: number[] = [];
  sequenceAccuracy: number[] = [];
  tokenAccuracy: number[] = [];
  inspection: AttentionInspection | null = null;

  /** Whether an inspection of `input` is the one to show (the typed input may have moved on). */
  constructor(private readonly wanted: (input: readonly number[]) => boolean) {}

  apply(update: AttnUpdate): void {
    this.steps = update.steps;
    const p = update.point;
    if (p) {
      this.x = [...this.x, p.step];
      this.loss = [...this.loss, p.loss];
      this.sequenceAccuracy = [...this.sequenceAccuracy, p.sequenceAccuracy];
      this.tokenAccuracy = [...this.tokenAccuracy, p.tokenAccuracy];
    }
    if (update.inspection && this.wanted(update.inspection.input)) this.inspection = update.inspection;
  }

  clear(): void {
    this.steps = 0;
    this.x = [];
    this.loss = [];
    this.sequenceAccuracy = [];
    this.tokenAccuracy = [];
    this.inspection = null;
  }

  histories(): MetricHistory[] {
    return [
      {
        name: 'training',
        x: [...this.x],
        series: [
          { name: 'loss', values: this.loss },
          { name: 'sequenceAccuracy', values: this.sequenceAccuracy },
          { name: 'tokenAccuracy', values: this.tokenAccuracy },
        ],
      },
    ];
  }

  resumed(checkpoint: Checkpoint): void {
    const what = `Cannot continue the charts of ${JSON.stringify(checkpoint.name)}`;
    const history = parseHistories(checkpoint.state, what).find((h) => h.name === 'training');
    if (!history) return;
    const values = (name: string) => seriesValues(history, name).map((v) => v ?? NaN);
    this.x = [...history.x];
    this.loss = values('loss');
    this.sequenceAccuracy = values('sequenceAccuracy');
    this.tokenAccuracy = values('tokenAccuracy');
  }
}

export type AttentionPort = ReturnType<typeof attentionPort>;

export function attentionPort(onCrash: (message: string) => void, state: AttentionRunState) {
  return learnPort<
    TransformerSpec,
    AttnUpdate,
    { inspect(tokens: readonly number[]): Promise<AttentionInspection> }
  >(onCrash, (api) => ({
    start: (spec) => api.sequenceAttnStart(spec, loadBackendPreference()),
    resume: (checkpoint) => api.sequenceAttnResume(checkpoint, loadBackendPreference()),
    train: (onUpdate) => api.sequenceAttnTrain(proxy(onUpdate)),
    pause: () => api.sequenceAttnPause(),
    step: () => api.sequenceAttnStep(),
    checkpoint: async (name) => withHistories(await api.sequenceAttnCheckpoint(name), state.histories()),
    inspect: (tokens) => api.sequenceAttnInspect([...tokens]),
  }));
}
