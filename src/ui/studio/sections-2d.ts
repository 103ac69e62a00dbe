import type { PageSection } from '../components/section-nav';

/** Studio sections on 2-D data (the GAN lab). */
export const STUDIO_2D_SECTIONS: readonly PageSection[] = [];
