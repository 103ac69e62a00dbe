import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const executablePath: string | undefined = findChromium() ?? undefined;
/** PG_PORT lets several checkouts on one machine run their e2e tests side by side. */
const port = Number(process.env.PG_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  // Room for a busy machine: the longest tests train for real (a minute on a quiet 2-core machine).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    // Feature tests need no offline cache; installing ~15 MB of precache in every context costs CI time.
    // e2e/pwa.spec.ts allows service workers for itself.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
