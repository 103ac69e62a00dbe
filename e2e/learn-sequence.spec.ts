import { test, expect } from './fixtures';

// WASM from the start: these tests are about the panels, not the backend choice (e2e/system.spec.ts covers "auto").
test.use({ backend: 'wasm' });

test('the recurrent panel renders, trains, and its loss curve grows and falls', async ({ page }) => {
  await page.goto('/#/learn/rnn');
  await expect(page.getByRole('heading', { name: 'Recurrent networks' })).toBeVisible();
  const status = page.getByTestId('run-stats');
  await expect(status).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  // The vanishing-gradient chart is measured before any training.
  await expect(page.getByTestId('rnn-gradients')).toHaveAttribute('data-gradient-ratio', /rnn:.*lstm:.*gru:/);
  await page.getByTestId('train').click();
  const loss = page.getByTestId('rnn-loss');
  await expect
    .poll(async () => Number(await loss.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(12);
  await page.getByTestId('pause').click();
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
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  const maps = page.getByTestId('attn-maps');
  const output = page.getByTestId('attn-output');
  await expect(maps).toHaveAttribute('data-attention', /\S/);
  const before = (await maps.getAttribute('data-attention'))!;
  await page.getByTestId('attn-input').fill('9 8 7 0 0 0');
  await expect(page.getByTestId('attn-maps')).not.toHaveAttribute('data-attention', before);
  await expect(output).toHaveAttribute('data-output', /^\d{6}$/);
  // Bad input is explained, not silently ignored.
  await page.getByTestId('attn-input').fill('12x');
  await expect(page.getByRole('alert')).toContainText('Only the digits 0–9');
  await page.getByTestId('attn-input').fill('123456');

  await page.getByTestId('train').click();
  const curves = page.getByTestId('attn-curves');
  await expect
    .poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(8);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  const first = Number(await curves.getAttribute('data-first-loss'));
  const last = Number(await curves.getAttribute('data-last-loss'));
  expect(last).toBeLessThan(first);
  await expect(output).toHaveAttribute('data-output', /^\d{6}$/);
});

test('the attention panel saves a checkpoint that the Checkpoints page resumes at its step, charts and all', async ({
  page,
}) => {
  await page.goto('/#/learn/attention');
  const status = page.getByTestId('run-stats');
  const steps = page.getByTestId('attn-steps');
  const curves = page.getByTestId('attn-curves');
  await expect(status).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByTestId('pause').click();
  await expect(status).toHaveAttribute('data-status', 'paused');
  const saved = Number(await steps.textContent());
  const points = Number(await curves.getAttribute('data-points'));
  expect(saved).toBeGreaterThan(0);
  await page.getByLabel('checkpoint name').fill('e2e transformer');
  await page.getByTestId('save').click();
  const message = page.getByTestId('save-message');
  await expect(message).toContainText('Saved “e2e transformer”', { timeout: 30_000 });

  await message.getByRole('link', { name: 'All checkpoints' }).click();
  const item = page.getByTestId('checkpoint').filter({ hasText: 'e2e transformer' });
  await expect(item.getByTestId('checkpoint-kind')).toHaveText('Transformer');
  await expect(item).toContainText(`${saved.toLocaleString('en-US')} iterations`);
  await item.getByRole('link', { name: 'Resume in Learn' }).click();
  await expect(page).toHaveURL(/#\/learn\/attention\/resume\//);
  await expect(status).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  await expect(steps).toHaveText(String(saved));
  await expect(page.getByText(`Resumed from a checkpoint at step ${saved}.`)).toBeVisible();
  // The charts continue where they stopped, and so does training.
  await expect(curves).toHaveAttribute('data-points', String(points));
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await steps.textContent()), { timeout: 30_000 })
    .toBeGreaterThan(saved);
  await expect
    .poll(async () => Number(await curves.getAttribute('data-points')), { timeout: 30_000 })
    .toBeGreaterThan(points);
  await page.getByTestId('pause').click();
});
