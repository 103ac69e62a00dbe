/**
 * Every kind of model the playground trains, in one table keyed by what its checkpoints hold: its name, where
 * its checkpoints resume, which worker exports them as a file (and what that file holds), whether a share link
 * carries it, and whether it lives in a single slot. `#/checkpoints`, resume routes and share pages read it.
 *
 * A checkpoint kind is one row, except 'gan', which is the 2-D GAN or the MNIST digit GAN by its subject.
 * Main-thread safe: no tfjs here. Workers are reached only through their client factories, started for one
 * export and ended right after.
 */
import type { Remote } from 'comlink';
import type { Checkpoint, CheckpointKind, CheckpointSubject } from '../storage/checkpoint';
import { MNIST_DATASET_ID } from '../generative/image-spec';
import { CLASSIFIER_CHECKPOINT_ID } from '../workers/protocol/learn';
import type { WorkerBridge } from '../workers/bridge';
import { createImagesWorker } from '../workers/images-client';
import { createLearnWorker } from '../workers/learn-client';
import { createRlWorker } from '../workers/rl-client';
import { createStudioWorker } from '../workers/studio-client';

export type ModelKindId =
  'dqn' | 'gan-2d' | 'digit-gan' | 'autoencoder' | 'vae' | 'classifier' | 'sequence-rnn' | 'transformer';

/** The worker that owns a kind (trains, captures, restores and exports it). */
export type KindWorker = 'rl' | 'studio' | 'images' | 'learn';

export interface ResumeTarget {
  /** `#/arena/resume/<id>`, `#/studio/<section>/resume/<id>`, `#/learn/<panel>/resume/<id>` or `#/learn/cnn`. */
  href: string;
  /** Button text. */
  label: string;
}

/**
 * How a kind can be shared as a link: 'checkpoints-page' (#/checkpoints makes one after playing the quantized
 * agent to verify it), 'own-page' (its page makes one: the 2-D GAN's float16 generator), or null (too large for
 * a link, or nothing yet shows a shared one).
 */
export type ShareLink = 'checkpoints-page' | 'own-page' | null;

export interface ModelKind {
  id: ModelKindId;
  checkpointKind: CheckpointKind;
  /** Shown in lists, e.g. 'Digit GAN'. */
  label: string;
  worker: KindWorker;
  /** Where a checkpoint with this id resumes. */
  resume(id: string): ResumeTarget;
  /** The checkpoint as one zip file (export-file.ts), made by a worker started for it and ended after. */
  exportFile(checkpoint: Checkpoint): Promise<Uint8Array>;
  /** Networks the file holds as stock TF.js Layers models; the rest are in checkpoint.json/checkpoint.bin only. */
  layersNetworks: readonly string[];
  /** What the file holds, in words (the export notice says it). */
  fileContents: string;
  shareLink: ShareLink;
  /** Kinds with one slot store their checkpoint under this id (an import replaces it), where their page looks. */
  slotId?: string;
}

/** Starts a worker, runs one call on it, and ends it whatever happens. */
async function once<Api, T>(
  create: () => WorkerBridge<Api>,
  call: (api: Remote<Api>) => Promise<T>,
): Promise<T> {
  const bridge = create();
  try {
    return await call(bridge.api);
  } finally {
    bridge.terminate();
  }
}

const route = (href: string, label: string): ResumeTarget => ({ href, label });
/** Resumes at `path/resume/<id>`, with the button saying `label`. */
const resumeAt =
  (path: string, label: string) =>
  (id: string): ResumeTarget =>
    route(`${path}/resume/${encodeURIComponent(id)}`, label);

/** Each worker's export call, on a worker started for it and ended after. */
const exportWith = {
  rl: (cp: Checkpoint) => once(createRlWorker, (api) => api.exportFile(cp)),
  studio: (cp: Checkpoint) => once(createStudioWorker, (api) => api.gan2dExportFile(cp)),
  images: (cp: Checkpoint) => once(createImagesWorker, (api) => api.exportFile(cp)),
  vision: (cp: Checkpoint) => once(createLearnWorker, (api) => api.visionExportFile(cp)),
  sequence: (cp: Checkpoint) => once(createLearnWorker, (api) => api.sequenceExportFile(cp)),
} as const;
const AS_LAYERS = 'as TF.js Layers models (model.json + weights.bin each), plus checkpoint.json';

