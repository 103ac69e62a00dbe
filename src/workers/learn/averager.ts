/** Means of the step results between two updates (one point on a chart per update, not per step). */
export class Averager {
  private sums = new Map<string, number>();
  private count = 0;

  add(values: Record<string, number | null>): void {
    for (const [key, value] of Object.entries(values)) {
      if (value !== null) this.sums.set(key, (this.sums.get(key) ?? 0) + value);
    }
    this.count++;
  }

  /** The means since the last flush (null when nothing was added), then starts over. */
  flush(): Record<string, number> | null {
    if (this.count === 0) return null;
    const mean: Record<string, number> = {};
    for (const [key, sum] of this.sums) mean[key] = sum / this.count;
    this.sums.clear();
    this.count = 0;
    return mean;
  }
}
