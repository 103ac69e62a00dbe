/**
 * The RNN race as a run: its port onto the Learn worker and its state (the loss and accuracy curves of each
 * cell, the latest inspection). The curves go into saved checkpoints and come back on resume.
 */
import { proxy } from 'comlink';
import { CELL_KINDS, type CellKind } from '../../../learn/cell-kinds';
import type { RecurrentInspection } from '../../../learn/recurrent-trainer';
import type { Checkpoint } from '../../../storage/checkpoint';
import { parseHistories, seriesValues, type MetricHistory } from '../../../storage/metric-history';
import { loadBackendPreference } from '../../../storage/settings';
import type { RnnRaceSpec, RnnUpdate } from '../../../workers/protocol/learn';
import type { RunState } from '../../run/run-controller';
import { learnPort, withHistories } from '../learn-port';

export interface Curve {
  x: number[];
  loss: number[];
  accuracy: number[];
}

const emptyCurve = (): Curve => ({ x: [], loss: [], accuracy: [] });

export class RnnRunState implements RunState<RnnRaceSpec, RnnUpdate> {
  curves: Record<CellKind, Curve> = { rnn: emptyCurve(), lstm: emptyCurve(), gru: emptyCurve() };
  steps = 0;
  inspections: RecurrentInspection[] = [];

  apply(update: RnnUpdate): void {
    this.steps = update.steps;
    if (Object.keys(update.points).length > 0) {
      const curves = { ...this.curves };
      for (const cell of CELL_KINDS) {
        const point = update.points[cell];
        if (!point) continue;
        const curve = curves[cell];
        curves[cell] = {
          x: [...curve.x, point.step],
          loss: [...curve.loss, point.loss],
          accuracy: point.accuracy === null ? curve.accuracy : [...curve.accuracy, point.accuracy],
        };
      }
      this.curves = curves;
    }
    if (update.inspections) this.inspections = update.inspections;
  }

  clear(): void {
    this.curves = { rnn: emptyCurve(), lstm: emptyCurve(), gru: emptyCurve() };
    this.steps = 0;
    this.inspections = [];
  }

  /** The curves as one history: x = steps, a loss (and accuracy) series per cell. */
  histories(): MetricHistory[] {
    const x = this.curves.lstm.x;
    const series = CELL_KINDS.flatMap((cell) => {
      const { loss, accuracy } = this.curves[cell];
      return [
        { name: `${cell}/loss`, values: loss },
        ...(accuracy.length === x.length && x.length > 0
          ? [{ name: `${cell}/accuracy`, values: accuracy }]
          : []),
      ];
    });
    return [{ name: 'losses', x: [...x], series }];
  }

  resumed(checkpoint: Checkpoint): void {
    const what = `Cannot continue the charts of ${JSON.stringify(checkpoint.name)}`;
    const history = parseHistories(checkpoint.state, what).find((h) => h.name === 'losses');
    if (!history) return;
    const finite = (values: (number | null)[]) => values.map((v) => v ?? NaN);
    for (const cell of CELL_KINDS) {
      this.curves[cell] = {
        x: [...history.x],
        loss: finite(seriesValues(history, `${cell}/loss`)),
        accuracy: finite(seriesValues(history, `${cell}/accuracy`)),
      };
    }
  }
}

/** The spec with its keys in one order, so the page's spec and a resumed one compare equal as JSON. */
export function rnnSpec(spec: RnnRaceSpec): RnnRaceSpec {
  const { kind, length, frequency, noise } = spec.task;
  const { hiddenSize, learningRate, keepBias, seed } = spec;
  return { task: { kind, length, frequency, noise }, hiddenSize, learningRate, keepBias, seed };
}

export type RnnPort = ReturnType<typeof rnnPort>;

export function rnnPort(onCrash: (message: string) => void, state: RnnRunState) {
  return learnPort<RnnRaceSpec, RnnUpdate, { newSequence(seed: number): Promise<RecurrentInspection[]> }>(
    onCrash,
    (api) => ({
      start: (spec) => api.sequenceRnnStart(spec, loadBackendPreference()),
      resume: async (checkpoint) => {
        const resumed = await api.sequenceRnnResume(checkpoint, loadBackendPreference());
        return { ...resumed, spec: rnnSpec(resumed.spec) };
      },
      train: (onUpdate) => api.sequenceRnnTrain(proxy(onUpdate)),
      pause: () => api.sequenceRnnPause(),
      step: () => api.sequenceRnnStep(),
      checkpoint: async (name) => withHistories(await api.sequenceRnnCheckpoint(name), state.histories()),
      newSequence: (seed) => api.sequenceRnnNewSequence(seed),
    }),
  );
}
