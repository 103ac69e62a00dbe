/**
 * Every checkpoint kind goes through #/checkpoints: stored (imported from a fixture made by the app's own
 * models, see support/kind-checkpoints.ts), exported as a file by the worker that owns the kind, deleted,
 * imported back from that file, and resumed in its page at the saved iteration or step.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { readLayersModelFile } from '../src/storage/export-file';
import { MODEL_KINDS, type ModelKindId } from '../src/ui/model-kinds';
import { test, expect } from './fixtures';
import { kindFixtures, type KindFixture } from './support/kind-checkpoints';

let fixtures: Record<ModelKindId, KindFixture>;
test.beforeAll(async () => {
  fixtures = await kindFixtures();
});

/** What the resumed page shows: its iteration, step or env-step count. */
const RESUMED: Record<ModelKindId, (page: Page, count: number) => Promise<void>> = {
  dqn: async (page, count) => {
    await expect(page.getByTestId('save-message')).toContainText('Resumed', { timeout: 60_000 });
    await expect(page.getByTestId('stats')).toHaveAttribute('data-env-steps', String(count));
  },
  'gan-2d': async (page, count) => {
    await expect(page.getByTestId('gan-notice')).toContainText('Resumed', { timeout: 60_000 });
    await expect(page.getByTestId('gan-stats')).toHaveAttribute('data-iterations', String(count));
  },
  'digit-gan': (page, count) => studioResumed(page, count),
  autoencoder: (page, count) => studioResumed(page, count),
  vae: (page, count) => studioResumed(page, count),
  classifier: async (page, count) => {
    const card = page.getByTestId('classifier-card');
    await expect(card).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
    await expect(card).toHaveAttribute('data-steps', String(count));
  },
  'sequence-rnn': async (page, count) => {
    await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
    await expect(page.getByTestId('rnn-steps')).toHaveText(String(count));
  },
  transformer: async (page, count) => {
    await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
    await expect(page.getByTestId('attn-steps')).toHaveText(String(count));
  },
};

async function studioResumed(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('save-message')).toContainText(`Resumed`, { timeout: 60_000 });
  await expect(page.getByTestId('run-stats')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('stat-iteration')).toHaveText(String(count));
}

async function importFile(page: Page, name: string, buffer: Buffer): Promise<Locator> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/zip', buffer });
  await expect(page.getByTestId('checkpoint-notice')).toContainText('Imported');
  return page.getByTestId('checkpoint');
}

for (const kind of Object.values(MODEL_KINDS)) {
  test(`${kind.label}: export from #/checkpoints, delete, import the file back, resume it`, async ({
    page,
  }) => {
    const fixture = fixtures[kind.id];
    // WASM straight away: the backend measurement of "auto" is covered elsewhere and costs seconds here.
    await page.addInitScript(() => localStorage.setItem('pg.backendPreference', 'wasm'));
    await page.goto('/#/checkpoints');
    let item = await importFile(page, 'fixture.zip', fixture.file);
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('checkpoint-name')).toHaveText(fixture.name);
    await expect(item.getByTestId('checkpoint-kind')).toHaveText(kind.label);
    await expect(item.getByTestId('share')).toHaveCount(kind.shareLink === 'checkpoints-page' ? 1 : 0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'Export file' }).click(),
    ]);
    await expect(page.getByTestId('checkpoint-notice')).toContainText(`Exported “${fixture.name}”`);
    await expect(page.getByTestId('checkpoint-notice')).toContainText(kind.fileContents);
    const bytes = readFileSync(await download.path());
    // A Layers model (model.json + weights.bin) for each network that has one; the rest in checkpoint.json/.bin.
    const files = Object.keys(unzipSync(new Uint8Array(bytes))).sort();
    const layers = kind.layersNetworks.flatMap((n) => [`${n}/model.json`, `${n}/weights.bin`]);
    expect(files).toEqual(['checkpoint.bin', 'checkpoint.json', ...layers].sort());
    // Stock tfjs opens each of them (their predictions are checked against ours in the unit tests).
    for (const network of kind.layersNetworks) {
      const { modelJson, weightData } = readLayersModelFile(new Uint8Array(bytes), network);
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest[0].weights,
          weightData,
        }),
      );
      expect(model.countParams()).toBeGreaterThan(0);
      model.dispose();
    }

    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('no-checkpoints')).toBeVisible();

    item = await importFile(page, download.suggestedFilename(), bytes);
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('checkpoint-name')).toHaveText(fixture.name);

    const resume = kind.resume('id');
    await item.getByRole('button', { name: resume.label }).click();
    await expect.poll(() => page.url()).toContain(resume.href.replace(/id$/, ''));
    await RESUMED[kind.id](page, fixture.count);
  });
}
