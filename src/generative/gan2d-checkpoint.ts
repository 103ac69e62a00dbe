/**
 * 2-D GAN ↔ checkpoint: everything needed to resume a run exactly (generator and discriminator weights, both
 * optimizers' slots, the iteration count, the training and view RNG states, the config and the target), and
 * the Layers topologies that exporting it as a file needs. Runs where the GAN lives (a worker, with tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import { createDistribution, type Distribution2d, type DistributionSpec } from './distributions';
import type { NamedWeight } from './weights';
import { createGan2d } from './gan-engine';
import type { Gan2dEngineName, Gan2dTrainer } from './gan-types';
import type { GanConfig, MlpConfig } from './gan-config';
import { LEAKY_SLOPE } from './activations';
import {
  createCheckpoint,
  joinNetworkWeights,
  splitNetworkWeights,
  type Checkpoint,
  type GenerativeCheckpoint,
  type JsonRecord,
} from '../storage/checkpoint';
import { CheckpointError, guardAsync } from '../storage/errors';
import { captureLayersTopology, type LayersTopology } from '../storage/tfjs-format';
import { validateCheckpoint } from '../storage/validate';
import { checkGanConfig, isGan2dCheckpoint, parseDistributionSpec } from '../storage/validate-gan';

export interface GanCaptureOptions {
  name: string;
  appVersion: string;
  backend: string;
  /** Latest values of namespaced metrics ('losses/generator', 'metrics/modesCovered', ...). */
  latestMetrics?: Record<string, number>;
}

const NETS = ['generator', 'discriminator'] as const;

/** `generator/optimizer/m` → optimizers.generator `m`, and back. */
function splitOptimizerState(state: readonly NamedWeight[]): Record<string, NamedWeight[]> {
  const out: Record<string, NamedWeight[]> = { generator: [], discriminator: [] };
  for (const w of state) {
    const net = NETS.find((n) => w.name.startsWith(`${n}/optimizer/`));
    if (!net) throw new CheckpointError('invalid', `Unexpected optimizer state ${JSON.stringify(w.name)}`);
    out[net].push({ ...w, name: w.name.slice(`${net}/optimizer/`.length) });
  }
  return out;
}

function joinOptimizerState(optimizers: Readonly<Record<string, NamedWeight[]>>): NamedWeight[] {
  return Object.entries(optimizers).flatMap(([net, slots]) =>
    slots.map((w) => ({ ...w, name: `${net}/optimizer/${w.name}` })),
  );
}

/** Takes a checkpoint of a GAN between two iterations. */
export async function captureGanCheckpoint(
  gan: Gan2dTrainer,
  options: GanCaptureOptions,
): Promise<GenerativeCheckpoint> {
  return guardAsync('Cannot take a checkpoint', 'invalid', async () => {
    const { iterations, trainRngState, viewRngState } = gan.getState();
    const spec = gan.distribution.spec;
    const checkpoint = createCheckpoint({
      kind: 'gan',
      name: options.name,
      appVersion: options.appVersion,
      backend: options.backend,
      subject: {
        type: 'dataset',
        datasetId: spec.kind,
        options: structuredClone(spec) as unknown as JsonRecord,
      },
      config: structuredClone(gan.config) as unknown as JsonRecord,
      counters: { gradientSteps: iterations, envSteps: 0, episodes: 0 },
      rngStates: { train: trainRngState, view: viewRngState },
      metrics: { latest: { ...options.latestMetrics }, recentReturns: [], recentLengths: [] },
      networks: splitNetworkWeights(await gan.getWeights()),
      optimizers: splitOptimizerState(await gan.getOptimizerState()),
      state: { iterations },
    });
    return validateCheckpoint(checkpoint, 'Cannot take a checkpoint') as GenerativeCheckpoint;
  });
}

