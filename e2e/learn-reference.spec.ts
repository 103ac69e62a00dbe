import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import LEARN_PANELS from '../src/ui/learn/learn-panels.json' with { type: 'json' };
import STUDIO_SECTIONS from '../src/ui/studio/studio-sections.json' with { type: 'json' };
import { MAP_ITEMS } from '../src/learn/map-data';
import { RESOURCES } from '../src/learn/resources-data';

const LEARN_IDS = new Set(LEARN_PANELS.map((s) => s.id));
const STUDIO_IDS = new Set(STUDIO_SECTIONS.map((s) => s.id));
const PLAIN_PAGES = new Set(['arena', 'checkpoints', 'system']);

/** Whether the app has a page at this hash route, judged from the registries, not from the panel's code. */
function routeExists(href: string): boolean {
  const [page = '', section, ...rest] = href.replace(/^#\//, '').split('/');
  if (rest.length > 0) return false;
  if (section === undefined) return PLAIN_PAGES.has(page);
  if (page === 'learn') return LEARN_IDS.has(section);
  if (page === 'studio') return STUDIO_IDS.has(section);
  return false;
}

async function shownCount(counter: Locator): Promise<number> {
  return Number(await counter.getAttribute('data-shown'));
}

/** Polled: the layout may still be settling (fonts, late styles) when the first item shows. */
async function noSideways(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: 'horizontal overflow in px',
    })
    .toBeLessThanOrEqual(0);
}

test.describe('map of deep learning', () => {
  test('search narrows the topics and the count follows', async ({ page }) => {
    await page.goto('/#/learn/map');
    await expect(page.getByRole('heading', { level: 1, name: 'Map of deep learning' })).toBeVisible();
    const count = page.getByTestId('map-count');
    const items = page.locator('li[data-item]');
    await expect(count).toHaveText(`Showing ${MAP_ITEMS.length} of ${MAP_ITEMS.length} topics`);
    await expect(items).toHaveCount(MAP_ITEMS.length);

    const search = page.getByRole('searchbox', { name: 'Search the map' });
    await search.fill('GAN');
    // The count updates after the input event is rendered: wait for it to drop before reading it.
    await expect.poll(() => shownCount(count)).toBeLessThan(MAP_ITEMS.length);
    const gan = await shownCount(count);
    expect(gan).toBeGreaterThan(1);
    await expect(items).toHaveCount(gan);
    await search.fill('GAN music');
    await expect(count).toHaveText(`Showing 1 of ${MAP_ITEMS.length} topics`);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toHaveAttribute('data-item', 'content-creation');

    // A topic the app does not demonstrate says so instead of linking somewhere unrelated.
    await search.fill('wavenet');
    await expect(items).toHaveCount(1);
    await expect(items.first().getByTestId('no-demo')).toHaveText('Not demonstrated in this app');
    await expect(items.first().locator('a')).toHaveCount(0);

    await search.fill('zzqx');
    await expect(items).toHaveCount(0);
    await expect(page.getByTestId('map-empty')).toContainText('No topic matches “zzqx”');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(items).toHaveCount(MAP_ITEMS.length);
    await expect(search).toHaveValue('');
  });

  test('an area chip filters by area, from the keyboard too', async ({ page }) => {
    await page.goto('/#/learn/map');
    const trends = MAP_ITEMS.filter((item) => item.area === 'trends').length;
    const chip = page.getByTestId('map-areas').locator('[data-area="trends"]');
    await chip.focus();
    await page.keyboard.press('Enter');
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('map-count')).toHaveText(`Showing ${trends} of ${MAP_ITEMS.length} topics`);
    await expect(page.locator('section[data-area]')).toHaveCount(1);
    await expect(page.locator('section[data-area="trends"] li[data-item]')).toHaveCount(trends);

    // Search and area combine; the chips show how many each area would give for the search.
    await page.getByRole('searchbox', { name: 'Search the map' }).fill('adversarial');
    await expect(page.locator('li[data-item]')).toHaveCount(1);
    await expect(page.locator('li[data-item]')).toHaveAttribute('data-item', 'fair-ai');
    await expect(page.getByTestId('map-areas').locator('[data-area="challenges"] .n')).toHaveText('1');
    await page.getByTestId('map-areas').locator('[data-area="all"]').click();
    const everywhere = MAP_ITEMS.filter((item) =>
      [item.title, item.summary, ...item.tags].join(' ').toLowerCase().includes('adversarial'),
    );
    expect(everywhere.length).toBeGreaterThan(1);
    await expect(page.locator('li[data-item]')).toHaveCount(everywhere.length);
    await expect(page.locator('section[data-area]')).toHaveCount(
      new Set(everywhere.map((item) => item.area)).size,
    );
  });

  test('a tag searches for itself', async ({ page }) => {
    await page.goto('/#/learn/map');
    await page.locator('li[data-item="object-detection"]').getByRole('button', { name: 'YOLO' }).click();
    await expect(page.getByRole('searchbox', { name: 'Search the map' })).toHaveValue('YOLO');
    await expect(page.locator('li[data-item]')).toHaveCount(1);
  });

  test('every link points at a page the app has, and every linkable topic links', async ({ page }) => {
    await page.goto('/#/learn/map');
    // Independent of the panel's code: the data's links whose page is registered must all be shown.
    const expected = MAP_ITEMS.flatMap((item) => item.links.map((link) => link.route)).filter(routeExists);
    expect(expected.length).toBeGreaterThan(0);
    const links = page.locator('li[data-item] a');
    // Read the links only once the whole map has rendered (the list is built after navigation).
    await expect(page.locator('li[data-item]')).toHaveCount(MAP_ITEMS.length);
    await expect(links).toHaveCount(expected.length);
    const hrefs = await links.evaluateAll((els) => els.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(routeExists(href), href).toBe(true);
    expect(hrefs.sort()).toEqual(expected.sort());

    // The game-playing topic takes you to the Arena.
    await page.locator('li[data-item="game-playing"] a[href="#/arena"]').click();
    await expect(page.locator('main#page')).toHaveAttribute('data-page', 'arena');
    await expect(page.getByRole('heading', { level: 1, name: 'Arena' })).toBeVisible();
  });

  test('reads on a phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/#/learn/map');
    await expect(page.locator('li[data-item]').first()).toBeVisible();
    await noSideways(page);
  });
});

