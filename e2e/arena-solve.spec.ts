import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// WASM from the start: these tests are about evaluation and solving, not the backend choice.
test.use({ backend: 'wasm' });

/** Trains until the worker's first greedy evaluation shows, then pauses (or the run stopped, solved). */
async function trainUntilEvaluated(page: Page): Promise<void> {
  await page.getByTestId('train').click();
  await expect(page.getByTestId('evaluation')).toHaveAttribute('data-mean', /\d/, { timeout: 180_000 });
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click();
  await expect(page.getByTestId('stats')).toHaveAttribute('data-status', /paused|finished/, {
    timeout: 30_000,
  });
}

async function expectNoEvaluation(page: Page): Promise<void> {
  await expect(page.getByTestId('evaluation')).not.toHaveAttribute('data-mean', /./);
  await expect(page.getByTestId('solved')).toHaveCount(0);
  await expect(page.getByTestId('stat-greedy')).toHaveText('—');
  await expect(page.getByTestId('stat-solved')).toHaveText('—');
}

test('what a run measured goes with the run: a game switch or Reset clears its evaluation and solve', async ({
  page,
}) => {
  await page.goto('/#/arena');
  await page.getByTestId('game-select').selectOption('Catch-v0');
  await expect(page.getByTestId('solve-rule')).toContainText('over 20 episodes reaches 8');

  await trainUntilEvaluated(page);
  await expect(page.getByTestId('stat-greedy')).not.toHaveText('—');

  // Another game: nothing of the Catch run may show, least of all "solved".
  await page.getByTestId('game-select').selectOption('FrozenLake-v1');
  await expect(page.getByTestId('solve-rule')).toContainText('greedy success rate over 100 episodes');
  await expectNoEvaluation(page);

  // Back to Catch, train, then Reset: the same.
  await page.getByTestId('game-select').selectOption('Catch-v0');
  await trainUntilEvaluated(page);
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('stats')).toHaveAttribute('data-env-steps', '0');
  await expectNoEvaluation(page);
});
