import { test, expect } from './fixtures';
import type { Locator } from '@playwright/test';

/** The number a chart's legend shows for the series labelled `label` (the x axis is a series too). */
async function legendValue(chart: Locator, label: string): Promise<number> {
  const row = chart.locator('.u-legend tr.u-series').filter({
    has: chart.page().locator('.u-label', { hasText: new RegExp(`^${label}$`) }),
  });
  return Number(await row.locator('.u-value').textContent());
}

test('hovering a chart shows the values under the cursor in its legend', async ({ page }) => {
  await page.goto('/#/learn/activations');
  const chart = page.locator('pg-line-chart').first();
  const over = chart.locator('.u-over');
  await expect(over).toBeVisible();
  const box = (await over.boundingBox())!;

  // Right half: x > 0, where ReLU(x) = x.
  await over.hover({ position: { x: box.width * 0.8, y: box.height / 2 } });
  await expect.poll(() => legendValue(chart, 'x')).toBeGreaterThan(0);
  const right = await legendValue(chart, 'x');
  expect(await legendValue(chart, 'ReLU')).toBeCloseTo(right, 2);
  expect(await legendValue(chart, 'Sigmoid')).toBeCloseTo(1 / (1 + Math.exp(-right)), 3);

  // Left half: x < 0, where ReLU(x) = 0.
  await over.hover({ position: { x: box.width * 0.2, y: box.height / 2 } });
  await expect.poll(() => legendValue(chart, 'x')).toBeLessThan(0);
  expect(await legendValue(chart, 'ReLU')).toBe(0);
});

test('a chart reads out its values by keyboard too', async ({ page }) => {
  await page.goto('/#/learn/activations');
  const chart = page.locator('pg-line-chart').first();
  const plot = chart.locator('.plot');
  await expect(plot).toBeVisible();
  await plot.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => legendValue(chart, 'x')).toBeLessThan(0);
  const first = await legendValue(chart, 'x');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => legendValue(chart, 'x')).toBeGreaterThan(first);
  await page.keyboard.press('End');
  await expect.poll(() => legendValue(chart, 'x')).toBeCloseTo(-first, 2);
});

test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('tapping a chart shows the values there', async ({ page }) => {
    await page.goto('/#/learn/activations');
    const chart = page.locator('pg-line-chart').first();
    const over = chart.locator('.u-over');
    await expect(over).toBeVisible();
    const box = (await over.boundingBox())!;
    // Off the chart the legend shows the newest (rightmost) x; a tap on the left half shows a negative one.
    await expect.poll(() => legendValue(chart, 'x')).toBeGreaterThan(0);
    await over.tap({ position: { x: box.width * 0.2, y: box.height / 2 } });
    await expect.poll(() => legendValue(chart, 'x')).toBeLessThan(0);
    expect(await legendValue(chart, 'ReLU')).toBe(0);
  });
});

test('every 2-D GAN setting explains itself, visibly and as a tooltip', async ({ page }) => {
  await page.goto('/#/studio/gan-2d');
  await page.getByText('Networks and training settings').click();
  const batch = page.getByTestId('batch');
  await expect(batch).toBeVisible();
  const helpId = await batch.getAttribute('aria-describedby');
  expect(helpId).toBeTruthy();
  const form = page.locator('pg-gan2d-config');
  await expect(form.locator(`#${helpId}`)).toHaveText(/per update/);
  await expect(batch).toHaveAccessibleDescription(/Real and generated points per update/);
  // Every control of the config form has its own explanation.
  const controls = form.locator('input, select');
  const count = await controls.count();
  expect(count).toBeGreaterThanOrEqual(14);
  for (let i = 0; i < count; i++) {
    await expect(controls.nth(i)).toHaveAccessibleDescription(/\w{3,}.*\./);
  }
  await expect(page.getByTestId('distribution')).toHaveAccessibleDescription(/real data/);
});
