/**
 * Learn panels 7, 10–12: the MNIST classifier they share (trained here in time-sliced steps, kept in this
 * worker and saved in IndexedDB as a 'classifier' checkpoint so other panels and reloads reuse it), and the
 * jobs each panel runs on it: feature maps, adversarial attacks, attributions (also on a saved DQN agent's
 * Q-network) and compression sweeps. Methods are prefixed `vision`.
 */
import * as tf from '@tensorflow/tfjs';
import { transfer } from 'comlink';
import { argMax, buildQNetwork } from '../../agents/q-network';
import { importModelWeights } from '../../agents/weights';
import { makeEnvFromConfig } from '../../envs/registry';
import { loadMnist, type MnistData } from '../../generative/mnist-asset';
import { fgsm, perExampleLoss, pgd } from '../../learn/attacks';
import { integratedGradients, vanillaGradient, type ScalarFn } from '../../learn/attribution';
import {
  accuracyOn,
  argMaxOf,
  Cnn,
  CLASS_COUNT,
  ClassifierTrainer,
  DEFAULT_CLASSIFIER_CONFIG,
  featureMapsOf,
  firstLayerFilters,
  IMAGE_PIXELS,
  predictProbabilities,
  type ClassifierConfig,
  type LabelledSet,
} from '../../learn/classifier';
import { compressWeights } from '../../learn/compression';
import { runTrainingLoop, type SteppingModel } from '../../learn/train-loop';
import { observationFeatureNames } from '../../learn/feature-names';
import type {
  AttackRequest,
  AttackResult,
  ClassifierStatus,
  CompressionRequest,
  CompressionRow,
  Digit,
  FeatureMapsResult,
  FiltersResult,
  PreparedSession,
  QAttributionRequest,
  QAttributionResult,
  SaliencyRequest,
  SaliencyResult,
  SweepRequest,
  TrainPoint,
  TrainProgress,
  TrainRequest,
} from '../../learn/vision-protocol';
import { CLASSIFIER_CHECKPOINT_ID } from '../../learn/vision-protocol';
import type { NamedWeight } from '../../agents/weights';
import { createCheckpoint, joinNetworkWeights, type JsonRecord } from '../../storage/checkpoint';
import { loadCheckpoint, saveCheckpoint } from '../../storage/db';
import { CheckpointError, describeError } from '../../storage/errors';
import { exportCheckpointFile } from '../../storage/export-file';
import { validateCheckpoint } from '../../storage/validate';
import { classifierLayersTopologies } from '../../learn/classifier-layers';
import { APP_VERSION } from '../../version';

export { CLASSIFIER_CHECKPOINT_ID };
const ARCHITECTURE = 'conv8x5-pool2-conv16x5-pool2-dense10';
/** Test digits used for the accuracy measured during training (all 2,000 at the end). */
const PROGRESS_TEST_DIGITS = 500;
const EVAL_EVERY = 25;
const PROGRESS_MS = 250;
/** Points of the curve kept in the checkpoint (the history is thinned to this). */
const SAVED_HISTORY = 200;

/** A zero-delay yield: lets pause/stop calls in between training steps. */
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

let mnist: MnistData | null = null;
let model: Cnn | null = null;
let trainer: ClassifierTrainer | null = null;
let history: TrainPoint[] = [];
const status: ClassifierStatus = {
  phase: 'none',
  steps: 0,
  epochs: 0,
  testAccuracy: null,
  source: null,
  message: null,
  backend: '',
};
let stopRequested = false;
let paused = false;
let wake: (() => void) | null = null;

function snapshot(): ClassifierStatus {
  return { ...status, backend: tf.getBackend() ?? '' };
}

async function data(): Promise<MnistData> {
  mnist ??= await loadMnist(new URL(import.meta.env.BASE_URL, self.location.href));
  return mnist;
}

function requireModel(): Cnn {
  if (!model) throw new Error('No classifier yet: train it first (it takes well under a minute).');
  return model;
}

async function testSet(): Promise<LabelledSet> {
  return (await data()).test;
}

async function digitAt(index: number): Promise<Digit> {
  const test = await testSet();
  if (!Number.isInteger(index) || index < 0 || index >= test.count)
    throw new Error(`Expected a test digit index in 0–${test.count - 1}, got ${index}`);
  return {
    index,
    label: test.labels[index]!,
    pixels: test.pixels.slice(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS),
  };
}

