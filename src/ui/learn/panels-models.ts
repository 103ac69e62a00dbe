import type { PageSection } from '../components/section-nav';

/** Learn panels 7–12: CNNs, RNNs, attention, adversarial examples, interpretability, small models. */
export const MODEL_PANELS: readonly PageSection[] = [];
