import { test, expect } from './fixtures';

const PAGES = [
  { route: 'arena', heading: 'Arena' },
  { route: 'studio', heading: 'Studio' },
  { route: 'learn', heading: 'Learn' },
  { route: 'checkpoints', heading: 'Checkpoints' },
  { route: 'system', heading: 'System' },
];

test('every route renders its page and marks its tab', async ({ page }) => {
  for (const { route, heading } of PAGES) {
    await page.goto(`/#/${route}`);
    await expect(page.locator('main#page')).toHaveAttribute('data-page', route);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator(`nav a[data-route="${route}"]`)).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(new RegExp(heading));
  }
});

test('the top bar navigates between pages with the hash route', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'home');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Studio' }).click();
  await expect(page).toHaveURL(/#\/studio$/);
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'studio');
  await page.goBack();
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'home');
  // The brand goes home from anywhere.
  await page.goto('/#/system');
  await page.getByRole('link', { name: 'RL & GAN Playground' }).click();
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'home');
});

test('an unknown route says so and keeps the navigation', async ({ page }) => {
  await page.goto('/#/nowhere/at-all');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('#/nowhere/at-all')).toBeVisible();
  await expect(page.getByRole('link', { name: 'System' })).toBeVisible();
});

test('the theme follows the system, can be switched, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/#/arena');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  const toggle = page.locator('button.theme');
  await toggle.click(); // system → light
  await expect(toggle).toHaveAttribute('data-theme-preference', 'light');
  await toggle.click(); // light → dark
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 17, 23)');

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('button.theme')).toHaveAttribute('data-theme-preference', 'dark');
});

test('the layout fits a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const { route } of PAGES) {
    await page.goto(`/#/${route}`);
    await expect(page.locator('main#page')).toHaveAttribute('data-page', route);
    // Polled: the page's content renders (and lazy sections load) after the route changes.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        message: `horizontal overflow on #/${route}`,
      })
      .toBeLessThanOrEqual(0);
  }
  await expect(page.getByRole('link', { name: 'Checkpoints' })).toBeAttached();
});

test('charts redraw in the new colours when the theme is switched on an open page', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/#/learn/losses');
  const chart = page.locator('pg-line-chart').first();
  await expect(chart).toHaveAttribute('data-drawn-theme', 'light');
  const toggle = page.locator('button.theme');
  const html = page.locator('html');
  // The toggle cycles through the choices: click until dark, letting each click render before the next.
  await expect(async () => {
    if ((await html.getAttribute('data-theme')) !== 'dark') await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'dark', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-drawn-theme', 'dark');
});
