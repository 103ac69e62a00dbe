import { animationFrames, test, expect } from './fixtures';

const steps = async (locator: import('@playwright/test').Locator): Promise<number> =>
  Number(await locator.getAttribute('data-steps'));

test('a first visit shows a trained agent playing at once, says what it is and leads into every part', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'home');
  await expect(page.getByTestId('what-is-this')).toContainText('What am I looking at?');
  const preview = page.locator('pg-cartpole-preview');
  await expect(page.getByTestId('preview-play')).toHaveAttribute('data-playing', 'true');
  // Trained, not random: a random policy keeps the pole up for about 22 steps; this one balances past 150.
  await expect
    .poll(async () => Number(await page.getByTestId('preview-return').getAttribute('data-return')), {
      timeout: 60_000,
    })
    .toBeGreaterThan(150);
  // The home page loads no tfjs (the build's page-chunk check covers the bundle; this covers the running page).
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name),
  );
  expect(scripts.filter((name) => /tfjs|tensorflow|phaser/i.test(name))).toEqual([]);
  for (const part of ['arena', 'studio', 'learn', 'checkpoints', 'system']) {
    await expect(page.locator(`ul.parts a[data-part="${part}"]`)).toHaveAttribute('href', `#/${part}`);
  }

  // Leaving the page stops the preview: it plays no more steps once its page is gone.
  const handle = await preview.elementHandle();
  await page.getByTestId('start-arena').click();
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'arena');
  const left = await handle!.evaluate((el) => Number(el.getAttribute('data-steps')));
  await animationFrames(page, 30);
  expect(await handle!.evaluate((el) => Number(el.getAttribute('data-steps')))).toBe(left);
});

test('the preview stops while the tab is hidden and goes on when it is shown again', async ({ page }) => {
  await page.goto('/');
  const preview = page.locator('pg-cartpole-preview');
  const play = page.getByTestId('preview-play');
  await expect(play).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => steps(preview)).toBeGreaterThan(0);
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect(play).toHaveAttribute('data-playing', 'false');
  const hiddenAt = await steps(preview);
  await animationFrames(page, 30);
  expect(await steps(preview)).toBe(hiddenAt);
  await setHidden(false);
  await expect(play).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => steps(preview)).toBeGreaterThan(hiddenAt);
});

test('with reduced motion the preview is a still frame until Play, and it fits a phone', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const preview = page.locator('pg-cartpole-preview');
  const play = page.getByTestId('preview-play');
  await expect(play).toHaveText('Play');
  await expect(play).toBeEnabled();
  await expect(play).toHaveAttribute('data-playing', 'false');
  await animationFrames(page, 30);
  expect(await steps(preview)).toBe(0);
  // The preview and the explanation are on the first screen, and nothing scrolls sideways.
  const canvas = await page.getByTestId('preview-canvas').boundingBox();
  expect(canvas!.x).toBeGreaterThanOrEqual(0);
  expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(390);
  expect(canvas!.y + canvas!.height).toBeLessThanOrEqual(844);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);

  await play.click();
  await expect(play).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => steps(preview)).toBeGreaterThan(10);
  await play.click();
  await expect(play).toHaveAttribute('data-playing', 'false');
});
