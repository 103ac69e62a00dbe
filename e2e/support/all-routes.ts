import { APP_ROUTES } from '../../src/learn/app-routes';

/**
 * Every page a user can reach: the fixed routes, the two section indexes, a share link that does not decode
 * (the share page's error state) and an unknown route.
 */
export const ALL_ROUTES: readonly string[] = [
  '#/studio',
  '#/learn',
  ...APP_ROUTES,
  '#/share/AAAAthis-is-not-a-checkpoint',
  '#/nowhere',
];
