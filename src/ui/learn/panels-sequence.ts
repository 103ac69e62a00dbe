import type { PageSection } from '../components/section-nav';

/** Learn panels 8–9: recurrent networks and transformers. */
export const SEQUENCE_PANELS: readonly PageSection[] = [];
