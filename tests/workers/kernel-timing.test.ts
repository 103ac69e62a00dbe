import { describe, expect, it } from 'vitest';
import { timeRuns } from '../../src/workers/kernels';

describe('benchmark timing', () => {
  it('reports a sub-microsecond run as a positive time, not 0', async () => {
    let sink = 0;
    const tiny = async (): Promise<void> => {
      sink += 1;
    };
    const stats = await timeRuns(tiny, { warmup: 1, maxRuns: 5, budgetMs: 20, minRuns: 3 });
    expect(sink).toBeGreaterThan(3);
    expect(stats.medianMs).toBeGreaterThan(0);
    expect(stats.minMs).toBeGreaterThan(0);
    expect(stats.medianMs).toBeLessThan(0.1);
  });
});
