import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckpoint, type Checkpoint } from '../../src/storage/checkpoint';
import {
  closePlaygroundDB,
  DB_VERSION,
  deleteCheckpoint,
  listCheckpoints,
  loadCheckpoint,
  openPlaygroundDB,
  readSetting,
  renameCheckpoint,
  requestPersistence,
  saveCheckpoint,
  storageEstimate,
  writeSetting,
} from '../../src/storage/db';
import { CheckpointError, StorageFullError } from '../../src/storage/validate';
import { makeDqnCheckpoint, makeGanCheckpoint } from './fixtures';

/** The request machinery of fake-indexeddb, to make a put fail asynchronously as a real quota error does. */
interface FakeStore extends IDBObjectStore {
  transaction: IDBTransaction & {
    _execRequestAsync(request: { operation: () => unknown; source: unknown }): IDBRequest;
  };
}

const originalPut = IDBObjectStore.prototype.put;

/** Makes every put into `store` fail: synchronously (thrown) or asynchronously (the request errors). */
function failPuts(store: 'checkpoints' | 'blobs', error: () => Error, mode: 'sync' | 'async'): void {
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: FakeStore,
    ...args: [unknown, IDBValidKey?]
  ) {
    if (this.name !== store) return originalPut.apply(this, args);
    if (mode === 'sync') throw error();
    return this.transaction._execRequestAsync({
      operation: () => {
        throw error();
      },
      source: this,
    });
  });
}

async function storedIds(): Promise<{ records: string[]; blobs: string[] }> {
  const db = await openPlaygroundDB();
  return {
    records: ((await db.getAllKeys('checkpoints')) as string[]).sort(),
    blobs: ((await db.getAllKeys('blobs')) as string[]).sort(),
  };
}

function renamed(cp: Checkpoint, name: string): Checkpoint {
  const copy = structuredClone(cp);
  copy.name = name;
  copy.networks[Object.keys(copy.networks)[0]].weights[0].data[0] += 1;
  return copy;
}

beforeEach(async () => {
  await closePlaygroundDB();
  vi.stubGlobal('indexedDB', new IDBFactory());
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await closePlaygroundDB();
});

