import type { Locator, Page } from '@playwright/test';
import { animationFrames, test, expect } from './fixtures';

// WASM from the start: these tests are about the panels, not the backend choice (e2e/system.spec.ts covers "auto").
test.use({ backend: 'wasm' });

/** Sets a pg-slider-field's range input the way a user's drag does (an input event). */
async function setSlider(slider: Locator, value: number): Promise<void> {
  await slider.locator('input[type="range"]').evaluate((input: HTMLInputElement, v: number) => {
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/**
 * Trains the shared classifier only until its periodic test accuracy passes 50%, then stops it: the worker
 * then measures all test digits and saves the classifier. Returns that accuracy.
 */
async function trainBriefly(page: Page): Promise<number> {
  const card = page.getByTestId('classifier-card');
  await expect(card).toHaveAttribute('data-phase', 'idle', { timeout: 60_000 });
  await page.getByTestId('train-classifier').click();
  await expect(card).toHaveAttribute('data-phase', 'training');
  await expect
    .poll(async () => Number((await card.getAttribute('data-live-accuracy')) || 0), { timeout: 90_000 })
    .toBeGreaterThan(0.5);
  await card.getByRole('button', { name: 'Stop' }).click();
  await expect(card).toHaveAttribute('data-phase', 'finished', { timeout: 30_000 });
  return Number(await card.getAttribute('data-test-accuracy'));
}

test('CNN panel: editing the kernel changes the feature map; brief training raises accuracy above 50%', async ({
  page,
}) => {
  await page.goto('/#/learn/cnn');
  await expect(page.getByRole('heading', { name: 'Convolutional networks' })).toBeVisible();
  const strongest = page.getByTestId('feature-max');
  await expect(strongest).toHaveText(/\d/, { timeout: 60_000 });
  const sobel = await strongest.textContent();
  // Identity: the strongest response is the brightest pixel, 1.00.
  await page.getByTestId('preset-identity').click();
  await expect(strongest).toHaveText('1.00');
  // One weight edited by hand: the centre weight 1 → 3 triples every value.
  const centre = page.getByTestId('kernel-4');
  await centre.fill('3');
  await centre.press('Enter');
  await expect(strongest).toHaveText('3.00');
  expect(sobel).not.toBe('3.00');

  // Pause holds the step count; resume goes on.
  const card = page.getByTestId('classifier-card');
  await expect(card).toHaveAttribute('data-phase', 'idle', { timeout: 60_000 });
  await page.getByTestId('train-classifier').click();
  await expect(card).toHaveAttribute('data-steps', /^[1-9]/, { timeout: 30_000 });
  await card.getByRole('button', { name: 'Pause' }).click();
  await expect(card).toHaveAttribute('data-phase', 'paused');
  const held = await card.getAttribute('data-steps');
  await animationFrames(page, 60);
  await expect(card).toHaveAttribute('data-steps', held!);
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card).toHaveAttribute('data-phase', 'training');
  await expect
    .poll(async () => Number((await card.getAttribute('data-live-accuracy')) || 0), { timeout: 90_000 })
    .toBeGreaterThan(0.5);
  await card.getByRole('button', { name: 'Stop' }).click();
  await expect(card).toHaveAttribute('data-phase', 'finished', { timeout: 30_000 });
  expect(Number(await card.getAttribute('data-test-accuracy'))).toBeGreaterThan(0.5);
  await expect(page.getByTestId('classifier-accuracy')).toContainText('%');
  // The learned view shows the trained network's filters and its prediction for the chosen digit.
  await expect(page.getByTestId('learned').locator('pg-heatmap')).toHaveCount(1 + 8 + 8 + 8 + 16 + 16, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('cnn-prediction')).toContainText('Prediction');
});

test('adversarial panel: ε = 0 keeps the prediction; larger ε lowers the batch accuracy', async ({
  page,
}) => {
  await page.goto('/#/learn/adversarial');
  await expect(page.getByRole('heading', { name: 'Adversarial examples' })).toBeVisible();
  await trainBriefly(page);
  const original = page.getByTestId('original');
  const adversarial = page.getByTestId('adversarial');
  await expect(original).toHaveAttribute('data-class', /\d/, { timeout: 30_000 });
  await setSlider(page.getByTestId('epsilon'), 0);
  await expect(page.getByTestId('linf')).toHaveText('0.000');
  await expect(adversarial).toHaveAttribute('data-class', (await original.getAttribute('data-class'))!);

  await setSlider(page.getByTestId('epsilon'), 0.2);
  await expect(page.getByTestId('linf')).toHaveText('0.200');

  await page.getByTestId('run-sweep').click();
  const cells = page.getByTestId('sweep-table').locator('tr[data-method="fgsm"] td[data-accuracy]');
  await expect(cells).toHaveCount(9, { timeout: 60_000 });
  const clean = Number(await cells.first().getAttribute('data-accuracy'));
  const attacked = Number(await cells.last().getAttribute('data-accuracy'));
  expect(clean).toBeGreaterThan(0.5);
  expect(attacked).toBeLessThan(clean);
});

test('interpretability panel: integrated gradients are complete; no saved agent links to the arena', async ({
  page,
}) => {
  await page.goto('/#/learn/interpretability');
  await expect(page.getByRole('heading', { name: 'Interpretability', exact: true })).toBeVisible();
  await expect(page.getByTestId('no-agents').getByRole('link', { name: 'arena' })).toHaveAttribute(
    'href',
    '#/arena',
  );
  await trainBriefly(page);
  const sum = page.getByTestId('ig-sum');
  const delta = page.getByTestId('ig-delta');
  await expect(sum).toHaveText(/\d/, { timeout: 30_000 });
  await expect(delta).toHaveText(/\d/);
  const check = async () => [Number(await sum.textContent()), Number(await delta.textContent())];
  // Completeness: the attributions sum to F(x) − F(baseline), within the integration error.
  await expect
    .poll(async () => {
      const [s, d] = await check();
      return Math.abs(s! - d!) - (0.02 + 0.1 * Math.abs(d!));
    })
    .toBeLessThan(0);
  const [, d1] = await check();
  // Explaining another class changes F(x) − F(baseline) and the attributions with it.
  await page.getByTestId('saliency-target').selectOption('3');
  await expect.poll(async () => (await check())[1], { timeout: 30_000 }).not.toBe(d1);
});

test('compression panel: int8 is about 4× smaller than float32; pruning changes the compressed size', async ({
  page,
}) => {
  await page.goto('/#/learn/compression');
  await expect(page.getByRole('heading', { name: 'Making models small' })).toBeVisible();
  await trainBriefly(page);
  const row = (precision: string) =>
    page.getByTestId('quant-card').locator(`tr[data-precision="${precision}"]`);
  await expect(row('int8')).toHaveAttribute('data-bytes', /\d/, { timeout: 30_000 });
  await expect(row('float32')).toHaveAttribute('data-bytes', /\d/);
  const f32 = Number(await row('float32').getAttribute('data-bytes'));
  const i8 = Number(await row('int8').getAttribute('data-bytes'));
  expect(i8).toBeLessThan(f32 / 3.9);
  const result = page.getByTestId('prune-result');
  await expect(result).toHaveAttribute('data-deflated', /\d+/, { timeout: 30_000 });
  const before = Number(await result.getAttribute('data-deflated'));
  await setSlider(page.getByTestId('sparsity'), 95);
  await expect
    .poll(async () => Number(await result.getAttribute('data-deflated')), { timeout: 30_000 })
    .toBeLessThan(before);
});

test('interpretability panel: a saved CartPole agent’s action is explained per observation feature', async ({
  page,
}) => {
  await page.goto('/#/arena');
  const stats = page.getByTestId('stats');
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText('Saved', { timeout: 30_000 });

  await page.goto('/#/learn/interpretability');
  const attribution = page.getByTestId('agent-attribution');
  const integrated = attribution.locator('pg-signed-bars').filter({ hasText: 'Integrated gradients' });
  await expect(integrated.locator('.row')).toHaveCount(4, { timeout: 60_000 });
  await expect(integrated.locator('.row').nth(2)).toHaveAttribute('data-bar', 'pole angle');
  const observation = attribution.locator('pg-signed-bars').filter({ hasText: 'Observation' });
  const cartVelocity = observation.locator('.row[data-bar="cart velocity"]');
  await expect(cartVelocity).toHaveAttribute('data-value', /\d/);
  const before = await cartVelocity.getAttribute('data-value');
  // Another moment of the rollout: another state, so other values.
  await setSlider(page.getByTestId('agent-card').locator('pg-slider-field'), 0);
  await expect.poll(() => cartVelocity.getAttribute('data-value'), { timeout: 30_000 }).not.toBe(before);
});
