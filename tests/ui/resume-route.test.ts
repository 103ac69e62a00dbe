import { describe, expect, it } from 'vitest';
import { resumeTarget } from '../../src/ui/checkpoints/resume-route';

const dataset = (datasetId: string) => ({ type: 'dataset' as const, datasetId, options: {} });

describe('resumeTarget', () => {
  it('sends each kind to its page, with the id escaped', () => {
    const game = {
      type: 'game' as const,
      gameId: 'CartPole-v1',
      envOptions: {},
      observationSize: 4,
      actionCount: 2,
    };
    expect(resumeTarget({ id: 'a b', kind: 'dqn', subject: game })).toEqual({
      href: '#/arena/resume/a%20b',
      label: 'Resume in the arena',
    });
    expect(resumeTarget({ id: 'x', kind: 'gan', subject: dataset('ring') }).href).toBe(
      '#/studio/gan-2d/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'gan', subject: dataset('custom') }).href).toBe(
      '#/studio/gan-2d/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'gan', subject: dataset('mnist') }).href).toBe(
      '#/studio/digit-gan/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'autoencoder', subject: dataset('mnist') }).href).toBe(
      '#/studio/autoencoder/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'vae', subject: dataset('mnist') })).toEqual({
      href: '#/studio/vae/resume/x',
      label: 'Resume in the studio',
    });
    expect(resumeTarget({ id: 'learn-mnist-cnn', kind: 'classifier', subject: dataset('mnist') })).toEqual({
      href: '#/learn/cnn',
      label: 'Open in Learn',
    });
    expect(resumeTarget({ id: 'r 1', kind: 'sequence-rnn', subject: dataset('seq-remember') })).toEqual({
      href: '#/learn/rnn/resume/r%201',
      label: 'Resume in Learn',
    });
    expect(resumeTarget({ id: 't', kind: 'transformer', subject: dataset('digits-reverse') }).href).toBe(
      '#/learn/attention/resume/t',
    );
  });
});
