import type { Locator, Page } from '@playwright/test';
import type { LineChart } from '../src/ui/components/line-chart';
import type { DigitGrid } from '../src/ui/studio/images/digit-grid';
import { test, expect } from './fixtures';

/** WASM straight away: the backend measurement of "auto" is covered elsewhere and costs seconds here. */
async function openSection(page: Page, id: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('pg.backendPreference', 'wasm'));
  await page.goto(`/#/studio/${id}`);
}

async function iteration(page: Page): Promise<number> {
  return Number(await page.getByTestId('stat-iteration').textContent());
}

/** The iterations at which a chart's first series (train) has points. */
function chartIterations(chart: Locator): Promise<number[]> {
  return chart.evaluate((element: LineChart) => Array.from(element.series[0]?.x ?? []));
}

/** The grey values a digit grid draws (it draws them all into one canvas). */
function gridPixels(grid: Locator): Promise<number[]> {
  return grid.evaluate((element: DigitGrid) => Array.from(element.pixels ?? []));
}

test('the VAE trains, and a click on its latent plane decodes that point', async ({ page }) => {
  await openSection(page, 'vae');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'training', { timeout: 60_000 });
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(40);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');

  const plane = page.getByTestId('latent-plane');
  const decoded = page.getByTestId('decoded');
  await expect(plane).toBeVisible();
  const box = (await plane.boundingBox())!;
  await plane.click({ position: { x: box.width * 0.2, y: box.height * 0.2 } });
  await expect(decoded).toHaveAttribute('data-z', /^-/); // left half: z₁ < 0
  await expect(decoded).toHaveAttribute('data-checksum', /^[1-9]/);
  const first = (await decoded.getAttribute('data-checksum'))!;
  await plane.click({ position: { x: box.width * 0.8, y: box.height * 0.75 } });
  await expect(decoded).not.toHaveAttribute('data-z', /^-/);
  await expect(decoded).not.toHaveAttribute('data-checksum', first);

  // The decoded grid view of the same plane is one click away.
  await page.getByTestId('mode-grid').check();
  await expect(plane).toBeVisible();
});

test('the denoising autoencoder shows noisy input, reconstruction and clean original', async ({ page }) => {
  await openSection(page, 'autoencoder');
  await page.getByTestId('train').click();
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  const pixels = await gridPixels(page.getByTestId('ae-triptych'));
  const row = 10 * 784;
  expect(pixels).toHaveLength(3 * row);
  const [noisy, reconstruction, clean] = [0, 1, 2].map((r) => pixels.slice(r * row, (r + 1) * row));
  const distance = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;
  expect(pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(distance(noisy, clean)).toBeGreaterThan(0.01); // σ = 0.4 noise on the input
  // The reconstruction is closer to the clean digit than the noisy input is: it has learned to denoise.
  expect(distance(reconstruction, clean)).toBeLessThan(distance(noisy, clean));
  await expect(page.getByTestId('anomalies')).toBeVisible();
});

test('the digit GAN sample grid updates as it trains', async ({ page }) => {
  await openSection(page, 'digit-gan');
  await page.getByTestId('train').click();
  const samples = page.getByTestId('gan-samples');
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(5);
  const early = await gridPixels(samples);
  const earlyAt = await iteration(page);
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(earlyAt + 4);
  const later = await gridPixels(samples);
  expect(early).toHaveLength(100 * 784);
  expect(later).not.toEqual(early);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  // A walk between two random inputs of G.
  await page.getByTestId('random-walk').click();
  await expect.poll(async () => (await gridPixels(page.getByTestId('gan-walk'))).length).toBe(10 * 784);
});

test('a saved VAE resumes from its route with its iteration count and weights', async ({ page }) => {
  await openSection(page, 'vae');
  await page.getByTestId('train').click();
  await expect.poll(() => iteration(page), { timeout: 60_000 }).toBeGreaterThan(10);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  const savedAt = await iteration(page);
  const chart = page.getByTestId('vae-elbo-chart');
  const charted = await chartIterations(chart);
  expect(charted.length).toBeGreaterThan(1);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText('Saved');
  const id = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('rl-gan-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('checkpoints').objectStore('checkpoints').getAllKeys();
          keys.onsuccess = () => resolve(String(keys.result[0]));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
  await page.goto('/#/studio');
  await page.goto(`/#/studio/vae/resume/${id}`);
  await expect(page.getByTestId('save-message')).toContainText(`Resumed`);
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  expect(await iteration(page)).toBe(savedAt);
  await expect(page.getByTestId('decoded')).toBeVisible();
  // The charts continue where they stopped: the saved history, then the steps trained after the resume.
  await expect.poll(() => chartIterations(chart)).toEqual(charted);
  // It trains on from there.
  await page.getByTestId('step').click();
  await expect.poll(() => iteration(page)).toBe(savedAt + 1);
  await expect.poll(() => chartIterations(chart)).toEqual([...charted, savedAt + 1]);
});
