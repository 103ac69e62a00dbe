import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Learn panels 7 and 10–12: CNNs, adversarial examples, interpretability, making models small. */
export const VISION_PANELS: readonly PageSection[] = [
  {
    id: 'cnn',
    title: 'Convolutional networks',
    summary:
      'Design a 3×3 kernel and watch it filter a digit, with ReLU and pooling; then train a small CNN on MNIST and see the filters it learns.',
    keywords: [
      'cnn',
      'convolution',
      'kernel',
      'filter',
      'feature map',
      'pooling',
      'max pool',
      'relu',
      'mnist',
      'sobel',
    ],
    order: 7,
    load: () => import('./cnn/cnn-panel'),
    render: () => html`<pg-cnn-panel></pg-cnn-panel>`,
  },
  {
    id: 'adversarial',
    title: 'Adversarial examples',
    summary:
      'Nudge every pixel of a digit by at most ε in the worst direction (FGSM, PGD) and watch the classifier change its mind while the image barely changes.',
    keywords: ['adversarial', 'attack', 'fgsm', 'pgd', 'epsilon', 'robustness', 'security', 'perturbation'],
    order: 10,
    load: () => import('./adversarial/adversarial-panel'),
    render: () => html`<pg-adversarial-panel></pg-adversarial-panel>`,
  },
  {
    id: 'interpretability',
    title: 'Interpretability',
    summary:
      'Which pixels made the classifier say “7”? Saliency and integrated gradients on digits, and which observations drive a trained DQN agent’s action.',
    keywords: [
      'interpretability',
      'explainability',
      'xai',
      'saliency',
      'integrated gradients',
      'attribution',
      'gradient',
      'dqn',
      'q-network',
    ],
    order: 11,
    load: () => import('./interpretability/interpretability-panel'),
    render: () => html`<pg-interpretability-panel></pg-interpretability-panel>`,
  },
  {
    id: 'compression',
    title: 'Making models small',
    summary:
      'Quantize the classifier to float16 and int8 and prune its smallest weights: how many bytes can go before the accuracy does?',
    keywords: ['compression', 'quantization', 'int8', 'float16', 'pruning', 'sparsity', 'edge', 'model size'],
    order: 12,
    load: () => import('./compression/compression-panel'),
    render: () => html`<pg-compression-panel></pg-compression-panel>`,
  },
];
