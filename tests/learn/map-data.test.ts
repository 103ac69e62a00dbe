import { describe, expect, it } from 'vitest';
import {
  APP_ROUTES,
  isAppRoute,
  LEARN_PANEL_IDS,
  routeParts,
  STUDIO_SECTION_IDS,
} from '../../src/learn/app-routes';
import { MAP_AREAS, MAP_ITEMS } from '../../src/learn/map-data';
import { countByArea, DEFAULT_MAP_FILTER, filterMapItems, groupByArea } from '../../src/learn/map-search';
import { foldText, matchesQuery, queryWords } from '../../src/learn/catalog-search';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('app routes', () => {
  it('lists the 14 Learn panels, the 4 Studio sections and the plain pages, once each', () => {
    expect(LEARN_PANEL_IDS).toHaveLength(14);
    expect(STUDIO_SECTION_IDS).toHaveLength(4);
    expect(new Set(APP_ROUTES).size).toBe(APP_ROUTES.length);
    expect(APP_ROUTES).toContain('#/learn/map');
    expect(APP_ROUTES).toContain('#/studio/digit-gan');
    expect(APP_ROUTES).toContain('#/arena');
  });

  it('recognises fixed routes and rejects others', () => {
    expect(isAppRoute('#/learn/cnn')).toBe(true);
    expect(isAppRoute('#/learn/gan')).toBe(false);
    expect(isAppRoute('#/studio/vae')).toBe(true);
    expect(isAppRoute('#/arena/resume/x')).toBe(false);
    expect(isAppRoute('learn/cnn')).toBe(false);
  });

  it('splits a route into page and section', () => {
    expect(routeParts('#/learn/attention')).toEqual({ page: 'learn', section: 'attention' });
    expect(routeParts('#/system')).toEqual({ page: 'system', section: undefined });
  });
});

