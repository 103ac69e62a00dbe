// `npm run bench`: serves the built app, runs the benchmark scenarios in headless Chromium (inside the
// app's own workers), prints one JSON object and writes it to bench/results/latest.json.
// Benchmarks report; they do not pass or fail. Usage: node bench/run.mjs [scenario ...]
import { mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

const wanted = process.argv.slice(2);
const server = await preview({
  preview: { port: 4174, host: '127.0.0.1', strictPort: false },
  logLevel: 'error',
});
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4174/';
const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.text().startsWith('[bench]')) process.stderr.write(`${message.text()}\n`);
  });
  await page.goto(new URL('bench.html', url).href);
  await page.waitForFunction(() => 'pgBench' in window);
  const scenarios = await page.evaluate(
    (names) => window.pgBench.run(names.length > 0 ? names : undefined),
    wanted,
  );
  let commit = null;
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // not a git checkout
  }
  const report = {
    date: new Date().toISOString(),
    commit,
    browser: `Chromium ${browser.version()} (headless)`,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    scenarios,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.close();
}
