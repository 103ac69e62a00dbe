/**
 * The session driver's clock and yield inside a worker. A zero-delay yield: setTimeout(0) is clamped to 4 ms
 * when nested, a MessageChannel round trip is not.
 */
import type { DriverEnvironment } from './session-driver';

const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();

export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

export const workerEnvironment: DriverEnvironment = {
  yieldToEvents,
  now: () => performance.now(),
  sleep: (ms, wake) => Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), wake]),
};
