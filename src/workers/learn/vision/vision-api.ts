/**
 * The Learn worker's vision methods (prefixed `vision`): the MNIST classifier that panels 7 and 10–12 share,
 * trained under the session driver (a ClassifierModel) and saved in the 'learn-mnist-cnn' slot when a run ends,
 * and the tools each panel runs on it. Spread into learn.worker.ts's api.
 */
import * as tf from '@tensorflow/tfjs';
import { transfer } from 'comlink';
import { featureMapsOf, firstLayerFilters, predictProbabilities, type Cnn } from '../../../learn/classifier';
import { CLASSIFIER_NAME, parseClassifierCheckpoint } from '../../../learn/classifier-checkpoint';
import { loadMnist, type MnistData } from '../../../generative/mnist-asset';
import {
  CLASSIFIER_CHECKPOINT_ID,
  type AttackRequest,
  type AttackResult,
  type ClassifierSettings,
  type ClassifierUpdate,
  type CompressionRequest,
  type CompressionRow,
  type Digit,
  type FeatureMapsResult,
  type FiltersResult,
  type QAttributionRequest,
  type QAttributionResult,
  type SaliencyRequest,
  type SaliencyResult,
  type SweepRequest,
} from '../../protocol/learn';
import type { Checkpoint } from '../../../storage/checkpoint';
import { exportCheckpointFile } from '../../../storage/export-file';
import { validateCheckpoint } from '../../../storage/validate';
import { classifierLayersTopologies } from '../../../learn/classifier-layers';
import { saveCheckpoint } from '../../../storage/db';
import { describeError } from '../../../storage/errors';
import { APP_VERSION } from '../../../version';
import { SessionDriver, type SessionStatus } from '../../core/session-driver';
import { workerEnvironment, yieldToEvents } from '../../core/worker-environment';
import { explainAgentAction } from './agent-attribution';
import { attackDigit, attackSweep } from './attacks';
import { ClassifierModel } from './classifier-model';
import { compressionSweep } from './compression-sweep';
import { digitAt, findDigit } from './digits';
import { saliencyOf } from './saliency';

/** Updates about four times a second: the curve needs no more, and each one crosses to the page. */
const driver = new SessionDriver<ClassifierUpdate, ClassifierModel>(workerEnvironment, { updateMs: 250 });
let mnist: MnistData | null = null;

async function data(): Promise<MnistData> {
  mnist ??= await loadMnist(new URL(import.meta.env.BASE_URL, self.location.href));
  return mnist;
}

const meta = () => ({ name: CLASSIFIER_NAME, appVersion: APP_VERSION, backend: tf.getBackend() ?? '' });

/** Every finished run overwrites the one saved classifier, which every vision panel loads. */
async function saveToSlot(model: ClassifierModel): Promise<string | undefined> {
  try {
    await saveCheckpoint(await model.checkpoint(meta()), { id: CLASSIFIER_CHECKPOINT_ID });
    return undefined;
  } catch (error) {
    return `Trained, but not saved in this browser: ${describeError(error)}`;
  }
}

/** Runs a tool on the classifier between two training chunks. */
async function withNet<T>(work: (net: Cnn) => Promise<T>): Promise<T> {
  if (!driver.hasModel) throw new Error('No classifier yet: train it first (it takes well under a minute).');
  return driver.exclusive((model) => work(model.net));
}

async function testDigit(index: number): Promise<Digit> {
  return digitAt((await data()).test, index);
}

