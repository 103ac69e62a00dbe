/**
 * The one error type that leaves src/storage: every public function turns whatever went wrong (bad input,
 * a broken file, a full disk) into a CheckpointError whose message says what was expected and what came.
 */

export type CheckpointErrorCode =
  /** The data is well-formed but breaks a rule (wrong shape, unknown kind, non-finite weight). */
  | 'invalid'
  /** The bytes cannot be read at all (truncated, bit-flipped, not base64, not a zip). */
  | 'corrupt'
  /** A size limit was exceeded (checked before anything of that size is allocated). */
  | 'too-large'
  /** Made by a newer (or unknown) version of the format. */
  | 'unsupported-version'
  /** No checkpoint with that id. */
  | 'not-found'
  /** The browser's storage quota is used up; nothing was changed. */
  | 'storage-full'
  /** IndexedDB failed for another reason (blocked, disabled in private mode). */
  | 'storage';

export class CheckpointError extends Error {
  readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckpointError';
    this.code = code;
  }
}

/** The quota is full: the save was rolled back and what was stored before is intact. */
export class StorageFullError extends CheckpointError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage-full', message, options);
    this.name = 'StorageFullError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Runs `work`, letting CheckpointErrors through and wrapping anything else with `context`. */
export function guard<T>(context: string, code: CheckpointErrorCode, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toCheckpointError(error, context, code);
  }
}

export async function guardAsync<T>(
  context: string,
  code: CheckpointErrorCode,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toCheckpointError(error, context, code);
  }
}

export function toCheckpointError(
  error: unknown,
  context: string,
  code: CheckpointErrorCode,
): CheckpointError {
  if (error instanceof CheckpointError) return error;
  return new CheckpointError(code, `${context}: ${describeError(error)}`, { cause: error });
}
