/**
 * Keeps this device's backend measurements, per network size. A run on a device that has never measured its
 * size starts at once on a default backend (src/workers/backend.ts); this then times every backend for that
 * size in a worker of its own, beside the run, and stores the result so that the next run picks the fastest.
 */
import { loadCachedMeasurement, saveMeasurement } from '../storage/settings';
import type { BackendReport } from '../workers/protocol';
import { createSystemWorker } from '../workers/system-client';

/** The run's first seconds get the CPU to themselves: the measurement waits this long before it starts. */
const MEASURE_DELAY_MS = 3000;
/** Network sizes being measured now (one measurement per size, however many runs start). */
const measuring = new Set<string>();

/** Stores a measurement a worker took, and measures in the background when the run started on a default. */
export function rememberBackend(report: BackendReport): void {
  const measured = report.measurement;
  if (measured && measured.measuredAt !== loadCachedMeasurement(measured.profileKey)?.measuredAt) {
    saveMeasurement(measured);
  }
  const later = report.measureLater;
  if (!later || measuring.has(later.profile.key) || loadCachedMeasurement(later.profile.key)) return;
  measuring.add(later.profile.key);
  setTimeout(() => {
    const bridge = createSystemWorker();
    bridge.api
      .measure(later.profile, later.unsupported)
      .then(saveMeasurement, (error: unknown) =>
        console.warn('The background backend measurement failed:', error),
      )
      .finally(() => {
        bridge.terminate();
        measuring.delete(later.profile.key);
      });
  }, MEASURE_DELAY_MS);
}
