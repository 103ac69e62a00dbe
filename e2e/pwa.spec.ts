import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SwitchableServer } from './support/static-server';
import LEARN_PANELS from '../src/ui/learn/learn-panels.json' with { type: 'json' };
import STUDIO_SECTIONS from '../src/ui/studio/studio-sections.json' with { type: 'json' };

/**
 * The app as an installable, offline PWA. These tests serve the build from their own small server
 * (e2e/support/static-server.ts) so that they can take it down (no network at all, on top of
 * `context.setOffline`) and deploy a second build over the first.
 */

const DIST = 'dist';
const PAGES = [
  { route: 'arena', heading: 'Arena' },
  { route: 'studio', heading: 'Studio' },
  { route: 'learn', heading: 'Learn' },
  { route: 'checkpoints', heading: 'Checkpoints' },
  { route: 'system', heading: 'System' },
];

/** Sections each sectioned page's index lists, from the registries the app renders them from. */
const SECTIONS = {
  learn: LEARN_PANELS.length,
  studio: STUDIO_SECTIONS.length,
};

/**
 * How long installing may take: the service worker precaches the whole build (~17 MB) before it takes
 * control. That is a few seconds on a quiet machine and over a minute on a busy 2-core one, so the wait is
 * on the condition itself, with room for a slow machine, and the tests get three times the usual time.
 */
const INSTALL_TIMEOUT = 240_000;

test.use({ serviceWorkers: 'allow' });

let server: SwitchableServer;

test.beforeEach(async () => {
  test.slow();
  server = await SwitchableServer.start(DIST);
});

test.afterEach(async () => {
  await server.close();
});

/** Opens the app online and waits until its service worker has cached everything and controls the page. */
async function installApp(page: Page, route = '#/arena'): Promise<void> {
  await page.goto(`${server.url}/${route}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: INSTALL_TIMEOUT,
    polling: 500,
  });
  await expect(page.getByTestId('offline-ready')).toBeVisible();
}

/** Cuts the network twice over: the browser is offline and the server closes every connection. */
async function goOffline(context: BrowserContext): Promise<void> {
  server.setDown(true);
  await context.setOffline(true);
}

/** Loads `hash` as a fresh document (a deep link typed or opened from elsewhere), not a hash change. */
async function openFresh(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server.url}/${hash}`);
}

