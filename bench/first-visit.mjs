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

/** Counts the response bytes (bodies and headers) of every request of a context: its pages and their workers. */
function countBytes(context) {
  const seen = [];
  let marked = null;
  context.on('requestfinished', (request) => {
    seen.push({ url: request.url(), sizes: request.sizes().catch(() => null) });
  });
  const rows = async (entries) => {
    const out = [];
    for (const entry of entries) {
      const sizes = await entry.sizes;
      if (sizes) out.push({ url: entry.url, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    }
    return out;
  };
  return {
    mark: () => (marked = seen.length),
    before: async () => rows(seen.slice(0, marked ?? seen.length)),
    all: async () => rows(seen),
  };
}

const sum = (rows) => rows.reduce((total, row) => total + row.bytes, 0);

/**
 * Bytes a first visit of #/arena fetches until the game is drawn. Service workers are blocked in this context,
 * so the count is what the page and its workers load, and does not depend on how far the service worker's
 * background precache (precacheBytes; it starts after the load event) has got by then.
 */
export async function arenaFirstVisitBytes(browser, baseUrl) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
  });
  try {
    const bytes = countBytes(context);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(new URL('#/arena', baseUrl).href);
    await page.locator('[data-testid=watch-stage][data-ready=true]').waitFor({ timeout: 120_000 });
    bytes.mark();
    const drawnMs = Date.now() - t0;
    await page.waitForLoadState('networkidle');
    const before = await bytes.before();
    const all = await bytes.all();
    return {
      goal: 'at most 3 MB before the game is drawn',
      counted:
        'responses to the page and its workers (service workers blocked: the offline precache is precacheBytes)',
      bytesBeforeDrawn: sum(before),
      megabytesBeforeDrawn: +(sum(before) / MB).toFixed(2),
      requestsBeforeDrawn: before.length,
      drawnMs,
      largestBeforeDrawn: before
        .map((row) => ({ url: new URL(row.url).pathname, bytes: row.bytes }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 5),
      megabytesUntilIdle: +(sum(all) / MB).toFixed(2),
    };
  } finally {
    await context.close();
  }
}

/**
 * Watches the page from the click on: the click event's time stamp, and the first animation frame that shows
 * an element matching each target (`selector`, and with `notText`, whose text is not that), looked for through
 * shadow roots on every frame, all on the page's clock. Playwright's own waits check less and less often (up
 * to 500 ms apart) and its click waits for checks of its own before it dispatches (up to 0.7 s on a busy
 * machine): timed from outside, each added up to half a second to these times.
 */
function watchFirstFrames(targets) {
  const shows = ({ selector, notText = null }) => {
    const find = (root) => {
      for (const hit of root.querySelectorAll(selector))
        if (notText === null || hit.textContent.trim() !== notText) return true;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && find(el.shadowRoot)) return true;
      return false;
    };
    return find(window.document);
  };
  const seen = { clickAt: null, shownAt: targets.map(() => null) };
  window.__firstFrames = seen;
  window.document.addEventListener('click', (event) => (seen.clickAt ??= event.timeStamp), {
    capture: true,
    once: true,
  });
  const tick = () => {
    if (seen.clickAt !== null) {
      const now = window.performance.now();
      targets.forEach((target, i) => {
        if (seen.shownAt[i] === null && shows(target)) seen.shownAt[i] = now;
      });
    }
    if (seen.shownAt.includes(null)) window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
}

/**
 * Seconds from the click on Train to the first gradient step shown, on a fresh profile (no stored measurement),
 * and from navigation to the Train button being usable (the 2-D GAN lab sets up its worker on load).
 */
async function trainToFirstStep(browser, baseUrl, { route, ready, stats, started, backendOf }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const loaded = Date.now();
    await page.goto(new URL(route, baseUrl).href);
    await page.locator(ready).waitFor({ timeout: 180_000 });
    const readySeconds = (Date.now() - loaded) / 1000;
    await page.evaluate(watchFirstFrames, [{ selector: `${stats}[data-status=training]` }, started]);
    await page.getByTestId('train').first().click();
    const seen = await page
      .waitForFunction(() => !window.__firstFrames.shownAt.includes(null) && window.__firstFrames, null, {
        timeout: 180_000,
      })
      .then((handle) => handle.jsonValue());
    const [trainingAt, startedAt] = seen.shownAt;
    const backend = backendOf
      ? await page.locator(backendOf).first().textContent()
      : await page.locator(stats).first().getAttribute('data-backend');
    const why = await page
      .getByText(/default for|Fastest for|forced/)
      .first()
      .textContent({ timeout: 5000 })
      .catch(() => null);
    return {
      seconds: +((startedAt - seen.clickAt) / 1000).toFixed(2),
      // The run's status turned "training": the worker is up, the backend chosen, the model built.
      trainingSeconds: +((trainingAt - seen.clickAt) / 1000).toFixed(2),
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
      started: {
        selector: '[data-testid=stats]:not([data-gradient-steps="0"]):not([data-gradient-steps=""])',
      },
    }),
    gan2d: await trainToFirstStep(browser, baseUrl, {
      route: '#/studio/gan-2d',
      ready: '[data-testid=gan-stats][data-status=paused]',
      stats: '[data-testid=gan-stats]',
      started: { selector: '[data-testid=gan-stats]:not([data-iterations="0"])' },
    }),
    // An image model: the digit GAN (its first start also fetches the MNIST digits).
    digitGan: await trainToFirstStep(browser, baseUrl, {
      route: '#/studio/digit-gan',
      ready: '[data-testid=train]:not([disabled])',
      stats: '[data-testid=run-stats]',
      started: { selector: '[data-testid=stat-iteration]', notText: '0' },
      backendOf: '[data-testid=backend]',
    }),
  };
}
