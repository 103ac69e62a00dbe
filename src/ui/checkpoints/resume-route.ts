/**
 * Where a checkpoint resumes (the preamble's contract): DQN in the arena, studio models in their section —
 * kind 'gan' on MNIST → digit-gan, any other 'gan' → gan-2d, 'autoencoder' → autoencoder, 'vae' → vae; the
 * Learn classifier opens the CNN panel; the Learn sequence models resume in their panels.
 */
import type { CheckpointKind, CheckpointSubject } from '../../storage/checkpoint';

export interface ResumeTarget {
  /** `#/arena/resume/<id>` or `#/studio/<section>/resume/<id>`. */
  href: string;
  /** Button text. */
  label: string;
}

export function resumeTarget(record: {
  id: string;
  kind: CheckpointKind;
  subject: CheckpointSubject;
}): ResumeTarget {
  const id = encodeURIComponent(record.id);
  if (record.kind === 'dqn') return { href: `#/arena/resume/${id}`, label: 'Resume in the arena' };
  // The Learn panels' MNIST classifier has one slot, which every vision panel loads by itself.
  if (record.kind === 'classifier') return { href: '#/learn/cnn', label: 'Open in Learn' };
  if (record.kind === 'sequence-rnn') return { href: `#/learn/rnn/resume/${id}`, label: 'Resume in Learn' };
  if (record.kind === 'transformer')
    return { href: `#/learn/attention/resume/${id}`, label: 'Resume in Learn' };
  const mnist = record.subject.type === 'dataset' && record.subject.datasetId === 'mnist';
  const section = record.kind === 'gan' ? (mnist ? 'digit-gan' : 'gan-2d') : record.kind;
  return { href: `#/studio/${section}/resume/${id}`, label: 'Resume in the studio' };
}
