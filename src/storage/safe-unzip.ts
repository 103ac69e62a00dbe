/**
 * Reads a zip from outside without trusting it. The central directory is read first, by hand (entry count,
 * names, declared sizes, compression method, where each entry's data lies) and refused if it is too large,
 * before a single entry is inflated. An entry is inflated only when asked for, and only up to the size its
 * directory record declares: a stream that would go past it is stopped there, whatever it would expand to.
 * Also home of the capped inflate that share links use.
 */
import { Inflate } from 'fflate';
import { concatBytes } from './binary';
import { decodeWork } from './decode-meter';
import { CheckpointError, describeError } from './errors';
import { MAX_FILE_BYTES, MAX_FILE_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES } from './limits';

const STORED = 0;
const DEFLATED = 8;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end-of-directory record is 22 bytes plus a comment of at most 65,535. */
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

/** Deflate's largest expansion: one input byte can stand for at most ~1032 output bytes. */
const MAX_DEFLATE_RATIO = 1032;
const MIN_SLICE_BYTES = 1024;
const MAX_SLICE_BYTES = 1 << 20;

/**
 * Inflates raw deflate `data` into at most `maxBytes`, and throws `tooLarge()` as soon as the output passes
 * them. The input goes in slices no larger than (room left / 1032) bytes (at least 1 KiB), so the output
 * overshoots the cap by at most about 1 MiB before the check stops it. With `exact`, the output is one
 * buffer of `maxBytes` (no second copy) and the caller checks that the stream filled it.
 * Other failures (a damaged or truncated stream) throw fflate's error.
 */
export function inflateAtMost(
  data: Uint8Array,
  maxBytes: number,
  tooLarge: () => CheckpointError,
  exact = false,
): Uint8Array {
  const out = exact ? new Uint8Array(maxBytes) : null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    decodeWork.bytesInflated += chunk.length;
    if (total + chunk.length > maxBytes) throw tooLarge();
    if (out) out.set(chunk, total);
    else chunks.push(chunk);
    total += chunk.length;
  });
  let i = 0;
  do {
    const room = Math.floor((maxBytes - total) / MAX_DEFLATE_RATIO);
    const end = Math.min(data.length, i + Math.min(MAX_SLICE_BYTES, Math.max(MIN_SLICE_BYTES, room)));
    inflater.push(data.subarray(i, end), end === data.length);
    i = end;
  } while (i < data.length);
  return out ? out.subarray(0, total) : concatBytes(chunks);
}

export interface ZipEntry {
  name: string;
  /** The uncompressed size its directory record declares. */
  size: number;
  /** Inflates the entry: exactly `size` bytes, or a CheckpointError as soon as it would pass them. */
  read(): Uint8Array;
}

/**
 * The entries whose names pass `wanted`, from the central directory, without inflating anything. Refuses too
 * many entries, a wanted name twice, an unknown compression method, encryption, data outside the file, and
 * declared sizes past MAX_FILE_UNCOMPRESSED_BYTES in total.
 */
export function readZipDirectory(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  what: string,
): Map<string, ZipEntry> {
  const corrupt = (message: string): CheckpointError =>
    new CheckpointError('corrupt', `${what}: not a readable zip file (${message})`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new CheckpointError(
      'too-large',
      `${what}: ${bytes.length} bytes, at most ${MAX_FILE_BYTES} allowed`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);

  let end = -1;
  const lowest = Math.max(0, bytes.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - END_RECORD_BYTES; at >= lowest; at--) {
    if (u32(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw corrupt('no end of central directory');
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryStart = u32(end + 16);
  if (count === 0xffff || directoryStart === 0xffffffff) throw corrupt('zip64 is not supported');
  if (count > MAX_ZIP_ENTRIES) {
    throw new CheckpointError(
      'too-large',
      `${what}: ${count} files inside, at most ${MAX_ZIP_ENTRIES} allowed`,
    );
  }
  if (directoryStart + directorySize > end) throw corrupt('the central directory lies outside the file');

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = directoryStart;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || u32(at) !== DIRECTORY_ENTRY) throw corrupt(`directory entry ${k} is damaged`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localHeader = u32(at + 42);
    if (next > end) throw corrupt(`directory entry ${k} is damaged`);
    const name = nameLength <= 256 ? asciiName(bytes.subarray(at + 46, at + 46 + nameLength)) : null;
    at = next;
    if (name === null || !wanted(name)) continue; // never inflated
    if (entries.has(name)) throw new CheckpointError('corrupt', `${what}: ${name} appears twice`);
    if (flags & 1) throw new CheckpointError('corrupt', `${what}: ${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) {
      throw new CheckpointError('corrupt', `${what}: ${name} uses compression method ${method}`);
    }
    if (method === STORED && compressedSize !== size) {
      throw corrupt(`${name} is stored as ${compressedSize} bytes but declares ${size}`);
    }
    total += size;
    if (total > MAX_FILE_UNCOMPRESSED_BYTES) {
      throw new CheckpointError(
        'too-large',
        `${what}: its files would expand to more than ${MAX_FILE_UNCOMPRESSED_BYTES} bytes; refusing to unpack it`,
      );
    }
    if (localHeader + 30 > directoryStart || u32(localHeader) !== LOCAL_HEADER) {
      throw corrupt(`the local header of ${name} is missing`);
    }
    const dataStart = localHeader + 30 + u16(localHeader + 26) + u16(localHeader + 28);
    if (dataStart + compressedSize > directoryStart)
      throw corrupt(`the data of ${name} lies outside the file`);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, {
      name,
      size,
      read: () => (method === STORED ? copyStored(data) : inflateEntry(data, name, size, what)),
    });
  }
  return entries;
}

/** The name if it is printable ASCII (every name we read is short ASCII); other names are never wanted. */
function asciiName(bytes: Uint8Array): string | null {
  let name = '';
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e) return null;
    name += String.fromCharCode(b);
  }
  return name;
}

function copyStored(data: Uint8Array): Uint8Array {
  decodeWork.bytesInflated += data.length;
  return data.slice();
}

function inflateEntry(data: Uint8Array, name: string, size: number, what: string): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateAtMost(
      data,
      size,
      () =>
        new CheckpointError(
          'corrupt',
          `${what}: ${name} inflates past the ${size} bytes it declares; refusing to unpack it`,
        ),
      true,
    );
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError('corrupt', `${what}: ${name} cannot be inflated (${describeError(error)})`);
  }
  if (out.length !== size) {
    throw new CheckpointError('corrupt', `${what}: ${name} should hold ${size} bytes, got ${out.length}`);
  }
  return out;
}
