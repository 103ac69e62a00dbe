/**
 * What the Learn sequence-session tests share: a fresh IndexedDB per test (the worker's checkpoints are stored
 * as the page stores them), the backend pinned to wasm, and a small RNN race.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { closePlaygroundDB } from '../../src/storage/db';
import type { BackendReport } from '../../src/workers/protocol';
import { useTestBackend } from './tf-setup';

/**
 * A stand-in for src/workers/backend (for vi.mock): the session asks it for a backend and is told wasm, which
 * useTestBackend has already set, instead of measuring the backends.
 */
export function pinnedWasmBackend(): { initBackend: () => Promise<BackendReport> } {
  return {
    initBackend: async () => ({ preference: 'wasm', active: 'wasm', probes: [], why: 'pinned by the test' }),
  };
}

/** Registers the hooks: the wasm backend, and an empty database for every test. */
export function useSequenceSessionSetup(): void {
  beforeAll(useTestBackend);
  beforeEach(async () => {
    await closePlaygroundDB();
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await closePlaygroundDB();
  });
}

/** A race small enough to step in a test: 8-step recall, 6 hidden units. */
export const SMALL_RNN_SPEC = {
  task: { kind: 'remember' as const, length: 8, frequency: 0.05, noise: 0.5 },
  hiddenSize: 6,
  learningRate: 0.01,
  keepBias: 1,
  seed: 3,
};
