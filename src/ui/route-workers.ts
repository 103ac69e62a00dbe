/**
 * Starts the worker of a route's page as soon as the app shell knows the route, while the page's own code is
 * still downloading (src/workers/ahead.ts), and ends a worker started ahead that no page took. Only the image
 * models need it: their worker loads tfjs, its WASM backend and the MNIST digits before the first step.
 */
import { dropAhead, startAhead, type AheadJob } from '../workers/ahead';
import { spawnImagesWorker } from '../workers/images-spawn';
import type { Route } from './router';

/** The Studio sections that train an image model in the images worker (their modules: ./studio/images/). */
export const IMAGE_SECTIONS: readonly string[] = ['digit-gan', 'autoencoder', 'vae'];

/** The job whose worker the route's page will want at once, if any. */
export function aheadJobFor(route: Route): AheadJob | null {
  return route.id === 'studio' && IMAGE_SECTIONS.includes(route.rest[0] ?? '') ? 'images' : null;
}

/** The page (route and section) last seen: a route change within one page (resume/<id>) starts nothing. */
let lastPage: string | null = null;

export function startRouteWorkers(route: Route): void {
  const page = `${route.id}/${route.rest[0] ?? ''}`;
  if (page === lastPage) return;
  lastPage = page;
  const job = aheadJobFor(route);
  dropAhead(job ?? undefined);
  if (job === 'images') startAhead('images', spawnImagesWorker);
}
