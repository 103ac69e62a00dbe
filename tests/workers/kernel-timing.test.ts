import { afterEach, describe, expect, it, vi } from 'vitest';
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

  afterEach(() => vi.restoreAllMocks());

  it('stays positive on a coarse timer when a pause slows the probe that sizes the samples', async () => {
    // A browser's 0.1 ms clock, and one call (the probe's first) that stalls for 3 ms.
    const now = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => Math.floor(now() / 0.1) * 0.1);
    let calls = 0;
    const tiny = async (): Promise<void> => {
      if (++calls === 2) {
        const until = now() + 3;
        while (now() < until);
      }
    };
    const stats = await timeRuns(tiny, { warmup: 1, maxRuns: 5, budgetMs: 20, minRuns: 3 });
    expect(stats.medianMs).toBeGreaterThan(0);
    expect(stats.medianMs).toBeLessThan(0.05);
  });
});
