import { test, expect } from './fixtures';
import { ROUTES } from '../src/ui/router';
import { ALL_ROUTES } from './support/all-routes';

// A phone: 390 × 844 CSS pixels, touch input. No training: wasm skips the backend measurement.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, backend: 'wasm' });

test('every route fits a phone screen: no sideways scrolling, every top-bar link on screen', async ({
  page,
}) => {
  test.setTimeout(600_000);
  for (const route of ALL_ROUTES) {
    await page.goto(`/${route}`);
    await expect(page.getByRole('heading').first()).toBeVisible();
    // Polled: the page's content renders (and lazy sections load) after the route changes.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        message: `horizontal overflow on ${route}`,
      })
      .toBeLessThanOrEqual(0);
    for (const { id } of ROUTES) {
      await expect(page.locator(`nav a[data-route="${id}"]`), `${id} link on ${route}`).toBeInViewport({
        ratio: 1,
      });
    }
  }
});

test('the top-bar links work by touch on a phone, System included', async ({ page }) => {
  await page.goto('/#/arena');
  await page.locator('nav a[data-route="system"]').tap();
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'system');
  await page.locator('nav a[data-route="learn"]').tap();
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'learn');
});

test('on a phone the arena shows its game on the first screen', async ({ page }) => {
  await page.goto('/#/arena');
  await expect(page.getByTestId('watch-stage')).toBeInViewport();
});

test('on a phone the backprop gradient table fits its card without sideways scrolling', async ({ page }) => {
  await page.goto('/#/learn/backprop');
  const wrap = page.locator('.table-wrap').first();
  await expect(wrap.locator('table')).toBeVisible();
  await expect
    .poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth), {
      message: 'table wider than its card',
    })
    .toBeLessThanOrEqual(0);
});
