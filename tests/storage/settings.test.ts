import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  loadBackendPreference,
  loadCachedMeasurement,
  loadThemePreference,
  saveBackendPreference,
  saveMeasurement,
  saveThemePreference,
} from '../../src/storage/settings';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

describe('settings', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the theme and backend preferences', () => {
    expect(loadThemePreference()).toBe('system');
    expect(loadBackendPreference()).toBe('auto');
    saveThemePreference('dark');
    saveBackendPreference('webgl');
    expect(loadThemePreference()).toBe('dark');
    expect(loadBackendPreference()).toBe('webgl');
  });

  it('ignores tampered values instead of trusting them', () => {
    storage.setItem('pg.theme', '<script>');
    storage.setItem('pg.backendPreference', 'tpu');
    storage.setItem('pg.backendMeasurements.v2', '{not json');
    expect(loadThemePreference()).toBe('system');
    expect(loadBackendPreference()).toBe('auto');
    expect(loadCachedMeasurement('mlp-4-64-64-2-b64')).toBeUndefined();
  });

  it('caches a measurement per profile and rejects one with non-numeric times', () => {
    const measurement = {
      profileKey: 'mlp-4-64-64-2-b64',
      stepMs: { wasm: 2.5, cpu: 8 },
      cutShort: [],
      measuredAt: '2026-11-25T00:00:00.000Z',
    };
    saveMeasurement(measurement);
    expect(loadCachedMeasurement('mlp-4-64-64-2-b64')).toEqual(measurement);
    expect(loadCachedMeasurement('mlp-2-8-1-b32')).toBeUndefined();
    saveMeasurement({ ...measurement, stepMs: { wasm: 'fast' as unknown as number } });
    expect(loadCachedMeasurement('mlp-4-64-64-2-b64')).toBeUndefined();
  });

  it('never looks a stored key up on a plain object (a tampered cache cannot reach the prototype)', () => {
    const profileKey = 'mlp-4-64-64-2-b64';
    // A key made to collide with Object.prototype, and an object-shaped cache as an old or tampered value.
    storage.setItem(
      'pg.backendMeasurements.v2',
      JSON.stringify({ ['__proto__']: { profileKey, stepMs: {} } }),
    );
    expect(loadCachedMeasurement(profileKey)).toBeUndefined();
    expect(loadCachedMeasurement('__proto__')).toBeUndefined();
    storage.setItem(
      'pg.backendMeasurements.v2',
      JSON.stringify([['constructor', { profileKey: 1 }], 'junk']),
    );
    expect(loadCachedMeasurement('constructor')).toBeUndefined();
    const measurement = {
      profileKey,
      stepMs: { js: 0.5 },
      cutShort: [],
      measuredAt: '2026-12-04T00:00:00.000Z',
    };
    saveMeasurement(measurement);
    expect(loadCachedMeasurement(profileKey)).toEqual(measurement);
  });

  it('keeps working when storage throws (private mode, full quota)', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => saveThemePreference('light')).not.toThrow();
    expect(loadThemePreference()).toBe('system');
  });
});
