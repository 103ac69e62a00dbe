import type { Locator } from '@playwright/test';
import type { LineChart } from '../src/ui/components/line-chart';
import type { WatchView } from '../src/ui/arena/watch-view';
import { animationFrames, test, expect } from './fixtures';

// WASM from the start: these tests are about the arena, not the backend choice (e2e/system.spec.ts covers "auto").
test.use({ backend: 'wasm' });

/** The returns the return chart draws for Run 1 (its first series). */
function chartReturns(chart: Locator): Promise<number[]> {
  return chart.evaluate((el) => [...((el as LineChart).series[0]?.values ?? [])]);
}

test('CartPole trains in a worker: episodes count up, the return chart draws, pause and resume work', async ({
  page,
}) => {
  await page.goto('/#/arena');
  await expect(page.getByRole('heading', { level: 1, name: 'Arena' })).toBeVisible();
  await expect(page.getByTestId('game-select')).toHaveValue('CartPole-v1');
  const stats = page.getByTestId('stats');

  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 30_000 });
  // Episodes finish and the return chart gets data.
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(5);
  await expect(page.getByTestId('return-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('stat-steps')).not.toHaveText('0');

  // Pause: the step counter stops moving; each Step (a round trip to the worker) adds exactly one.
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  const pausedAt = Number(await stats.getAttribute('data-env-steps'));
  await page.getByTestId('step').click();
  await expect(stats).toHaveAttribute('data-env-steps', String(pausedAt + 1));
  await page.getByTestId('step').click();
  await expect(stats).toHaveAttribute('data-env-steps', String(pausedAt + 2));
  await expect(stats).toHaveAttribute('data-status', 'paused');

  // Resume: it moves again, from where it was.
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-env-steps')), { timeout: 30_000 })
    .toBeGreaterThan(pausedAt + 100);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');

  // The watch view plays the greedy policy with the streamed weights and shows its Q-values.
  await expect(page.locator('pg-watch-view pg-bar-chart .row')).toHaveCount(2);

  // The page states the game's solve rule, which the worker's greedy evaluations apply.
  await expect(page.getByTestId('solve-rule')).toContainText(
    'Solved when the greedy mean return over 100 episodes reaches 475',
  );
  await expect(page.getByTestId('stop-when-solved')).toBeChecked();
});

test('a person can play CartPole with the arrow keys', async ({ page }) => {
  await page.goto('/#/arena');
  await page.getByTestId('play-yourself').check();
  const stage = page.getByTestId('watch-stage');
  await expect(stage).toHaveAttribute('data-ready', 'true');
  await stage.click();
  const returnText = page.getByTestId('watch-return');
  await expect(returnText).toHaveText(/: 0$/);
  // Nothing held: the game waits for the player, frame after frame.
  await animationFrames(page, 30);
  await expect(returnText).toHaveText(/: 0$/);
  // Holding → pushes the cart every step; each step earns +1 until the pole falls (then the episode is listed).
  const played = async () =>
    Number((await returnText.textContent())?.split(':')[1]) > 2 ||
    /Last episodes: \d/.test((await page.getByTestId('watch-last-returns').textContent()) ?? '');
  await page.keyboard.down('ArrowRight');
  await expect.poll(played, { timeout: 20_000 }).toBe(true);
  await page.keyboard.up('ArrowRight');
});

test('every game can be picked and drawn, and a comparison run can be added', async ({ page }) => {
  await page.goto('/#/arena');
  for (const id of ['MountainCar-v0', 'FrozenLake-v1', 'Snake-v0', 'Catch-v0', 'CartPole-v1']) {
    await page.getByTestId('game-select').selectOption(id);
    await expect(page.getByTestId('watch-stage').locator('canvas')).toBeVisible();
  }
  await page.getByTestId('add-run').click();
  await page.getByTestId('add-run-confirm').click();
  await expect(page.getByTestId('run-status')).toHaveCount(2);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('stats')).toHaveAttribute('data-env-steps', '1', { timeout: 30_000 });
});