function thin(points: readonly TrainPoint[], keep: number): TrainPoint[] {
  if (points.length <= keep) return [...points];
  const stride = points.length / keep;
  return Array.from(
    { length: keep },
    (_, i) => points[Math.min(points.length - 1, Math.round(i * stride))]!,
  ).concat(points[points.length - 1]!);
}

async function saveClassifier(weights: NamedWeight[], config: ClassifierConfig): Promise<void> {
  const checkpoint = createCheckpoint({
    kind: 'classifier',
    name: 'MNIST digit classifier (Learn)',
    appVersion: APP_VERSION,
    backend: tf.getBackend(),
    subject: { type: 'dataset', datasetId: 'mnist', options: {} },
    config: { ...config, architecture: ARCHITECTURE } as unknown as JsonRecord,
    counters: { gradientSteps: status.steps, envSteps: 0, episodes: 0 },
    rngStates: {},
    metrics: {
      latest: { 'eval/testAccuracy': status.testAccuracy ?? 0, 'charts/epochs': status.epochs },
      recentReturns: [],
      recentLengths: [],
    },
    networks: { classifier: { weights } },
    optimizers: {},
    state: {
      history: thin(history, SAVED_HISTORY).map((p) => [
        p.step,
        p.loss,
        p.batchAccuracy,
        p.testAccuracy ?? -1,
      ]),
    },
  });
  await saveCheckpoint(checkpoint, { id: CLASSIFIER_CHECKPOINT_ID });
}

/** Loads the saved classifier, if any; null when none was saved. */
async function loadSavedClassifier(): Promise<boolean> {
  let checkpoint;
  try {
    checkpoint = await loadCheckpoint(CLASSIFIER_CHECKPOINT_ID);
  } catch (error) {
    if (error instanceof CheckpointError && error.code === 'not-found') return false;
    throw error;
  }
  if (checkpoint.kind !== 'classifier' || checkpoint.config.architecture !== ARCHITECTURE) return false;
  const next = new Cnn(DEFAULT_CLASSIFIER_CONFIG.seed);
  try {
    next.setWeights(checkpoint.networks.classifier!.weights);
  } catch (error) {
    next.dispose();
    throw error;
  }
  model?.dispose();
  trainer?.dispose();
  trainer = null;
  model = next;
  const saved = checkpoint.state.history;
  history = Array.isArray(saved)
    ? saved.flatMap((row) =>
        Array.isArray(row) && row.length === 4 && row.every((v) => typeof v === 'number')
          ? [
              {
                step: row[0] as number,
                loss: row[1] as number,
                batchAccuracy: row[2] as number,
                testAccuracy: (row[3] as number) < 0 ? null : (row[3] as number),
              },
            ]
          : [],
      )
    : [];
  status.phase = 'ready';
  status.source = 'saved';
  status.steps = checkpoint.counters.gradientSteps;
  status.epochs = checkpoint.metrics.latest['charts/epochs'] ?? 0;
  status.testAccuracy = checkpoint.metrics.latest['eval/testAccuracy'] ?? null;
  status.message = null;
  return true;
}

/** Softmax probability of class `target`, per row: the F that saliency and integrated gradients explain. */
function probabilityOf(net: Cnn, target: number): ScalarFn {
  return (x) => tf.squeeze(tf.slice(tf.softmax(net.logits(x)), [0, target], [-1, 1]), [1]) as tf.Tensor1D;
}

async function attackBatch(
  net: Cnn,
  pixels: Float32Array,
  labels: Int32Array,
  request: Pick<AttackRequest, 'method' | 'epsilon' | 'alpha' | 'steps'>,
): Promise<Float32Array> {
  const n = labels.length;
  const x = tf.tensor2d(pixels, [n, IMAGE_PIXELS]);
  const y = tf.tensor1d(labels, 'int32');
  const logits = (t: tf.Tensor2D) => net.logits(t);
  const adv =
    request.method === 'fgsm'
      ? fgsm(logits, x, y, request.epsilon)
      : pgd(logits, x, y, { epsilon: request.epsilon, alpha: request.alpha, steps: request.steps });
  const values = Float32Array.from(await adv.data());
  tf.dispose([x, y, adv]);
  return values;
}

