import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onActivityChange } from './activity';

/** What the app knows about its installation, its cache and the network (set by src/pwa/register.ts). */
export interface PwaState {
  /** A new version is downloaded and waits for the user's go-ahead to take over. */
  updateReady: boolean;
  /** The whole app is cached on this device: it starts and runs without a network. */
  offlineReady: boolean;
  /** The browser reports a network connection (navigator.onLine). */
  online: boolean;
  /** The browser promised not to evict our storage (checkpoints) under pressure; null until asked. */
  storagePersisted: boolean | null;
}

type Listener = (state: PwaState) => void;

let state: PwaState = {
  updateReady: false,
  offlineReady: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  storagePersisted: null,
};
const listeners = new Set<Listener>();
let applyUpdateHandler: (() => Promise<void>) | null = null;

export function pwaState(): PwaState {
  return state;
}

export function setPwaState(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener(state);
}

export function onPwaStateChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Set by the registration: lets the waiting version take over, and the page then reloads into it. The promise
 * settles without a reload only when no new version took over.
 */
export function setApplyUpdate(handler: () => Promise<void>): void {
  applyUpdateHandler = handler;
}

export async function applyUpdate(): Promise<void> {
  if (!applyUpdateHandler) {
    location.reload();
    return;
  }
  await applyUpdateHandler();
}

/** Re-renders a Lit element whenever the PWA state or the running work changes. */
export class PwaStateController implements ReactiveController {
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get state(): PwaState {
    return state;
  }

  hostConnected(): void {
    const update = (): void => this.host.requestUpdate();
    this.unsubscribe = [onPwaStateChange(update), onActivityChange(update)];
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }
}
