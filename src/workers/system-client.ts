/** The UI's handle on the system worker. Types only cross from the worker file (import type). */
import type { SystemApi } from './protocol/system';
import { WorkerBridge } from './bridge';

export function createSystemWorker(onCrash?: (message: string) => void): WorkerBridge<SystemApi> {
  return new WorkerBridge<SystemApi>(
    () => new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'system' }),
    onCrash,
  );
}
