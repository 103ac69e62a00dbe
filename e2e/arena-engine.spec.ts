import { test, expect } from './fixtures';

// The typed-array engine forced, as a user who chose "Typed arrays (no tfjs)" on the System page.
test.use({ backend: 'js' });

test('the arena trains CartPole on the typed-array engine and says so', async ({ page }) => {
  await page.goto('/#/arena');
  const stats = page.getByTestId('stats');
  // At thousands of env steps a second the preset can solve (seed 1 at 3,000) before the pause below: train on.
  await page.getByTestId('stop-when-solved').uncheck();
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 60_000 });
  await expect(stats).toContainText('Typed arrays (no tfjs)');
  // Past learningStarts (1,000 env steps) gradient steps run: episodes keep finishing.
  await expect
    .poll(async () => Number(await stats.getAttribute('data-env-steps')), { timeout: 120_000 })
    .toBeGreaterThan(1500);
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  const pausedAt = Number(await stats.getAttribute('data-env-steps'));
  await page.getByTestId('step').click();
  await expect(stats).toHaveAttribute('data-env-steps', String(pausedAt + 1));
  await expect(page.locator('pg-watch-view pg-bar-chart .row')).toHaveCount(2);
});

test('CartPole trained on past its solve pauses learning while it wins, and says why', async ({ page }) => {
  await page.goto('/#/arena');
  await page.getByTestId('stop-when-solved').uncheck();
  await page.getByTestId('train').click();
  // The preset pauses once 5 training episodes in a row average ≥ 475 (seed 1: within ~15,000 env steps).
  const paused = page.getByTestId('learning-paused');
  await expect(paused).toBeVisible({ timeout: 300_000 });
  await expect(paused).toContainText('the last 5 training episodes averaged at least 475');
  await expect(page.getByTestId('stat-learning-rate')).toHaveText('paused');
  await expect(page.locator('pg-arena-run-list')).toContainText('pauses at 475');
});
