/**
 * Checkpoints in IndexedDB (through idb; the only module that imports it). Metadata and tensors live in two
 * stores so that listing stays cheap; every write that touches both is ONE readwrite transaction, so a crash
 * or a full quota leaves the old state or the new one, never half. Everything read back is validated.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { RngState } from '../envs/rng';
import {
  checkpointDataBytes,
  type Checkpoint,
  type CheckpointCounters,
  type CheckpointKind,
  type CheckpointReplay,
  type CheckpointSubject,
  type JsonRecord,
  type JsonValue,
  type MetricsSummary,
  type NamedWeight,
  type NetworkWeights,
} from './checkpoint';
import { CheckpointError, describeError, StorageFullError } from './errors';
import { assertJson, findJsonProblem } from './json';
import * as s from './schemas';
import { parseWith, validateCheckpoint, validateCheckpointRecord } from './validate';

export const DB_NAME = 'rl-gan-playground';
/** Bump with a new `if (oldVersion < n)` block in upgrade(); never edit a block once shipped. */
export const DB_VERSION = 1;
export const DEFAULT_KEEP_AUTOSAVES = 5;
export const MAX_KEEP_AUTOSAVES = 100;

/** A checkpoint's metadata: what the Checkpoints page lists without loading any tensor. */
export interface CheckpointRecord {
  id: string;
  format: Checkpoint['format'];
  version: Checkpoint['version'];
  kind: CheckpointKind;
  name: string;
  subject: CheckpointSubject;
  config: Checkpoint['config'];
  counters: CheckpointCounters;
  metrics: MetricsSummary;
  backend: string;
  appVersion: string;
  /** When the checkpoint was taken (ISO 8601). */
  createdAt: string;
  /** When it was last written to the database (ISO 8601); lists sort by it. */
  updatedAt: string;
  /** Approximate bytes it occupies (tensors, replay and JSON). */
  sizeBytes: number;
  /** Written by the timer rather than by the user; old autosaves are pruned. */
  autosave: boolean;
}

/** The heavy part of a checkpoint, under the same id. */
export interface CheckpointBlob {
  id: string;
  networks: Record<string, NetworkWeights>;
  optimizers: Record<string, NamedWeight[]>;
  rngStates: Record<string, RngState>;
  state: JsonRecord;
  replay?: CheckpointReplay;
}

export interface PlaygroundDB extends DBSchema {
  checkpoints: {
    key: string;
    value: CheckpointRecord;
    indexes: { 'by-updatedAt': string; 'by-kind': CheckpointKind };
  };
  blobs: { key: string; value: CheckpointBlob };
  settings: { key: string; value: JsonValue };
}

type Db = IDBPDatabase<PlaygroundDB>;
type StoreName = 'checkpoints' | 'blobs' | 'settings';

/** Cumulative: a database at any older version runs every block after its own. */
export function upgrade(db: Db, oldVersion: number): void {
  if (oldVersion < 1) {
    const checkpoints = db.createObjectStore('checkpoints', { keyPath: 'id' });
    checkpoints.createIndex('by-updatedAt', 'updatedAt');
    checkpoints.createIndex('by-kind', 'kind');
    db.createObjectStore('blobs', { keyPath: 'id' });
    db.createObjectStore('settings');
  }
}

let connection: Promise<Db> | null = null;

/** The shared connection, opened (and upgraded) on first use. */
export function openPlaygroundDB(): Promise<Db> {
  connection ??= (async () => {
    if (typeof indexedDB === 'undefined') {
      throw new CheckpointError(
        'storage',
        'This browser offers no IndexedDB here (private mode?); checkpoints cannot be kept',
      );
    }
    try {
      return await openDB<PlaygroundDB>(DB_NAME, DB_VERSION, {
        upgrade: (db, oldVersion) => upgrade(db, oldVersion),
        // Another tab opened a newer version: let it upgrade, and reopen on our next call.
        blocking: (_current, _next, event) => {
          (event.target as IDBDatabase).close();
          connection = null;
        },
        terminated: () => {
          connection = null;
        },
      });
    } catch (error) {
      connection = null;
      if (error instanceof DOMException && error.name === 'VersionError') {
        throw new CheckpointError(
          'storage',
          'A newer version of the app has upgraded the checkpoint database; reload this page',
        );
      }
      throw storageFailure(error, 'Cannot open the checkpoint database');
    }
  })();
  return connection;
}

