import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Learn panels 8–9: recurrent networks and transformers. */
export const SEQUENCE_PANELS: readonly PageSection[] = [
  {
    id: 'rnn',
    title: 'Recurrent networks',
    summary:
      'An RNN, an LSTM and a GRU race on a noisy sine and a memory task: loss, hidden states, gates and vanishing gradients, live.',
    keywords: ['rnn', 'lstm', 'gru', 'recurrent', 'sequence', 'vanishing gradient', 'gates', 'time series'],
    order: 8,
    load: () => import('./rnn/rnn-panel'),
    render: (rest) => html`<pg-rnn-panel .route=${rest}></pg-rnn-panel>`,
  },
  {
    id: 'attention',
    title: 'Transformers & self-attention',
    summary:
      'A tiny transformer learns to reverse or sort digits in your browser; type a sequence and see its attention maps per layer and head.',
    keywords: [
      'transformer',
      'attention',
      'self-attention',
      'multi-head',
      'positional encoding',
      'softmax',
      'query key value',
    ],
    order: 9,
    load: () => import('./attention/attention-panel'),
    render: (rest) => html`<pg-attention-panel .route=${rest}></pg-attention-panel>`,
  },
];
