/**
 * Starts a Comlink worker lazily, reports a crash once, and ends it on demand. Each worker file has its own
 * factory (Vite needs the literal `new Worker(new URL(...))` to bundle it).
 */
import { wrap, releaseProxy, type Remote } from 'comlink';

export class WorkerBridge<Api> {
  private worker: Worker | null = null;
  private remote: Remote<Api> | null = null;

  constructor(
    private readonly create: () => Worker,
    private readonly onCrash?: (message: string) => void,
  ) {}

  get api(): Remote<Api> {
    if (!this.remote) {
      const worker = this.create();
      worker.addEventListener('error', (event) => {
        this.onCrash?.(event.message || 'the worker stopped with an error');
      });
      this.worker = worker;
      this.remote = wrap<Api>(worker);
    }
    return this.remote;
  }

  /**
   * Starts the worker now, before its first call, so that it loads its job's code (tfjs included) while the
   * user is still reading the page: the first call then finds it ready.
   */
  warm(): void {
    void this.api;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  terminate(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
