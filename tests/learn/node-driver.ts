/** A session driver with Node's clock and yield, as the Learn worker runs one (without Comlink). */
import { SessionDriver, type DriverTiming, type TrainingModel } from '../../src/workers/core/session-driver';

export function nodeDriver<U, M extends TrainingModel<U>>(
  timing: Partial<DriverTiming> = {},
): SessionDriver<U, M> {
  return new SessionDriver<U, M>(
    {
      yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
      now: () => performance.now(),
      sleep: (ms, wake) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake]),
    },
    { updateMs: 20, heavyMs: 60, ...timing },
  );
}
