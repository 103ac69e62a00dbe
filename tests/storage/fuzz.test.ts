/**
 * Mutated share links and checkpoint files (truncated, bit-flipped, spliced, stretched, or damaged inside
 * their JSON) must each end in a valid checkpoint or a CheckpointError: never another exception.
 */
import * as tf from '@tensorflow/tfjs';
import { deflateSync, inflateSync, strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/envs/rng';
import {
  concatBytes,
  crc32,
  decodeBase64Url,
  encodeBase64Url,
  readUint32,
  uint32Bytes,
} from '../../src/storage/binary';
import type { Checkpoint } from '../../src/storage/checkpoint';
import { dqnLayersTopologies } from '../../src/agents/dqn-checkpoint';
import { exportCheckpointFile, importCheckpointFile } from '../../src/storage/export-file';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import { CheckpointError, validateCheckpoint } from '../../src/storage/validate';
import { makeDqnCheckpoint } from './fixtures';

const MUTATIONS = 1000;
const NOISE = '0123456789-.,:{}[]"eE \\u';

function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  const bytes = input.slice();
  const at = rng.nextInt(Math.max(1, bytes.length));
  switch (rng.nextInt(5)) {
    case 0: // truncate
      return bytes.subarray(0, at);
    case 1: // flip one bit
      bytes[at] ^= 1 << rng.nextInt(8);
      return bytes;
    case 2: // splice random bytes in
      return concatBytes([
        bytes.subarray(0, at),
        Uint8Array.from({ length: 1 + rng.nextInt(16) }, () => rng.nextInt(256)),
        bytes.subarray(at),
      ]);
    case 3: // cut a range out
      return concatBytes([bytes.subarray(0, at), bytes.subarray(at + 1 + rng.nextInt(64))]);
    default: // stretch: repeat a chunk
      return concatBytes([bytes.subarray(0, at), bytes.subarray(at, at + 256), bytes.subarray(at)]);
  }
}

/** Replaces a few characters of a JSON text with JSON-ish ones, so that most results still parse. */
function mutateJson(rng: Rng, text: string): string {
  let out = text;
  for (let k = 1 + rng.nextInt(3); k > 0; k--) {
    const at = rng.nextInt(out.length);
    out = out.slice(0, at) + NOISE[rng.nextInt(NOISE.length)] + out.slice(at + 1);
  }
  return out;
}

/** Runs `attempt` on every mutation and sorts the outcomes; anything but a CheckpointError is a bug. */
function fuzz(
  count: number,
  attempt: (rng: Rng) => Checkpoint,
): { valid: number; rejected: number; bugs: string[] } {
  const rng = new Rng(2026);
  const outcome = { valid: 0, rejected: 0, bugs: [] as string[] };
  for (let i = 0; i < count; i++) {
    try {
      validateCheckpoint(attempt(rng));
      outcome.valid++;
    } catch (error) {
      if (error instanceof CheckpointError) outcome.rejected++;
      else outcome.bugs.push(`#${i}: ${String(error)}`);
    }
  }
  return outcome;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('fuzzing the decoders', () => {
  it(`share links: ${MUTATIONS} mutated payloads end in a checkpoint or a CheckpointError`, () => {
    const payload = encodeShareLink(makeDqnCheckpoint(), { quantization: 'int8' }).payload;
    const raw = decodeBase64Url(payload) as Uint8Array;
    const body = inflateSync(raw.subarray(1));
    const headLength = readUint32(body, 4);
    const head = strFromU8(body.subarray(8, 8 + headLength));
    const weights = body.subarray(8 + headLength);

    const outcome = fuzz(MUTATIONS, (rng) => {
      const kind = rng.nextInt(3);
      if (kind === 0) return decodeShareLink(encodeBase64Url(mutateBytes(rng, raw))).checkpoint;
      if (kind === 1) return decodeShareLink(mutateJson(rng, payload)).checkpoint; // damage the text itself
      // Damage the header but keep a well-formed envelope, so validation (not the checksum) must catch it.
      const text = strToU8(mutateJson(rng, head));
      const rest = concatBytes([uint32Bytes(text.length), text, weights]);
      const sealed = concatBytes([uint32Bytes(crc32(rest)), rest]);
      return decodeShareLink(encodeBase64Url(concatBytes([Uint8Array.of(1), deflateSync(sealed)])))
        .checkpoint;
    });
    expect(outcome.bugs).toEqual([]);
    expect(outcome.rejected).toBeGreaterThan(MUTATIONS / 2);
  });

  it(`checkpoint files: ${MUTATIONS} mutated zips end in a checkpoint or a CheckpointError`, async () => {
    const checkpoint = makeDqnCheckpoint({ replay: true });
    const file = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
    const files = unzipSync(file);
    const names = ['checkpoint.json', 'online/model.json'];

    const outcome = fuzz(MUTATIONS, (rng) => {
      if (rng.nextInt(2) === 0) return importCheckpointFile(mutateBytes(rng, file));
      const name = names[rng.nextInt(names.length)];
      return importCheckpointFile(
        zipSync({ ...files, [name]: strToU8(mutateJson(rng, strFromU8(files[name]))) }),
      );
    });
    expect(outcome.bugs).toEqual([]);
    expect(outcome.rejected).toBeGreaterThan(MUTATIONS / 2);
  });
});
