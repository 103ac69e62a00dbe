import { html } from 'lit';
import type { PageSection } from '../components/section-nav';

/** Learn panels 13–14: the map of deep learning and the resources list. */
export const REFERENCE_PANELS: readonly PageSection[] = [
  {
    id: 'map',
    title: 'Map of deep learning',
    summary:
      'The whole field on one page: concepts, model families, applications, open challenges and trends, each linked to where you can try it here.',
    keywords: ['overview', 'applications', 'challenges', 'trends', 'architectures', 'survey', 'topics'],
    order: 13,
    load: () => import('./map/map-panel'),
    render: () => html`<pg-map-panel></pg-map-panel>`,
  },
  {
    id: 'resources',
    title: 'Resources',
    summary:
      'Courses, books, papers, communities, frameworks and platforms to keep learning, searchable offline, with links to the real thing.',
    keywords: [
      'courses',
      'books',
      'papers',
      'frameworks',
      'communities',
      'reading list',
      'tensorflow',
      'pytorch',
    ],
    order: 14,
    load: () => import('./resources/resources-panel'),
    render: () => html`<pg-resources-panel></pg-resources-panel>`,
  },
];
