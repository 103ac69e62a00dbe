/**
 * The Learn sequence models ('sequence-rnn', 'transformer') as checkpoints and back: each trainer's weights,
 * Adam state and data stream stored under its network's name. Checkpoints are checked here as they come in
 * (a file, a link or an old database).
 */
import type { TrainerState } from '../../learn/trainer-state';
import type { Checkpoint, GenerativeCheckpoint } from '../../storage/checkpoint';
import { CheckpointError } from '../../storage/errors';
import { errorText } from '../../util/error-text';

/** A checkpoint's networks, optimizers and streams for trainer states keyed by network name. */
export function trainerParts(states: readonly { network: string; state: TrainerState }[]) {
  return {
    networks: Object.fromEntries(states.map(({ network, state }) => [network, { weights: state.weights }])),
    optimizers: Object.fromEntries(states.map(({ network, state }) => [network, state.optimizer])),
    rngStates: Object.fromEntries(states.map(({ network, state }) => [network, state.rngState])),
  };
}

export function trainerStateOf(checkpoint: Checkpoint, network: string, what: string): TrainerState {
  const weights = checkpoint.networks[network]?.weights;
  const optimizer = checkpoint.optimizers[network];
  const rngState = checkpoint.rngStates[network];
  if (!weights || !optimizer || !rngState)
    throw new CheckpointError(
      'invalid',
      `${what}: it lacks the weights, Adam state or data stream of ${network}`,
    );
  return { weights, optimizer, rngState, steps: checkpoint.counters.gradientSteps };
}

/** The checkpoint if it holds a model of `kind`; a clear error otherwise. */
export function requireKind(
  checkpoint: Checkpoint,
  kind: GenerativeCheckpoint['kind'],
  page: string,
): GenerativeCheckpoint {
  if (checkpoint.kind === 'dqn' || checkpoint.kind !== kind)
    throw new CheckpointError(
      'invalid',
      `Checkpoint ${JSON.stringify(checkpoint.name)} holds a ${checkpoint.kind} model, not one this ${page} panel trains`,
    );
  return checkpoint;
}

/** Loads every trainer's state, or disposes them all and explains what did not fit. */
export async function restoreAll<T extends { dispose(): void; importState(s: TrainerState): Promise<void> }>(
  trainers: T[],
  states: TrainerState[],
  what: string,
): Promise<T[]> {
  try {
    for (let i = 0; i < trainers.length; i++) await trainers[i]!.importState(states[i]!);
    return trainers;
  } catch (error) {
    for (const trainer of trainers) trainer.dispose();
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError('invalid', `${what}: ${errorText(error)}`);
  }
}

/** Whether a captured state can be rolled back to (a copy with NaN weights cannot). */
export function isFiniteState(state: TrainerState): boolean {
  return state.weights.every((w) => w.data.every(Number.isFinite));
}
