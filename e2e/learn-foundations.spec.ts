import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const PANELS = [
  { id: 'anatomy', heading: 'Network anatomy & forward propagation' },
  { id: 'backprop', heading: 'Backpropagation' },
  { id: 'activations', heading: 'Activation functions' },
  { id: 'losses', heading: 'Loss functions' },
  { id: 'optimizers', heading: 'Optimizers' },
  { id: 'regularization', heading: 'Training, validation, testing & regularization' },
];

/** A numeric attribute, once the panel has rendered one (waits for it to be non-empty). */
async function numberAttr(page: Page, selector: string, name: string): Promise<number> {
  const element = page.locator(selector).first();
  await expect(element, `${selector} [${name}]`).toHaveAttribute(name, /\S/);
  return Number(await element.getAttribute(name));
}

/** The attribute as it is now (NaN when absent), for expect.poll to call repeatedly. */
async function numberAttrNow(page: Page, selector: string, name: string): Promise<number> {
  const value = await page.locator(selector).first().getAttribute(name, { timeout: 1000 });
  return value === null || value === '' ? NaN : Number(value);
}

/** Moves a pg-slider-field (its native range input) to a value. */
async function slide(page: Page, control: string, value: number): Promise<void> {
  await page.locator(`pg-slider-field[data-control="${control}"] input[type=range]`).fill(String(value));
}