async function lossOf(net: Cnn, pixels: Float32Array, label: number): Promise<number> {
  const t = tf.tidy(() =>
    perExampleLoss(
      (x) => net.logits(x),
      tf.tensor2d(pixels, [1, IMAGE_PIXELS]),
      tf.tensor1d([label], 'int32'),
    ),
  );
  const [value] = await t.data();
  t.dispose();
  return value!;
}

export const visionApi = {
  /** A classifier checkpoint as one zip: a TF.js Layers model.json + weights.bin (classifier-layers.ts), plus ours. */
  async visionExportFile(untrusted: unknown): Promise<Uint8Array> {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    if (!model) await tf.setBackend('cpu'); // a worker started just to export: the CPU backend starts at once
    const bytes = exportCheckpointFile(checkpoint, await classifierLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** Loads the digits and, when one was saved, the classifier. Call after init(). */
  async visionPrepare(): Promise<PreparedSession> {
    const { test } = await data();
    if (!model) {
      try {
        await loadSavedClassifier();
      } catch (error) {
        status.message = `The saved classifier could not be loaded (${describeError(error)}); train a new one.`;
      }
    }
    return { status: snapshot(), history: [...history], testCount: test.count };
  },

  visionStatus(): ClassifierStatus {
    return snapshot();
  },

  /**
   * Trains for `request.steps` Adam steps (or until stopped, or the early-stop accuracy), streaming progress
   * about four times a second. A NaN loss stops the run and restores the last good weights.
   */
  async visionTrain(
    request: TrainRequest,
    onProgress: (progress: TrainProgress) => void,
  ): Promise<ClassifierStatus> {
    if (status.phase === 'training' || status.phase === 'paused')
      throw new Error('The classifier is already training');
    if (!Number.isInteger(request.steps) || request.steps < 1 || request.steps > 100_000)
      throw new Error(`Expected between 1 and 100000 steps, got ${request.steps}`);
    const { train, test } = await data();
    if (request.fresh || !trainer) {
      const keepWeights = !request.fresh && model ? await model.getWeights() : null;
      if (model && model !== trainer?.model) model.dispose();
      trainer?.dispose();
      trainer = new ClassifierTrainer(DEFAULT_CLASSIFIER_CONFIG, train);
      if (keepWeights) {
        trainer.model.setWeights(keepWeights); // continue a saved classifier (a fresh Adam state)
        trainer.steps = status.steps;
      } else {
        history = [];
        status.steps = 0;
        status.epochs = 0;
        status.testAccuracy = null;
      }
      model = trainer.model;
    }
    const run = trainer;
    stopRequested = false;
    paused = false;
    status.phase = 'training';
    status.source = 'trained';
    status.message = null;
    let outbox: TrainPoint[] = [];
    let lastSent = performance.now();
    const startStep = run.steps;
    const send = (): void => {
      onProgress({ status: snapshot(), points: outbox, fraction: (run.steps - startStep) / request.steps });
      outbox = [];
      lastSent = performance.now();
    };
    send();
    const stepping: SteppingModel<NamedWeight[]> = {
      trainStep: () => run.trainStep(),
      get steps() {
        return run.steps;
      },
      snapshot: () => run.model.getWeights(),
      restore: (weights) => run.model.setWeights(weights),
    };
    const outcome = await runTrainingLoop(
      stepping,
      () => accuracyOn(run.model, test, PROGRESS_TEST_DIGITS),
      {
        steps: request.steps,
        evalEvery: EVAL_EVERY,
        ...(request.stopAtAccuracy !== undefined ? { stopAtAccuracy: request.stopAtAccuracy } : {}),
      },
      {
        stopRequested: () => stopRequested,
        waitWhilePaused: async () => {
          if (!paused || stopRequested) return;
          status.phase = 'paused';
          send();
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          status.phase = 'training';
          send();
        },
        yieldToEvents,
      },
      (point) => {
        status.steps = run.steps;
        status.epochs = (run.steps * run.config.batchSize) / train.count;
        history.push(point);
        outbox.push(point);
        if (performance.now() - lastSent > PROGRESS_MS) send();
      },
    );
    if (outcome === 'diverged') {
      status.phase = 'diverged';
      status.message =
        'The loss became NaN (not a number), so training stopped and the weights of the last test were ' +
        'restored. A smaller learning rate usually avoids this.';
      send();
      return snapshot();
    }
    status.testAccuracy = await accuracyOn(run.model, test);
    status.phase = 'ready';
    send();
    try {
      await saveClassifier(await run.model.getWeights(), run.config);
    } catch (error) {
      status.message = `Trained, but not saved in this browser: ${describeError(error)}`;
    }
    send();
    return snapshot();
  },

  visionPause(): void {
    if (status.phase === 'training') paused = true;
  },

  visionResume(): void {
    paused = false;
    wake?.();
  },

  visionStop(): void {
    stopRequested = true;
    paused = false;
    wake?.();
  },

  /** A test digit with its label. */
  async visionDigit(index: number): Promise<Digit> {
    const digit = await digitAt(index);
    return transfer(digit, [digit.pixels.buffer]);
  },

  /** The first test digit (from `from`, wrapping) whose label is `label`. */
  async visionFindDigit(label: number, from: number): Promise<number> {
    const test = await testSet();
    for (let k = 0; k < test.count; k++) {
      const i = (from + k) % test.count;
      if (test.labels[i] === label) return i;
    }
    throw new Error(`No test digit with label ${label}`);
  },

  async visionFilters(): Promise<FiltersResult> {
    const filters = firstLayerFilters(await requireModel().getWeights());
    return transfer(filters, [filters.values.buffer]);
  },

  async visionFeatureMaps(index: number): Promise<FeatureMapsResult> {
    const net = requireModel();
    const digit = await digitAt(index);
    const maps = await featureMapsOf(net, digit.pixels);
    const probabilities = await predictProbabilities(net, digit.pixels, 1);
    return transfer({ digit, maps, probabilities }, [
      digit.pixels.buffer,
      probabilities.buffer,
      ...maps.map((m) => m.values.buffer),
    ]);
  },

  async visionAttack(request: AttackRequest): Promise<AttackResult> {
    const net = requireModel();
    const digit = await digitAt(request.index);
    const adversarial = await attackBatch(net, digit.pixels, Int32Array.of(digit.label), request);
    const perturbation = adversarial.map((v, i) => v - digit.pixels[i]!);
    const linf = perturbation.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const probabilities = await predictProbabilities(net, digit.pixels, 1);
    const adversarialProbabilities = await predictProbabilities(net, adversarial, 1);
    const result: AttackResult = {
      digit,
      adversarial,
      perturbation,
      probabilities,
      adversarialProbabilities,
      loss: await lossOf(net, digit.pixels, digit.label),
      adversarialLoss: await lossOf(net, adversarial, digit.label),
      linf,
    };
    return transfer(result, [
      digit.pixels.buffer,
      adversarial.buffer,
      perturbation.buffer,
      probabilities.buffer,
      adversarialProbabilities.buffer,
    ]);
  },

  /** Accuracy on the first `count` test digits after attacking each at every ε (progress after each ε). */
  async visionAttackSweep(request: SweepRequest, onProgress: (done: number) => void): Promise<number[]> {
    const net = requireModel();
    const test = await testSet();
    const count = Math.min(Math.max(1, Math.floor(request.count)), test.count);
    const pixels = test.pixels.subarray(0, count * IMAGE_PIXELS);
    const labels = Int32Array.from(test.labels.subarray(0, count));
    const accuracies: number[] = [];
    for (const epsilon of request.epsilons) {
      const adversarial = await attackBatch(net, pixels, labels, { ...request, epsilon });
      const probs = await predictProbabilities(net, adversarial, count);
      let hits = 0;
      for (let i = 0; i < count; i++) if (argMaxOf(probs, i * CLASS_COUNT) === labels[i]) hits++;
      accuracies.push(hits / count);
      onProgress(accuracies.length / request.epsilons.length);
      await yieldToEvents();
    }
    return accuracies;
  },

  async visionSaliency(request: SaliencyRequest): Promise<SaliencyResult> {
    const net = requireModel();
    if (!Number.isInteger(request.target) || request.target < 0 || request.target >= CLASS_COUNT)
      throw new Error(`Expected a class 0–9, got ${request.target}`);
    if (!Number.isInteger(request.steps) || request.steps < 1 || request.steps > 1000)
      throw new Error(`Expected 1–1000 integrated-gradients steps, got ${request.steps}`);
    const digit = await digitAt(request.index);
    const f = probabilityOf(net, request.target);
    const gradient = await vanillaGradient(f, digit.pixels);
    const ig = await integratedGradients(f, digit.pixels, new Float32Array(IMAGE_PIXELS), request.steps, 50);
    const probabilities = await predictProbabilities(net, digit.pixels, 1);
    const result: SaliencyResult = {
      digit,
      probabilities,
      gradient,
      integrated: ig.attributions,
      output: ig.output,
      baselineOutput: ig.baselineOutput,
      sum: ig.sum,
    };
    return transfer(result, [
      digit.pixels.buffer,
      probabilities.buffer,
      gradient.buffer,
      ig.attributions.buffer,
    ]);
  },

  /**
   * Attribution on a saved DQN agent: rebuild its online Q-network, roll its game out greedily from a seed to
   * the requested step, and explain the chosen action's Q-value by gradient × input and integrated gradients
   * (zero observation as the baseline).
   */
  async visionQAttribution(request: QAttributionRequest): Promise<QAttributionResult> {
    const checkpoint = await loadCheckpoint(request.checkpointId);
    if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game')
      throw new Error('Expected a DQN checkpoint of a game');
    const { gameId, envOptions, observationSize, actionCount } = checkpoint.subject;
    const net = buildQNetwork({
      obsSize: observationSize,
      nActions: actionCount,
      hiddenSizes: checkpoint.config.hiddenSizes,
      activation: checkpoint.config.activation,
      dueling: checkpoint.config.dueling,
      seed: 0,
    });
    try {
      const online = joinNetworkWeights({ online: checkpoint.networks.online! });
      importModelWeights(net, online, 'online');
      const env = makeEnvFromConfig(gameId, envOptions);
      let observation = env.reset({ seed: request.seed }).observation;
      const qOf = async (obs: Float32Array): Promise<Float32Array> => {
        const q = tf.tidy(() => net.predict(tf.tensor2d(obs, [1, obs.length])) as tf.Tensor);
        const values = Float32Array.from(await q.data());
        q.dispose();
        return values;
      };
      let step = 0;
      for (; step < request.step; step++) {
        const action = argMax(await qOf(observation));
        const result = env.step(action);
        if (result.terminated || result.truncated) break;
        observation = result.observation;
      }
      const q = await qOf(observation);
      const action = request.action ?? argMax(q);
      if (!Number.isInteger(action) || action < 0 || action >= actionCount)
        throw new Error(`Expected an action 0–${actionCount - 1}, got ${action}`);
      const f: ScalarFn = (x) =>
        tf.squeeze(tf.slice(net.apply(x) as tf.Tensor2D, [0, action], [-1, 1]), [1]) as tf.Tensor1D;
      const gradient = await vanillaGradient(f, observation);
      const ig = await integratedGradients(
        f,
        observation,
        new Float32Array(observation.length),
        request.igSteps,
      );
      return {
        gameId,
        featureNames: observationFeatureNames(gameId, observation.length),
        actionNames: [...env.spec.actionNames],
        observation: Array.from(observation),
        qValues: Array.from(q),
        action,
        step,
        gradientTimesInput: Array.from(gradient, (g, i) => g * observation[i]!),
        integrated: Array.from(ig.attributions),
        output: ig.output,
        baselineOutput: ig.baselineOutput,
        sum: ig.sum,
      };
    } finally {
      net.dispose();
    }
  },

  /** Test accuracy, size and error of the classifier pruned and quantized at each setting. */
  async visionCompression(
    request: CompressionRequest,
    onProgress: (done: number) => void,
  ): Promise<CompressionRow[]> {
    const net = requireModel();
    const test = await testSet();
    const original = await net.getWeights();
    const probe = new Cnn(0);
    const rows: CompressionRow[] = [];
    const total = request.sparsities.length * request.precisions.length;
    try {
      for (const precision of request.precisions) {
        for (const sparsity of request.sparsities) {
          const compressed = compressWeights(original, precision, sparsity);
          probe.setWeights(compressed.weights);
          rows.push({
            precision,
            sparsity,
            accuracy: await accuracyOn(probe, test),
            bytes: compressed.bytes,
            deflatedBytes: compressed.deflatedBytes,
            maxError: compressed.maxError,
          });
          onProgress(rows.length / total);
          await yieldToEvents();
        }
      }
    } finally {
      probe.dispose();
    }
    return rows;
  },
};
