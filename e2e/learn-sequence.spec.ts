import { test, expect } from './fixtures';

test('the recurrent panel renders, trains, and its loss curve grows and falls', async ({ page }) => {
  await page.goto('/#/learn/rnn');
  await expect(page.getByRole('heading', { name: 'Recurrent networks' })).toBeVisible();
  const status = page.getByTestId('rnn-status');
  await expect(status).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  // The vanishing-gradient chart is measured before any training.
  await expect(page.getByTestId('rnn-gradients')).toHaveAttribute('data-gradient-ratio', /rnn:.*lstm:.*gru:/);
  await page.getByRole('button', { name: 'Train' }).click();
  const loss = page.getByTestId('rnn-loss');
  await expect
    .poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(12);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveAttribute('data-status', 'paused');
  const first = Number(await loss.getAttribute('data-first-loss'));
  const last = Number(await loss.getAttribute('data-last-loss'));
  expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
  expect(last).toBeLessThan(first);
  await expect(loss.locator('pg-line-chart canvas').first()).toBeVisible();
});

test('the attention panel answers typed input and a short training run lowers its loss', async ({ page }) => {
  await page.goto('/#/learn/attention');
  await expect(page.getByRole('heading', { name: 'Transformers & self-attention' })).toBeVisible();
  await expect(page.getByTestId('attn-status')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  const maps = page.getByTestId('attn-maps');
  const output = page.getByTestId('attn-output');
  const before = await maps.getAttribute('data-attention');
  await page.getByTestId('attn-input').fill('9 8 7 0 0 0');
  await expect(page.getByTestId('attn-maps')).not.toHaveAttribute('data-attention', before ?? '');
  await expect(output).toHaveAttribute('data-output', /^\d{6}$/);
  // Bad input is explained, not silently ignored.
  await page.getByTestId('attn-input').fill('12x');
  await expect(page.getByRole('alert')).toContainText('Only the digits 0–9');
  await page.getByTestId('attn-input').fill('123456');

  await page.getByRole('button', { name: 'Train' }).click();
  const curves = page.getByTestId('attn-curves');
  await expect
    .poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(8);
  await page.getByRole('button', { name: 'Pause' }).click();
  const first = Number(await curves.getAttribute('data-first-loss'));
  const last = Number(await curves.getAttribute('data-last-loss'));
  expect(last).toBeLessThan(first);
  await expect(output).toHaveAttribute('data-output', /^\d{6}$/);
});
