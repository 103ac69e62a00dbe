/**
 * Share links: `#/share/<payload>`, where payload = base64url(version byte + deflate(body)) and
 * body = CRC-32 of the rest, header length, a small JSON header (kind, subject, config, counters, a few
 * metrics, the tensor table with quantization) and the weight bytes. The fragment never reaches a server.
 * Decoding checks every byte and ends in a valid checkpoint or a CheckpointError, nothing else.
 */
import { deflateSync, inflateSync } from 'fflate';
import * as v from 'valibot';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_KINDS,
  CHECKPOINT_VERSION,
  REQUIRED_NETWORKS,
  type Checkpoint,
  type CheckpointKind,
  type NamedWeight,
  type NetworkWeights,
} from './checkpoint';
import {
  concatBytes,
  copyBytes,
  crc32,
  decodeBase64Url,
  encodeBase64Url,
  readUint32,
  uint32Bytes,
} from './binary';
import { decodeWork } from './decode-meter';
import { CheckpointError, describeError, guard } from './errors';
import { jsonBytes, parseJsonBytes, recordOf } from './json';
import { MAX_TENSORS } from './limits';
import { dequantize, quantize, quantizedBytes, QUANTIZATIONS, type Quantization } from './quantize';
import { inflateAtMost } from './safe-unzip';
import * as s from './schemas';
import { checkTensorTable, parseWith, validateCheckpoint, type TensorEntry } from './validate';

export { QUANTIZATIONS, type Quantization } from './quantize';

export const SHARE_LINK_PREFIX = '#/share/';
/** The first byte of every payload; bump it when the body layout changes. */
export const SHARE_LINK_VERSION = 1;

/**
 * Longest link we offer to share; past it the UI offers the file instead. Browsers take far more (Chromium
 * 2 MB, Firefox and Safari more still), but links travel through chat apps, mail clients and link
 * shorteners, many of which cut or refuse URLs past a few thousand characters, and RFC 9110 only asks
 * software to support 8,000 octets. 8,000 also fits the goal of a solved CartPole agent in 8 KB.
 */
export const SHARE_LINK_MAX_CHARS = 8000;
/** Room left in SHARE_LINK_MAX_CHARS for `https://host/path` before the fragment. */
export const SHARE_LINK_ORIGIN_ALLOWANCE = 100;
/** Longest payload we try to decode at all: Chromium's URL limit (2 MB); anything longer is not a real link. */
export const MAX_SHARE_PAYLOAD_CHARS = 2 * 1024 * 1024;
/** Inflated body at most (deflate can expand ~1000×: the cap stops a decompression bomb). */
export const MAX_SHARE_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_SHARE_HEADER_BYTES = 1024 * 1024;
/** Recent returns carried in a link (the rest of the history stays home). */
export const SHARE_RECENT_RETURNS = 20;

/**
 * What a recipient needs to play or sample: the networks a kind requires, no more (DQN's target and a GAN's
 * discriminator stay out by default).
 */
export const DEFAULT_SHARED_NETWORKS: Readonly<Record<CheckpointKind, readonly string[]>> = REQUIRED_NETWORKS;

/** Whether a full URL (or its length) is short enough to share as a link. */
export function shareLinkFits(urlOrLength: string | number): boolean {
  const length = typeof urlOrLength === 'number' ? urlOrLength : urlOrLength.length;
  return length <= SHARE_LINK_MAX_CHARS;
}

export interface ShareLinkOptions {
  quantization: Quantization;
  /** Networks to include; DEFAULT_SHARED_NETWORKS[kind] when absent. */
  networks?: readonly string[];
  /** Added to metrics.latest, e.g. { 'share/verifiedMeanReturn': 500 } after playing the quantized agent. */
  extraMetrics?: Record<string, number>;
}

export interface EncodedShareLink {
  /** `#/share/<payload>`: append to the app's URL. */
  hash: string;
  payload: string;
  /** Characters of `hash`. */
  length: number;
  /** Whether origin + path + hash stays within SHARE_LINK_MAX_CHARS (see shareLinkFits for the exact URL). */
  fits: boolean;
  quantization: Quantization;
  weightCount: number;
  /** Body bytes before deflate, and the deflated bytes (before base64url's 4/3). */
  bodyBytes: number;
  compressedBytes: number;
}

export interface DecodedShareLink {
  /** Weights (dequantized to float32), config, counters and metrics; no optimizer state or replay. */
  checkpoint: Checkpoint;
  quantization: Quantization;
}

const tensorRow = v.strictObject({
  network: s.networkName,
  name: s.weightName,
  shape: s.shape,
  scale: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
});

