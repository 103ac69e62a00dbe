/**
 * The rules of a 2-D GAN checkpoint (kind 'gan' on one of the studio's 2-D distributions): the target as a
 * DistributionSpec with bounded sizes, a complete GanConfig (no unknown keys), and generator/discriminator
 * weights and optimizer slots with exactly the names and shapes Gan2d makes for that config, so that loading
 * them can never fail halfway. No tfjs here: links and files are checked before anything is built.
 */
import * as v from 'valibot';
import { createDistribution, DISTRIBUTION_KINDS, type DistributionSpec } from '../generative/distributions';
import { validateGanConfig, type GanConfig } from '../generative/gan-config';
import type { CheckpointSubject, GenerativeCheckpoint, NamedWeight } from './checkpoint';
import { CheckpointError } from './errors';
import * as s from './schemas';
import { errorText } from '../util/error-text';

/** valibot's first issue as a CheckpointError (validate.ts's parseWith, repeated to keep imports one-way). */
function parseWith<T extends v.GenericSchema>(schema: T, value: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) throw new CheckpointError('invalid', `${what}: ${s.describeIssue(result.issues[0])}`);
  return result.output;
}

/** Largest custom point set (as many rows as a CSV may hold). */
export const MAX_CUSTOM_POINTS = 10_000;
/** Largest |coordinate| or size in a distribution spec. */
export const MAX_COORDINATE = 1e6;

const coordinate = v.pipe(v.number(), v.finite(), v.minValue(-MAX_COORDINATE), v.maxValue(MAX_COORDINATE));
const positive = v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(MAX_COORDINATE));
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_COORDINATE));
const count = (max: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(max));
const mode = v.strictObject({ x: coordinate, y: coordinate, sigma: nonNegative, weight: positive });

/** Every DistributionSpec the studio can build, bounded so that a link cannot ask for a billion modes. */
export const distributionSpecSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('ring'), count: count(64), radius: positive, sigma: nonNegative }),
  v.strictObject({ kind: v.literal('grid'), size: count(16), spacing: positive, sigma: nonNegative }),
  v.strictObject({ kind: v.literal('two-moons'), scale: positive, noise: nonNegative }),
  v.strictObject({
    kind: v.literal('spiral'),
    turns: v.pipe(positive, v.maxValue(50)),
    radius: positive,
    noise: nonNegative,
  }),
  v.strictObject({
    kind: v.literal('line'),
    from: v.tuple([coordinate, coordinate]),
    to: v.tuple([coordinate, coordinate]),
    noise: nonNegative,
  }),
  v.strictObject({
    kind: v.literal('clusters'),
    modes: v.pipe(s.boundedArray(mode, 64), v.minLength(1)),
  }),
  v.strictObject({
    kind: v.literal('custom'),
    points: v.pipe(
      s.boundedArray(coordinate, 2 * MAX_CUSTOM_POINTS),
      v.minLength(2),
      v.check((p) => p.length % 2 === 0, 'Expected an even number of coordinates (x, y pairs)'),
    ),
    jitter: nonNegative,
  }),
]);

/** Checks a distribution spec from outside (a checkpoint, a link, the UI) and returns it typed. */
export function parseDistributionSpec(value: unknown, what: string): DistributionSpec {
  const spec = parseWith(distributionSpecSchema, value, what) as DistributionSpec;
  try {
    createDistribution(spec); // the samplers' own checks (e.g. a degenerate line) must pass too
  } catch (error) {
    throw new CheckpointError('invalid', `${what}: ${errorText(error)}`);
  }
  return spec;
}

const mlp = v.strictObject({
  hiddenLayers: v.number(),
  hiddenUnits: v.number(),
  activation: v.string(),
});
const optimizer = v.strictObject({
  name: v.string(),
  learningRate: v.number(),
  beta1: v.number(),
  beta2: v.number(),
});
/** Structure only (no unknown or missing keys); the ranges are validateGanConfig's. */
const configShape = v.strictObject({
  generator: mlp,
  discriminator: mlp,
  noiseDim: v.number(),
  noise: v.string(),
  generatorOptimizer: optimizer,
  discriminatorOptimizer: optimizer,
  batchSize: v.number(),
  discriminatorSteps: v.number(),
  loss: v.string(),
  gradientPenaltyWeight: v.number(),
  r1Weight: v.number(),
  seed: v.number(),
});

/** Returns a GanConfig from outside typed, or throws naming the first problem. */
export function checkGanConfig(config: unknown, what: string): GanConfig {
  const parsed = parseWith(configShape, config, `${what}: config`) as GanConfig;
  const errors = validateGanConfig(parsed);
  if (errors.length > 0) throw new CheckpointError('invalid', `${what}: config: ${errors[0]}`);
  return parsed;
}