/** Section ids listed by a sectioned page's index (rendered from its section registries). */
async function sectionIds(page: Page, base: 'learn' | 'studio'): Promise<string[]> {
  await openFresh(page, `#/${base}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const cards = page.locator('[data-section]');
  await expect(cards).toHaveCount(SECTIONS[base]); // the index renders after the route: wait for all of it
  return cards.evaluateAll((links) => links.map((c) => c.getAttribute('data-section')!));
}

/**
 * Opens a section by its hash (same document, as a click would) and waits until the section's own element
 * is defined, i.e. its lazily loaded chunk came from the cache.
 */
async function expectSectionLoaded(page: Page, base: string, id: string): Promise<void> {
  await page.goto(`${server.url}/#/${base}/${id}`);
  const body = page.locator('pg-sectioned-page nav.crumbs ~ *').first();
  await expect(body).toBeAttached();
  await expect(page.getByText(/Could not load/)).toHaveCount(0);
  await expect
    .poll(() => body.evaluate((element) => customElements.get(element.localName) !== undefined), {
      message: `#/${base}/${id} renders its section element`,
    })
    .toBe(true);
  await expect(page.getByText(/Could not load/)).toHaveCount(0);
}

test('the manifest has what an install needs, and the service worker controls the page', async ({
  page,
  browser,
  launchOptions,
}) => {
  await installApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return {
      type: response.headers.get('content-type'),
      json: (await response.json()) as Record<string, unknown>,
    };
  }, href!);
  const json = manifest.json;
  expect(json).toMatchObject({
    id: '/',
    name: 'RL & GAN Playground',
    short_name: 'Playground',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#4f46e5',
    background_color: '#f7f7fb',
  });
  const icons = json.icons as { src: string; sizes: string; type: string; purpose: string }[];
  const has = (sizes: string, purpose: string): boolean =>
    icons.some((icon) => icon.sizes === sizes && icon.purpose.split(' ').includes(purpose));
  expect(has('192x192', 'any')).toBe(true);
  expect(has('512x512', 'any')).toBe(true);
  expect(has('512x512', 'maskable')).toBe(true);

  // Every icon exists, decodes, and has the size the manifest claims.
  for (const icon of icons.filter((i) => i.type === 'image/png')) {
    const size = await page.evaluate(async (src) => {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      return `${bitmap.width}x${bitmap.height}`;
    }, icon.src);
    expect(size, icon.src).toBe(icon.sizes);
  }
  const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  expect(await page.evaluate(async (src) => (await fetch(src)).ok, appleIcon!)).toBe(true);

  const cdp = await page.context().newCDPSession(page);
  expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);

  const controller = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { script: navigator.serviceWorker.controller?.scriptURL, scope: registration.scope };
  });
  expect(controller).toEqual({ script: `${server.url}/sw.js`, scope: `${server.url}/` });

  // The precache holds every file of the build that the app can load: each JS chunk (Phaser, tfjs, the
  // workers), the tfjs .wasm binaries, the MNIST asset, icons; not source maps, not the bench page.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        urls.push(new URL(request.url).pathname);
      }
    }
    return urls.sort();
  });
  const built = (await readdir(DIST, { recursive: true }))
    .map((file) => `/${file.split(sep).join('/')}`)
    .filter(
      (path) => !/\.map$|^\/sw\.js$|^\/bench\.html$|^\/assets\/bench-/.test(path) && extname(path) !== '',
    )
    .sort();
  expect(cached).toEqual(built);
  // The plain and SIMD WASM binaries; the threaded one is left out of the build (threads are off).
  expect(cached.filter((path) => path.endsWith('.wasm'))).toHaveLength(2);
  expect(cached).toContain('/data/mnist-10k.bin');
  // Persistent storage was asked for once (browsers may say no; that is not an error).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('pg-storage-persist-asked')))
    .toBe('browser');

  // Chromium's own verdict on installability. Test contexts are incognito, where nothing installs: ask a
  // normal profile.
  const profile = await mkdtemp(join(tmpdir(), 'pg-pwa-profile-'));
  const normal = await browser.browserType().launchPersistentContext(profile, launchOptions);
  try {
    const tab = normal.pages()[0] ?? (await normal.newPage());
    await tab.goto(`${server.url}/#/arena`);
    await tab.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: INSTALL_TIMEOUT,
      polling: 500,
    });
    const session = await normal.newCDPSession(tab);
    const { installabilityErrors } = await session.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
  } finally {
    await normal.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('offline, every route and section renders from the cache, deep links included', async ({
  page,
  context,
}) => {
  await installApp(page);
  const learn = await sectionIds(page, 'learn');
  const studio = await sectionIds(page, 'studio');
  await goOffline(context);

  await page.reload();
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  for (const { route, heading } of PAGES) {
    await openFresh(page, `#/${route}`);
    await expect(page.locator('main#page')).toHaveAttribute('data-page', route);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  for (const id of learn) await expectSectionLoaded(page, 'learn', id);
  for (const id of studio) await expectSectionLoaded(page, 'studio', id);

  // A deep link by hash, and a path the server never had: both get the cached shell.
  await openFresh(page, '#/learn/activations');
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'learn');
  await page.goto(`${server.url}/some/old/link`);
  await expect(page.locator('main#page')).toHaveAttribute('data-page', 'home');
  await expect(page.getByTestId('preview-play')).toHaveAttribute('data-playing', 'true');
  // The System page's worker loads tfjs and probes every backend, the wasm binaries included, from the cache.
  await openFresh(page, '#/system');
  await expect(page.getByTestId('backend-card')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.locator('tr[data-backend="wasm"]')).toHaveAttribute('data-ok', 'true');
  // The MNIST digits for the studio come whole from the cache.
  const mnistBytes = await page.evaluate(
    async () => (await (await fetch('/data/mnist-10k.bin')).arrayBuffer()).byteLength,
  );
  expect(mnistBytes).toBe((await stat(join(DIST, 'data', 'mnist-10k.bin'))).size);

  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('offline-badge')).toHaveCount(0);
});

