import type { TemplateResult } from 'lit';

/**
 * One sub-page of a page with sections (#/studio/<id>, #/learn/<id>): listed in the page's index and
 * opened by its route. `load` imports the module that defines the element `render` uses, so each section
 * is its own chunk and loads only when opened.
 */
export interface PageSection {
  id: string;
  title: string;
  /** One or two sentences for the index card. */
  summary: string;
  /** Words a search in the index should find it by (topics, model names). */
  keywords: readonly string[];
  /** Position in the index (the panel number for Learn); sections sort by it. */
  order: number;
  load: () => Promise<unknown>;
  /** The section's element; `rest` is the route after its id, e.g. ['resume', '<checkpoint id>']. */
  render: (rest: readonly string[]) => TemplateResult;
}
