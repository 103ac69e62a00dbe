/**
 * The Learn classifier as a 'classifier' checkpoint, and back: its weights, step count, accuracy and training
 * curve (in `state.histories`, so a reloaded classifier's charts continue). Plain data both ways; the weights
 * are checked again when they are loaded into a network (Cnn.setWeights).
 */
import type { NamedWeight } from '../agents/weights';
import { createCheckpoint, type Checkpoint, type JsonRecord } from '../storage/checkpoint';
import { CheckpointError } from '../storage/errors';
import { validateCheckpoint } from '../storage/validate';
import { historyOfPoints, pointsOfHistory } from './classifier-history';
import type { ClassifierConfig } from './classifier';
import type { TrainPoint } from '../workers/protocol/learn';

/** Written into the config, so a checkpoint of another network is refused instead of misread. */
export const CLASSIFIER_ARCHITECTURE = 'conv8x5-pool2-conv16x5-pool2-dense10';
export const CLASSIFIER_NAME = 'MNIST digit classifier (Learn)';

export interface ClassifierSnapshot {
  config: ClassifierConfig;
  weights: NamedWeight[];
  steps: number;
  epochs: number;
  testAccuracy: number | null;
  history: readonly TrainPoint[];
}

export function classifierCheckpoint(
  snapshot: ClassifierSnapshot,
  meta: { name: string; appVersion: string; backend: string },
): Checkpoint {
  const { config } = snapshot;
  return createCheckpoint({
    kind: 'classifier',
    ...meta,
    subject: { type: 'dataset', datasetId: 'mnist', options: {} },
    config: {
      seed: config.seed,
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      architecture: CLASSIFIER_ARCHITECTURE,
    },
    counters: { gradientSteps: snapshot.steps, envSteps: 0, episodes: 0 },
    rngStates: {},
    metrics: {
      latest: { 'eval/testAccuracy': snapshot.testAccuracy ?? 0, 'charts/epochs': snapshot.epochs },
      recentReturns: [],
      recentLengths: [],
    },
    networks: { classifier: { weights: snapshot.weights } },
    optimizers: {},
    state: { histories: historyOfPoints(snapshot.history) },
  });
}

function fail(what: string, problem: string): never {
  throw new CheckpointError('invalid', `${what}: ${problem}`);
}

function numberIn(config: object, key: string, what: string, ok: (v: number) => boolean): number {
  const value: unknown = Object.hasOwn(config, key) ? (config as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'number' || !ok(value))
    fail(what, `expected a valid config.${key}, got ${String(value)}`);
  return value;
}

/** Seed, learning rate and batch size, checked (a spec from the page, or a checkpoint's config). */
export function parseClassifierConfig(config: unknown, what: string): ClassifierConfig {
  if (typeof config !== 'object' || config === null) fail(what, 'expected a classifier config');
  return {
    seed: numberIn(config, 'seed', what, Number.isInteger),
    learningRate: numberIn(config, 'learningRate', what, (v) => v > 0 && v < 1),
    batchSize: numberIn(config, 'batchSize', what, (v) => Number.isInteger(v) && v >= 1 && v <= 1024),
  };
}

/** A classifier checkpoint from anywhere (IndexedDB, a file), checked; throws a CheckpointError otherwise. */
export function parseClassifierCheckpoint(untrusted: unknown, what: string): ClassifierSnapshot {
  const checkpoint = validateCheckpoint(untrusted, what);
  if (checkpoint.kind !== 'classifier')
    fail(what, `expected a classifier checkpoint, got ${checkpoint.kind}`);
  const config = checkpoint.config as JsonRecord;
  const architecture = Object.hasOwn(config, 'architecture') ? config['architecture'] : undefined;
  if (architecture !== CLASSIFIER_ARCHITECTURE)
    fail(what, `expected the ${CLASSIFIER_ARCHITECTURE} network, got ${String(architecture)}`);
  const latest = checkpoint.metrics.latest;
  const accuracy = Object.hasOwn(latest, 'eval/testAccuracy') ? latest['eval/testAccuracy'] : undefined;
  const epochs = Object.hasOwn(latest, 'charts/epochs') ? latest['charts/epochs'] : undefined;
  return {
    config: parseClassifierConfig(config, what),
    weights: checkpoint.networks['classifier']!.weights,
    steps: checkpoint.counters.gradientSteps,
    epochs: epochs ?? 0,
    testAccuracy: accuracy ?? null,
    history: pointsOfHistory(checkpoint.state),
  };
}
