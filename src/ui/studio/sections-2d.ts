import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Studio sections on 2-D data (the GAN lab). */
export const STUDIO_2D_SECTIONS: readonly PageSection[] = [
  {
    id: 'gan-2d',
    title: '2-D GAN lab',
    summary:
      'Watch a generator learn a ring of Gaussians, two moons, a spiral or points you draw, against a discriminator whose opinion colours the plane. Four losses, any network sizes, checkpoints and share links.',
    keywords: [
      'GAN',
      'generator',
      'discriminator',
      'mode collapse',
      'WGAN-GP',
      'GAN Lab',
      'adversarial',
      '2-D',
      'manifold',
    ],
    order: 1,
    load: () => import('./gan2d/gan2d-lab'),
    render: (rest) => html`<pg-gan2d-lab .rest=${rest}></pg-gan2d-lab>`,
  },
];
