import { test, expect } from './fixtures';
import type { SectionEntry } from '../src/ui/components/section-table';
import LEARN_PANELS from '../src/ui/learn/learn-panels.json' with { type: 'json' };
import STUDIO_SECTIONS from '../src/ui/studio/studio-sections.json' with { type: 'json' };

/** Every Learn panel from every area's registry, in panel order: what the index must list. */
const PANELS: readonly SectionEntry[] = [...LEARN_PANELS].sort((a, b) => a.order - b.order);

/** The index search contract: every word of the query somewhere in the title, summary or keywords. */
function matches(panel: SectionEntry, query: string): boolean {
  const text = [panel.title, panel.summary, ...panel.keywords].join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the registries give every panel a unique id and panel number', () => {
  expect(PANELS.length).toBeGreaterThan(0);
  expect(new Set(PANELS.map((panel) => panel.id)).size).toBe(PANELS.length);
  expect(new Set(PANELS.map((panel) => panel.order)).size).toBe(PANELS.length);
});

test('the Learn index lists every registered panel, in panel order', async ({ page }) => {
  await page.goto('/#/learn');
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  const cards = page.getByTestId('section-index').locator('a[data-section]');
  await expect(cards).toHaveCount(PANELS.length);
  expect(await cards.evaluateAll((links) => links.map((link) => link.getAttribute('data-section')))).toEqual(
    PANELS.map((panel) => panel.id),
  );
  for (const panel of PANELS) {
    const card = cards.and(page.locator(`[data-section="${panel.id}"]`));
    await expect(card).toContainText(panel.title);
    await expect(card.locator('.num')).toHaveText(String(panel.order));
    await expect(card).toHaveAttribute('href', `#/learn/${panel.id}`);
  }
});

test('each card opens its panel, which shows its heading', async ({ page }) => {
  test.setTimeout(60_000 + PANELS.length * 15_000);
  for (const panel of PANELS) {
    await page.goto('/#/learn');
    await page.getByTestId('section-index').locator(`a[data-section="${panel.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#/learn/${panel.id}$`));
    await expect(
      page
        .locator('main')
        .getByRole('heading', { name: new RegExp(escapeRegExp(panel.title), 'i') })
        .first(),
      `heading of #/learn/${panel.id}`,
    ).toBeVisible();
    await expect(page.getByText(/There is no section/)).toHaveCount(0);
    await expect(page.getByText(/Could not load/)).toHaveCount(0);
  }
  // Console errors from any panel fail the test through the fixture.
});

test('with more than six panels, the index search filters the cards', async ({ page }) => {
  expect(PANELS.length, 'the index shows a search box only for more than six panels').toBeGreaterThan(6);
  await page.goto('/#/learn');
  const search = page.getByRole('searchbox', { name: /Search Learn/i });
  const cards = page.getByTestId('section-index').locator('a[data-section]');
  await expect(cards).toHaveCount(PANELS.length);

  // A word from one panel's title finds that panel and only the panels that share the word.
  const target = PANELS[PANELS.length - 1]!;
  const query = target.title.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
  const expected = PANELS.filter((panel) => matches(panel, query)).map((panel) => panel.id);
  await search.fill(query);
  await expect(cards).toHaveCount(expected.length);
  expect(await cards.evaluateAll((links) => links.map((link) => link.getAttribute('data-section')))).toEqual(
    expected,
  );
  expect(expected).toContain(target.id);
  expect(expected.length).toBeLessThan(PANELS.length);

  await expect(page.getByTestId('section-count')).toHaveText(
    `Showing ${expected.length} of ${PANELS.length}`,
  );

  // Escape empties the search.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(cards).toHaveCount(PANELS.length);

  await search.fill('zzqx-no-such-topic');
  await expect(cards).toHaveCount(0);
  await expect(page.getByText('Nothing matches “zzqx-no-such-topic”')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  await expect(cards).toHaveCount(PANELS.length);
});

test('a panel opened from low on the index starts at its top', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  // Open the panel once first, so its code is loaded and it renders at full height at once the second time
  // (a first, lazy render is empty and resets the scroll by itself).
  const lastId = PANELS[PANELS.length - 1]!.id;
  await page.goto(`/#/learn/${lastId}`);
  await expect(page.getByText(/There is no section/)).toHaveCount(0);
  await page.getByRole('link', { name: '← Learn' }).click();
  const last = page.getByTestId('section-index').locator('a[data-section]').last();
  await last.scrollIntoViewIfNeeded();
  await expect
    .poll(() => page.evaluate(() => window.scrollY), {
      message: 'fourteen cards on a phone screen scroll the index',
    })
    .toBeGreaterThan(0);
  await last.click();
  await expect(page).toHaveURL(new RegExp(`#/learn/${lastId}$`));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test('an index of six sections or fewer (the studio) has no search box', async ({ page }) => {
  const studioSections = STUDIO_SECTIONS.length;
  expect(studioSections).toBeLessThanOrEqual(6);
  await page.goto('/#/studio');
  const cards = page.getByTestId('section-index').locator('a[data-section]');
  await expect(cards).toHaveCount(studioSections);
  await expect(page.getByRole('searchbox')).toHaveCount(0);
});

test('a Learn section that does not exist says so and links back to the index', async ({ page }) => {
  await page.goto('/#/learn/no-such-panel');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('There is no section “no-such-panel”');
  await page.getByRole('link', { name: '← Learn' }).click();
  await expect(page).toHaveURL(/#\/learn$/);
  await expect(page.getByTestId('section-index').locator('a[data-section]')).toHaveCount(PANELS.length);
});
