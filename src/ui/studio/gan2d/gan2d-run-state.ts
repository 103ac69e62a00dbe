/**
 * What the 2-D GAN lab draws from its run: the latest snapshot (plane views) and the series its charts plot,
 * thinned so that a long run keeps its whole history at a bounded cost. Saved with checkpoints as histories,
 * so a resumed run's charts continue where they stopped.
 */
import type { Gan2dSnapshot } from '../../../workers/protocol/studio';
import { seriesValues, type MetricHistory } from '../../../storage/metric-history';
import type { RunState } from '../../run/run-controller';

export interface Gan2dSeries {
  lossIteration: number[];
  dLoss: number[];
  gLoss: number[];
  metricIteration: number[];
  /** Modes covered / modes (0..1); empty for targets that are not mixtures. */
  coverage: number[];
  highQuality: number[];
  kl: number[];
  js: number[];
}

/** Points kept per series; past it every other point is dropped, so a long run still shows its history. */
const MAX_POINTS = 3000;
const LOSS_KEYS = ['lossIteration', 'dLoss', 'gLoss'] as const;
const METRIC_KEYS = ['metricIteration', 'coverage', 'highQuality', 'kl', 'js'] as const;

/** Series with no points yet. */
export function emptySeries(): Gan2dSeries {
  return {
    lossIteration: [],
    dLoss: [],
    gLoss: [],
    metricIteration: [],
    coverage: [],
    highQuality: [],
    kl: [],
    js: [],
  };
}

function thin(series: Gan2dSeries, keys: readonly (keyof Gan2dSeries)[]): void {
  if (series[keys[0]].length < MAX_POINTS) return;
  for (const key of keys) series[key] = series[key].filter((_, i) => i % 2 === 0);
}

const numbers = (values: (number | null)[]): number[] => values.map((v) => v ?? NaN);

export class Gan2dRunState implements RunState<unknown, Gan2dSnapshot> {
  snapshot: Gan2dSnapshot | null = null;
  series: Gan2dSeries = emptySeries();
  /** Latest coverage, for the stats line. */
  modes: { covered: number; total: number } | null = null;

  apply(snapshot: Gan2dSnapshot): void {
    this.snapshot = snapshot;
    const s = this.series;
    for (const p of snapshot.losses) {
      s.lossIteration.push(p.iteration);
      s.dLoss.push(p.dLoss);
      s.gLoss.push(p.gLoss);
    }
    for (const m of snapshot.metrics) {
      s.metricIteration.push(m.iteration);
      if (m.modesCovered !== null && m.modesTotal !== null) {
        s.coverage.push(m.modesCovered / m.modesTotal);
        this.modes = { covered: m.modesCovered, total: m.modesTotal };
      }
      if (m.highQuality !== null) s.highQuality.push(m.highQuality);
      s.kl.push(m.kl);
      s.js.push(m.js);
    }
    thin(s, LOSS_KEYS);
    thin(s, METRIC_KEYS);
  }

  clear(): void {
    this.snapshot = null;
    this.series = emptySeries();
    this.modes = null;
  }

  histories(): MetricHistory[] {
    const s = this.series;
    const metrics: MetricHistory = {
      name: 'metrics',
      x: s.metricIteration,
      series: [
        { name: 'kl', values: s.kl },
        { name: 'js', values: s.js },
      ],
    };
    // Coverage exists only for mixtures, where it has one value per metric point.
    if (s.coverage.length === s.metricIteration.length && s.coverage.length > 0)
      metrics.series.push(
        { name: 'coverage', values: s.coverage },
        { name: 'highQuality', values: s.highQuality },
      );
    return [
      {
        name: 'losses',
        x: s.lossIteration,
        series: [
          { name: 'dLoss', values: s.dLoss },
          { name: 'gLoss', values: s.gLoss },
        ],
      },
      metrics,
    ];
  }

  resumed(_checkpoint: unknown, _spec: unknown, histories: MetricHistory[]): void {
    const losses = histories.find((h) => h.name === 'losses');
    const metrics = histories.find((h) => h.name === 'metrics');
    const s = emptySeries();
    if (losses) {
      s.lossIteration = losses.x.slice();
      s.dLoss = numbers(seriesValues(losses, 'dLoss'));
      s.gLoss = numbers(seriesValues(losses, 'gLoss'));
    }
    if (metrics) {
      s.metricIteration = metrics.x.slice();
      s.kl = numbers(seriesValues(metrics, 'kl'));
      s.js = numbers(seriesValues(metrics, 'js'));
      s.coverage = numbers(seriesValues(metrics, 'coverage'));
      s.highQuality = numbers(seriesValues(metrics, 'highQuality'));
    }
    this.series = s;
  }
}