/** The studio's two MNIST autoencoders: an encoder and a decoder, both Layers models, in their own section. */
function encoderDecoderKind(id: 'autoencoder' | 'vae', label: string): ModelKind {
  return {
    id,
    checkpointKind: id,
    label,
    worker: 'images',
    resume: resumeAt(`#/studio/${id}`, 'Resume in the studio'),
    exportFile: exportWith.images,
    layersNetworks: ['encoder', 'decoder'],
    fileContents: `the encoder and decoder ${AS_LAYERS}`,
    shareLink: null,
  };
}

export const MODEL_KINDS: Readonly<Record<ModelKindId, ModelKind>> = {
  dqn: {
    id: 'dqn',
    checkpointKind: 'dqn',
    label: 'DQN agent',
    worker: 'rl',
    resume: resumeAt('#/arena', 'Resume in the arena'),
    exportFile: exportWith.rl,
    layersNetworks: ['online', 'target'],
    fileContents: `the Q-networks ${AS_LAYERS}`,
    shareLink: 'checkpoints-page',
  },
  'gan-2d': {
    id: 'gan-2d',
    checkpointKind: 'gan',
    label: '2-D GAN',
    worker: 'studio',
    resume: resumeAt('#/studio/gan-2d', 'Resume in the studio'),
    exportFile: exportWith.studio,
    layersNetworks: ['generator', 'discriminator'],
    fileContents: `the generator and discriminator ${AS_LAYERS}`,
    shareLink: 'own-page',
  },
  'digit-gan': {
    id: 'digit-gan',
    checkpointKind: 'gan',
    label: 'Digit GAN',
    worker: 'images',
    resume: resumeAt('#/studio/digit-gan', 'Resume in the studio'),
    exportFile: exportWith.images,
    layersNetworks: ['generator'],
    fileContents:
      'the generator as a TF.js Layers model (model.json + weights.bin), plus checkpoint.json; the ' +
      'discriminator is in checkpoint.json only (its minibatch statistic and label projection are not Keras layers)',
    shareLink: null,
  },
  autoencoder: encoderDecoderKind('autoencoder', 'Autoencoder'),
  vae: encoderDecoderKind('vae', 'VAE'),
  classifier: {
    id: 'classifier',
    checkpointKind: 'classifier',
    label: 'Digit classifier (CNN)',
    worker: 'learn',
    // The Learn panels' MNIST classifier has one slot, which every vision panel loads by itself.
    resume: () => route('#/learn/cnn', 'Open in Learn'),
    exportFile: exportWith.vision,
    layersNetworks: ['classifier'],
    fileContents: `the CNN ${AS_LAYERS}`,
    shareLink: null,
    slotId: CLASSIFIER_CHECKPOINT_ID,
  },
  'sequence-rnn': {
    id: 'sequence-rnn',
    checkpointKind: 'sequence-rnn',
    label: 'RNN race (RNN, LSTM, GRU)',
    worker: 'learn',
    resume: resumeAt('#/learn/rnn', 'Resume in Learn'),
    exportFile: exportWith.sequence,
    layersNetworks: [],
    fileContents:
      'checkpoint.json and checkpoint.bin only: the cells are written in PyTorch’s layout (two biases, the ' +
      'GRU’s reset gate after the hidden product), which TF.js Layers’ RNN layers do not compute',
    shareLink: null,
  },
  transformer: {
    id: 'transformer',
    checkpointKind: 'transformer',
    label: 'Transformer',
    worker: 'learn',
    resume: resumeAt('#/learn/attention', 'Resume in Learn'),
    exportFile: exportWith.sequence,
    layersNetworks: [],
    fileContents:
      'checkpoint.json and checkpoint.bin only: TF.js Layers has no attention layer to load this transformer into',
    shareLink: null,
  },
};

/** The row of a checkpoint (or its listing): by kind, and for 'gan' by subject (MNIST → digit GAN). */
export function modelKindOf(record: { kind: CheckpointKind; subject: CheckpointSubject }): ModelKind {
  if (record.kind === 'gan') {
    const mnist = record.subject.type === 'dataset' && record.subject.datasetId === MNIST_DATASET_ID;
    return MODEL_KINDS[mnist ? 'digit-gan' : 'gan-2d'];
  }
  return MODEL_KINDS[record.kind];
}

/** Where a checkpoint resumes. */
export function resumeTarget(record: {
  id: string;
  kind: CheckpointKind;
  subject: CheckpointSubject;
}): ResumeTarget {
  return modelKindOf(record).resume(record.id);
}
