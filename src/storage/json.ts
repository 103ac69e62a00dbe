/**
 * JSON from outside is parsed here and nowhere else: size-capped before decoding, its values counted on the
 * bytes before JSON.parse, strict UTF-8, and walked once for what schemas do not catch (prototype-polluting
 * keys, runaway nesting, non-JSON values). Every limit stops the work as soon as it is crossed.
 * Nothing parsed here is ever evaluated or inserted as HTML.
 */
import type { JsonValue } from './checkpoint';
import { decodeWork } from './decode-meter';
import { CheckpointError, describeError } from './errors';
import { MAX_ID_CHARS, MAX_JSON_DEPTH, MAX_JSON_NODES, MAX_JSON_STRING_CHARS } from './limits';

/** Keys that would reach Object.prototype if some later code merged the object naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `key` may be a key of JSON from outside (names that end up as keys are held to the same rule). */
export function isAllowedKey(key: string): boolean {
  return !FORBIDDEN_KEYS.has(key);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `a.b[2]["odd key"]` */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key.slice(0, 64))}]`;
}

/**
 * A null-prototype record of `entries`: for names that come from outside, which must never meet a property
 * every object inherits (`toString`, `isPrototypeOf`, …) when looked up, nor be dropped as `__proto__` would.
 */
export function recordOf<T, U = T>(
  entries: Iterable<readonly [string, T]>,
  map: (value: T) => U = (value) => value as unknown as U,
): Record<string, U> {
  const out = Object.create(null) as Record<string, U>;
  for (const [key, value] of entries) out[key] = map(value);
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** One open array or object of the walk: its items and where the walk is in them. */
interface Frame {
  container: readonly unknown[] | Readonly<Record<string, unknown>>;
  /** The object's own keys; null for an array. */
  keys: readonly string[] | null;
  length: number;
  /** Index of the next item to visit (so `next - 1` is the one being visited). */
  next: number;
}

/**
 * The first reason `value` is not plain, bounded JSON, as "path: what is wrong", or null when it is fine.
 * Iterative, so hostile nesting cannot overflow the stack. The value count is checked when a container is
 * opened (its items are counted before any is visited), so a huge array is refused at once; the open
 * containers (at most MAX_JSON_DEPTH + 1 of them) are the only state, and a path string is built only for the error.
 */
export function findJsonProblem(value: unknown, rootPath: string): string | null {
  const frames: Frame[] = [];
  const at = (): string => {
    let path = rootPath;
    for (const f of frames) path = joinPath(path, f.keys === null ? f.next - 1 : f.keys[f.next - 1]);
    return path === '' ? '(root)' : path;
  };
  let nodes = 1;
  let v = value;
  for (;;) {
    decodeWork.jsonValuesWalked++;
    if (frames.length > MAX_JSON_DEPTH) return `${at()}: nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${at()}: expected a finite number, got ${v}`;
    } else if (typeof v === 'string') {
      if (v.length > MAX_JSON_STRING_CHARS)
        return `${at()}: string of ${v.length} characters, at most ${MAX_JSON_STRING_CHARS} allowed`;
    } else if (v !== null && typeof v !== 'boolean') {
      const array = Array.isArray(v);
      if (!array && !isPlainObject(v)) return `${at()}: expected plain JSON, got ${describeType(v)}`;
      const keys = array ? null : Object.keys(v as object);
      const length = keys === null ? (v as unknown[]).length : keys.length;
      nodes += length;
      if (nodes > MAX_JSON_NODES) return `${at()}: more than ${MAX_JSON_NODES} JSON values`;
      if (keys !== null) {
        for (const key of keys) {
          if (!isAllowedKey(key)) return `${at()}: key ${JSON.stringify(key)} is not allowed`;
          if (key.length > MAX_ID_CHARS) return `${at()}: a key of ${key.length} characters is too long`;
        }
      }
      if (length > 0) frames.push({ container: v as Frame['container'], keys, length, next: 0 });
    }
    // On to the next value in document order, closing the containers that are done.
    let top = frames[frames.length - 1];
    while (top !== undefined && top.next === top.length) {
      frames.pop();
      top = frames[frames.length - 1];
    }
    if (top === undefined) return null;
    const i = top.next++;
    v =
      top.keys === null
        ? (top.container as readonly unknown[])[i]
        : (top.container as Readonly<Record<string, unknown>>)[top.keys[i]];
  }
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** Bytes that end a number or a literal (true, false, null): whitespace and JSON's punctuation. */
function endsToken(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === COMMA ||
    c === COLON ||
    c === CLOSE_ARRAY ||
    c === CLOSE_OBJECT ||
    c === OPEN_ARRAY ||
    c === OPEN_OBJECT ||
    c === QUOTE
  );
}

/**
 * Counts the values and the nesting of JSON text before JSON.parse builds anything, and stops at the first
 * limit crossed: 16 MiB of `[{},{},…]` would otherwise become millions of objects (hundreds of MB) before
 * the walk could refuse them. Exact for valid JSON (object keys are not values); on invalid text it may stop
 * early or count loosely, and JSON.parse reports the syntax error.
 */
function scanJsonText(bytes: Uint8Array): string | null {
  /** Whether each open container is an object (1) or an array (0); depth never passes MAX_JSON_DEPTH + 1. */
  const objects = new Uint8Array(MAX_JSON_DEPTH + 2);
  let depth = 0;
  let values = 0;
  let keyNext = false; // inside an object, after `{` or `,`: the next string is a key, not a value
  const value = (i: number): string | null => {
    decodeWork.jsonValuesScanned++;
    if (++values > MAX_JSON_NODES) return `more than ${MAX_JSON_NODES} JSON values (at byte ${i})`;
    if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels (at byte ${i})`;
    return null;
  };
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === QUOTE) {
      if (!keyNext) {
        const problem = value(i);
        if (problem !== null) return problem;
      }
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      i++;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      const problem = value(i);
      if (problem !== null) return problem;
      objects[++depth] = c === OPEN_OBJECT ? 1 : 0;
      keyNext = c === OPEN_OBJECT;
      i++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth === 0) return null; // unbalanced: JSON.parse says where
      depth--;
      keyNext = false;
      i++;
    } else if (c === COMMA) {
      keyNext = objects[depth] === 1;
      i++;
    } else if (c === COLON) {
      keyNext = false;
      i++;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else {
      const problem = value(i); // a number, true, false or null
      if (problem !== null) return problem;
      for (i++; i < bytes.length && !endsToken(bytes[i]); i++);
    }
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and parses JSON from outside: size first, then the value count and nesting on the bytes, then
 * strict UTF-8, then JSON.parse, then the walk (strings, keys, numbers).
 */
export function parseJsonBytes(bytes: Uint8Array, what: string, maxBytes: number): JsonValue {
  if (bytes.length > maxBytes) {
    throw new CheckpointError('too-large', `${what}: ${bytes.length} bytes, at most ${maxBytes} allowed`);
  }
  const tooMuch = scanJsonText(bytes);
  if (tooMuch !== null) throw new CheckpointError('too-large', `${what}: ${tooMuch}; refusing to parse it`);
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