describe('map data', () => {
  it('has unique kebab-case ids and unique titles', () => {
    expect(new Set(ids(MAP_ITEMS)).size).toBe(MAP_ITEMS.length);
    expect(new Set(MAP_ITEMS.map((item) => item.title)).size).toBe(MAP_ITEMS.length);
    for (const item of MAP_ITEMS) expect(item.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('puts every item in a known area, and every area has items', () => {
    const areaIds = new Set(ids(MAP_AREAS));
    for (const item of MAP_ITEMS) expect(areaIds, item.id).toContain(item.area);
    const counts = countByArea(MAP_ITEMS);
    for (const area of MAP_AREAS) expect(counts.get(area.id) ?? 0, area.id).toBeGreaterThanOrEqual(5);
  });

  it('links only to fixed routes, never twice to the same place, and never to itself', () => {
    for (const item of MAP_ITEMS) {
      const routes = item.links.map((link) => link.route);
      for (const route of routes) expect(isAppRoute(route), `${item.id} → ${route}`).toBe(true);
      expect(new Set(routes).size, item.id).toBe(routes.length);
      expect(routes).not.toContain('#/learn/map');
    }
  });

  it('links the survey’s headline topics to the views that demonstrate them', () => {
    const routesOf = (id: string) =>
      MAP_ITEMS.find((item) => item.id === id)?.links.map((link) => link.route);
    expect(routesOf('game-playing')).toEqual(['#/arena']);
    expect(routesOf('gan')).toEqual(['#/studio/gan-2d', '#/studio/digit-gan']);
    expect(routesOf('anomaly-and-denoising')).toEqual(['#/studio/autoencoder']);
    expect(routesOf('adversarial-attacks')).toEqual(['#/learn/adversarial']);
    expect(routesOf('black-box')).toEqual(['#/learn/interpretability']);
    expect(routesOf('edge')).toEqual(['#/learn/compression']);
    expect(routesOf('transformer')).toEqual(['#/learn/attention']);
    // Nothing in the app does speech, so the map must not pretend it does.
    expect(routesOf('speech-recognition')).toEqual([]);
  });

  it('links every Learn panel (but the map) and every Studio section from somewhere', () => {
    const linked = new Set(MAP_ITEMS.flatMap((item) => item.links.map((link) => link.route)));
    for (const id of LEARN_PANEL_IDS.filter((id) => id !== 'map' && id !== 'resources'))
      expect(linked, id).toContain(`#/learn/${id}`);
    for (const id of STUDIO_SECTION_IDS) expect(linked, id).toContain(`#/studio/${id}`);
  });

  it('keeps summaries short and tags non-empty and distinct', () => {
    for (const item of MAP_ITEMS) {
      expect(item.summary.length, item.id).toBeGreaterThan(40);
      expect(item.summary.length, item.id).toBeLessThanOrEqual(240);
      expect(item.tags.length, item.id).toBeGreaterThan(0);
      expect(new Set(item.tags.map(foldText)).size, item.id).toBe(item.tags.length);
    }
  });
});

describe('text search', () => {
  it('folds case and accents', () => {
    expect(foldText('François GÉRON')).toBe('francois geron');
    expect(queryWords('  Self-Attention,  BERT ')).toEqual(['self-attention', 'bert']);
  });

  it('needs every word somewhere in the fields', () => {
    expect(matchesQuery(['Deep Learning', 'Goodfellow'], '')).toBe(true);
    expect(matchesQuery(['Deep Learning', 'Goodfellow'], 'deep goodfellow')).toBe(true);
    expect(matchesQuery(['Deep Learning', 'Goodfellow'], 'deep chollet')).toBe(false);
  });
});

describe('map filter', () => {
  const filter = (patch: Partial<typeof DEFAULT_MAP_FILTER>) =>
    ids(filterMapItems(MAP_ITEMS, MAP_AREAS, { ...DEFAULT_MAP_FILTER, ...patch }));

  it('shows everything by default', () => {
    expect(filter({})).toEqual(ids(MAP_ITEMS));
  });

  it('matches titles, summaries and tags', () => {
    expect(filter({ query: 'YOLO' })).toEqual(['object-detection']); // a tag
    expect(filter({ query: 'wavenet' })).toEqual(['speech-synthesis']);
    expect(filter({ query: 'diabetic retinopathy' })).toEqual(['medical-imaging']); // the summary
    expect(filter({ query: 'Neurosymbolic' })).toEqual(['neurosymbolic']); // the title
    expect(filter({ query: 'zzz-nothing' })).toEqual([]);
  });

  it('narrows as words are added', () => {
    const broad = filter({ query: 'GAN' });
    const narrow = filter({ query: 'GAN music' });
    expect(broad.length).toBeGreaterThan(narrow.length);
    expect(narrow).toEqual(['content-creation']);
    for (const id of narrow) expect(broad).toContain(id);
  });

  it('filters by area, and combines area, text and demo-only', () => {
    const trends = filter({ area: 'trends' });
    expect(trends.length).toBe(countByArea(MAP_ITEMS).get('trends'));
    for (const id of trends) expect(MAP_ITEMS.find((item) => item.id === id)?.area).toBe('trends');
    expect(filter({ area: 'challenges', query: 'adversarial' })).toEqual(['adversarial-attacks']);
    expect(filter({ area: 'trends', query: 'adversarial' })).toEqual(['fair-ai']);
    const demos = filter({ demoOnly: true });
    expect(demos).not.toContain('quantum-ml');
    expect(demos).toContain('cnn');
    expect(demos.length).toBe(MAP_ITEMS.filter((item) => item.links.length > 0).length);
  });

  it('finds items by their area name', () => {
    expect(filter({ query: 'challenges privacy' })).toEqual(['privacy']);
  });

  it('groups in area order and drops empty areas', () => {
    const shown = filterMapItems(MAP_ITEMS, MAP_AREAS, { ...DEFAULT_MAP_FILTER, query: 'reinforcement' });
    const groups = groupByArea(shown, MAP_AREAS);
    expect(groups.map((group) => group.area.id)).toEqual(['architectures', 'applications', 'trends']);
    expect(groups.flatMap((group) => ids(group.items)).sort()).toEqual([...ids(shown)].sort());
  });
});
