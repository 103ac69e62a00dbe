import { html, unsafeStatic, type StaticValue } from 'lit/static-html.js';
import type { PageSection } from './section-nav';

/**
 * A section as its area's table lists it (src/ui/learn/learn-panels.json, src/ui/studio/studio-sections.json):
 * the index entry, the custom element that shows it and the module (relative to the area) that defines it.
 */
export interface SectionEntry extends Omit<PageSection, 'load' | 'render'> {
  element: string;
  module: string;
}

/** Lazy imports of an area's section modules, keyed by path as `import.meta.glob` gives them. */
export type SectionModules = Record<string, () => Promise<unknown>>;

const ELEMENT_NAME = /^pg-[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * Turns an area's table into sections sorted by `order`. Every section element gets the rest of the route
 * (`.route`, e.g. ['resume', '<checkpoint id>']). A row naming a module the build lacks, or an element name
 * that is not one of ours, fails here, when the area loads, not when a user opens the section.
 */
export function sectionsFromTable(
  entries: readonly SectionEntry[],
  modules: SectionModules,
): readonly PageSection[] {
  return entries
    .map(({ element, module, ...info }) => {
      const load = modules[module];
      if (!load) throw new Error(`Section '${info.id}' names ${module}, which is not in this build`);
      if (!ELEMENT_NAME.test(element))
        throw new Error(`Section '${info.id}' names no pg- element: ${element}`);
      const tag: StaticValue = unsafeStatic(element);
      return {
        ...info,
        load,
        render: (rest) => html`<${tag} .route=${rest}></${tag}>`,
      } satisfies PageSection;
    })
    .sort((a, b) => a.order - b.order);
}
