/**
 * Attribution on a saved DQN agent: rebuild its online Q-network, roll its game out greedily from a seed to the
 * requested step, and explain the chosen action's Q-value by gradient × input and integrated gradients (zero
 * observation as the baseline). Needs no classifier.
 */
import * as tf from '@tensorflow/tfjs';
import { argMax, buildQNetwork } from '../../../agents/q-network';
import { importModelWeights } from '../../../agents/weights';
import { makeEnvFromConfig } from '../../../envs/registry';
import { integratedGradients, vanillaGradient, type ScalarFn } from '../../../learn/attribution';
import { observationFeatureNames } from '../../../learn/feature-names';
import type { QAttributionRequest, QAttributionResult } from '../../protocol/learn';
import { joinNetworkWeights } from '../../../storage/checkpoint';
import { loadCheckpoint } from '../../../storage/db';

export async function explainAgentAction(request: QAttributionRequest): Promise<QAttributionResult> {
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
}
