/**
 * Checks env options that may come from outside (a share link, a saved config) and says exactly what is wrong.
 * Each sim reads its options through these, so every game reports bad input the same way.
 */

/** Describes one option for a settings form (listEnvs). */
export type EnvOptionInfo =
  | { key: string; label: string; kind: 'integer'; min: number; max: number; default: number }
  | { key: string; label: string; kind: 'boolean'; default: boolean }
  | { key: string; label: string; kind: 'choice'; choices: readonly string[]; default: string };

/** Returns the options as a plain record, rejecting non-objects and keys that the env does not know. */
export function readOptionRecord(
  options: unknown,
  envId: string,
  known: readonly string[],
): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`Expected an options object for ${envId}, got ${JSON.stringify(options)}`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      const expected = known.length > 0 ? `one of ${known.join(', ')}` : 'no options';
      throw new Error(`Unknown option "${key}" for ${envId}; expected ${expected}`);
    }
  }
  return record;
}

export function readInteger(
  record: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
  envId: string,
): number {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Expected ${envId} option ${key} to be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function readBoolean(
  record: Record<string, unknown>,
  key: string,
  fallback: boolean,
  envId: string,
): boolean {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new Error(`Expected ${envId} option ${key} to be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function readChoice<T extends string>(
  record: Record<string, unknown>,
  key: string,
  choices: readonly T[],
  fallback: T,
  envId: string,
): T {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new Error(
      `Expected ${envId} option ${key} to be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}