/** Closes the shared connection (tests; or before deleting the database). */
export async function closePlaygroundDB(): Promise<void> {
  const current = connection;
  connection = null;
  if (current) (await current.catch(() => null))?.close();
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

function storageFailure(error: unknown, context: string, txError?: DOMException | null): CheckpointError {
  if (error instanceof CheckpointError) return error;
  if (isQuotaError(error) || isQuotaError(txError)) {
    return new StorageFullError(
      `${context}: the browser's storage for this site is full. Nothing was changed; delete old checkpoints ` +
        'or export them to files to make room.',
      { cause: error },
    );
  }
  return new CheckpointError('storage', `${context}: ${describeError(txError ?? error)}`, { cause: error });
}

/**
 * Runs `work` in one transaction and waits for it to commit. Any failure aborts it (nothing it wrote stays)
 * and becomes a CheckpointError; a full quota becomes a StorageFullError.
 */
async function inTransaction<T, S extends StoreName[], M extends 'readonly' | 'readwrite'>(
  stores: S,
  mode: M,
  context: string,
  work: (tx: IDBPTransaction<PlaygroundDB, S, M>) => Promise<T>,
): Promise<T> {
  const db = await openPlaygroundDB();
  let tx: IDBPTransaction<PlaygroundDB, S, M>;
  try {
    tx = db.transaction(stores, mode);
  } catch (error) {
    throw storageFailure(error, context);
  }
  const done = tx.done;
  done.catch(() => undefined); // observed below; this only keeps an abort from being reported as unhandled
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or finished: nothing to undo.
    }
    await done.catch(() => undefined);
    throw storageFailure(error, context, tx.error);
  }
}

/** Time stamps that never repeat within a tab, so "the newest K autosaves" is well defined. */
let lastStamp = 0;
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Autosaves are pruned per kind and subject: a CartPole run's autosaves do not evict a GAN's. */
function subjectKey(subject: unknown): string {
  if (typeof subject !== 'object' || subject === null) return '';
  const { type, gameId, datasetId } = subject as Record<string, unknown>;
  return `${String(type)}:${String(type === 'game' ? gameId : datasetId)}`;
}

export interface SaveOptions {
  /** Overwrite this checkpoint (same id) instead of adding a new one. */
  id?: string;
  /** Written by the autosave timer; autosaves past the newest `keepAutosaves` are pruned. */
  autosave?: boolean;
  keepAutosaves?: number;
}

export interface SaveResult {
  record: CheckpointRecord;
  /** Ids of older autosaves deleted in the same transaction. */
  pruned: string[];
}

/**
 * Saves a checkpoint: metadata, tensors and autosave pruning in ONE readwrite transaction. On any failure
 * (a full quota included) nothing changes: a checkpoint being overwritten keeps its old content.
 */
export async function saveCheckpoint(checkpoint: Checkpoint, options: SaveOptions = {}): Promise<SaveResult> {
  const cp = validateCheckpoint(checkpoint, 'Cannot save this checkpoint');
  const keep = options.keepAutosaves ?? DEFAULT_KEEP_AUTOSAVES;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP_AUTOSAVES) {
    throw new CheckpointError('invalid', `Expected keepAutosaves in [1, ${MAX_KEEP_AUTOSAVES}], got ${keep}`);
  }
  const id =
    options.id === undefined ? newId() : parseWith(s.idString, options.id, 'Expected a checkpoint id');
  const { networks, optimizers, rngStates, state, replay, ...meta } = cp;
  const blob: CheckpointBlob = { id, networks, optimizers, rngStates, state, ...(replay ? { replay } : {}) };
  const jsonSize = JSON.stringify({ meta, rngStates, state }).length;
  const record: CheckpointRecord = {
    ...meta,
    id,
    updatedAt: stamp(),
    sizeBytes: checkpointDataBytes(cp) + jsonSize,
    autosave: options.autosave ?? false,
  };

  return inTransaction(['checkpoints', 'blobs'], 'readwrite', `Could not save "${cp.name}"`, async (tx) => {
    const records = tx.objectStore('checkpoints');
    const blobs = tx.objectStore('blobs');
    await records.put(record);
    await blobs.put(blob);
    const pruned: string[] = [];
    if (record.autosave) {
      const group = subjectKey(record.subject);
      const siblings = (await records.index('by-kind').getAll(record.kind))
        .filter(
          (r) => r.autosave === true && subjectKey(r.subject) === group && typeof r.updatedAt === 'string',
        )
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
      for (const old of siblings.slice(keep)) {
        await records.delete(old.id);
        await blobs.delete(old.id);
        pruned.push(old.id);
      }
    }
    return { record, pruned };
  });
}

