import type { AppRoute } from '../../learn/app-routes';
import { routeParts } from '../../learn/app-routes';
import type { PageSection } from '../components/section-nav';
import { LEARN_PANELS } from './learn-panels';
import { STUDIO_SECTIONS } from '../studio/studio-sections';

const REGISTERED: Record<string, ReadonlyMap<string, PageSection>> = {
  learn: new Map(LEARN_PANELS.map((s) => [s.id, s])),
  studio: new Map(STUDIO_SECTIONS.map((s) => [s.id, s])),
};

function registeredSection(route: AppRoute): PageSection | undefined {
  const { page, section } = routeParts(route);
  return section === undefined ? undefined : REGISTERED[page]?.get(section);
}

/**
 * Whether this build has the page behind a fixed route: plain pages always exist; a Learn panel or Studio
 * section only once its area has registered it. Content links only to routes that pass, so a panel that
 * is not (yet) in the build never becomes a dead link.
 */
export function isRegisteredRoute(route: AppRoute): boolean {
  return routeParts(route).section === undefined || registeredSection(route) !== undefined;
}

/** The title the page at `route` is registered with (e.g. 'Map of deep learning'); undefined for plain pages. */
export function registeredTitle(route: AppRoute): string | undefined {
  return registeredSection(route)?.title;
}
