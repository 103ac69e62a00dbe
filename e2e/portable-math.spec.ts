/**
 * The portable math gives the same bits in Chromium as in Node: e2e/support/portable-fingerprint.ts runs
 * here in the test process (Node) and, bundled by Vite from the same sources, in a blank Chromium page, and
 * every fingerprint must match: each portable function over 100k inputs, seeded normal draws, and a 2,000-step
 * CartPole trace. The control fingerprint of Math.sin over the same inputs differs between the two engines
 * (Node 20's V8 and Chromium 156, measured 2026-12-05), which shows that this comparison can fail.
 *
 * The second test is what the portable math is for: a seeded DQN run (CartPole, prioritized replay,
 * typed-array engine with the SIMD kernels) ends in the same weights in both engines 12,000 env steps in.
 * With Math.* in the sims, Rng.normal, PER and the activations, it fails at the 11,000-step check (seed 2
 * drifted apart at env step 10,457).
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { expect, test } from './fixtures';
import { JsDqnAgent } from '../src/agents/js-dqn';
import { initialQNetworkWeights } from '../src/agents/q-network';
import type { NamedWeight } from '../src/storage/checkpoint';
import { DRIFT_CONFIG, dqnRun, type PlainWeight } from './support/dqn-fingerprint';
import { fingerprints } from './support/portable-fingerprint';

/** A support module as one classic script that leaves its exports in the global `Bundled`. */
async function bundled(file: string): Promise<string> {
  const entry = fileURLToPath(new URL(`./support/${file}`, import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'Bundled' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs[0]!.output.find((item) => item.type === 'chunk');
  if (!chunk) throw new Error(`Vite built no chunk for ${file}`);
  return chunk.code;
}

test('the portable math and a CartPole trace give the same bits in Chromium as in Node', async ({ page }) => {
  const inNode = fingerprints();
  const script = await bundled('portable-fingerprint.ts');
  await page.goto('about:blank');
  await page.addScriptTag({ content: script });
  const inBrowser = await page.evaluate(() =>
    (globalThis as unknown as { Bundled: { fingerprints(): Record<string, string> } }).Bundled.fingerprints(),
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

test('a seeded DQN CartPole run with prioritized replay gives the same weights in Chromium as in Node', async ({
  page,
}) => {
  // Seed 2 drifted apart at env step 10,457 with the engines' own Math.*; 12,000 steps go past it.
  const seed = 2;
  const steps = 12_000;
  let initial: NamedWeight[] = [];
  new JsDqnAgent({ ...DRIFT_CONFIG, seed }, 4, 2, (spec) => (initial = initialQNetworkWeights(spec)));
  const plain: PlainWeight[] = initial.map((w) => ({ name: w.name, shape: w.shape, data: [...w.data] }));
  const inNode = dqnRun(plain, seed, steps);
  await page.goto('about:blank');
  await page.addScriptTag({ content: await bundled('dqn-fingerprint.ts') });
  const inBrowser = await page.evaluate(
    ([weights, s, n]) =>
      (
        globalThis as unknown as {
          Bundled: { dqnRun(initial: PlainWeight[], seed: number, steps: number): string[] };
        }
      ).Bundled.dqnRun(weights, s, n),
    [plain, seed, steps] as const,
  );
  expect(inNode[0]).toBe('simd=true');
  expect(inBrowser).toEqual(inNode);
});