export interface CheckpointListing {
  /** Newest first (by updatedAt). */
  records: CheckpointRecord[];
  /** Records that no longer validate (damaged, or from an incompatible version): offer to delete them. */
  unreadable: { id: string; error: string }[];
}

export async function listCheckpoints(): Promise<CheckpointListing> {
  return inTransaction(['checkpoints'], 'readonly', 'Could not list checkpoints', async (tx) => {
    // The whole store, not the index: a damaged record without a valid updatedAt is missing from the index.
    const all = await tx.objectStore('checkpoints').getAll();
    const when = (r: { updatedAt?: unknown }): string => (typeof r.updatedAt === 'string' ? r.updatedAt : '');
    all.sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0));
    const listing: CheckpointListing = { records: [], unreadable: [] };
    for (const raw of all) {
      try {
        listing.records.push(validateCheckpointRecord(raw, `Checkpoint ${String(raw.id)}`));
      } catch (error) {
        listing.unreadable.push({ id: String(raw.id), error: describeError(error) });
      }
    }
    return listing;
  });
}

/** Loads and validates a checkpoint (it may have been written by an older version of the app). */
export async function loadCheckpoint(id: string): Promise<Checkpoint> {
  const [record, blob] = await inTransaction(
    ['checkpoints', 'blobs'],
    'readonly',
    'Could not load the checkpoint',
    (tx) => Promise.all([tx.objectStore('checkpoints').get(id), tx.objectStore('blobs').get(id)]),
  );
  if (!record) throw new CheckpointError('not-found', `No checkpoint with id ${JSON.stringify(id)}`);
  const what = `Cannot load checkpoint ${JSON.stringify(id)}`;
  validateCheckpointRecord(record, what); // a newer version is reported as such before anything else
  if (!blob) throw new CheckpointError('invalid', `${what}: its weights are missing (damaged storage)`);
  const { id: _recordId, updatedAt: _u, sizeBytes: _s, autosave: _a, ...meta } = record;
  const { id: _blobId, ...data } = blob;
  return validateCheckpoint({ ...meta, ...data }, what);
}

/** Renames a checkpoint (its updatedAt stays, so renaming does not reorder the list). */
export async function renameCheckpoint(id: string, name: string): Promise<CheckpointRecord> {
  const newName = parseWith(s.checkpointName, name, 'Invalid name');
  return inTransaction(['checkpoints'], 'readwrite', 'Could not rename the checkpoint', async (tx) => {
    const store = tx.objectStore('checkpoints');
    const record = await store.get(id);
    if (!record) throw new CheckpointError('not-found', `No checkpoint with id ${JSON.stringify(id)}`);
    const renamed = validateCheckpointRecord(
      { ...record, name: newName },
      `Checkpoint ${JSON.stringify(id)}`,
    );
    await store.put(renamed);
    return renamed;
  });
}

/** Deletes metadata and tensors together; deleting an id that is not there is not an error. */
export async function deleteCheckpoint(id: string): Promise<void> {
  await inTransaction(
    ['checkpoints', 'blobs'],
    'readwrite',
    'Could not delete the checkpoint',
    async (tx) => {
      await tx.objectStore('checkpoints').delete(id);
      await tx.objectStore('blobs').delete(id);
    },
  );
}

/** A JSON setting kept with the checkpoints (settings needed before first paint stay in localStorage). */
export async function readSetting(key: string): Promise<JsonValue | undefined> {
  const value = await inTransaction(['settings'], 'readonly', 'Could not read a setting', (tx) =>
    tx.objectStore('settings').get(key),
  );
  return value === undefined || findJsonProblem(value, key) !== null ? undefined : value;
}

export async function writeSetting(key: string, value: JsonValue): Promise<void> {
  assertJson(value, `Setting ${JSON.stringify(key)}`);
  await inTransaction(['settings'], 'readwrite', 'Could not save a setting', async (tx) => {
    await tx.objectStore('settings').put(value, key);
  });
}

export interface StorageEstimate {
  /** Bytes this site uses, and may use, as the browser reports them. */
  usage: number;
  quota: number;
}

/** navigator.storage.estimate(), or null where the browser does not offer it. */
export async function storageEstimate(): Promise<StorageEstimate | null> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : null;
  } catch {
    return null;
  }
}

export type PersistenceState = 'persisted' | 'denied' | 'unsupported';

/** Asks the browser not to evict our data under storage pressure (navigator.storage.persist()). */
export async function requestPersistence(): Promise<PersistenceState> {
  // persist() exists on pages only (not in workers), hence the structural type.
  const storage = globalThis.navigator?.storage as
    { persisted?: () => Promise<boolean>; persist?: () => Promise<boolean> } | undefined;
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
