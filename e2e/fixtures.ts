import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { BackendPreference } from '../src/workers/protocol';

/**
 * Every test fails on an uncaught page error or a console error, from the page or its workers.
 * Known harmless noise is listed here, with the reason.
 */
const IGNORED_CONSOLE_ERRORS: RegExp[] = [];

/**
 * Starts every page of `context` with `backend` chosen, as a user who picked it on the System page would,
 * unless the page has stored a choice already (the script runs on every load; a reload keeps the choice).
 * In a fresh profile "auto" starts on a default at once, then times a training step on every backend in a
 * background worker (WebGPU on a software renderer included), which competes with the test's run for the CPU
 * for seconds to tens of seconds; a forced backend also keeps a test's numbers independent of that measurement.
 */
export async function preferBackend(context: BrowserContext, backend: BackendPreference): Promise<void> {
  await context.addInitScript((b) => {
    if (localStorage.getItem('pg.backendPreference') === null)
      localStorage.setItem('pg.backendPreference', b);
  }, backend);
}

export const test = base.extend<{ consoleErrors: string[]; backend: BackendPreference }>({
  /** `test.use({ backend: 'wasm' })` in a spec whose subject is not the backend choice. */
  backend: ['auto', { option: true }],
  context: async ({ context, backend }, use) => {
    if (backend !== 'auto') await preferBackend(context, backend);
    await use(context);
  },
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