describe('the checkpoint database', () => {
  it(`creates its stores and indexes at version ${DB_VERSION}`, async () => {
    const db = await openPlaygroundDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['blobs', 'checkpoints', 'settings']);
    const tx = db.transaction('checkpoints');
    expect([...tx.store.indexNames].sort()).toEqual(['by-kind', 'by-updatedAt']);
    await tx.done;
  });

  it('saves, lists, loads, renames and deletes DQN and GAN checkpoints', async () => {
    const dqn = makeDqnCheckpoint({ replay: true });
    const gan = makeGanCheckpoint();
    const first = await saveCheckpoint(dqn);
    const second = await saveCheckpoint(gan);
    expect(first.record.kind).toBe('dqn');
    expect(first.record.sizeBytes).toBeGreaterThan(3 * 4610 * 4);
    expect(first.record).not.toHaveProperty('networks');

    const listing = await listCheckpoints();
    expect(listing.unreadable).toEqual([]);
    expect(listing.records.map((r) => r.name)).toEqual(['Two moons GAN', 'CartPole run #1']); // newest first
    expect(listing.records[1]).toEqual(first.record);

    expect(await loadCheckpoint(first.record.id)).toEqual(dqn); // bit for bit, replay included
    expect(await loadCheckpoint(second.record.id)).toEqual(gan);

    const after = await renameCheckpoint(first.record.id, 'Balanced at last');
    expect(after.name).toBe('Balanced at last');
    expect(after.updatedAt).toBe(first.record.updatedAt);
    expect((await loadCheckpoint(first.record.id)).name).toBe('Balanced at last');
    await expect(renameCheckpoint(first.record.id, '')).rejects.toThrow(/non-empty name/);
    await expect(renameCheckpoint('nope', 'x')).rejects.toMatchObject({ code: 'not-found' });

    await deleteCheckpoint(first.record.id);
    expect(await storedIds()).toEqual({ records: [second.record.id], blobs: [second.record.id] });
    await expect(loadCheckpoint(first.record.id)).rejects.toMatchObject({ code: 'not-found' });
    await deleteCheckpoint(first.record.id); // deleting twice is fine
  });

  it('overwrites a checkpoint saved under the same id', async () => {
    const { record } = await saveCheckpoint(makeDqnCheckpoint());
    const newer = renamed(makeDqnCheckpoint(), 'Later');
    await saveCheckpoint(newer, { id: record.id });
    expect(await loadCheckpoint(record.id)).toEqual(newer);
    expect((await storedIds()).records).toEqual([record.id]);
  });

  it('refuses to save an invalid checkpoint, storing nothing', async () => {
    const bad = makeDqnCheckpoint();
    bad.networks.online.weights[0].data[0] = NaN;
    await expect(saveCheckpoint(bad)).rejects.toThrow(
      /Cannot save this checkpoint: networks.online.weights\[0\]/,
    );
    expect(await storedIds()).toEqual({ records: [], blobs: [] });
  });

  describe('atomicity: a save that fails half-way leaves the old state', () => {
    for (const mode of ['sync', 'async'] as const) {
      it(`when storing the tensors fails (${mode})`, async () => {
        const old = makeDqnCheckpoint();
        const { record } = await saveCheckpoint(old);
        failPuts('blobs', () => new DOMException('disk on fire', 'UnknownError'), mode);
        const error = await saveCheckpoint(renamed(old, 'Half written'), { id: record.id }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CheckpointError);
        expect((error as CheckpointError).code).toBe('storage');
        await expect(saveCheckpoint(makeGanCheckpoint())).rejects.toThrow(CheckpointError);
        vi.restoreAllMocks();

        expect(await storedIds()).toEqual({ records: [record.id], blobs: [record.id] }); // no half record
        expect(await loadCheckpoint(record.id)).toEqual(old); // metadata and tensors both old
        expect((await listCheckpoints()).records.map((r) => r.name)).toEqual(['CartPole run #1']);
      });
    }

    it('when the transaction is aborted after the metadata was written', async () => {
      const old = makeGanCheckpoint();
      const { record } = await saveCheckpoint(old);
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
        this: FakeStore,
        ...args: [unknown, IDBValidKey?]
      ) {
        if (this.name === 'blobs') this.transaction.abort(); // as a closing tab would
        return originalPut.apply(this, args);
      });
      await expect(saveCheckpoint(renamed(old, 'Aborted'), { id: record.id })).rejects.toThrow(
        CheckpointError,
      );
      vi.restoreAllMocks();
      expect(await loadCheckpoint(record.id)).toEqual(old);
    });
  });

  describe('a full quota', () => {
    for (const mode of ['sync', 'async'] as const) {
      it(`becomes a StorageFullError and keeps what was stored (${mode})`, async () => {
        const old = makeDqnCheckpoint();
        const { record } = await saveCheckpoint(old);
        failPuts('blobs', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), mode);
        const error = await saveCheckpoint(renamed(old, 'Too big'), { id: record.id }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StorageFullError);
        expect((error as CheckpointError).code).toBe('storage-full');
        expect((error as Error).message).toMatch(/storage for this site is full\. Nothing was changed/);
        vi.restoreAllMocks();
        expect(await loadCheckpoint(record.id)).toEqual(old);
      });
    }
  });

  it('keeps the newest K autosaves per game or dataset, pruning in the same transaction', async () => {
    const manual = await saveCheckpoint(makeDqnCheckpoint());
    const autosaves: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { record, pruned } = await saveCheckpoint(renamed(makeDqnCheckpoint(), `auto ${i}`), {
        autosave: true,
        keepAutosaves: 3,
      });
      autosaves.push(record.id);
      expect(pruned).toEqual(i >= 3 ? [autosaves[i - 3]] : []);
    }
    const gan = await saveCheckpoint(makeGanCheckpoint(), { autosave: true, keepAutosaves: 3 });
    expect(gan.pruned).toEqual([]);

    const { records } = await listCheckpoints();
    expect(records.map((r) => r.name)).toEqual([
      'Two moons GAN',
      'auto 4',
      'auto 3',
      'auto 2',
      'CartPole run #1',
    ]);
    const ids = await storedIds();
    expect(ids.blobs).toEqual(ids.records);
    expect(ids.records).toContain(manual.record.id);
    await expect(saveCheckpoint(makeDqnCheckpoint(), { autosave: true, keepAutosaves: 0 })).rejects.toThrow(
      /keepAutosaves/,
    );
  });

  it('validates what it reads back: damaged or newer records are reported, not trusted', async () => {
    const good = await saveCheckpoint(makeDqnCheckpoint());
    const db = await openPlaygroundDB();
    const newer = { ...good.record, id: 'from-the-future', version: 9 as 1 };
    await db.put('checkpoints', newer);
    const nanBlob = structuredClone(await db.get('blobs', good.record.id))!;
    nanBlob.networks.online.weights[1].data[3] = Infinity;
    await db.put('checkpoints', { ...good.record, id: 'damaged' });
    await db.put('blobs', { ...nanBlob, id: 'damaged' });
    await db.put('checkpoints', { ...good.record, id: 'lost-blob' });
    const { updatedAt: _updatedAt, ...undated } = good.record;
    await db.put('checkpoints', { ...undated, id: 'undated' } as typeof good.record);

    const listing = await listCheckpoints();
    expect(listing.records.map((r) => r.id).sort()).toEqual(['damaged', good.record.id, 'lost-blob'].sort());
    expect(listing.unreadable).toEqual([
      {
        id: 'from-the-future',
        error: expect.stringContaining('checkpoint version 9 was written by a newer app'),
      },
      { id: 'undated', error: 'Checkpoint undated: updatedAt: missing field' },
    ]);
    await expect(loadCheckpoint('damaged')).rejects.toThrow(
      'Cannot load checkpoint "damaged": networks.online.weights[1]: value 3 of hidden_0/bias is Infinity',
    );
    await expect(loadCheckpoint('lost-blob')).rejects.toThrow(/its weights are missing/);
    await expect(loadCheckpoint('from-the-future')).rejects.toMatchObject({ code: 'unsupported-version' });
  });

  it('keeps JSON settings', async () => {
    expect(await readSetting('autosaveMinutes')).toBeUndefined();
    await writeSetting('autosaveMinutes', 5);
    await writeSetting('columns', { sort: 'updatedAt', descending: true });
    expect(await readSetting('autosaveMinutes')).toBe(5);
    expect(await readSetting('columns')).toEqual({ sort: 'updatedAt', descending: true });
    await expect(writeSetting('bad', { x: NaN })).rejects.toThrow(CheckpointError);
  });

  it('reports a browser without IndexedDB clearly', async () => {
    await closePlaygroundDB();
    vi.stubGlobal('indexedDB', undefined);
    await expect(listCheckpoints()).rejects.toThrow(/no IndexedDB/);
  });
});

describe('storage quota and persistence', () => {
  it('reads navigator.storage when present', async () => {
    vi.stubGlobal('navigator', {
      storage: {
        estimate: async () => ({ usage: 1_000, quota: 50_000 }),
        persisted: async () => false,
        persist: async () => true,
      },
    });
    expect(await storageEstimate()).toEqual({ usage: 1_000, quota: 50_000 });
    expect(await requestPersistence()).toBe('persisted');
  });

  it('says when the browser does not offer it or refuses', async () => {
    vi.stubGlobal('navigator', {});
    expect(await storageEstimate()).toBeNull();
    expect(await requestPersistence()).toBe('unsupported');
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => false } });
    expect(await requestPersistence()).toBe('denied');
  });
});

describe('createCheckpoint', () => {
  it('fills in the format, version and time', () => {
    const { format, version, createdAt, ...rest } = makeGanCheckpoint();
    const made = createCheckpoint(rest);
    expect(made.format).toBe(format);
    expect(made.version).toBe(version);
    expect(Date.parse(made.createdAt)).toBeGreaterThan(Date.parse(createdAt));
  });
});
