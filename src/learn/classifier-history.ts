/**
 * The classifier's training curve as a checkpoint keeps it (`state.histories`, see storage/metric-history.ts),
 * and back, so a reloaded or resumed classifier's charts continue where they stopped. Plain data: both the
 * worker (writing) and the page (reading) use it.
 */
import type { JsonRecord, JsonValue } from '../storage/checkpoint';
import { historiesToJson, parseHistories, seriesValues, type MetricHistory } from '../storage/metric-history';
import type { TrainPoint } from '../workers/protocol/learn';

/** The chart's name in `state.histories`. */
export const TRAINING_HISTORY = 'training';

export function historyOfPoints(points: readonly TrainPoint[]): JsonValue {
  const history: MetricHistory = {
    name: TRAINING_HISTORY,
    x: points.map((p) => p.step),
    series: [
      { name: 'loss', values: points.map((p) => p.loss) },
      { name: 'batchAccuracy', values: points.map((p) => p.batchAccuracy) },
      { name: 'testAccuracy', values: points.map((p) => p.testAccuracy) },
    ],
  };
  return historiesToJson([history]);
}

/** Rows [step, loss, batch accuracy, test accuracy or −1] of checkpoints saved before `state.histories`. */
function legacyPoints(rows: unknown): TrainPoint[] {
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) =>
    Array.isArray(row) && row.length === 4 && row.every((v) => typeof v === 'number' && Number.isFinite(v))
      ? [{ step: row[0], loss: row[1], batchAccuracy: row[2], testAccuracy: row[3] < 0 ? null : row[3] }]
      : [],
  );
}

/** The curve a classifier checkpoint carries (empty when it has none); throws on a malformed history. */
export function pointsOfHistory(state: JsonRecord | undefined): TrainPoint[] {
  const history = parseHistories(state, 'Invalid classifier history').find(
    (h) => h.name === TRAINING_HISTORY,
  );
  if (!history) return legacyPoints(state && Object.hasOwn(state, 'history') ? state['history'] : undefined);
  const loss = seriesValues(history, 'loss');
  const batch = seriesValues(history, 'batchAccuracy');
  const test = seriesValues(history, 'testAccuracy');
  return history.x.map((step, i) => ({
    step,
    loss: loss[i] ?? NaN,
    batchAccuracy: batch[i] ?? NaN,
    testAccuracy: test[i] ?? null,
  }));
}
