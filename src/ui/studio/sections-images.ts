import type { PageSection } from '../components/section-nav';

/** Studio sections on MNIST digits (image GAN, autoencoders, VAE). */
export const STUDIO_IMAGE_SECTIONS: readonly PageSection[] = [];