const header = v.strictObject({
  kind: v.picklist(CHECKPOINT_KINDS),
  name: s.checkpointName,
  createdAt: s.isoTime,
  appVersion: s.idString,
  backend: s.backendName,
  subject: s.subject,
  config: s.jsonObject,
  counters: s.counters,
  metrics: s.metrics,
  quantization: v.picklist(QUANTIZATIONS),
  tensors: s.boundedArray(tensorRow, MAX_TENSORS),
});
type Header = v.InferOutput<typeof header>;

function sharedNetworks(checkpoint: Checkpoint, requested: readonly string[] | undefined): string[] {
  const names = requested ?? DEFAULT_SHARED_NETWORKS[checkpoint.kind];
  for (const name of names) {
    if (!Object.hasOwn(checkpoint.networks, name)) {
      throw new CheckpointError(
        'invalid',
        `Cannot share network ${JSON.stringify(name)}: the checkpoint has none`,
      );
    }
  }
  return [...names];
}

/** Encodes a checkpoint's weights, config and a few metrics as a share link. Throws only CheckpointError. */
export function encodeShareLink(checkpoint: Checkpoint, options: ShareLinkOptions): EncodedShareLink {
  return guard('Cannot make a share link', 'invalid', () => {
    const cp = validateCheckpoint(checkpoint, 'Cannot share this checkpoint');
    const { quantization } = options;
    if (!QUANTIZATIONS.includes(quantization)) {
      throw new CheckpointError(
        'invalid',
        `Expected a quantization in ${QUANTIZATIONS.join('|')}, got ${quantization}`,
      );
    }
    const tensors: Header['tensors'] = [];
    const parts: Uint8Array[] = [];
    let weightCount = 0;
    for (const network of sharedNetworks(cp, options.networks)) {
      for (const w of cp.networks[network].weights) {
        const q = quantize(w.data, quantization, `networks.${network}.${w.name}`, w.shape);
        tensors.push({
          network,
          name: w.name,
          shape: w.shape,
          ...(q.scale !== undefined ? { scale: q.scale } : {}),
        });
        parts.push(q.bytes);
        weightCount += w.data.length;
      }
    }
    const head: Header = {
      kind: cp.kind,
      name: cp.name,
      createdAt: cp.createdAt,
      appVersion: cp.appVersion,
      backend: cp.backend,
      subject: cp.subject,
      config: cp.config as Header['config'],
      counters: cp.counters,
      metrics: {
        latest: { ...cp.metrics.latest, ...options.extraMetrics },
        recentReturns: cp.metrics.recentReturns.slice(-SHARE_RECENT_RETURNS),
        recentLengths: cp.metrics.recentLengths.slice(-SHARE_RECENT_RETURNS),
      },
      quantization,
      tensors,
    };
    const headBytes = jsonBytes(parseWith(header, head, 'Cannot make a share link'));
    const rest = concatBytes([uint32Bytes(headBytes.length), headBytes, ...parts]);
    const body = concatBytes([uint32Bytes(crc32(rest)), rest]);
    const compressed = deflateSync(body, { level: 9 });
    const payload = encodeBase64Url(concatBytes([Uint8Array.of(SHARE_LINK_VERSION), compressed]));
    const hash = SHARE_LINK_PREFIX + payload;
    return {
      hash,
      payload,
      length: hash.length,
      fits: shareLinkFits(hash.length + SHARE_LINK_ORIGIN_ALLOWANCE),
      quantization,
      weightCount,
      bodyBytes: body.length,
      compressedBytes: compressed.length,
    };
  });
}

/** The payload of a full URL, a `#/share/...` fragment, or a bare payload. */
function payloadOf(input: string): string {
  const text = input.trim();
  const at = text.indexOf(SHARE_LINK_PREFIX);
  return at >= 0 ? text.slice(at + SHARE_LINK_PREFIX.length) : text;
}

/**
 * Inflates the link's deflate stream, stopping at the cap (a decompression bomb ends there, not after filling
 * memory), and refuses bytes after the end of the stream: a link must be exactly what was encoded.
 */
function inflateLink(stream: Uint8Array): Uint8Array {
  const tooLarge = (): CheckpointError =>
    new CheckpointError(
      'too-large',
      `Share link expands past ${MAX_SHARE_BODY_BYTES} bytes; refusing to decode it`,
    );
  let body: Uint8Array;
  try {
    body = inflateAtMost(stream, MAX_SHARE_BODY_BYTES, tooLarge);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw corrupt(`the compressed data cannot be read (${describeError(error)})`);
  }
  if (endsEarly(stream, body.length)) throw corrupt('there are bytes after the end of the compressed data');
  return body;
}

/**
 * Whether the deflate stream ends before its last byte, i.e. trailing bytes follow it. Deflate marks its own
 * end, and fflate refuses a stream cut short (at bit precision), so the stream holds no trailing byte exactly
 * when it no longer inflates without its last byte. Costs a second inflate of at most `size` bytes.
 */
