/**
 * Small user preferences kept in localStorage: they must be readable synchronously before the first paint
 * (the theme) and survive reloads. Values are validated on read, since storage can hold anything.
 */
import { isBackendPreference, type BackendMeasurement, type BackendPreference } from '../backend-preference';

export type ThemePreference = 'system' | 'light' | 'dark';

const KEYS = {
  theme: 'pg.theme',
  backend: 'pg.backendPreference',
  measurements: 'pg.backendMeasurements.v2',
} as const;

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe): fall back to defaults
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Quota or disabled storage: the preference just won't be remembered.
  }
}

export function loadThemePreference(): ThemePreference {
  const value = read(KEYS.theme);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function saveThemePreference(theme: ThemePreference): void {
  write(KEYS.theme, theme);
}

export function loadBackendPreference(): BackendPreference {
  const value = read(KEYS.backend);
  return isBackendPreference(value) ? value : 'auto';
}

export function saveBackendPreference(preference: BackendPreference): void {
  write(KEYS.backend, preference);
}

/** Measurements are cached per browser build: a browser update can change which backend is fastest. */
function deviceKey(): string {
  const nav = globalThis.navigator;
  return nav ? `${nav.userAgent}|${nav.hardwareConcurrency ?? 0}` : 'unknown';
}

/**
 * The cache is a Map, stored as a list of [key, measurement] pairs: its keys hold the user agent and come
 * back from storage, so they never index a plain object (a key such as "__proto__" stays just a key).
 */
type MeasurementCache = Map<string, BackendMeasurement>;

function isMeasurementEntry(value: unknown): value is [string, BackendMeasurement] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false;
  const m: unknown = value[1];
  if (typeof m !== 'object' || m === null) return false;
  const { profileKey, stepMs } = m as Partial<BackendMeasurement>;
  return (
    typeof profileKey === 'string' &&
    typeof stepMs === 'object' &&
    stepMs !== null &&
    Object.values(stepMs).every((ms) => typeof ms === 'number' && Number.isFinite(ms))
  );
}

function loadMeasurementCache(): MeasurementCache {
  try {
    const parsed: unknown = JSON.parse(read(KEYS.measurements) ?? '[]');
    // Anything else (an older object-shaped cache, a tampered value) is dropped: measuring again is cheap.
    return new Map(Array.isArray(parsed) ? parsed.filter(isMeasurementEntry) : []);
  } catch {
    return new Map();
  }
}

export function loadCachedMeasurement(profileKey: string): BackendMeasurement | undefined {
  const entry = loadMeasurementCache().get(`${deviceKey()}|${profileKey}`);
  return entry?.profileKey === profileKey ? entry : undefined;
}

export function saveMeasurement(measurement: BackendMeasurement): void {
  const cache = loadMeasurementCache();
  cache.set(`${deviceKey()}|${measurement.profileKey}`, measurement);
  write(KEYS.measurements, JSON.stringify([...cache]));
}

export function clearMeasurements(): void {
  write(KEYS.measurements, '[]');
}
