/**
 * The app's fixed routes that Learn content may link to. These ids are agreed across the project, so
 * content can point at them before (or while) the panels behind them are being built.
 */

/** Learn panels by number: #/learn/<id>. */
export const LEARN_PANEL_IDS = [
  'anatomy',
  'backprop',
  'activations',
  'losses',
  'optimizers',
  'regularization',
  'cnn',
  'rnn',
  'attention',
  'adversarial',
  'interpretability',
  'compression',
  'map',
  'resources',
] as const;

/** Studio sections: #/studio/<id>. */
export const STUDIO_SECTION_IDS = ['gan-2d', 'digit-gan', 'autoencoder', 'vae'] as const;

/** Top-level pages that are not sectioned. */
export const PAGE_ROUTES = ['#/arena', '#/checkpoints', '#/system'] as const;

export type LearnPanelId = (typeof LEARN_PANEL_IDS)[number];
export type StudioSectionId = (typeof STUDIO_SECTION_IDS)[number];

/** A route inside the app that content may link to, e.g. '#/learn/cnn', '#/studio/vae', '#/arena'. */
export type AppRoute =
  `#/learn/${LearnPanelId}` | `#/studio/${StudioSectionId}` | (typeof PAGE_ROUTES)[number];

/** Every fixed route, in a stable order. */
export const APP_ROUTES: readonly AppRoute[] = [
  ...LEARN_PANEL_IDS.map((id): AppRoute => `#/learn/${id}`),
  ...STUDIO_SECTION_IDS.map((id): AppRoute => `#/studio/${id}`),
  ...PAGE_ROUTES,
];

/** True when `route` is one of the fixed routes (for data that comes in untyped, e.g. in tests). */
export function isAppRoute(route: string): route is AppRoute {
  return (APP_ROUTES as readonly string[]).includes(route);
}

/**
 * Splits a route into its page and section: '#/learn/cnn' → { page: 'learn', section: 'cnn' },
 * '#/arena' → { page: 'arena', section: undefined }.
 */
export function routeParts(route: AppRoute): { page: string; section: string | undefined } {
  const [page = '', section] = route.replace(/^#\//, '').split('/');
  return { page, section };
}
