/**
 * Reads a zip from outside without trusting it: the whole directory is read first (entry count, names,
 * claimed sizes, compression method) and refused if it is too large, before a single entry is inflated;
 * then only the expected names are inflated, each into a buffer of its claimed size, which can not grow.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { CheckpointError, describeError } from './errors';
import { MAX_FILE_BYTES, MAX_FILE_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES } from './limits';

const STORED = 0;
const DEFLATED = 8;

export function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  what: string,
): Map<string, Uint8Array> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new CheckpointError(
      'too-large',
      `${what}: ${bytes.length} bytes, at most ${MAX_FILE_BYTES} allowed`,
    );
  }
  const claimed = new Map<string, number>();
  let entries = 0;
  let total = 0;
  const survey = (info: UnzipFileInfo): boolean => {
    if (++entries > MAX_ZIP_ENTRIES) {
      throw new CheckpointError('too-large', `${what}: more than ${MAX_ZIP_ENTRIES} files inside`);
    }
    if (!wanted(info.name)) return false; // never inflated
    if (claimed.has(info.name)) throw new CheckpointError('corrupt', `${what}: ${info.name} appears twice`);
    if (info.compression !== STORED && info.compression !== DEFLATED) {
      throw new CheckpointError(
        'corrupt',
        `${what}: ${info.name} uses compression method ${info.compression}`,
      );
    }
    const size = info.compression === STORED ? info.size : info.originalSize;
    total += size;
    if (total > MAX_FILE_UNCOMPRESSED_BYTES) {
      throw new CheckpointError(
        'too-large',
        `${what}: its files would expand to more than ${MAX_FILE_UNCOMPRESSED_BYTES} bytes; refusing to unpack it`,
      );
    }
    claimed.set(info.name, size);
    return false;
  };
  unzipOrFail(bytes, survey, what);
  const files = unzipOrFail(bytes, (info) => claimed.has(info.name), what);
  const out = new Map<string, Uint8Array>();
  for (const [name, size] of claimed) {
    const data = files[name];
    if (data === undefined || data.length !== size) {
      throw new CheckpointError(
        'corrupt',
        `${what}: ${name} should hold ${size} bytes, got ${data?.length ?? 0}`,
      );
    }
    out.set(name, data);
  }
  return out;
}

function unzipOrFail(
  bytes: Uint8Array,
  filter: (info: UnzipFileInfo) => boolean,
  what: string,
): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError('corrupt', `${what}: not a readable zip file (${describeError(error)})`);
  }
}
