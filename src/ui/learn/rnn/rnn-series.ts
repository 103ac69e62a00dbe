/** What the RNN panel's charts draw: one colour and label per cell, series built from curves and inspections. */
import { CELL_KINDS, type CellKind } from '../../../learn/cell-kinds';
import type { RecurrentInspection } from '../../../learn/recurrent-trainer';
import type { LineSeries } from '../../components/line-chart';
import type { Curve } from './rnn-run';

export const CELL_LABEL: Record<CellKind, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };
export const CELL_COLOR: Record<CellKind, string> = {
  rnn: '--pg-series-2',
  lstm: '--pg-series-1',
  gru: '--pg-series-3',
};

/** One series per cell of a curve's `key`. */
export function cellSeries(curves: Record<CellKind, Curve>, key: 'loss' | 'accuracy'): LineSeries[] {
  return CELL_KINDS.map((cell) => ({
    label: CELL_LABEL[cell],
    values: curves[cell][key],
    color: CELL_COLOR[cell],
  }));
}

/** The inspected sequence: input, target and each cell's prediction. */
export function predictionSeries(inspections: readonly RecurrentInspection[]): LineSeries[] {
  const first = inspections[0];
  if (!first) return [];
  return [
    { label: 'input', values: first.inputs, color: '--pg-muted', width: 1, dash: [4, 4] },
    { label: 'target', values: first.targets, color: '--pg-series-4', width: 3 },
    ...inspections.map((ins) => ({
      label: CELL_LABEL[ins.cell],
      values: ins.predictions,
      color: CELL_COLOR[ins.cell],
    })),
  ];
}

/** log₁₀ ‖∂L/∂hₜ‖ per cell, on a linear axis: the norms span many decades (an exact 0 is drawn at −12). */
export function gradientSeries(inspections: readonly RecurrentInspection[]): LineSeries[] {
  return inspections.map((ins) => ({
    label: CELL_LABEL[ins.cell],
    values: Array.from(ins.gradientNorms, (v) => Math.log10(Math.max(v, 1e-12))),
    color: CELL_COLOR[ins.cell],
  }));
}

/** ‖∂L/∂h₀‖ / ‖∂L/∂h_T‖ per cell, for tests and the curious (read from a data attribute). */
export function gradientRatios(inspections: readonly RecurrentInspection[]): string {
  return inspections
    .map((ins) => {
      const g = ins.gradientNorms;
      return `${ins.cell}:${(g[0]! / (g[g.length - 1]! || 1)).toExponential(2)}`;
    })
    .join(' ');
}

/** The latest loss (and accuracy) of each cell, e.g. "rnn 0.98/0.51 lstm 0.01/1.00 gru 0.02/1.00". */
export function summary(curves: Record<CellKind, Curve>): string {
  return CELL_KINDS.map((cell) => {
    const { loss, accuracy } = curves[cell];
    const l = loss[loss.length - 1];
    const a = accuracy[accuracy.length - 1];
    return l === undefined ? '' : `${cell} ${l.toFixed(3)}${a === undefined ? '' : `/${a.toFixed(2)}`}`;
  })
    .filter(Boolean)
    .join(' ');
}
