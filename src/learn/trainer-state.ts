/**
 * Weights and Adam state of the Learn models as plain data (NamedWeight arrays), and back. Variables are
 * saved under their stable names (tfjs's registry needs a serial suffix, see seeded.ts; it is dropped here)
 * and loaded in place after every entry is checked, so a bad checkpoint leaves the model as it was.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedWeight } from '../agents/weights';
import type { RngState } from '../envs/rng';

/** `l0_wq_17` → `l0_wq`: the name without the registry's serial. */
export function stableName(variable: tf.Variable): string {
  return variable.name.replace(/_\d+$/, '');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkEntry(entry: NamedWeight | undefined, name: string, shape: readonly number[]): NamedWeight {
  if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
  if (!sameShape(entry.shape, shape))
    throw new Error(`Expected ${name} of shape [${shape}], got [${entry.shape}]`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (entry.data.length !== size)
    throw new Error(`Expected ${size} values for ${name}, got ${entry.data.length}`);
  for (const value of entry.data) {
    if (!Number.isFinite(value)) throw new Error(`Expected finite values in ${name}, got ${value}`);
  }
  return entry;
}

export async function exportVariables(variables: readonly tf.Variable[]): Promise<NamedWeight[]> {
  return Promise.all(
    variables.map(async (v) => ({
      name: stableName(v),
      shape: v.shape.slice(),
      data: Float32Array.from(await v.data()),
    })),
  );
}

/** Assigns every variable from `weights` (by stable name) once all are checked. */
export function importVariables(variables: readonly tf.Variable[], weights: readonly NamedWeight[]): void {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const entries = variables.map((v) => checkEntry(byName.get(stableName(v)), stableName(v), v.shape));
  if (weights.length !== variables.length)
    throw new Error(`Expected ${variables.length} weights, got ${weights.length}`);
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(entries[i]!.data, entries[i]!.shape))));
}

/** tfjs keeps β₁ᵗ and β₂ᵗ as private running products; setWeights() recomputes them with pow(), which
 * differs in the last bits, so they are saved and restored directly (as DqnAgent does). */
function betaProducts(optimizer: tf.AdamOptimizer): { accBeta1: tf.Variable; accBeta2: tf.Variable } {
  const { accBeta1, accBeta2 } = optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
  return { accBeta1, accBeta2 };
}

/**
 * Adam's state for `variables` (the list minimize() was given, in that order): `iteration`, then `<name>/m`
 * and `<name>/v` per variable (none before the first step), then `accBeta1` and `accBeta2`.
 */
export async function exportAdam(
  optimizer: tf.AdamOptimizer,
  variables: readonly tf.Variable[],
): Promise<NamedWeight[]> {
  const named = await optimizer.getWeights();
  const iteration = named[0]!.tensor;
  const out: NamedWeight[] = [
    { name: 'iteration', shape: [], data: Float32Array.from(await iteration.data()) },
  ];
  iteration.dispose(); // made fresh by getWeights; the moments are the optimizer's live variables
  const moments = named.slice(1);
  const count = moments.length / 2;
  for (let i = 0; i < count; i++) {
    for (const [slot, entry] of [
      ['m', moments[i]!],
      ['v', moments[count + i]!],
    ] as const) {
      out.push({
        name: `${stableName(variables[i]!)}/${slot}`,
        shape: entry.tensor.shape.slice(),
        data: Float32Array.from(await entry.tensor.data()),
      });
    }
  }
  for (const [name, variable] of Object.entries(betaProducts(optimizer))) {
    out.push({ name, shape: [], data: Float32Array.from(await variable.data()) });
  }
  return out;
}

/** What a checkpoint keeps of one trainer to continue it exactly. */
export interface TrainerState {
  weights: NamedWeight[];
  optimizer: NamedWeight[];
  /** The data stream's generator. */
  rngState: RngState;
  steps: number;
}

/** Loads exportAdam() output into a fresh Adam optimizer for the same variables. */
export async function importAdam(
  optimizer: tf.AdamOptimizer,
  variables: readonly tf.Variable[],
  state: readonly NamedWeight[],
): Promise<void> {
  const byName = new Map(state.map((w) => [w.name, w]));
  const iteration = checkEntry(byName.get('iteration'), 'iteration', []).data[0]!;
  if (!Number.isInteger(iteration) || iteration < 0)
    throw new Error(`Expected a non-negative whole iteration count, got ${iteration}`);
  const betas = (['accBeta1', 'accBeta2'] as const).map((n) => checkEntry(byName.get(n), n, []).data[0]!);
  const hasMoments = state.length > 3;
  const slots = hasMoments
    ? (['m', 'v'] as const).flatMap((slot) =>
        variables.map((v) => {
          const name = `${stableName(v)}/${slot}`;
          return checkEntry(byName.get(name), name, v.shape);
        }),
      )
    : [];
  const expected = 3 + slots.length;
  if (state.length !== expected)
    throw new Error(`Expected ${expected} optimizer entries, got ${state.length}`);
  const tensors = [
    { name: 'iter', tensor: tf.scalar(iteration, 'int32') },
    ...slots.map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape, 'float32') })),
  ];
  await optimizer.setWeights(tensors);
  for (const t of tensors) t.tensor.dispose();
  const { accBeta1, accBeta2 } = betaProducts(optimizer);
  tf.tidy(() => {
    accBeta1.assign(tf.scalar(betas[0]!));
    accBeta2.assign(tf.scalar(betas[1]!));
  });
}

/** What a trainer hands to captureTrainerState / restoreTrainerState. */
export interface TrainerParts {
  variables: readonly tf.Variable[];
  optimizer: tf.AdamOptimizer;
  rng: { getState(): RngState; setState(state: RngState): void };
  steps: number;
}

/** Weights, Adam state, data stream and step count: what a checkpoint needs to continue exactly. */
export async function captureTrainerState(parts: TrainerParts): Promise<TrainerState> {
  return {
    weights: await exportVariables(parts.variables),
    optimizer: await exportAdam(parts.optimizer, parts.variables),
    rngState: parts.rng.getState(),
    steps: parts.steps,
  };
}

/**
 * Loads a captured state into a fresh trainer's parts (nothing changes on error) and returns the step count
 * to continue from.
 */
export async function restoreTrainerState(parts: TrainerParts, state: TrainerState): Promise<number> {
  if (parts.steps !== 0) throw new Error('Load a saved state into a fresh trainer only');
  if (!Number.isInteger(state.steps) || state.steps < 0)
    throw new Error(`Expected a non-negative whole step count, got ${state.steps}`);
  const before = await exportVariables(parts.variables);
  importVariables(parts.variables, state.weights);
  try {
    await importAdam(parts.optimizer, parts.variables, state.optimizer);
    parts.rng.setState(state.rngState);
  } catch (error) {
    importVariables(parts.variables, before);
    throw error;
  }
  return state.steps;
}