test.describe('resources', () => {
  const withUrl = RESOURCES.filter((r) => r.url !== undefined);

  test('kind chips filter, and combine', async ({ page }) => {
    await page.goto('/#/learn/resources');
    await expect(page.getByRole('heading', { level: 1, name: 'Resources' })).toBeVisible();
    const count = page.getByTestId('resources-count');
    const items = page.locator('li[data-resource]');
    await expect(count).toHaveText(`Showing ${RESOURCES.length} of ${RESOURCES.length} resources`);
    await expect(items).toHaveCount(RESOURCES.length);

    const kinds = page.getByTestId('resources-kinds');
    const books = RESOURCES.filter((r) => r.kind === 'book').length;
    const frameworks = RESOURCES.filter((r) => r.kind === 'framework').length;
    await kinds.locator('[data-kind="book"]').click();
    await expect(items).toHaveCount(books);
    expect(new Set(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))))).toEqual(
      new Set(['book']),
    );
    await kinds.locator('[data-kind="framework"]').click();
    await expect(items).toHaveCount(books + frameworks);
    await expect(count).toHaveText(`Showing ${books + frameworks} of ${RESOURCES.length} resources`);
    await kinds.locator('[data-kind="all"]').click();
    await expect(items).toHaveCount(RESOURCES.length);
  });

  test('search finds by author, accents optional, and says when nothing matches', async ({ page }) => {
    await page.goto('/#/learn/resources');
    const search = page.getByRole('searchbox', { name: 'Search resources' });
    const items = page.locator('li[data-resource]');
    await search.fill('bengio');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Ian Goodfellow, Yoshua Bengio, Aaron Courville');
    await search.fill('geron');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Aurélien Géron');

    await page.getByTestId('resources-kinds').locator('[data-kind="framework"]').click();
    await expect(items).toHaveCount(0);
    await expect(page.getByTestId('resources-empty')).toContainText(
      'No resources match “geron” among the chosen kinds',
    );
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(items).toHaveCount(RESOURCES.length);
  });

  test('sorts by title and by year', async ({ page }) => {
    await page.goto('/#/learn/resources');
    const titles = page.locator('li[data-resource] h2');
    await page.getByTestId('resources-sort').selectOption('title');
    await expect(titles.first()).toHaveText('Apache MXNet');
    await page.getByTestId('resources-sort').selectOption('year');
    const newest = Math.max(...RESOURCES.flatMap((r) => (r.year === undefined ? [] : [r.year])));
    await expect(page.locator('li[data-resource] .year').first()).toHaveText(String(newest));
  });

  test('external links open in a new tab, safely, and say they need the network', async ({ page }) => {
    await page.goto('/#/learn/resources');
    const links = page.locator('li[data-resource] a');
    await expect(links).toHaveCount(withUrl.length);
    const attrs = await links.evaluateAll((els) =>
      els.map((el) => ({
        href: el.getAttribute('href'),
        target: el.getAttribute('target'),
        rel: el.getAttribute('rel'),
      })),
    );
    for (const { href, target, rel } of attrs) {
      expect(href, `${href}`).toMatch(/^https:\/\//);
      expect(target).toBe('_blank');
      expect(rel?.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
    expect(attrs.map((a) => a.href).sort()).toEqual(withUrl.map((r) => r.url).sort());
    await expect(page.locator('li[data-resource] .net')).toHaveCount(withUrl.length);
    await expect(page.locator('li[data-resource] .net').first()).toHaveText('needs the network');
  });

  test('says so when offline, and still searches', async ({ page, context }) => {
    await page.goto('/#/learn/resources');
    await expect(page.locator('li[data-resource]')).toHaveCount(RESOURCES.length);
    await context.setOffline(true);
    await expect(page.getByTestId('resources-offline')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search resources' }).fill('pytorch');
    await expect(page.locator('li[data-resource="pytorch"]')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByTestId('resources-offline')).toHaveCount(0);
  });

  test('reads on a phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/#/learn/resources');
    await expect(page.locator('li[data-resource]').first()).toBeVisible();
    await noSideways(page);
  });
});
