import type { PageSection } from '../components/section-nav';

/** Learn panels 7 and 10–12: CNNs, adversarial examples, interpretability, making models small. */
export const VISION_PANELS: readonly PageSection[] = [];
