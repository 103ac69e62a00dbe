/** Hash routes: #/ (home), #/arena, #/studio, #/learn, #/checkpoints, #/system and #/share/<payload>. */
export const ROUTES = [
  { id: 'arena', label: 'Arena', title: 'Arena — RL agents learning to play' },
  { id: 'studio', label: 'Studio', title: 'Studio — GANs and autoencoders' },
  { id: 'learn', label: 'Learn', title: 'Learn — deep learning, interactively' },
  { id: 'checkpoints', label: 'Checkpoints', title: 'Checkpoints' },
  { id: 'system', label: 'System', title: 'System — backends and benchmarks' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/**
 * Pages reached by links rather than from the top bar: #/share/<payload> opens a shared checkpoint, and the
 * home page (#/ or #/home, the brand link) shows the playground working and the way into each part.
 */
export const LINK_ROUTES = ['share', 'home'] as const;
export type LinkRouteId = (typeof LINK_ROUTES)[number];

export interface Route {
  id: RouteId | LinkRouteId | 'not-found';
  /** Path segments after the page id, e.g. ['abc'] for #/share/abc. */
  rest: string[];
}

export const DEFAULT_ROUTE: LinkRouteId = 'home';

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head = '', ...rest] = path.split('/').filter((part) => part.length > 0);
  if (head === '') return { id: DEFAULT_ROUTE, rest: [] };
  const known = ROUTES.find((route) => route.id === head);
  if (known) return { id: known.id, rest };
  const linked = LINK_ROUTES.find((id) => id === head);
  return linked ? { id: linked, rest } : { id: 'not-found', rest: [head, ...rest] };
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}
