import { sectionsFromTable, type SectionEntry } from '../components/section-table';
import entries from './studio-sections.json';

/** Every Studio section (#/studio/<id>), in order; each section's module is its own chunk. */
export const STUDIO_SECTIONS = sectionsFromTable(
  entries satisfies SectionEntry[],
  import.meta.glob(['./gan2d/gan2d-lab.ts', './images/*-studio.ts']),
);
