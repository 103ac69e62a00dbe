import type { PageSection } from '../components/section-nav';

/** Learn panels 1–6: anatomy, backprop, activations, losses, optimizers, regularization. */
export const FOUNDATION_PANELS: readonly PageSection[] = [];
