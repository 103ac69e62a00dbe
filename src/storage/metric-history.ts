/**
 * A run's chart history as plain data, so that a resumed run's charts continue where they stopped. Every kind
 * stores its histories the same way, in `checkpoint.state.histories`: a list of named charts, each with its
 * x values (iterations, env steps, episodes) and named series of equal length. Names are data, never keys of
 * an object, so a hostile file cannot reach an inherited property. Missing values are null (JSON has no NaN).
 */
import type { JsonRecord, JsonValue } from './checkpoint';
import { CheckpointError } from './errors';

export interface MetricSeries {
  name: string;
  values: (number | null)[];
}

export interface MetricHistory {
  /** Which chart, e.g. 'losses' or 'episodes'. */
  name: string;
  x: number[];
  series: MetricSeries[];
}

/** Points kept per history in a checkpoint (older points are thinned: every other one dropped). */
export const MAX_HISTORY_POINTS = 1000;
const MAX_HISTORIES = 16;
const MAX_SERIES = 32;
const MAX_NAME = 64;

/** Drops every other point (keeping the newest) until at most `max` remain. */
export function thinHistory(history: MetricHistory, max = MAX_HISTORY_POINTS): MetricHistory {
  let keep = history.x.map((_, i) => i);
  while (keep.length > max) {
    const last = keep[keep.length - 1];
    keep = keep.filter((_, i) => i % 2 === 0);
    if (keep[keep.length - 1] !== last) keep.push(last);
  }
  return {
    name: history.name,
    x: keep.map((i) => history.x[i]),
    series: history.series.map((s) => ({ name: s.name, values: keep.map((i) => s.values[i] ?? null) })),
  };
}

/** Histories as JSON for `checkpoint.state.histories`: thinned, non-finite values as null. */
export function historiesToJson(histories: readonly MetricHistory[]): JsonValue {
  return histories.slice(0, MAX_HISTORIES).map((h) => {
    const thin = thinHistory(h);
    return {
      name: thin.name,
      x: thin.x,
      series: thin.series.slice(0, MAX_SERIES).map((s) => ({
        name: s.name,
        values: s.values.map((v) => (v !== null && Number.isFinite(v) ? v : null)),
      })),
    };
  });
}

function fail(what: string, problem: string): never {
  throw new CheckpointError('invalid', `${what}: ${problem}`);
}

function nameOf(value: unknown, what: string, where: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME)
    fail(what, `expected ${where} to be a name of 1–${MAX_NAME} characters`);
  return value;
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null && Object.hasOwn(record, key)
    ? (record as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The histories in a checkpoint's state (empty when it has none: older checkpoints resume with empty charts).
 * Bounded: at most 16 charts of 32 series and MAX_HISTORY_POINTS points each, checked before anything is copied.
 */
export function parseHistories(state: JsonRecord | undefined, what: string): MetricHistory[] {
  const raw = state === undefined ? undefined : field(state, 'histories');
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_HISTORIES)
    fail(what, `expected state.histories to be a list of at most ${MAX_HISTORIES} charts`);
  return raw.map((entry, h) => {
    const where = `state.histories[${h}]`;
    const name = nameOf(field(entry, 'name'), what, `${where}.name`);
    const x = field(entry, 'x');
    if (!Array.isArray(x) || x.length > MAX_HISTORY_POINTS)
      fail(what, `expected ${where}.x to be a list of at most ${MAX_HISTORY_POINTS} numbers`);
    if (!x.every((v) => typeof v === 'number' && Number.isFinite(v)))
      fail(what, `expected ${where}.x to hold finite numbers`);
    const series = field(entry, 'series');
    if (!Array.isArray(series) || series.length > MAX_SERIES)
      fail(what, `expected ${where}.series to be a list of at most ${MAX_SERIES} series`);
    return {
      name,
      x: x as number[],
      series: series.map((s, i) => {
        const values = field(s, 'values');
        if (!Array.isArray(values) || values.length !== x.length)
          fail(what, `expected ${where}.series[${i}].values to have one value per x (${x.length})`);
        if (!values.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v))))
          fail(what, `expected ${where}.series[${i}].values to hold finite numbers or null`);
        return { name: nameOf(field(s, 'name'), what, `${where}.series[${i}].name`), values };
      }),
    };
  });
}

/** One series of a history by name (a Map lookup, never an object key), or an empty list. */
export function seriesValues(history: MetricHistory | undefined, name: string): (number | null)[] {
  return history?.series.find((s) => s.name === name)?.values ?? [];
}