export const visionApi = {
  /** A classifier checkpoint as one zip: a TF.js Layers model.json + weights.bin (classifier-layers.ts), plus ours. */
  async visionExportFile(untrusted: unknown): Promise<Uint8Array> {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    // A worker started just to export has no backend yet: the CPU backend starts at once.
    if (!driver.hasModel) await tf.setBackend('cpu');
    const bytes = exportCheckpointFile(checkpoint, await classifierLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Loads the digits; returns how many test digits there are. Call after init(). */
  async visionPrepare(): Promise<{ testCount: number }> {
    return { testCount: (await data()).test.count };
  },

  /** A fresh classifier whose first run takes `steps` Adam steps; returns the first update. */
  async visionStart(settings: ClassifierSettings, steps: number): Promise<ClassifierUpdate> {
    const all = await data();
    await driver.load(async () => ClassifierModel.create(settings, steps, all, saveToSlot));
    return driver.update();
  },

  /** A saved classifier (validated: it may come from a file or an old database); returns its settings. */
  async visionResume(
    untrusted: unknown,
  ): Promise<{ settings: ClassifierSettings; update: ClassifierUpdate }> {
    const saved = parseClassifierCheckpoint(untrusted, 'Cannot load this classifier');
    const all = await data();
    await driver.load(async () => ClassifierModel.restore(saved, all, saveToSlot));
    return { settings: saved.config, update: await driver.update() };
  },

  /** Starts another run of `steps` steps (Train … more steps). */
  visionExtendRun(steps: number): Promise<void> {
    return driver.exclusive((model) => model.extendRun(steps));
  },

  /** Trains to the end of the run, visionPause() or a divergence; updates go to `onUpdate`. */
  visionTrain(onUpdate: (update: ClassifierUpdate) => void): Promise<SessionStatus> {
    return driver.train(onUpdate);
  },

  visionPause(): void {
    driver.pause();
  },

  /** One Adam step (or, after visionStop, the end of the run) of a classifier that is not training. */
  visionStep(): Promise<ClassifierUpdate> {
    return driver.step();
  },

  /** Ends the run at the next chunk: the classifier is measured on every test digit and saved. */
  visionStop(): Promise<void> {
    return driver.exclusive((model) => model.endRun());
  },

  visionCheckpoint(name: string): Promise<Checkpoint> {
    return driver.exclusive((model) => model.checkpoint({ ...meta(), name }));
  },

  /** A test digit with its label (needs no tfjs backend). */
  async visionDigit(index: number): Promise<Digit> {
    const digit = await testDigit(index);
    return transfer(digit, [digit.pixels.buffer]);
  },

  /** The first test digit (from `from`, wrapping) whose label is `label`. */
  async visionFindDigit(label: number, from: number): Promise<number> {
    return findDigit((await data()).test, label, from);
  },

  visionFilters(): Promise<FiltersResult> {
    return withNet(async (net) => {
      const filters = firstLayerFilters(await net.getWeights());
      return transfer(filters, [filters.values.buffer]);
    });
  },

  async visionFeatureMaps(index: number): Promise<FeatureMapsResult> {
    const digit = await testDigit(index);
    return withNet(async (net) => {
      const maps = await featureMapsOf(net, digit.pixels);
      const probabilities = await predictProbabilities(net, digit.pixels, 1);
      const buffers = [digit.pixels.buffer, probabilities.buffer, ...maps.map((m) => m.values.buffer)];
      return transfer({ digit, maps, probabilities }, buffers);
    });
  },

  async visionAttack(request: AttackRequest): Promise<AttackResult> {
    const digit = await testDigit(request.index);
    const r = await withNet((net) => attackDigit(net, digit, request));
    const buffers = [
      r.digit.pixels,
      r.adversarial,
      r.perturbation,
      r.probabilities,
      r.adversarialProbabilities,
    ];
    return transfer(
      r,
      buffers.map((a) => a.buffer),
    );
  },

  /** Accuracy on the first `count` test digits after attacking each at every ε (progress after each ε). */
  async visionAttackSweep(request: SweepRequest, onProgress: (done: number) => void): Promise<number[]> {
    const { test } = await data();
    return withNet((net) => attackSweep(net, test, request, onProgress, yieldToEvents));
  },

  async visionSaliency(request: SaliencyRequest): Promise<SaliencyResult> {
    const digit = await testDigit(request.index);
    const r = await withNet((net) => saliencyOf(net, digit, request));
    return transfer(
      r,
      [r.digit.pixels, r.probabilities, r.gradient, r.integrated].map((a) => a.buffer),
    );
  },

  /** Which observed features drive a saved DQN agent's action (needs no classifier). */
  visionQAttribution(request: QAttributionRequest): Promise<QAttributionResult> {
    return explainAgentAction(request);
  },

  /** Test accuracy, size and error of the classifier pruned and quantized at each setting. */
  async visionCompression(
    request: CompressionRequest,
    onProgress: (done: number) => void,
  ): Promise<CompressionRow[]> {
    const { test } = await data();
    return withNet((net) => compressionSweep(net, test, request, onProgress, yieldToEvents));
  },
};