function endsEarly(stream: Uint8Array, size: number): boolean {
  if (stream.length < 2) return false;
  try {
    inflateSync(stream.subarray(0, stream.length - 1), { out: new Uint8Array(size) });
    decodeWork.bytesInflated += size;
    return true;
  } catch {
    return false;
  }
}

function corrupt(message: string): CheckpointError {
  return new CheckpointError('corrupt', `Share link is damaged: ${message}`);
}

/** Decodes and validates a share link into a checkpoint. Throws only CheckpointError. */
export function decodeShareLink(input: string): DecodedShareLink {
  return guard('Invalid share link', 'corrupt', () => {
    if (typeof input !== 'string') throw corrupt('expected text');
    const payload = payloadOf(input);
    if (payload.length > MAX_SHARE_PAYLOAD_CHARS) {
      throw new CheckpointError(
        'too-large',
        `Share link is ${payload.length} characters long, more than any browser accepts (${MAX_SHARE_PAYLOAD_CHARS})`,
      );
    }
    if (payload.length === 0) throw corrupt('it is empty');
    const bytes = decodeBase64Url(payload);
    if (typeof bytes === 'string') throw corrupt(bytes);
    if (bytes.length < 2) throw corrupt('it is too short (truncated?)');
    if (bytes[0] !== SHARE_LINK_VERSION) {
      throw new CheckpointError(
        'unsupported-version',
        `Share link version ${bytes[0]} is not supported; this app reads version ${SHARE_LINK_VERSION}`,
      );
    }
    const body = inflateLink(bytes.subarray(1));
    if (body.length < 8) throw corrupt('it is too short (truncated?)');
    if (crc32(body.subarray(4)) !== readUint32(body, 0))
      throw corrupt('checksum mismatch (altered or truncated)');
    return readBody(body);
  });
}

function readBody(body: Uint8Array): DecodedShareLink {
  const what = 'Invalid share link';
  const headLength = readUint32(body, 4);
  if (headLength > MAX_SHARE_HEADER_BYTES || headLength > body.length - 8) {
    throw corrupt(`header claims ${headLength} bytes, ${body.length - 8} are there`);
  }
  const head = parseWith(
    header,
    parseJsonBytes(body.subarray(8, 8 + headLength), what, MAX_SHARE_HEADER_BYTES),
    what,
  );

  // Limits and the byte count are checked on the table alone, before any weight array is allocated.
  const counters = new Map<string, number>();
  const entries: TensorEntry[] = head.tensors.map((t) => {
    const i = counters.get(t.network) ?? 0;
    counters.set(t.network, i + 1);
    return { path: `networks.${t.network}.weights[${i}]`, name: t.name, shape: t.shape };
  });
  const sizes = checkTensorTable(entries, what);
  const bytesOf = (k: number): number => quantizedBytes(head.quantization, sizes[k], head.tensors[k].shape);
  const expected = sizes.reduce((n, _, k) => n + bytesOf(k), 0);
  const available = body.length - 8 - headLength;
  if (expected !== available)
    throw corrupt(`the tensor table needs ${expected} bytes of weights, ${available} are there`);

  // Grouped in a Map: network names come from the link, and no name may reach an inherited property.
  const networks = new Map<string, NamedWeight[]>();
  let offset = 8 + headLength;
  head.tensors.forEach((t, k) => {
    if ((t.scale !== undefined) !== (head.quantization === 'int8')) {
      throw new CheckpointError(
        'invalid',
        `${what}: ${entries[k].path}: a scale goes with int8 weights, and only with them`,
      );
    }
    const length = bytesOf(k);
    const data = dequantize(copyBytes(body, offset, length), head.quantization, sizes[k], t.scale, t.shape);
    if (typeof data === 'string')
      throw new CheckpointError('invalid', `${what}: ${entries[k].path}: ${data}`);
    offset += length;
    const weight: NamedWeight = { name: t.name, shape: t.shape, data };
    const list = networks.get(t.network);
    if (list) list.push(weight);
    else networks.set(t.network, [weight]);
  });

  const checkpoint = validateCheckpoint(
    {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      kind: head.kind,
      name: head.name,
      createdAt: head.createdAt,
      appVersion: head.appVersion,
      backend: head.backend,
      subject: head.subject,
      config: head.config,
      counters: head.counters,
      rngStates: {},
      metrics: head.metrics,
      networks: recordOf(networks, (weights): NetworkWeights => ({ weights })),
      optimizers: {},
      state: {},
    },
    what,
  );
  return { checkpoint, quantization: head.quantization };
}

/**
 * The checkpoint a recipient of a link at `quantization` would get (weights rounded as the link rounds
 * them), to play the quantized agent before sharing it.
 */
export function quantizeCheckpoint(checkpoint: Checkpoint, options: ShareLinkOptions): Checkpoint {
  return decodeShareLink(encodeShareLink(checkpoint, options).payload).checkpoint;
}
