import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu', 'js'] as const;

async function waitForBackend(page: Page) {
  const card = page.getByTestId('backend-card');
  // In "auto" the System page probes and times every backend when it opens: tens of seconds on a busy machine.
  await expect(card).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  return card.getAttribute('data-active-backend');
}

test('the worker answers and reports the backend it chose, with a reason for each other', async ({
  page,
}) => {
  await page.goto('/#/system');
  const active = await waitForBackend(page);
  expect(BACKENDS).toContain(active);
  await expect(page.getByTestId('active-backend')).not.toHaveText('—');
  // In auto mode every backend is tried, and every one not in use has a stated reason.
  const rows = page.getByTestId('probe-card').locator('tbody tr');
  await expect(rows).toHaveCount(BACKENDS.length);
  for (const backend of BACKENDS) {
    const row = page.getByTestId('probe-card').locator(`tr[data-backend="${backend}"]`);
    await expect(row).toHaveAttribute('data-ok', /true|false/);
    await expect(row.locator('td').nth(1)).toContainText(backend === active ? 'in use' : /\S+/);
  }
  // The measurement that drove the choice is plotted.
  await expect(page.getByTestId('probe-card').locator('pg-bar-chart .row')).toHaveCount(BACKENDS.length);
});

/**
 * Opens the System page with a backend already forced, as a user who chose one before: the page then skips
 * "auto"'s measurement of every backend (seconds here; the first test covers it).
 */
async function openForced(page: Page, backend: (typeof BACKENDS)[number]): Promise<void> {
  // Only into a fresh profile: the script runs on every load, and a reload must keep the user's choice.
  await page.addInitScript((b) => {
    if (localStorage.getItem('pg.backendPreference') === null)
      localStorage.setItem('pg.backendPreference', b);
  }, backend);
  await page.goto('/#/system');
  await expect(page.getByTestId('backend-card')).toHaveAttribute('data-active-backend', backend, {
    timeout: 60_000,
  });
  await waitForBackend(page);
}

for (const backend of BACKENDS) {
  test(`forcing ${backend} trains a tiny model in the worker with a falling loss`, async ({ page }) => {
    // Start forced to another backend, so that choosing this one is a real switch.
    await openForced(page, backend === 'cpu' ? 'wasm' : 'cpu');
    await page.getByTestId('backend-select').selectOption(backend);
    await expect(page.getByTestId('backend-card')).toHaveAttribute('data-active-backend', backend, {
      timeout: 60_000,
    });
    await expect(page.getByTestId('backend-card')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('train-tiny').click();
    const card = page.getByTestId('tiny-card');
    await expect(card).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(card).toHaveAttribute('data-backend', backend);
    const first = Number(await card.getAttribute('data-first-loss'));
    const last = Number(await card.getAttribute('data-last-loss'));
    expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first * 0.5);
    await expect(card.locator('pg-line-chart canvas')).toBeVisible();
  });
}

test('a forced backend is remembered across reloads', async ({ page }) => {
  await openForced(page, 'wasm');
  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('backend-card')).toHaveAttribute('data-active-backend', 'cpu');
  await page.reload();
  await expect(page.getByTestId('backend-select')).toHaveValue('cpu');
  await expect(page.getByTestId('backend-card')).toHaveAttribute('data-active-backend', 'cpu', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('backend-card')).toContainText('forced');
});

test('the device benchmark runs on every backend and plots the results', async ({ page }) => {
  test.setTimeout(240_000);
  await openForced(page, 'wasm'); // quick start; the benchmark tries every backend
  await page.getByTestId('run-bench').click();
  const card = page.getByTestId('bench-card');
  await expect(card.locator('progress')).toBeVisible();
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
  const charts = card.locator('pg-bar-chart');
  await expect(charts).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(charts.nth(i).locator('.row')).toHaveCount(BACKENDS.length);
    const values = await charts
      .nth(i)
      .locator('.row')
      .evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.value || NaN)));
    expect(values).toHaveLength(BACKENDS.length);
    // Every backend works in this headless Chromium (WebGPU through SwiftShader; the typed-array engine
    // anywhere): each has a positive time.
    for (const value of values) expect(value).toBeGreaterThan(0);
  }
  // The route audit sees the page before any benchmark: the bars' labels are checked here, in both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    const unreadable = violations.flatMap((v) => v.nodes.map((n) => n.failureSummary ?? v.help));
    expect(unreadable, `low-contrast text with the benchmark drawn (${colorScheme})`).toEqual([]);
  }
});
