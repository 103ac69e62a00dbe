import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Studio sections on MNIST digits (image GAN, autoencoders, VAE). */
export const STUDIO_IMAGE_SECTIONS: readonly PageSection[] = [
  {
    id: 'digit-gan',
    title: 'Digit GAN',
    summary:
      'A GAN that learns to draw MNIST digits: an MLP or a small convolutional GAN, optionally conditioned on the digit. Watch samples from fixed noise sharpen, and walk between two samples.',
    keywords: [
      'GAN',
      'DCGAN',
      'conditional GAN',
      'MNIST',
      'generator',
      'discriminator',
      'latent interpolation',
    ],
    order: 2,
    load: () => import('./images/digit-gan-studio'),
    render: (rest) => html`<pg-digit-gan-studio .route=${rest}></pg-digit-gan-studio>`,
  },
  {
    id: 'autoencoder',
    title: 'Autoencoders',
    summary:
      'Squeeze digits through a bottleneck and back: a plain or a denoising autoencoder, its reconstructions, and the digits it finds most unusual (anomaly scores).',
    keywords: ['autoencoder', 'denoising', 'bottleneck', 'reconstruction', 'anomaly detection', 'MNIST'],
    order: 3,
    load: () => import('./images/autoencoder-studio'),
    render: (rest) => html`<pg-autoencoder-studio .route=${rest}></pg-autoencoder-studio>`,
  },
  {
    id: 'vae',
    title: 'Variational autoencoder',
    summary:
      'A VAE with a 2-D latent space: see the digits arrange themselves by class, decode any point of the plane, and follow the ELBO’s reconstruction and KL terms.',
    keywords: [
      'VAE',
      'variational autoencoder',
      'ELBO',
      'KL divergence',
      'latent space',
      'reparameterisation',
    ],
    order: 4,
    load: () => import('./images/vae-studio'),
    render: (rest) => html`<pg-vae-studio .route=${rest}></pg-vae-studio>`,
  },
];
