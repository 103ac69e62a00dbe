import { foldText, matchesQuery } from './catalog-search';
import { RESOURCE_KINDS, RESOURCE_KIND_LABELS, type Resource, type ResourceKind } from './resources-data';

export type ResourceSort = 'title' | 'kind' | 'year';

export const RESOURCE_SORTS: readonly { id: ResourceSort; label: string }[] = [
  { id: 'kind', label: 'Kind' },
  { id: 'title', label: 'Title (A–Z)' },
  { id: 'year', label: 'Year (newest first)' },
];

export interface ResourceFilter {
  /** Free text: every word must appear in the title, authors, kind, note, tags or year. */
  query: string;
  /** Kinds to show; empty shows every kind. */
  kinds: ReadonlySet<ResourceKind>;
  sort: ResourceSort;
}

export const DEFAULT_RESOURCE_FILTER: ResourceFilter = { query: '', kinds: new Set(), sort: 'kind' };

function searchFields(resource: Resource): string[] {
  const label = RESOURCE_KIND_LABELS[resource.kind];
  return [
    resource.title,
    resource.by ?? '',
    label.one,
    label.many,
    resource.note,
    ...resource.tags,
    resource.year === undefined ? '' : String(resource.year),
  ];
}

/** True when every word of the query is in the resource's title, authors, kind, note, tags or year. */
export function matchesResourceQuery(resource: Resource, query: string): boolean {
  return matchesQuery(searchFields(resource), query);
}

/** Titles compare by their letters only, ignoring case, accents and a leading "r/". */
function titleKey(resource: Resource): string {
  return foldText(resource.title).replace(/^r\//, '');
}

function byTitle(a: Resource, b: Resource): number {
  return titleKey(a).localeCompare(titleKey(b), 'en');
}

const COMPARE: Record<ResourceSort, (a: Resource, b: Resource) => number> = {
  title: byTitle,
  kind: (a, b) => RESOURCE_KINDS.indexOf(a.kind) - RESOURCE_KINDS.indexOf(b.kind) || byTitle(a, b),
  // Newest first; resources without a year go last, alphabetically.
  year: (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || byTitle(a, b),
};

/** The resources that pass the filter, sorted as asked (a new array; the input is untouched). */
export function filterResources(resources: readonly Resource[], filter: ResourceFilter): Resource[] {
  return resources
    .filter(
      (resource) =>
        (filter.kinds.size === 0 || filter.kinds.has(resource.kind)) &&
        matchesResourceQuery(resource, filter.query),
    )
    .sort(COMPARE[filter.sort]);
}

/** How many resources there are of each kind. */
export function countByKind(resources: readonly Resource[]): Map<ResourceKind, number> {
  const counts = new Map<ResourceKind, number>();
  for (const resource of resources) counts.set(resource.kind, (counts.get(resource.kind) ?? 0) + 1);
  return counts;
}
