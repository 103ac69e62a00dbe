/**
 * Size limits for everything that comes from outside (a file, a link, an older database). They are checked
 * before anything proportional to a claimed size is allocated, so a hostile payload cannot exhaust memory.
 * They are generous for what the playground trains (a CartPole DQN has ~5k weights, a 2-D GAN ~50k).
 */

/** Tensors in one checkpoint, networks and optimizer slots together. */
export const MAX_TENSORS = 1024;
/** Rank of one tensor (MLP kernels are rank 2, conv kernels rank 4). */
export const MAX_TENSOR_RANK = 6;
/** Elements in one tensor: 2^24 float32 values = 64 MiB. */
export const MAX_TENSOR_ELEMENTS = 2 ** 24;
/** Elements over all tensors of a checkpoint: 2^25 float32 values = 128 MiB. */
export const MAX_TOTAL_ELEMENTS = 2 ** 25;
/** Networks (online, target, generator, ...) and optimizers in one checkpoint. */
export const MAX_NETWORKS = 16;

/**
 * Replay transitions (capacity), and capacity × observation size (2^25 float32 = 128 MiB per observation
 * array): a 50k-transition Snake buffer on a 20×20 grid (20M values) fits.
 */
export const MAX_REPLAY_TRANSITIONS = 1_000_000;
export const MAX_REPLAY_VALUES = 2 ** 25;
/** Observation size of a game (a 20×20 Snake grid with a few channels stays far below). */
export const MAX_OBSERVATION_SIZE = 65_536;
export const MAX_ACTION_COUNT = 1024;

/** Checkpoint name shown in the UI. */
export const MAX_NAME_CHARS = 200;
/** Identifiers: weight names, game and dataset ids, metric keys, versions. */
export const MAX_ID_CHARS = 256;
/** Entries in the metrics summary (latest values; recent returns and lengths). */
export const MAX_METRIC_KEYS = 256;
export const MAX_RECENT_VALUES = 10_000;

/** Free-form JSON (env options, generative configs, resume state): nesting, nodes, one string. */
export const MAX_JSON_DEPTH = 16;
export const MAX_JSON_NODES = 1_000_000;
export const MAX_JSON_STRING_CHARS = 10_000;

/** checkpoint.json and model.json as text (100k episodes of history take ~2 MB). */
export const MAX_JSON_TEXT_BYTES = 16 * 2 ** 20;

/**
 * A checkpoint file as picked or dropped, and its content once inflated: room for the largest tensors and
 * replay allowed above (128 + 2 × 128 MiB + change) and no more, since unzipping allocates what entries claim.
 */
export const MAX_FILE_BYTES = 448 * 2 ** 20;
export const MAX_FILE_UNCOMPRESSED_BYTES = 448 * 2 ** 20;
export const MAX_ZIP_ENTRIES = 64;
