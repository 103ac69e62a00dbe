// Bench scenarios of a first visit, run from Node with Playwright on fresh browser contexts (an empty cache,
// no service worker, no stored backend measurement): what the offline cache holds, what a first visit of the
// arena downloads before its game is drawn, and how long Train takes to reach the first gradient step.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist';
const MB = 1e6;

/** The files the service worker precaches (its injected manifest in dist/sw.js) and their bytes. */
export function precacheBytes() {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
  const sizes = urls.map((url) => ({ url, bytes: statSync(join(DIST, url)).size }));
  const bytes = sizes.reduce((sum, s) => sum + s.bytes, 0);
  return {
    goal: 'at most 8 MB',
    entries: urls.length,
    bytes,
    megabytes: +(bytes / MB).toFixed(2),
    largest: sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 6),
  };
}

/** Counts the response bytes of a context (the page's and its workers' and service worker's). */
function countBytes(context) {
  const seen = [];
  let frozen = null;
  context.on('requestfinished', (request) => {
    const entry = {
      url: request.url(),
      sizes: request.sizes().catch(() => null),
      // The service worker's own fetches (its precache), as opposed to what the page and its workers load.
      byServiceWorker: request.serviceWorker() !== null,
    };
    seen.push(entry);
    entry.beforeMark = frozen === null;
  });
  const total = async (filter) => {
    let bytes = 0;
    for (const entry of seen.filter(filter)) {
      const sizes = await entry.sizes;
      if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    }
    return bytes;
  };
  return {
    mark: () => (frozen = seen.length),
    before: () => total((e) => e.beforeMark),
    pageBefore: () => total((e) => e.beforeMark && !e.byServiceWorker),
    all: () => total(() => true),
    largestBefore: async () => {
      const rows = [];
      for (const e of seen.filter((x) => x.beforeMark)) {
        const s = await e.sizes;
        if (s)
          rows.push({
            url: new URL(e.url).pathname,
            bytes: s.responseBodySize,
            byServiceWorker: e.byServiceWorker,
          });
      }
      return rows.sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    },
  };
}

/** Bytes a first visit of #/arena downloads until the game is drawn, and until the network is idle. */
export async function arenaFirstVisitBytes(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const bytes = countBytes(context);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(new URL('#/arena', baseUrl).href);
    await page.locator('[data-testid=watch-stage][data-ready=true]').waitFor({ timeout: 120_000 });
    bytes.mark();
    const drawnMs = Date.now() - t0;
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(3000); // the service worker's precache runs after the load event
    await page.waitForLoadState('networkidle');
    const before = await bytes.before();
    const pageBefore = await bytes.pageBefore();
    const all = await bytes.all();
    return {
      goal: 'at most 3 MB before the game is drawn',
      bytesBeforeDrawn: before,
      megabytesBeforeDrawn: +(before / MB).toFixed(2),
      // What the page itself (and its workers) loaded; the rest is the service worker precaching in parallel.
      pageMegabytesBeforeDrawn: +(pageBefore / MB).toFixed(2),
      drawnMs,
      largestBeforeDrawn: await bytes.largestBefore(),
      megabytesWithPrecache: +(all / MB).toFixed(2),
    };
  } finally {
    await context.close();
  }
}

/**
 * Seconds from the click on Train to the first gradient step, on a fresh profile (no stored measurement), and
 * from navigation to the Train button being usable (the 2-D GAN lab sets up its worker on load).
 */
async function trainToFirstStep(browser, baseUrl, { route, ready, stats, started }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const loaded = Date.now();
    await page.goto(new URL(route, baseUrl).href);
    await page.locator(ready).waitFor({ timeout: 180_000 });
    const readySeconds = (Date.now() - loaded) / 1000;
    const t0 = Date.now();
    await page.getByTestId('train').first().click();
    await page.locator(`${stats}[data-status=training]`).first().waitFor({ timeout: 180_000 });
    const trainingSeconds = (Date.now() - t0) / 1000;
    await page.locator(started).first().waitFor({ timeout: 180_000 });
    const seconds = (Date.now() - t0) / 1000;
    const backend = await page.locator(stats).first().getAttribute('data-backend');
    const why = await page
      .getByText(/default for|Fastest for|forced/)
      .first()
      .textContent({ timeout: 5000 })
      .catch(() => null);
    return {
      seconds: +seconds.toFixed(2),
      // The run's status turned "training": the worker is up, the backend chosen, the model built.
      trainingSeconds: +trainingSeconds.toFixed(2),
      readySeconds: +readySeconds.toFixed(2),
      backend,
      why: why?.trim() ?? null,
    };
  } finally {
    await context.close();
  }
}

export async function firstVisit(browser, baseUrl) {
  return {
    goal: 'the first gradient step within 2 s of clicking Train',
    arena: await trainToFirstStep(browser, baseUrl, {
      route: '#/arena',
      ready: '[data-testid=watch-stage][data-ready=true]',
      stats: '[data-testid=stats]',
      started: '[data-testid=stats]:not([data-gradient-steps="0"]):not([data-gradient-steps=""])',
    }),
    gan2d: await trainToFirstStep(browser, baseUrl, {
      route: '#/studio/gan-2d',
      ready: '[data-testid=gan-stats][data-status=paused]',
      stats: '[data-testid=gan-stats]',
      started: '[data-testid=gan-stats]:not([data-iterations="0"])',
    }),
  };
}
