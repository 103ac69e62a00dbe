// `npm run bench`: serves the built app, runs the benchmark scenarios in headless Chromium (inside the
// app's own workers), prints one JSON object and writes it to bench/results/latest.json.
// Benchmarks report; they do not pass or fail. Usage: node bench/run.mjs [scenario ...]
// (npm run bench -- cartpoleSolve). With no names, every scenario runs (about 15-25 minutes here).
// The solve scenarios read SEEDS (e.g. 1-10), STEPS (env-step budget), KEEP_TRAINING=1 and OVERRIDES (JSON of
// preset fields to change for a trial) from the environment.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { decoderWorstCase } from './decoders.mjs';
import { arenaFirstVisitBytes, firstVisit, precacheBytes } from './first-visit.mjs';

const wanted = process.argv.slice(2);
/** Options of the solve scenarios (strings, checked in the page); absent ones take the scenario's default. */
const solveOptions = Object.fromEntries(
  [
    ['seeds', process.env.SEEDS],
    ['steps', process.env.STEPS],
    ['keepTraining', process.env.KEEP_TRAINING],
    ['overrides', process.env.OVERRIDES],
  ].filter(([, value]) => value !== undefined),
);

/**
 * Main-thread long tasks (> 50 ms) over 10 s of CartPole training in the real arena page, with the watch
 * view drawing. The goal is none: training lives in the worker.
 */
async function arenaLongTasks(browser, baseUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(new URL('#/arena', baseUrl).href);
    await page.getByTestId('train').click();
    await page.locator('[data-testid=stats][data-status=training]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => (window.__longTasks.length = 0));
    const before = Number(await page.getByTestId('stats').getAttribute('data-env-steps'));
    await page.waitForTimeout(10_000);
    const after = Number(await page.getByTestId('stats').getAttribute('data-env-steps'));
    const durations = await page.evaluate(() => window.__longTasks.slice());
    return {
      goal: 'no main-thread task over 50 ms while training with the watch view running',
      seconds: 10,
      longTasks: durations.length,
      longestMs: durations.length ? Math.max(...durations) : 0,
      durationsMs: durations,
      envStepsPerSecDuring: Math.round((after - before) / 10),
    };
  } finally {
    await page.close();
  }
}

/**
 * Main-thread long tasks (> 50 ms) over 10 s of 2-D GAN training in the real studio page, with the plane
 * (heat map, samples, arrows) and the charts drawing. The goal is none: training lives in the worker.
 */
async function studioLongTasks(browser, baseUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(new URL('#/studio/gan-2d', baseUrl).href);
    const stats = page.getByTestId('gan-stats');
    await page.locator('[data-testid=gan-stats][data-status=paused]').waitFor({ timeout: 120_000 });
    await page.getByTestId('layer-manifold').check();
    await page.getByTestId('train').click();
    await page.locator('[data-testid=gan-stats][data-status=training]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000); // the first snapshots and chart builds are not the steady state
    await page.evaluate(() => (window.__longTasks.length = 0));
    const before = Number(await stats.getAttribute('data-iterations'));
    await page.waitForTimeout(10_000);
    const after = Number(await stats.getAttribute('data-iterations'));
    const durations = await page.evaluate(() => window.__longTasks.slice());
    return {
      goal: 'no main-thread task over 50 ms while training with the plane and charts drawing',
      seconds: 10,
      backend: await stats.getAttribute('data-backend'),
      longTasks: durations.length,
      longestMs: durations.length ? Math.max(...durations) : 0,
      durationsMs: durations,
      iterationsPerSecDuring: Math.round((after - before) / 10),
    };
  } finally {
    await page.close();
  }
}

const NODE_SCENARIOS = {
  arenaLongTasks,
  studioLongTasks,
  /** Worst CPU time and memory of the share-link and file decoders over hostile inputs (no browser). */
  decoderWorstCase: () => decoderWorstCase(),
  /** Bytes the service worker precaches for offline use (goal: at most 8 MB). */
  precacheBytes: () => precacheBytes(),
  /** Bytes the page and its workers fetch on a first visit of #/arena before the game is drawn (goal: 3 MB). */
  arenaFirstVisitBytes,
  /** Seconds from Train to the first gradient step on a fresh profile: arena, 2-D GAN, digit GAN (goal: 2 s). */
  firstVisit,
};
const server = await preview({
  preview: { port: 4174, host: '127.0.0.1', strictPort: false },
  logLevel: 'error',
});
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4174/';

/** HEAD's short hash, with "-dirty" when tracked files differ from it (the build measured then is not HEAD). */
function gitCommit() {
  const git = (command) =>
    execSync(command, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const dirty = git('git status --porcelain --untracked-files=no') !== '';
    return git('git rev-parse --short HEAD') + (dirty ? '-dirty' : '');
  } catch {
    return null; // not a git checkout
  }
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    // The 1-minute load average when the run started (and ended): on a busy machine everything is slower.
    loadAverage: { start: os.loadavg()[0], end: null },
  };
}

const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
const scenarios = {};
const report = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  browser: `Chromium ${browser.version()} (headless)`,
  machine: machineInfo(),
  scenarios,
};
/** Written after every scenario, so a long run that is stopped still leaves what it measured. */
function save() {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
}
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.text().startsWith('[bench]')) process.stderr.write(`${message.text()}\n`);
  });
  await page.goto(new URL('bench.html', url).href);
  await page.waitForFunction(() => 'pgBench' in window);
  const pageNames = await page.evaluate(() => window.pgBench.scenarios);
  const unknown = wanted.filter((name) => !pageNames.includes(name) && !(name in NODE_SCENARIOS));
  if (unknown.length > 0) {
    console.error(
      `Unknown scenarios: ${unknown.join(', ')}. Known: ${[...pageNames, ...Object.keys(NODE_SCENARIOS)].join(', ')}`,
    );
  }
  for (const name of pageNames) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    Object.assign(
      scenarios,
      await page.evaluate(([names, options]) => window.pgBench.run(names, options), [[name], solveOptions]),
    );
    save();
  }
  for (const [name, scenario] of Object.entries(NODE_SCENARIOS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    process.stderr.write(`[bench] scenario ${name}\n`);
    const start = Date.now();
    try {
      scenarios[name] = { result: await scenario(browser, url), wallMs: Date.now() - start };
    } catch (error) {
      scenarios[name] = { error: error instanceof Error ? error.message : String(error) };
    }
    save();
  }
  report.machine.loadAverage.end = os.loadavg()[0];
  save();
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.close();
}
