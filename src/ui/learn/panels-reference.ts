import type { PageSection } from '../components/section-nav';

/** Learn panels 13–14: the map of deep learning and the resources list. */
export const REFERENCE_PANELS: readonly PageSection[] = [];