/** Weight names and shapes of Gan2d's networks for a config, as Mlp names them (dense_i/kernel|bias). */
export function ganWeightShapes(
  config: GanConfig,
): Record<'generator' | 'discriminator', Map<string, number[]>> {
  const shapes = (inputs: number, net: GanConfig['generator'], outputs: number): Map<string, number[]> => {
    const sizes = [inputs, ...Array<number>(net.hiddenLayers).fill(net.hiddenUnits), outputs];
    const map = new Map<string, number[]>();
    for (let i = 0; i + 1 < sizes.length; i++) {
      map.set(`dense_${i}/kernel`, [sizes[i], sizes[i + 1]]);
      map.set(`dense_${i}/bias`, [sizes[i + 1]]);
    }
    return map;
  };
  return {
    generator: shapes(config.noiseDim, config.generator, 2),
    discriminator: shapes(2, config.discriminator, 1),
  };
}

/** The optimizer slots FlatOptimizer exports for a rule: steps, then one flat slot per moment. */
export const OPTIMIZER_SLOTS: Readonly<Record<GanConfig['generatorOptimizer']['name'], readonly string[]>> = {
  sgd: [],
  rmsprop: ['ms'],
  adam: ['m', 'v'],
};

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether a checkpoint is a 2-D GAN of the studio (kind 'gan' on one of its distributions, not MNIST). */
export function isGan2dCheckpoint(cp: { kind: string; subject: CheckpointSubject }): boolean {
  return (
    cp.kind === 'gan' &&
    cp.subject.type === 'dataset' &&
    (DISTRIBUTION_KINDS as readonly string[]).includes(cp.subject.datasetId)
  );
}

/**
 * Checks a 2-D GAN checkpoint against its own config: the subject's options are the distribution spec (its
 * kind equal to datasetId), the generator is complete, the discriminator complete or absent (a share link
 * leaves it out), and every optimizer slot has the size of its network.
 */
export function checkGan2dCheckpoint(cp: GenerativeCheckpoint, what: string): void {
  const fail = (message: string): never => {
    throw new CheckpointError('invalid', `${what}: ${message}`);
  };
  if (cp.subject.type !== 'dataset') return fail('subject: a gan checkpoint is trained on a dataset');
  const spec = parseDistributionSpec(cp.subject.options, `${what}: subject.options`);
  if (spec.kind !== cp.subject.datasetId)
    fail(`subject: datasetId ${JSON.stringify(cp.subject.datasetId)} but options describe ${spec.kind}`);
  const config = checkGanConfig(cp.config, what);
  const expected = ganWeightShapes(config);
  const sizes = new Map<string, number>(); // keyed by network names from outside
  for (const [network, { weights }] of Object.entries(cp.networks)) {
    if (network !== 'generator' && network !== 'discriminator')
      fail(`networks: unexpected network ${JSON.stringify(network)} in a 2-D GAN checkpoint`);
    const shapes = expected[network as 'generator' | 'discriminator'];
    checkWeightTable(weights, shapes, `networks.${network}`, fail);
    sizes.set(
      network,
      weights.reduce((n, w) => n + w.data.length, 0),
    );
  }
  for (const [network, slots] of Object.entries(cp.optimizers)) {
    const size = sizes.get(network);
    if (size === undefined) return fail(`optimizers: ${JSON.stringify(network)} has no network`);
    const rule = network === 'generator' ? config.generatorOptimizer : config.discriminatorOptimizer;
    const shapes = new Map<string, number[]>([['steps', []]]);
    for (const slot of OPTIMIZER_SLOTS[rule.name]) shapes.set(slot, [size]);
    checkWeightTable(slots, shapes, `optimizers.${network}`, fail);
    const steps = slots.find((w) => w.name === 'steps')!.data[0];
    if (!Number.isSafeInteger(steps) || steps < 0)
      fail(`optimizers.${network}: steps must be a non-negative integer, got ${steps}`);
  }
  const state = parseWith(ganStateSchema, cp.state, `${what}: state`);
  if (state.iterations !== undefined && state.iterations !== cp.counters.gradientSteps)
    fail(
      `state.iterations ${state.iterations} differs from counters.gradientSteps ${cp.counters.gradientSteps}`,
    );
}

/** Exactly the expected names, each once, with the expected shapes. */
function checkWeightTable(
  weights: readonly NamedWeight[],
  shapes: ReadonlyMap<string, number[]>,
  path: string,
  fail: (message: string) => never,
): void {
  weights.forEach((w, i) => {
    const shape = shapes.get(w.name);
    if (!shape) fail(`${path}[${i}]: unexpected weight ${JSON.stringify(w.name)} for this config`);
    else if (!sameShape(shape, w.shape))
      fail(`${path}[${i}]: expected shape [${shape}] for ${w.name}, got [${w.shape}]`);
  });
  const present = new Set(weights.map((w) => w.name));
  for (const name of shapes.keys()) if (!present.has(name)) fail(`${path}: missing ${name}`);
}

/** What a 2-D GAN keeps in `state` besides tensors and RNGs (share links carry an empty state). */
export const ganStateSchema = v.strictObject({
  iterations: v.optional(s.nonNegativeInteger),
  // Chart histories: checked by metric-history.ts for every kind.
  histories: v.optional(v.unknown()),
});
