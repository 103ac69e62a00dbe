import { sectionsFromTable, type SectionEntry } from '../components/section-table';
import entries from './learn-panels.json';

/** Every Learn panel (#/learn/<id>), in panel order; each panel's module is its own chunk. */
export const LEARN_PANELS = sectionsFromTable(
  entries satisfies SectionEntry[],
  import.meta.glob('./*/*-panel.ts'),
);
