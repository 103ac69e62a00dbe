import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Learn panels 1–6: anatomy, backprop, activations, losses, optimizers, regularization. */
export const FOUNDATION_PANELS: readonly PageSection[] = [
  {
    id: 'anatomy',
    title: 'Network anatomy & forward propagation',
    summary: 'Step a sample through a small network and read every weighted sum, bias and activation.',
    keywords: ['neuron', 'layer', 'weights', 'bias', 'forward pass', 'mlp', 'perceptron'],
    order: 1,
    load: () => import('./anatomy/anatomy-panel'),
    render: () => html`<pg-anatomy-panel></pg-anatomy-panel>`,
  },
  {
    id: 'backprop',
    title: 'Backpropagation',
    summary:
      'Walk the backward pass node by node with the chain rule, check it numerically, take an SGD step.',
    keywords: ['chain rule', 'gradient', 'gradient check', 'sgd', 'learning rate', 'backward pass'],
    order: 2,
    load: () => import('./backprop/backprop-panel'),
    render: () => html`<pg-backprop-panel></pg-backprop-panel>`,
  },
  {
    id: 'activations',
    title: 'Activation functions',
    summary: 'ReLU, GELU, sigmoid, tanh and more with their derivatives, and why deep stacks lose gradients.',
    keywords: [
      'relu',
      'leaky relu',
      'elu',
      'gelu',
      'sigmoid',
      'tanh',
      'softplus',
      'swish',
      'silu',
      'vanishing gradient',
      'exploding gradient',
      'xavier',
      'he init',
    ],
    order: 3,
    load: () => import('./activations/activations-panel'),
    render: () => html`<pg-activations-panel></pg-activations-panel>`,
  },
  {
    id: 'losses',
    title: 'Loss functions',
    summary:
      'MSE, MAE, Huber, cross-entropy and hinge: how the loss and its gradient move with the prediction.',
    keywords: ['mse', 'mae', 'huber', 'cross-entropy', 'bce', 'softmax', 'hinge', 'loss'],
    order: 4,
    load: () => import('./losses/losses-panel'),
    render: () => html`<pg-losses-panel></pg-losses-panel>`,
  },
  {
    id: 'optimizers',
    title: 'Optimizers',
    summary:
      'SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam racing on Rosenbrock, Beale, a saddle and a noisy bowl.',
    keywords: ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'rosenbrock', 'learning rate'],
    order: 5,
    load: () => import('./optimizers/optimizers-panel'),
    render: () => html`<pg-optimizers-panel></pg-optimizers-panel>`,
  },
  {
    id: 'regularization',
    title: 'Training, validation, testing & regularization',
    summary:
      'Watch a network overfit noisy data live, then tame it with dropout, weight decay, augmentation and early stopping.',
    keywords: [
      'overfitting',
      'validation',
      'test set',
      'dropout',
      'weight decay',
      'l2',
      'augmentation',
      'early stopping',
      'generalization',
    ],
    order: 6,
    load: () => import('./regularization/regularization-panel'),
    render: () => html`<pg-regularization-panel></pg-regularization-panel>`,
  },
];
