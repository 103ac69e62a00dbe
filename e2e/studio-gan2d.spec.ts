import type { Page } from '@playwright/test';
import type { LineChart } from '../src/ui/components/line-chart';
import { test, expect } from './fixtures';

const iterations = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('gan-stats').getAttribute('data-iterations'));

/**
 * Opens the lab and waits for the first run to be set up in the worker. With `wasm`, the backend is forced
 * as the System page would, so no background measurement of every backend ("auto" in a fresh browser)
 * competes with the test for the CPU.
 */
async function openLab(page: Page, backend: 'auto' | 'wasm' | 'js' = 'wasm'): Promise<void> {
  if (backend !== 'auto')
    await page.addInitScript((b) => localStorage.setItem('pg.backendPreference', b), backend);
  await page.goto('/#/studio/gan-2d');
  await expect(page.getByTestId('gan-stats')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
}

/** Trains until at least `count` iterations, then pauses. */
async function trainTo(page: Page, count: number): Promise<number> {
  await page.getByTestId('train').click();
  await expect.poll(() => iterations(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('gan-stats')).toHaveAttribute('data-status', 'paused');
  return iterations(page);
}

test('trains the ring live: samples move, the loss chart grows, pause and step honoured', async ({
  page,
}) => {
  await openLab(page, 'auto');
  const stats = page.getByTestId('gan-stats');
  await expect(stats).toHaveAttribute('data-target', 'ring');
  await expect(stats).not.toHaveAttribute('data-backend', '');
  await expect(stats).toHaveAttribute('data-fake-mean', /\d/);
  const before = await stats.getAttribute('data-fake-mean');
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training');
  await expect.poll(() => iterations(page), { timeout: 60_000 }).toBeGreaterThan(100);
  await expect
    .poll(async () => Number(await stats.getAttribute('data-loss-points')), { timeout: 30_000 })
    .toBeGreaterThan(3);
  await expect.poll(() => stats.getAttribute('data-fake-mean')).not.toBe(before);
  await expect(page.getByTestId('loss-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('quality-chart').locator('canvas').first()).toBeVisible();
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  const paused = await iterations(page);
  await page.getByTestId('step').click();
  await expect.poll(() => iterations(page)).toBe(paused + 1);
  // Layers can be hidden; the plane keeps drawing.
  await page.getByTestId('layer-heatmap').uncheck();
  await page.getByTestId('layer-manifold').check();
  await expect(page.getByTestId('plane').locator('canvas')).toBeVisible();
});

test('switch target, draw your own points and train on them; a bad CSV names its row', async ({ page }) => {
  await openLab(page);
  const stats = page.getByTestId('gan-stats');
  await page.getByTestId('distribution').selectOption('two-moons');
  await expect(stats).toHaveAttribute('data-target', 'two-moons');
  await expect(stats).toHaveAttribute('data-status', 'paused');

  await page.getByTestId('distribution').selectOption('custom');
  const canvas = page.getByTestId('plane').locator('canvas');
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  for (const [fx, fy] of [
    [0.3, 0.3],
    [0.7, 0.3],
    [0.5, 0.75],
  ])
    await canvas.click({ position: { x: box.width * fx, y: box.height * fy } });
  // A drag adds a stroke of points (the box again: clicking may have scrolled the page).
  await canvas.scrollIntoViewIfNeeded();
  const now = (await canvas.boundingBox())!;
  await page.mouse.move(now.x + now.width * 0.2, now.y + now.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(now.x + now.width * 0.45, now.y + now.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(async () => Number((await page.getByTestId('drawn-count').textContent())!.split(' ')[0]))
    .toBeGreaterThan(5);
  await page.getByTestId('train-drawn').click();
  await expect(stats).toHaveAttribute('data-target', 'custom');
  await expect.poll(() => iterations(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByTestId('pause').click();

  await page.getByTestId('csv').setInputFiles({
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,2\n3,abc\n'),
  });
  await expect(page.getByTestId('csv-error')).toContainText('Row 3: expected two numbers, got "3,abc"');
  await page.getByTestId('csv').setInputFiles({
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n0,0\n1,1\n-1,1\n'),
  });
  await expect(page.getByTestId('gan-notice')).toContainText('Loaded 3 points');
  await expect(page.getByTestId('csv-error')).toHaveCount(0);
});

test('switching to your own points clears everything measured on the old data', async ({ page }) => {
  await openLab(page);
  const stats = page.getByTestId('gan-stats');
  const lossPoints = async (): Promise<number> =>
    page
      .getByTestId('loss-chart')
      .evaluate((el) => (el as LineChart).series.reduce((n, s) => n + s.values.length, 0));
  await page.getByTestId('train').click();
  // The ring is a mixture: its mode coverage is measured as it trains.
  await expect(stats).not.toHaveAttribute('data-modes-covered', '', { timeout: 60_000 });
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  expect(await iterations(page)).toBeGreaterThan(0);
  await expect.poll(lossPoints).toBeGreaterThan(0);

  await page.getByTestId('distribution').selectOption('custom');
  // Nothing from the ring stays: iterations, losses, coverage and the charts start again.
  await expect(stats).toHaveAttribute('data-iterations', '0');
  await expect(stats).toHaveAttribute('data-loss-points', '0');
  await expect(stats).toHaveAttribute('data-modes-covered', '');
  await expect(stats).toHaveAttribute('data-fake-mean', '');
  await expect(page.getByTestId('stat-iteration')).toHaveText('0');
  await expect.poll(lossPoints).toBe(0);
});

const BACKEND_LABELS = { wasm: 'WASM', js: 'Typed arrays (no tfjs)' } as const;

for (const backend of ['wasm', 'js'] as const) {
  test(`on ${backend}: save a run, find it on the checkpoints page, export it, resume it where it stopped`, async ({
    page,
  }) => {
    await openLab(page, backend);
    await expect(page.getByTestId('gan-stats')).toHaveAttribute('data-backend', backend);
    await expect(page.getByTestId('backend')).toHaveText(BACKEND_LABELS[backend]);
    await saveExportResume(page);
    await expect(page.getByTestId('gan-stats')).toHaveAttribute('data-backend', backend);
  });
}

async function saveExportResume(page: Page): Promise<void> {
  const savedAt = await trainTo(page, 50);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText(
    `Saved “2-D GAN on Ring of 8 Gaussians — ${savedAt.toLocaleString('en-US')} it”`,
  );

  await page.goto('/#/checkpoints');
  const item = page.getByTestId('checkpoint').first();
  await expect(item).toContainText('GAN');
  await expect(item).toContainText(`${savedAt.toLocaleString('en-US')} iterations`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('button', { name: 'Export file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByTestId('checkpoint-notice')).toContainText('Exported');

  await item.getByRole('button', { name: 'Resume in the studio' }).click();
  await expect(page).toHaveURL(/#\/studio\/gan-2d\/resume\//);
  await expect(page.getByTestId('gan-notice')).toContainText('Resumed', { timeout: 60_000 });
  const stats = page.getByTestId('gan-stats');
  await expect(stats).toHaveAttribute('data-iterations', String(savedAt));
  await page.getByTestId('train').click();
  await expect.poll(() => iterations(page), { timeout: 30_000 }).toBeGreaterThan(savedAt);
  await page.getByTestId('pause').click();
}

test('a share link shows the generator sampling live in a fresh browser; a tampered one is refused', async ({
  page,
  browser,
}) => {
  await openLab(page);
  await trainTo(page, 30);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#\/share\//, { timeout: 30_000 });
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#/share/');

  const context = await browser.newContext();
  // A new context holds none of the first one's data (no checkpoints); only the backend is forced, for time.
  await context.addInitScript(() => localStorage.setItem('pg.backendPreference', 'wasm'));
  const errors: string[] = [];
  try {
    const other = await context.newPage();
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto(link);
    await expect(other.getByTestId('shared-checkpoint')).toContainText('GAN trained on ring');
    const view = other.getByTestId('gan-share-view');
    await expect
      .poll(async () => Number(await view.getAttribute('data-draws')), { timeout: 60_000 })
      .toBeGreaterThan(2);
    await other.getByTestId('continue-training').click();
    await expect(other).toHaveURL(/#\/studio\/gan-2d\/resume\//);
    await expect(other.getByTestId('gan-notice')).toContainText('Resumed', { timeout: 60_000 });

    const [base, payload] = link.split('#/share/');
    const flipped = payload.slice(0, 40) + (payload[40] === 'A' ? 'B' : 'A') + payload.slice(41);
    await other.goto(`${base}#/share/${flipped}`);
    await expect(other.getByTestId('share-error')).toBeVisible();
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
});
