/**
 * Plays the greedy policy of exported weights for a few seeded episodes, in plain TypeScript. Used to check
 * a quantized agent before its share link is offered: a link must not silently carry an agent that no
 * longer plays. Yields between episodes so a page stays responsive.
 */
import { makeEnvFromConfig } from '../envs/registry';
import type { Activation } from './dqn-config';
import { JsQPolicy } from './js-q-policy';
import type { NamedWeight } from './weights';

export interface EvaluationResult {
  returns: number[];
  mean: number;
}

export async function evaluateGreedy(
  weights: readonly NamedWeight[],
  activation: Activation,
  envId: string,
  envOptions: Record<string, unknown>,
  episodes = 5,
  seed = 12345,
): Promise<EvaluationResult> {
  const policy = new JsQPolicy(weights, activation);
  const env = makeEnvFromConfig(envId, envOptions);
  const returns: number[] = [];
  for (let episode = 0; episode < episodes; episode++) {
    let { observation } = env.reset(episode === 0 ? { seed } : undefined);
    let total = 0;
    for (;;) {
      const result = env.step(policy.act(observation));
      total += result.reward;
      observation = result.observation;
      if (result.terminated || result.truncated) break;
    }
    returns.push(total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { returns, mean: returns.reduce((a, b) => a + b, 0) / returns.length };
}
