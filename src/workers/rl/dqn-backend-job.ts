/** What the arena's DQN asks of the backend choice (no tfjs here, so Node tests read it as the worker does). */
import { mlpProfile } from '../backend-choice';
import type { InitOptions } from '../backend';
import { boxSize } from '../../envs/core';
import { makeEnvFromConfig } from '../../envs/registry';
import { assertValidDqnConfig } from '../../agents/dqn-config';
import type { RlRunSpec } from '../protocol';

/**
 * Its network's size and the typed-array engine allowed. Every read is asynchronous, so no backend is ruled
 * out: "auto" takes WebGPU too wherever this device measured it fastest for the size.
 */
export function dqnBackendJob(spec: RlRunSpec, backend: Omit<InitOptions, 'profile'>): InitOptions {
  // Sized from the game before any tensor is made (tensors belong to the backend active when made).
  const config = assertValidDqnConfig(structuredClone(spec.config));
  const env = makeEnvFromConfig(spec.envId, spec.envOptions ?? {});
  const layers = [boxSize(env.spec.observationSpace), ...config.hiddenSizes, env.spec.actionSpace.n];
  return { ...backend, profile: mlpProfile(layers, config.batchSize), jsEngine: true };
}
