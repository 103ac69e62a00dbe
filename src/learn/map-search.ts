import { matchesQuery } from './catalog-search';
import type { MapArea, MapAreaId, MapItem } from './map-data';

export interface MapFilter {
  /** Free text: every word must appear in the title, summary, tags or area name. */
  query: string;
  /** One area, or 'all'. */
  area: MapAreaId | 'all';
  /** Keep only items the app demonstrates (at least one link). */
  demoOnly: boolean;
}

export const DEFAULT_MAP_FILTER: MapFilter = { query: '', area: 'all', demoOnly: false };

/** The items that pass the filter, in their original order. */
export function filterMapItems<T extends MapItem>(
  items: readonly T[],
  areas: readonly MapArea[],
  filter: MapFilter,
): T[] {
  const areaTitle = new Map(areas.map((area) => [area.id, area.title]));
  return items.filter(
    (item) =>
      (filter.area === 'all' || item.area === filter.area) &&
      (!filter.demoOnly || item.links.length > 0) &&
      matchesQuery([item.title, item.summary, ...item.tags, areaTitle.get(item.area) ?? ''], filter.query),
  );
}

export interface MapGroup<T extends MapItem = MapItem> {
  area: MapArea;
  items: T[];
}

/** Groups items under their areas, in the areas' order; areas left with no item are dropped. */
export function groupByArea<T extends MapItem>(
  items: readonly T[],
  areas: readonly MapArea[],
): MapGroup<T>[] {
  return areas
    .map((area) => ({ area, items: items.filter((item) => item.area === area.id) }))
    .filter((group) => group.items.length > 0);
}

/** How many of `items` fall in each area (for the counts on the filter chips). */
export function countByArea(items: readonly MapItem[]): Map<MapAreaId, number> {
  const counts = new Map<MapAreaId, number>();
  for (const item of items) counts.set(item.area, (counts.get(item.area) ?? 0) + 1);
  return counts;
}