test('a comparison run differs from Run 1 in the one setting picked, is named by it and learns its own curve', async ({
  page,
}) => {
  await page.goto('/#/arena');
  const names = page.locator('pg-arena-run-list .run .name');
  await page.getByTestId('add-run').click();
  const form = page.getByTestId('vary-form');
  // The seed is offered first, with a value other than Run 1's.
  await expect(form.getByTestId('vary-setting')).toHaveValue('seed');
  await expect(form.getByTestId('vary-value')).not.toHaveValue('');
  await form.getByTestId('vary-value').fill('7');
  await form.getByTestId('add-run-confirm').click();
  await expect(names).toHaveText(['Run 1', 'Run 2 · seed 7']);
  await expect(page.locator('pg-arena-run-list .run .meta').nth(1)).toContainText('seed 7');
  const labels = await page
    .getByTestId('return-chart')
    .evaluate((el) => (el as LineChart).series.map((s) => s.label));
  expect(labels).toContain('Run 2 · seed 7 return');

  // Trained side by side, the two runs play different episodes: two curves, not one drawn twice.
  await page.getByTestId('train').click();
  // Found by label: each run draws three series (return, mean(100), greedy mean).
  const returnsOf = (label: string) =>
    page
      .getByTestId('return-chart')
      .evaluate(
        (el, name) => [...((el as LineChart).series.find((s) => s.label === name)?.values ?? [])],
        label,
      );
  const [run1, run2] = ['Run 1 return', 'Run 2 · seed 7 return'];
  await expect
    .poll(async () => Math.min((await returnsOf(run1)).length, (await returnsOf(run2)).length), {
      timeout: 90_000,
    })
    .toBeGreaterThanOrEqual(5);
  await page.getByTestId('pause').click();
  const [first, second] = [(await returnsOf(run1)).slice(0, 5), (await returnsOf(run2)).slice(0, 5)];
  expect(first).not.toEqual(second);

  // A value the learner would refuse is refused with a message; a good one adds a run named by it.
  await page.getByTestId('add-run').click();
  await form.getByTestId('vary-setting').selectOption('learningRate');
  await form.getByTestId('vary-value').fill('-1');
  await form.getByTestId('add-run-confirm').click();
  await expect(form.getByTestId('vary-error')).toContainText('learning');
  await expect(names).toHaveCount(2);
  await form.getByTestId('vary-value').fill('0.003');
  await form.getByTestId('add-run-confirm').click();
  await expect(names).toHaveText(['Run 1', 'Run 2 · seed 7', 'Run 3 · lr 0.003']);
  // An on/off setting flips Run 1's value.
  await page.getByTestId('add-run').click();
  await form.getByTestId('vary-setting').selectOption('doubleDqn');
  await form.getByTestId('add-run-confirm').click();
  await expect(names.nth(3)).toHaveText(/^Run 4 · Double DQN (on|off)$/);
});