test('every foundations panel renders from the index and from its route', async ({ page }) => {
  await page.goto('/#/learn');
  for (const { id } of PANELS) await expect(page.locator(`a[data-section="${id}"]`)).toBeVisible();
  for (const { id, heading } of PANELS) {
    await page.goto(`/#/learn/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
});

test('anatomy: each neuron computes a = f(z), and the inputs change the prediction', async ({ page }) => {
  await page.goto('/#/learn/anatomy');
  await page.locator('select[data-control="activation"]').selectOption('relu');
  await page.locator('[data-action="step"]').click();
  // Read z and a together once the step has rendered with ReLU: a = max(0, z).
  await expect
    .poll(async () => {
      const z = await numberAttr(page, '[data-current-node]', 'data-z');
      const a = await numberAttr(page, '[data-current-node]', 'data-a');
      return Math.abs(a - Math.max(0, z));
    })
    .toBeLessThan(1e-12);
  await page.getByRole('button', { name: 'Run all' }).click();
  const before = await numberAttr(page, '[data-output="0"]', 'data-value');
  await page.locator('input[data-control="input-0"]').fill('3');
  await page.locator('input[data-control="input-0"]').press('Enter');
  await expect(page.locator('[data-output="0"]')).not.toHaveAttribute('data-value', String(before));
});

test('backprop: gradients match finite differences and one SGD step lowers the loss', async ({ page }) => {
  await page.goto('/#/learn/backprop');
  expect(await numberAttr(page, '[data-max-rel-error]', 'data-max-rel-error')).toBeLessThan(1e-6);
  await page.locator('[data-action="backstep"]').click();
  await expect(page.locator('[data-backward-node="2-0"]')).toBeVisible();
  const loss = await numberAttr(page, '[data-loss]', 'data-loss');
  await page.locator('[data-action="sgd"]').click();
  const before = await numberAttr(page, '[data-loss-before]', 'data-loss-before');
  const after = await numberAttr(page, '[data-loss-after]', 'data-loss-after');
  expect(before).toBeCloseTo(loss, 12);
  expect(after).toBeLessThan(before);
});

test('activations: the ReLU probe reads 0 at −1 and 2 at 2; sigmoid gradients vanish in a deep stack', async ({
  page,
}) => {
  await page.goto('/#/learn/activations');
  await page.locator('select[data-control="probe-fn"]').selectOption('relu');
  await slide(page, 'probe-x', -1);
  await expect(page.locator('[data-probe-f]')).toHaveAttribute('data-probe-f', '0');
  await expect(page.locator('[data-probe-df]')).toHaveAttribute('data-probe-df', '0');
  await slide(page, 'probe-x', 2);
  await expect(page.locator('[data-probe-f]')).toHaveAttribute('data-probe-f', '2');
  await expect(page.locator('[data-probe-df]')).toHaveAttribute('data-probe-df', '1');

  // The deep stack is computed in the Learn worker; data-stack names the settings of the result shown.
  await page.locator('select[data-control="stack-fn"]').selectOption('sigmoid');
  await slide(page, 'depth', 30);
  await expect(page.locator('[data-stack]')).toHaveAttribute('data-stack', '30|32|xavier|sigmoid');
  expect(await numberAttr(page, '[data-norm-ratio]', 'data-norm-ratio')).toBeLessThan(1e-6);
  await page.locator('select[data-control="stack-fn"]').selectOption('relu');
  await page.locator('select[data-control="init"]').selectOption('he');
  await expect(page.locator('[data-stack]')).toHaveAttribute('data-stack', '30|32|he|relu');
  const ratio = await numberAttr(page, '[data-norm-ratio]', 'data-norm-ratio');
  expect(ratio).toBeGreaterThan(1e-3);
  expect(ratio).toBeLessThan(1e3);
});

test('losses: moving the prediction changes the loss and its gradient', async ({ page }) => {
  await page.goto('/#/learn/losses');
  // MSE at ŷ = 1.5, y = 0: L = 2.25, dL/dŷ = 3.
  await expect(page.locator('[data-loss-value]')).toHaveAttribute('data-loss-value', '2.25');
  await slide(page, 'prediction', 0.5);
  await expect(page.locator('[data-loss-value]')).toHaveAttribute('data-loss-value', '0.25');
  await expect(page.locator('[data-loss-gradient]')).toHaveAttribute('data-loss-gradient', '1');
  // Hinge at s = 2 with y = +1 is past the margin: 0.
  await page.locator('select[data-control="loss"]').selectOption('hinge');
  await slide(page, 'prediction', 2);
  await expect(page.locator('[data-loss-value]')).toHaveAttribute('data-loss-value', '0');
});

test('optimizers: Adam reaches the Rosenbrock minimum region within its step budget', async ({ page }) => {
  await page.goto('/#/learn/optimizers');
  // Clicking the surface picks the start point (the plot spans x ∈ [−2, 2], y ∈ [−1, 3]: its centre is (0, 1)).
  const plot = page.locator('pg-contour-plot canvas');
  await expect(plot).toBeVisible();
  const box = (await plot.boundingBox())!;
  await plot.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.locator('input[data-control="start-x"]')).toHaveValue(/^-?0(\.0\d*)?$/);
  await expect(page.locator('input[data-control="start-y"]')).toHaveValue(/^(1|0\.99|1\.01)$/);
  // Back to the default start for the race.
  await page.locator('input[data-control="start-x"]').fill('-1.5');
  await page.locator('input[data-control="start-x"]').press('Enter');
  await page.locator('input[data-control="start-y"]').fill('2.5');
  await page.locator('input[data-control="start-y"]').press('Enter');
  await page.locator('[data-action="play"]').click();
  const adam = page.locator('tr[data-optimizer="adam"]');
  await expect(adam).not.toHaveAttribute('data-reached', '', { timeout: 60_000 });
  const reached = Number(await adam.getAttribute('data-reached'));
  expect(reached).toBeGreaterThan(0);
  expect(reached).toBeLessThanOrEqual(1500);
  await expect(page.locator('[data-winner]')).not.toHaveAttribute('data-winner', '');
});

test.describe('regularization', () => {
  // The panel picks the fastest backend in auto mode (seconds of measuring on a fresh profile); the test
  // forces WASM, as a user can on the System page, to stay short.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pg.backendPreference', 'wasm'));
  });
  // Real training until the model overfits (or stops early): generous waits, for a busy machine.

  test('trains in the worker, the validation curve grows, and the test loss shows only after stopping', async ({
    page,
  }) => {
    await page.goto('/#/learn/regularization');
    await expect(page.locator('[data-test-loss]')).toHaveAttribute('data-test-loss', '');
    await page.getByTestId('train').click();
    await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'training');
    const readout = '.readout[data-epoch]';
    await expect
      .poll(
        async () => {
          const min = await numberAttrNow(page, readout, 'data-min-validation').catch(() => NaN);
          const last = await numberAttrNow(page, readout, 'data-last-validation').catch(() => NaN);
          return last / min;
        },
        { timeout: 150_000, intervals: [500] },
      )
      .toBeGreaterThan(1.3);
    await expect(page.locator('[data-test-loss]')).toHaveAttribute('data-test-loss', '');
    await page.locator('[data-action="stop"]').click();
    await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'finished');
    expect(await numberAttr(page, '[data-test-loss]', 'data-test-loss')).toBeGreaterThan(0);
  });

  test('early stopping stops on its own and marks the best epoch', async ({ page }) => {
    await page.goto('/#/learn/regularization');
    await page.locator('input[data-toggle="early-stopping"]').check();
    await page.getByTestId('train').click();
    await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'finished', {
      timeout: 150_000,
    });
    await expect(page.getByText('Early stopping: the validation loss stopped improving')).toBeVisible();
    const epoch = await numberAttr(page, '.readout[data-epoch]', 'data-epoch');
    const best = await numberAttr(page, '.readout[data-epoch]', 'data-best-epoch');
    expect(epoch - best).toBe(200);
    expect(await numberAttr(page, '[data-test-loss]', 'data-test-loss')).toBeGreaterThan(0);
  });
});
