import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test fails on an uncaught page error or a console error, from the page or its workers.
 * Known harmless noise is listed here, with the reason.
 */
const IGNORED_CONSOLE_ERRORS: RegExp[] = [];

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (!IGNORED_CONSOLE_ERRORS.some((pattern) => pattern.test(text))) errors.push(text);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('worker', (worker) => {
        worker.on('console', (message) => {
          if (message.type() === 'error') errors.push(`worker: ${message.text()}`);
        });
      });
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Resolves after the page has drawn `count` more animation frames. For checks that something does NOT
 * happen (a paused run stays put): the page gets that many chances to change, however busy the machine is,
 * where a fixed sleep would give it fewer the busier the machine.
 */
export async function animationFrames(page: Page, count: number): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const tick = (left: number): void => {
          if (left === 0) resolve();
          else requestAnimationFrame(() => tick(left - 1));
        };
        tick(n);
      }),
    count,
  );
}
