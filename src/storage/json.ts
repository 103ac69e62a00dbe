/**
 * JSON from outside is parsed here and nowhere else: size-capped before decoding, strict UTF-8, and walked
 * once for what schemas do not catch (prototype-polluting keys, runaway nesting, non-JSON values).
 * Nothing parsed here is ever evaluated or inserted as HTML.
 */
import type { JsonValue } from './checkpoint';
import { CheckpointError, describeError } from './errors';
import { MAX_ID_CHARS, MAX_JSON_DEPTH, MAX_JSON_NODES, MAX_JSON_STRING_CHARS } from './limits';

/** Keys that would reach Object.prototype if some later code merged the object naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `a.b[2]["odd key"]` */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key.slice(0, 64))}]`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The first reason `value` is not plain, bounded JSON, as "path: what is wrong", or null when it is fine.
 * Iterative, so hostile nesting cannot overflow the stack.
 */
export function findJsonProblem(value: unknown, rootPath: string): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: rootPath, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    const at = path === '' ? '(root)' : path;
    if (++nodes > MAX_JSON_NODES) return `${at}: more than ${MAX_JSON_NODES} JSON values`;
    if (depth > MAX_JSON_DEPTH) return `${at}: nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${at}: expected a finite number, got ${v}`;
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > MAX_JSON_STRING_CHARS)
        return `${at}: string of ${v.length} characters, at most ${MAX_JSON_STRING_CHARS} allowed`;
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: joinPath(path, i), depth: depth + 1 });
      continue;
    }
    if (!isPlainObject(v)) return `${at}: expected plain JSON, got ${describeType(v)}`;
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return `${at}: key ${JSON.stringify(key)} is not allowed`;
      if (key.length > MAX_ID_CHARS) return `${at}: a key of ${key.length} characters is too long`;
      stack.push({ value: v[key], path: joinPath(path, key), depth: depth + 1 });
    }
  }
  return null;
}

function describeType(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return value.constructor?.name ?? 'an object without prototype';
}

/** Throws a CheckpointError naming `what` unless `value` is plain, bounded JSON. */
export function assertJson(value: unknown, what: string, rootPath = ''): asserts value is JsonValue {
  const problem = findJsonProblem(value, rootPath);
  if (problem !== null) throw new CheckpointError('invalid', `${what}: ${problem}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and parses JSON from outside: size first, then strict UTF-8, then JSON.parse, then the walk. */
export function parseJsonBytes(bytes: Uint8Array, what: string, maxBytes: number): JsonValue {
  if (bytes.length > maxBytes) {
    throw new CheckpointError('too-large', `${what}: ${bytes.length} bytes, at most ${maxBytes} allowed`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new CheckpointError('corrupt', `${what}: not valid UTF-8 text`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError('corrupt', `${what}: not valid JSON (${describeError(error)})`);
  }
  assertJson(parsed, what);
  return parsed;
}

const utf8Encoder = new TextEncoder();

export function jsonBytes(value: unknown): Uint8Array {
  return utf8Encoder.encode(JSON.stringify(value));
}