/** What a 2-D GAN checkpoint describes, validated: its config and its target. */
export function ganCheckpointSpec(
  untrusted: unknown,
  what: string,
): { checkpoint: GenerativeCheckpoint; config: GanConfig; distribution: DistributionSpec } {
  const checkpoint = validateCheckpoint(untrusted, what);
  if (checkpoint.kind !== 'gan' || !isGan2dCheckpoint(checkpoint) || checkpoint.subject.type !== 'dataset')
    throw new CheckpointError('invalid', `${what}: a ${checkpoint.kind} checkpoint is not a 2-D GAN`);
  return {
    checkpoint,
    config: checkGanConfig(checkpoint.config, what),
    distribution: parseDistributionSpec(checkpoint.subject.options, `${what}: subject.options`),
  };
}

/**
 * A Gan2d rebuilt from a checkpoint. A full checkpoint continues exactly (weights, optimizers, RNGs, count);
 * a shared one (generator only) gets a fresh discriminator and fresh optimizers from the config's seed. Either
 * engine resumes a checkpoint of either (same names, shapes and optimizer layout).
 */
export async function restoreGanCheckpoint(
  untrusted: unknown,
  engine: Gan2dEngineName = 'tfjs',
): Promise<{ gan: Gan2dTrainer; checkpoint: Checkpoint }> {
  const what = 'Cannot resume from this checkpoint';
  const { checkpoint, config, distribution } = ganCheckpointSpec(untrusted, what);
  const gan = createGan2d(config, createDistribution(distribution), engine);
  try {
    await guardAsync(what, 'invalid', async () => {
      const saved = joinNetworkWeights(checkpoint.networks);
      const fresh = checkpoint.networks.discriminator
        ? []
        : (await gan.getWeights()).filter((w) => w.name.startsWith('discriminator/'));
      gan.setWeights([...saved, ...fresh]);
      const full = checkpoint.optimizers.generator && checkpoint.optimizers.discriminator;
      if (full) gan.setOptimizerState(joinOptimizerState(checkpoint.optimizers));
      const { train, view } = checkpoint.rngStates;
      if (full && train && view)
        gan.setState({
          iterations: checkpoint.counters.gradientSteps,
          trainRngState: train,
          viewRngState: view,
        });
      else gan.setState({ ...gan.getState(), iterations: checkpoint.counters.gradientSteps });
    });
  } catch (error) {
    gan.dispose();
    throw error;
  }
  return { gan, checkpoint };
}

/** A distribution from a validated spec (the worker and the share view build targets through this). */
export function distributionOf(spec: unknown, what: string): Distribution2d {
  return createDistribution(parseDistributionSpec(spec, what));
}

/**
 * A tf.sequential with the same layers as Gan2d's Mlp (dense_i with the same weight names; leaky ReLU, which a
 * Dense layer cannot name, as its own LeakyReLU layer), so that stock tfjs can load the exported weights.
 */
function layersModel(net: MlpConfig, inputs: number, outputs: number): tf.Sequential {
  const model = tf.sequential();
  const sizes = [...Array<number>(net.hiddenLayers).fill(net.hiddenUnits), outputs];
  sizes.forEach((units, i) => {
    const hidden = i + 1 < sizes.length;
    const leaky = hidden && net.activation === 'leakyRelu';
    model.add(
      tf.layers.dense({
        name: `dense_${i}`,
        units,
        ...(i === 0 ? { inputShape: [inputs] } : {}),
        activation: hidden && net.activation !== 'leakyRelu' ? net.activation : 'linear',
      }),
    );
    if (leaky) model.add(tf.layers.leakyReLU({ name: `leaky_relu_${i}`, alpha: LEAKY_SLOPE }));
  });
  return model;
}

/** The Layers topology of each network of a 2-D GAN checkpoint, for exporting it. */
export async function ganLayersTopologies(checkpoint: Checkpoint): Promise<Record<string, LayersTopology>> {
  const { config } = ganCheckpointSpec(checkpoint, 'Cannot export this checkpoint');
  const out: Record<string, LayersTopology> = {};
  for (const network of Object.keys(checkpoint.networks)) {
    const model =
      network === 'generator'
        ? layersModel(config.generator, config.noiseDim, 2)
        : layersModel(config.discriminator, 2, 1);
    try {
      out[network] = await captureLayersTopology(model);
    } finally {
      model.dispose();
    }
  }
  return out;
}