test('offline, CartPole trains, a checkpoint is saved, and its share link opens', async ({
  page,
  context,
}) => {
  await installApp(page);
  await goOffline(context);
  await page.reload();

  await page.goto(`${server.url}/#/arena`);
  const stats = page.getByTestId('stats');
  await page.getByTestId('train').click();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-episodes')), { timeout: 60_000 })
    .toBeGreaterThan(3);
  await page.getByTestId('pause').click();
  await expect(stats).toHaveAttribute('data-status', 'paused');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-message')).toContainText('Saved', { timeout: 30_000 });

  await page.goto(`${server.url}/#/checkpoints`);
  await expect(page.getByTestId('checkpoint')).toHaveCount(1);
  await page.getByTestId('share').first().click();
  await page.getByTestId('share-quantization').selectOption('int8');
  await page.getByTestId('make-link').click();
  await expect(page.getByTestId('share-verdict')).toHaveAttribute('data-quantization', 'int8', {
    timeout: 60_000,
  });
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#/share/');

  // The link opened in another tab, still offline: a full page load from the service worker.
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('shared-checkpoint')).toBeVisible();
  await expect(other.getByTestId('verified-score')).toContainText('mean return', { timeout: 30_000 });
  await other.close();
});

test('offline, the 2-D GAN trains', async ({ page, context }) => {
  await installApp(page);
  expect(await sectionIds(page, 'studio')).toContain('gan-2d');
  await goOffline(context);
  await openFresh(page, '#/studio/gan-2d');
  await page.getByTestId('train').click();
  const stats = page.locator('[data-iterations]').first();
  await expect
    .poll(async () => Number(await stats.getAttribute('data-iterations')), { timeout: 60_000 })
    .toBeGreaterThan(20);
});

const run = promisify(execFile);

test.describe('a second deployment', () => {
  let v2Dir = '';
  const buildId = `e2e-${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    v2Dir = await mkdtemp(join(tmpdir(), 'pg-pwa-v2-'));
    // A real second build of the same source, told apart by its build label (src/version.ts).
    await run(
      'npx',
      ['vite', 'build', '--outDir', v2Dir, '--emptyOutDir', '--sourcemap', 'false', '--logLevel', 'warn'],
      {
        env: { ...process.env, PG_BUILD_ID: buildId },
      },
    );
  });

  test.afterAll(async () => {
    if (v2Dir) await rm(v2Dir, { recursive: true, force: true });
  });

  test('is offered, never swapped in silently, and keeps the checkpoints', async ({ page }) => {
    await installApp(page);
    await expect(page.getByTestId('app-version')).toHaveText(/^v\d/);
    const v1 = (await page.getByTestId('app-version').textContent())!;
    expect(v1).not.toContain(buildId);

    // Training must still be running when the new version arrives, a minute later: the preset solves CartPole
    // in a few thousand env steps and would stop there, so this run plans many more and trains on past a solve.
    await page.getByText('Hyperparameters of Run 1').click();
    const totalSteps = page.locator('pg-dqn-config-form [data-field="totalSteps"]');
    await totalSteps.fill('100000000');
    await totalSteps.dispatchEvent('change');
    await page.getByTestId('apply-config').click();
    await page.getByTestId('stop-when-solved').uncheck();

    // A checkpoint in IndexedDB: saving a fresh run plays its first episode and stores it.
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-message')).toContainText('Saved', { timeout: 30_000 });

    // Training is running when the new version arrives.
    const stats = page.getByTestId('stats');
    await page.getByTestId('train').click();
    await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 30_000 });

    server.serveFrom(v2Dir);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('A new version is ready', { timeout: 60_000 });
    await expect(page.getByTestId('update-stops-work')).toContainText('reloading will stop it');
    await expect(page.getByTestId('app-version')).toHaveText(v1);

    await page.getByTestId('pause').click();
    await expect(stats).toHaveAttribute('data-status', 'paused');
    await expect(page.getByTestId('update-stops-work')).toHaveCount(0);

    // A plain reload keeps the running version: the new one waits for the user's go-ahead.
    await page.reload();
    await expect(page.getByTestId('app-version')).toHaveText(v1);
    await expect(banner).toContainText('A new version is ready', { timeout: 30_000 });

    await page.getByTestId('update-reload').click();
    await expect(page.getByTestId('app-version')).toHaveText(`v${v1.slice(1).split('+')[0]}+${buildId}`, {
      timeout: 30_000,
    });
    await expect(banner).not.toContainText('A new version is ready');

    await page.goto(`${server.url}/#/checkpoints`);
    await expect(page.getByTestId('checkpoint')).toHaveCount(1);
    await expect(page.getByTestId('checkpoint').first()).toContainText('CartPole-v1');
  });
});
