/**
 * The portable math gives the same bits in Chromium as in Node: e2e/support/portable-fingerprint.ts runs
 * here in the test process (Node) and, bundled by Vite from the same sources, in a blank Chromium page, and
 * every fingerprint must match: each portable function over 100k inputs, seeded normal draws, and a 2,000-step
 * CartPole trace. The control fingerprint of Math.sin over the same inputs differs between the two engines
 * (Node 20's V8 and Chromium 156, measured 2026-12-05), which shows that this comparison can fail.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { expect, test } from './fixtures';
import { fingerprints } from './support/portable-fingerprint';

/** The fingerprint module as one classic script that leaves its exports in `PortableFingerprint`. */
async function bundledFingerprints(): Promise<string> {
  const entry = fileURLToPath(new URL('./support/portable-fingerprint.ts', import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'PortableFingerprint' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs[0]!.output.find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('Vite built no chunk for the fingerprint module');
  return chunk.code;
}

test('the portable math and a CartPole trace give the same bits in Chromium as in Node', async ({ page }) => {
  const inNode = fingerprints();
  const script = await bundledFingerprints();
  await page.goto('about:blank');
  await page.addScriptTag({ content: script });
  const inBrowser = await page.evaluate(() =>
    (
      globalThis as unknown as { PortableFingerprint: { fingerprints(): Record<string, string> } }
    ).PortableFingerprint.fingerprints(),
  );
  const { mathSin: nodeMathSin, ...portableNode } = inNode;
  const { mathSin: browserMathSin, ...portableBrowser } = inBrowser;
  expect(portableBrowser).toEqual(portableNode);
  // The control: the engine's own Math.sin over the same inputs is not the same in both.
  const browserVersion = page.context().browser()?.version() ?? '';
  test.info().annotations.push({
    type: 'Math.sin',
    description: `Node ${nodeMathSin}, Chromium ${browserVersion} ${browserMathSin}`,
  });
  if (process.version.startsWith('v20.') && browserVersion.startsWith('156.'))
    expect(browserMathSin).not.toBe(nodeMathSin);
});
