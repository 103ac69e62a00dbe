/**
 * What the Studio MNIST pages draw of a model, made in the worker: the digit GAN's samples from fixed noise, the
 * autoencoder's input/reconstruction/original and anomaly scores, the VAE's reconstructions, latent scatter,
 * decoded grid and decoder weights. `heavy` adds the costly parts (held-out metrics, anomalies, latent plane).
 */
import { extremes } from '../../generative/autoencoder';
import { GRID_COLUMNS, GRID_ROWS } from '../../generative/image-gan';
import type { ImageModel } from '../../generative/image-models';
import { MNIST_PIXELS, type MnistData } from '../../generative/mnist-asset';
import { gatherDigits } from '../../generative/mnist-batches';
import { latentGridPoints } from '../../generative/vae';
import type { AutoencoderViews, GanViews, ImageViews, VaeViews } from '../protocol/images';

/** Test digits the held-out loss and the latent scatter use (all 2,000 cost too much per update). */
export const TEST_SUBSET = 1000;
const LATENT_GRID = 15;
const LATENT_EXTENT = 3;
const ANOMALY_COUNT = 8;

export interface SeenViews {
  views: ImageViews;
  /** Held-out metrics on TEST_SUBSET digits (heavy views only). */
  test?: Record<string, number>;
}

/** The views of `model` now; `viewDigits` are the fixed test digits shown (one per class). */
export async function imageViews(
  model: ImageModel,
  data: MnistData,
  viewDigits: readonly number[],
  heavy: boolean,
): Promise<SeenViews> {
  const digits = gatherDigits(data.test, viewDigits);
  const labels = Array.from(digits.labels);
  if (model.kind === 'gan') {
    const views: GanViews = {
      type: 'gan',
      samples: await model.sample(model.gridPoints()),
      rows: GRID_ROWS,
      cols: GRID_COLUMNS,
      rowLabels: model.conditional ? Array.from({ length: GRID_ROWS }, (_, i) => i) : null,
    };
    return { views };
  }
  if (model.kind === 'autoencoder') {
    const noisy = model.viewInput(digits.pixels);
    const views: AutoencoderViews = {
      type: 'autoencoder',
      noisy,
      reconstruction: await model.reconstruct(noisy),
      clean: digits.pixels,
      labels,
      noiseLevel: model.config.noiseLevel,
    };
    if (!heavy) return { views };
    const evaluation = await model.evaluate(data.test, TEST_SUBSET);
    const { highest, lowest } = extremes(evaluation.scores, ANOMALY_COUNT);
    const scored = (indices: number[]) =>
      indices.map((index) => ({ index, label: data.test.labels[index], score: evaluation.scores[index] }));
    views.anomaly = {
      highest: scored(highest),
      lowest: scored(lowest),
      highestPixels: gatherDigits(data.test, highest).pixels,
      lowestPixels: gatherDigits(data.test, lowest).pixels,
    };
    return { views, test: { 'test/reconstruction': evaluation.loss } };
  }
  const views: VaeViews = {
    type: 'vae',
    originals: digits.pixels,
    reconstruction: await model.reconstruct(digits.pixels),
    labels,
  };
  if (!heavy) return { views };
  const { latentDim } = model.config;
  const means = await model.encodeMeans(data.test.pixels.subarray(0, TEST_SUBSET * MNIST_PIXELS));
  const points = new Float32Array(TEST_SUBSET * 2);
  for (let i = 0; i < TEST_SUBSET; i++) {
    points[2 * i] = means[i * latentDim];
    points[2 * i + 1] = latentDim > 1 ? means[i * latentDim + 1] : 0;
  }
  views.latent = { points, labels: data.test.labels.slice(0, TEST_SUBSET) };
  views.grid = {
    size: LATENT_GRID,
    extent: LATENT_EXTENT,
    pixels: await model.decode(latentGridPoints(LATENT_GRID, LATENT_EXTENT, latentDim)),
  };
  views.decoder = await model.decoder.getWeights();
  return { views, test: elboMetrics(await model.evaluate(data.test, TEST_SUBSET)) };
}

/** The VAE's held-out −ELBO and its two terms, as chart metrics. */
function elboMetrics(elbo: {
  negativeElbo: number;
  reconstruction: number;
  kl: number;
}): Record<string, number> {
  return {
    'test/negativeElbo': elbo.negativeElbo,
    'test/reconstruction': elbo.reconstruction,
    'test/kl': elbo.kl,
  };
}

/** Held-out metrics over the whole test set (2,000 digits): the VAE's −ELBO terms, the autoencoder's loss. */
export async function fullTestMetrics(model: ImageModel, data: MnistData): Promise<Record<string, number>> {
  if (model.kind === 'vae') return elboMetrics(await model.evaluate(data.test));
  if (model.kind === 'autoencoder') return { 'test/reconstruction': (await model.evaluate(data.test)).loss };
  return {};
}

/** The distinct buffers of some views, to transfer instead of copying (a transfer list must not repeat one). */
export function viewBuffers(views: ImageViews | undefined): ArrayBuffer[] {
  if (!views) return [];
  const arrays: ArrayBufferView[] = [];
  if (views.type === 'gan') arrays.push(views.samples);
  else if (views.type === 'autoencoder') {
    arrays.push(views.noisy, views.reconstruction, views.clean);
    if (views.anomaly) arrays.push(views.anomaly.highestPixels, views.anomaly.lowestPixels);
  } else {
    arrays.push(views.originals, views.reconstruction);
    if (views.grid) arrays.push(views.grid.pixels);
    if (views.latent) arrays.push(views.latent.points, views.latent.labels);
    for (const w of views.decoder ?? []) arrays.push(w.data);
  }
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
