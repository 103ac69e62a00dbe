import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WorkerBridge } from '../../workers/bridge';

/**
 * Ties a worker's life to a Lit element: the worker starts lazily on first use and is terminated when the
 * element leaves the page, so leaving a page stops its work cleanly. A crash is reported to the host.
 */
export class WorkerController<Api> implements ReactiveController {
  crashMessage: string | null = null;
  readonly bridge: WorkerBridge<Api>;

  constructor(
    private readonly host: ReactiveControllerHost,
    create: (onCrash: (message: string) => void) => WorkerBridge<Api>,
  ) {
    this.bridge = create((message) => {
      this.crashMessage = message;
      this.host.requestUpdate();
    });
    host.addController(this);
  }

  get api(): WorkerBridge<Api>['api'] {
    return this.bridge.api;
  }

  /** Ends a crashed or busy worker; the next call through `api` starts a fresh one. */
  restart(): void {
    this.bridge.terminate();
    this.crashMessage = null;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bridge.terminate();
  }
}