test('Snake waits for a person, steps at a pace they can follow and takes a tapped key', async ({ page }) => {
  await page.goto('/#/arena');
  await page.getByTestId('game-select').selectOption('Snake-v0');
  await page.getByTestId('play-yourself').check();
  const stage = page.getByTestId('watch-stage');
  await expect(stage).toHaveAttribute('data-ready', 'true');
  // A pace a person can follow: a few steps a second (the agent is watched at the game's real time).
  await expect(stage).toHaveAttribute('data-speed', /^\d+$/);
  const speed = Number(await stage.getAttribute('data-speed'));
  expect(speed).toBeGreaterThanOrEqual(2);
  expect(speed).toBeLessThanOrEqual(10);
  await stage.click();
  const view = page.locator('pg-watch-view');
  const head = () => view.evaluate((el) => JSON.stringify((el as WatchView).snapshot));
  const before = await head();
  expect(JSON.parse(before)).toMatchObject({ heading: 'right', score: 0 });
  // Nothing pressed yet: the snake waits for the player instead of running into the wall.
  await animationFrames(page, 30);
  expect(await head()).toBe(before);
  // A tap (press and release between two steps) turns it: the step after it heads up.
  await page.keyboard.press('ArrowUp');
  const turned = await view.evaluate(
    (el) =>
      new Promise<boolean>((resolve) => {
        const until = performance.now() + 20_000;
        const check = (): void => {
          const s = (el as WatchView).snapshot as { heading?: string } | null;
          if (s?.heading === 'up') resolve(true);
          else if (performance.now() > until) resolve(false);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  expect(turned).toBe(true);
});

test('watching the agent: real time, or as fast as the run trains', async ({ page }) => {
  await page.goto('/#/arena');
  const stage = page.getByTestId('watch-stage');
  // Gymnasium's CartPole renders at 50 frames per second: one step per frame is real time.
  await page.locator('pg-arena-page input[type="range"]').fill('0');
  await expect(stage).toHaveAttribute('data-speed', '1');
  await page.getByTestId('watch-real-time').click();
  await expect(stage).toHaveAttribute('data-speed', '50');
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await page.getByTestId('stats').getAttribute('data-env-steps')), {
      timeout: 120_000,
    })
    .toBeGreaterThan(200);
  // Paused, the run's last measured rate stands still; the watch view takes it as its speed.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('stats')).toHaveAttribute('data-status', 'paused');
  const rate = await page
    .locator('pg-arena-controls .stat', { hasText: 'steps / s' })
    .locator('b')
    .textContent();
  expect(Number(rate)).toBeGreaterThan(0);
  await page.getByTestId('watch-training-speed').click();
  await expect(stage).toHaveAttribute('data-speed', String(Number(rate)));
  await expect(page.getByTestId('watch-speed')).toHaveText(`${Number(rate)} steps/s`);
});

test('FrozenLake says slippery only when it is, and labels start, goal and holes as Gymnasium does', async ({
  page,
}) => {
  await page.goto('/#/arena');
  await page.getByTestId('game-select').selectOption('FrozenLake-v1');
  const intro = page.locator('pg-arena-page p.intro');
  await expect(page.getByLabel('Variant')).toHaveValue('0'); // 4×4, solid ice
  await expect(intro).toContainText('frozen lake');
  await expect(intro).not.toContainText('slippery');
  await page.getByLabel('Variant').selectOption({ label: '4×4, slippery' });
  await expect(intro).toContainText('slippery frozen lake');
  const stage = page.getByTestId('watch-stage');
  await expect(stage).toHaveAttribute('data-ready', 'true');
  // The tiles carry Gymnasium's letters: the 4×4 map SFFF / FHFH / FFFH / HFFG has one S, one G and 4 holes.
  const letters = () =>
    page.locator('pg-watch-view').evaluate((el) =>
      (el as WatchView)
        .canvasTexts()
        .filter((t) => /^[SFHG]$/.test(t))
        .sort()
        .join(''),
    );
  await expect.poll(letters).toBe('GHHHHS');
});

test('n-step returns are a setting: checked in the form, then the run trains with them', async ({ page }) => {
  await page.goto('/#/arena');
  await page.getByText('Hyperparameters of Run 1').click();
  const form = page.locator('pg-dqn-config-form');
  const nStep = form.locator('[data-field="nStep"]');
  await expect(nStep).toHaveValue('1');
  const set = async (value: string) => {
    await nStep.fill(value);
    await nStep.dispatchEvent('change');
  };
  await set('21');
  await expect(form.getByRole('alert')).toContainText('Expected an integer nStep in [1, 20], got 21');
  await expect(page.getByTestId('apply-config')).toBeDisabled();
  await set('3');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await page.getByTestId('apply-config').click();
  await page.getByTestId('train').click();
  const stats = page.getByTestId('stats');
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(5);
  await expect(nStep).toHaveValue('3');
  // The replay shows what a stored transition is now: the discounted sum over n steps, and its n.
  await page.getByText('Replay buffer of Run 1').click();
  await page.getByTestId('peek-replay').click();
  const peek = page.locator('pg-replay-peek');
  await expect(peek.locator('th', { hasText: 'Σ γᵏ r' }).first()).toBeVisible();
  await expect(peek.locator('th', { hasText: /^n$/ }).first()).toBeVisible();
  await expect(peek.locator('tbody td:last-child', { hasText: /^3$/ }).first()).toBeVisible();
});

test('a diverging run pauses itself with a clear message', async ({ page }) => {
  await page.goto('/#/arena');
  await page.getByText('Hyperparameters of Run 1').click();
  const form = page.locator('pg-dqn-config-form');
  const set = async (field: string, value: string) => {
    const input = form.locator(`[data-field="${field}"]`);
    await input.fill(value);
    await input.dispatchEvent('change');
  };
  await set('learningRate', '1e12');
  await set('learningStarts', '64');
  await set('maxGradNorm', '');
  await set('huberDelta', '');
  await form.locator('select').nth(1).selectOption('sgd');
  await page.getByTestId('apply-config').click();
  await page.getByTestId('train').click();
  const stats = page.getByTestId('stats');
  await expect(stats).toHaveAttribute('data-status', 'diverged', { timeout: 60_000 });
  await expect(page.getByTestId('run-message')).toContainText('diverged');
  await expect(page.getByTestId('run-message')).toContainText(
    /last finite weights \(env step [\d,]+\) were restored/,
  );
  // The run can be reset and trained again.
  await page.getByTestId('reset').click();
  await expect(stats).toHaveAttribute('data-status', 'idle');
});

test('a resumed run’s return chart starts with the saved episodes', async ({ page }) => {
  // Two backend choices (train, then resume) on a busy machine can each take a minute.
  test.setTimeout(360_000);
  await page.goto('/#/arena');
  const stats = page.getByTestId('stats');
  const chart = page.getByTestId('return-chart');
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 180_000 });
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(5);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText('Saved', { timeout: 30_000 });
  const episodes = Number(await stats.getAttribute('data-episodes'));
  await expect.poll(async () => (await chartReturns(chart)).length).toBe(episodes);
  const saved = await chartReturns(chart);

  await page.goto('/#/checkpoints');
  await page.getByTestId('checkpoint').first().getByRole('button', { name: 'Resume in the arena' }).click();
  await expect(page.getByTestId('save-message')).toContainText('Resumed', { timeout: 180_000 });
  await expect(stats).toHaveAttribute('data-episodes', String(episodes));
  await expect.poll(() => chartReturns(chart)).toEqual(saved);
  // Training on adds to the same curve.
  await page.getByTestId('train').click();
  await expect
    .poll(async () => (await chartReturns(chart)).length, { timeout: 60_000 })
    .toBeGreaterThan(episodes);
  await page.getByTestId('pause').click();
  await expect.poll(async () => (await chartReturns(chart)).slice(0, episodes)).toEqual(saved);
});
