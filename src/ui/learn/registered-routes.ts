import type { AppRoute } from '../../learn/app-routes';
import { routeParts } from '../../learn/app-routes';
import { FOUNDATION_PANELS } from './panels-foundations';
import { VISION_PANELS } from './panels-vision';
import { SEQUENCE_PANELS } from './panels-sequence';
import { REFERENCE_PANELS } from './panels-reference';
import { STUDIO_2D_SECTIONS } from '../studio/sections-2d';
import { STUDIO_IMAGE_SECTIONS } from '../studio/sections-images';

const REGISTERED: Record<string, ReadonlySet<string>> = {
  learn: new Set(
    [...FOUNDATION_PANELS, ...VISION_PANELS, ...SEQUENCE_PANELS, ...REFERENCE_PANELS].map((s) => s.id),
  ),
  studio: new Set([...STUDIO_2D_SECTIONS, ...STUDIO_IMAGE_SECTIONS].map((s) => s.id)),
};

/**
 * Whether this build has the page behind a fixed route: plain pages always exist; a Learn panel or Studio
 * section only once its area has registered it. Content links only to routes that pass, so a panel that
 * is not (yet) in the build never becomes a dead link.
 */
export function isRegisteredRoute(route: AppRoute): boolean {
  const { page, section } = routeParts(route);
  if (section === undefined) return true;
  return REGISTERED[page]?.has(section) ?? false;
}
