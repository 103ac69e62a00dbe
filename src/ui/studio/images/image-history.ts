/**
 * One chart history of a Studio MNIST run as the page keeps it: iterations and one list per metric (NaN where a
 * point lacks that metric), thinned as it grows. It turns into the checkpoint's plain-data history and back, so
 * a resumed run's charts continue where they stopped. Metric names are Map keys, never object keys.
 */
import type { MetricHistory } from '../../../storage/metric-history';
import type { ImageMetricPoint } from '../../../workers/protocol/images';

/** Points kept per history; beyond this, every other older point is dropped. */
const MAX_POINTS = 1500;

export class ImageHistory {
  x: number[] = [];
  private series = new Map<string, number[]>();

  constructor(readonly name: string) {}

  /** A history continued from a checkpoint's (null values become NaN gaps). */
  static from(history: MetricHistory): ImageHistory {
    const restored = new ImageHistory(history.name);
    restored.x = [...history.x];
    for (const s of history.series)
      restored.series.set(
        s.name,
        s.values.map((v) => v ?? NaN),
      );
    return restored;
  }

  /** One metric's values, aligned with `x` (empty when it was never seen). */
  values(metric: string): number[] {
    return this.series.get(metric) ?? [];
  }

  push(point: ImageMetricPoint): void {
    this.x.push(point.iteration);
    for (const [metric, value] of Object.entries(point.values)) {
      let list = this.series.get(metric);
      if (!list) this.series.set(metric, (list = []));
      while (list.length < this.x.length - 1) list.push(NaN);
      list.push(value);
    }
    if (this.x.length > MAX_POINTS) this.thin();
  }

  /** As plain data for a checkpoint, up to iteration `upTo` (later points are newer than its weights). */
  toMetricHistory(upTo = Infinity): MetricHistory {
    let count = this.x.length;
    while (count > 0 && this.x[count - 1] > upTo) count--;
    return {
      name: this.name,
      x: this.x.slice(0, count),
      series: [...this.series].map(([name, values]) => ({
        name,
        values: Array.from({ length: count }, (_, i) => {
          const value = values[i];
          return value !== undefined && Number.isFinite(value) ? value : null;
        }),
      })),
    };
  }

  private thin(): void {
    const last = this.x.length - 1;
    const keep = (_: number, i: number) => i % 2 === 0 || i === last;
    this.x = this.x.filter(keep);
    this.series = new Map([...this.series].map(([name, values]) => [name, values.filter(keep)]));
  }
}
