import type { Page } from '@playwright/test';
import { preferBackend, test, expect } from './fixtures';

// WASM from the start: these tests are about checkpoints, not the backend choice (e2e/system.spec.ts covers "auto").
test.use({ backend: 'wasm' });

/** Trains CartPole for a moment and saves a checkpoint; returns the env step it was saved at. */
/** Trains the CartPole preset (or its network with other `hiddenSizes`, e.g. "64, 64") a little and saves it. */
async function trainAndSave(page: Page, hiddenSizes?: string): Promise<number> {
  await page.goto('/#/arena');
  if (hiddenSizes) {
    await page.locator('summary', { hasText: 'Hyperparameters of' }).click();
    const field = page.locator('pg-dqn-config-form [data-field="hiddenSizes"]');
    await field.fill(hiddenSizes);
    await field.dispatchEvent('change');
    await page.getByTestId('apply-config').click();
  }
  const stats = page.getByTestId('stats');
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText(/Saved.*env step [\d,]+/, { timeout: 30_000 });
  const text = (await page.getByTestId('save-message').textContent()) ?? '';
  return Number(/env step ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
}

test('save a run, find it in the list, rename it, resume it in the arena where it stopped', async ({
  page,
}) => {
  const savedAt = await trainAndSave(page);
  await page.goto('/#/checkpoints');
  const item = page.getByTestId('checkpoint').first();
  await expect(item).toContainText('CartPole-v1');
  await expect(item).toContainText(`${savedAt.toLocaleString('en-US')} env steps`);

  await item.getByRole('button', { name: 'Rename' }).click();
  await item.getByLabel('New name').fill('My balancing agent');
  await item.locator('form button[type=submit]').click();
  await expect(page.getByTestId('checkpoint-name').first()).toHaveText('My balancing agent');

  // A reload: the checkpoint comes from IndexedDB, not from memory.
  await page.reload();
  await page.getByTestId('checkpoint').first().getByRole('button', { name: 'Resume in the arena' }).click();
  const stats = page.getByTestId('stats');
  await expect(page.getByTestId('save-message')).toContainText('Resumed “My balancing agent”', {
    timeout: 30_000,
  });
  await expect(stats).toHaveAttribute('data-env-steps', String(savedAt));
  // The return curve picks up where it was: the saved episodes are back on the chart.
  await expect.poll(async () => Number(await stats.getAttribute('data-episodes'))).toBeGreaterThan(3);
  await expect(page.getByTestId('return-chart').locator('canvas')).toBeVisible();
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-env-steps')), { timeout: 30_000 })
    .toBeGreaterThan(savedAt);
  await page.getByTestId('pause').click();
});

test('export a checkpoint as a file, delete it, and import the file back', async ({ page }) => {
  await trainAndSave(page);
  await page.goto('/#/checkpoints');
  const item = page.getByTestId('checkpoint').first();
  await expect(item).toContainText('CartPole-v1');
  const name = await item.getByTestId('checkpoint-name').textContent();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('button', { name: 'Export file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const path = await download.path();

  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('no-checkpoints')).toBeVisible();

  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('checkpoint-notice')).toContainText('Imported');
  await expect(page.getByTestId('checkpoint-name').first()).toHaveText(name!);
});

test('a share link is verified before it is offered, and opens in a fresh browser', async ({
  page,
  browser,
}) => {
  // The preset's 32-32 network fits a link even as float32; a 64-64 one does not.
  await trainAndSave(page, '64, 64');
  await page.goto('/#/checkpoints');
  await page.getByTestId('share').first().click();
  // float32 of a 64-64 network is over the 8,000-character limit: the file is offered instead.
  await page.getByTestId('share-quantization').selectOption('float32');
  await page.getByTestId('make-link').click();
  await expect(page.getByTestId('share-too-long')).toBeVisible({ timeout: 30_000 });
  // By default the page picks the smallest precision that fits and keeps the score, and says which.
  await page.getByTestId('share-quantization').selectOption('auto');
  await page.getByTestId('make-link').click();
  const verdict = page.getByTestId('share-verdict');
  await expect(verdict).toContainText('Played 100 seeded greedy episodes', { timeout: 60_000 });
  await expect(verdict).toContainText(/Chose (int8|float16)|No precision both fits/);
  await page.getByTestId('share-quantization').selectOption('int8');
  await page.getByTestId('make-link').click();
  await expect(verdict).toHaveAttribute('data-quantization', 'int8', { timeout: 60_000 });
  const stated = Number(await verdict.getAttribute('data-quantized-mean')).toFixed(1);
  await expect(page.getByTestId('share-url')).toHaveValue(/#\/share\//);
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#/share/');

  // A new context has its own, empty storage: like opening the link on another machine.
  const other = await browser.newContext();
  await preferBackend(other, 'wasm');
  const fresh = await other.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (error) => errors.push(error.message));
  await fresh.goto(url);
  await expect(fresh.getByTestId('shared-checkpoint')).toBeVisible();
  await expect(fresh.getByTestId('verified-score')).toContainText(`mean return ${stated} over 100 episodes`);
  await expect(fresh.locator('pg-watch-view canvas')).toBeVisible();
  await fresh.getByTestId('save-shared').click();
  await expect(fresh.getByTestId('share-notice')).toContainText('Saved');
  await fresh.goto(new URL('#/checkpoints', url).href);
  await expect(fresh.getByTestId('checkpoint')).toHaveCount(1);
  expect(errors).toEqual([]);
  await other.close();
});

test('a tampered share link gets a clear message and stores nothing', async ({ page }) => {
  await page.goto('/#/share/AAAAthis-is-not-a-checkpoint');
  await expect(page.getByTestId('share-error')).toBeVisible();
  await expect(page.getByTestId('share-error')).toContainText(/share link/i);
  await page.goto('/#/checkpoints');
  await expect(page.getByTestId('no-checkpoints')).toBeVisible();
});

test('a save asked for while training completes even when the run is paused at once', async ({ page }) => {
  await page.goto('/#/arena');
  const stats = page.getByTestId('stats');
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 30_000 });
  await page.getByTestId('save').click();
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('save-message')).toContainText('Saved', { timeout: 30_000 });
  await expect(stats).toHaveAttribute('data-status', 'paused');
});
