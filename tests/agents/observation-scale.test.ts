/**
 * Observation scaling: an agent with observationScale learns exactly what an unscaled agent learns from
 * observations multiplied by the factors, and the weights it hands out are that network folded into a plain one
 * (bit for bit, on raw observations), so everything that runs saved weights needs no scale.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DqnAgent } from '../../src/agents/dqn';
import {
  captureDqnCheckpoint,
  dqnLayersTopologies,
  restoreDqnCheckpoint,
} from '../../src/agents/dqn-checkpoint';
import { DqnLearner, type EnvLike } from '../../src/agents/dqn-learner';
import { dqnPreset } from '../../src/agents/presets';
import { makeEnvFromConfig } from '../../src/envs/registry';
import type { DqnCheckpoint } from '../../src/storage/checkpoint';
import { exportCheckpointFile } from '../../src/storage/export-file';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import type { DqnAgentBase } from '../../src/agents/dqn-agent-base';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { JsQPolicy } from '../../src/agents/js-q-policy';
import { inputLayerNames, scaleInputKernels } from '../../src/agents/observation-scale';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import type { NamedWeight } from '../../src/agents/weights';
import { Rng } from '../../src/envs/rng';
import { loadWithStockTfjs } from '../storage/stock-tfjs';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const SCALE = [0.5, 0.25, 4, 0.25];
const OBS = SCALE.length;
const ACTIONS = 2;

const config: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 8],
  dueling: true,
  doubleDqn: true,
  prioritized: true,
  bufferSize: 300,
  batchSize: 32,
  learningRate: 1e-3,
  learningStarts: 0,
  trainFreq: 1,
  targetUpdate: { kind: 'soft', tau: 0.05 },
  maxGradNorm: 10,
  totalSteps: 1000,
  seed: 5,
};
const scaled: DqnConfig = { ...config, observationScale: SCALE };

type Engine = 'js' | 'tfjs';
const make = (engine: Engine, c: DqnConfig, obsSize = OBS): DqnAgentBase =>
  engine === 'js'
    ? new JsDqnAgent(c, obsSize, ACTIONS, initialQNetworkWeights)
    : new DqnAgent(c, obsSize, ACTIONS);

const times = (obs: number[], factors: readonly number[]): number[] => obs.map((v, i) => v * factors[i]!);

/** The same random transitions into each agent, their observations multiplied by that agent's factors. */
function fill(agents: [DqnAgentBase, readonly number[]][], n: number): void {
  const rng = new Rng(4);
  for (let i = 0; i < n; i++) {
    const observation = [rng.uniform(-2, 2), rng.uniform(-3, 3), rng.uniform(-0.2, 0.2), rng.uniform(-3, 3)];
    const next = observation.map((v) => v + rng.uniform(-0.1, 0.1));
    const action = rng.nextInt(ACTIONS);
    const terminated = rng.nextFloat() < 0.05;
    for (const [agent, factors] of agents) {
      agent.observe({
        observation: times(observation, factors),
        action,
        reward: 1,
        nextObservation: times(next, factors),
        terminated,
      });
    }
  }
}

const bits = (weights: readonly NamedWeight[]) => weights.map((w) => [w.name, Array.from(w.data)]);
const probe = (): number[][] => {
  const rng = new Rng(8);
  return Array.from({ length: 20 }, () => [
    rng.uniform(-2, 2),
    rng.uniform(-2, 2),
    rng.uniform(-0.2, 0.2),
    rng.uniform(-2, 2),
  ]);
};

describe.each<Engine>(['js', 'tfjs'])('observationScale on the %s engine', (engine) => {
  it('learns exactly what an unscaled agent learns from scaled observations', async () => {
    const withScale = make(engine, scaled);
    const plain = make(engine, config);
    fill(
      [
        [withScale, [1, 1, 1, 1]],
        [plain, SCALE],
      ],
      200,
    );
    for (let i = 0; i < 30; i++) {
      const [a, b] = [await withScale.trainStep(), await plain.trainStep()];
      expect(a).toEqual(b);
    }
    const folded = scaleInputKernels(await plain.getWeights(), SCALE, inputLayerNames(config), 'fold');
    expect(bits(await withScale.getWeights())).toEqual(bits(folded));
    for (const obs of probe()) {
      expect(Array.from(await withScale.qValues(obs))).toEqual(
        Array.from(await plain.qValues(times(obs, SCALE))),
      );
    }
    withScale.dispose();
    plain.dispose();
  });

  it('hands out a plain network on raw observations that computes the same Q-values bit for bit', async () => {
    const withScale = make(engine, scaled);
    fill([[withScale, [1, 1, 1, 1]]], 200);
    for (let i = 0; i < 30; i++) await withScale.trainStep();
    const weights = await withScale.getWeights();
    // The folded weights differ from the network's own (row i times s_i)...
    const plain = make(engine, config);
    plain.setWeights(weights);
    expect(bits(await plain.getWeights())).toEqual(bits(weights));
    // ... and an unscaled network holding them answers raw observations exactly as the scaled agent does.
    for (const obs of probe())
      expect(Array.from(await plain.qValues(obs))).toEqual(Array.from(await withScale.qValues(obs)));
    // The watch view's forward pass on the same weights picks the same actions.
    const policy = new JsQPolicy(weights, config.activation);
    const observations = Float32Array.from(probe().flat());
    expect(probe().map((obs) => policy.act(obs))).toEqual(
      Array.from(await withScale.greedyActions(observations, 20)),
    );
    withScale.dispose();
    plain.dispose();
  });

  it('takes back the weights it handed out: setWeights(getWeights()) changes nothing, and training goes on alike', async () => {
    const a = make(engine, scaled);
    const b = make(engine, scaled);
    fill(
      [
        [a, [1, 1, 1, 1]],
        [b, [1, 1, 1, 1]],
      ],
      200,
    );
    for (let i = 0; i < 10; i++) {
      await a.trainStep();
      await b.trainStep();
    }
    b.setWeights(await b.getWeights());
    for (let i = 0; i < 10; i++) expect(await b.trainStep()).toEqual(await a.trainStep());
    expect(bits(await b.getWeights())).toEqual(bits(await a.getWeights()));
    a.dispose();
    b.dispose();
  });

  it('needs one factor per observation feature', () => {
    expect(() => make(engine, scaled, 3)).toThrow(
      'Expected observationScale to list 3 factors (one per observation feature), got 4',
    );
  });
});

describe('scaleInputKernels', () => {
  it('multiplies the input rows of the first layer (or of the head without hidden layers) and unfolds exactly', () => {
    expect(inputLayerNames({ hiddenSizes: [8], dueling: true })).toEqual(['hidden_0']);
    expect(inputLayerNames({ hiddenSizes: [], dueling: false })).toEqual(['q_values']);
    expect(inputLayerNames({ hiddenSizes: [], dueling: true })).toEqual(['value', 'advantage']);
    const kernel = {
      name: 'online/hidden_0/kernel',
      shape: [2, 3],
      data: Float32Array.of(1, 2, 3, 0.1, 0.2, 0.3),
    };
    const bias = { name: 'online/hidden_0/bias', shape: [3], data: Float32Array.of(5, 6, 7) };
    const folded = scaleInputKernels([kernel, bias], [2, 0.5], ['hidden_0'], 'fold');
    expect(Array.from(folded[0]!.data)).toEqual(Array.from(Float32Array.of(2, 4, 6, 0.05, 0.1, 0.15)));
    expect(folded[1]).toBe(bias);
    const back = scaleInputKernels(folded, [2, 0.5], ['hidden_0'], 'unfold');
    expect(Array.from(back[0]!.data)).toEqual(Array.from(kernel.data));
    expect(() => scaleInputKernels([kernel], [2, 0.5, 1], ['hidden_0'], 'fold')).toThrow(
      'Expected online/hidden_0/kernel of shape [3, units], got [2,3]',
    );
  });
});

describe('a scaled agent outside the agent', () => {
  it('saves, shares and exports the plain network: raw observations give its Q-values everywhere', async () => {
    const config: DqnConfig = {
      ...dqnPreset('CartPole-v1', { seed: 3 }),
      learningStarts: 100,
      bufferSize: 1000,
    };
    expect(config.observationScale).not.toBeNull();
    const agent = new JsDqnAgent(config, 4, 2, initialQNetworkWeights);
    const learner = new DqnLearner(agent, makeEnvFromConfig('CartPole-v1') as unknown as EnvLike);
    for (let i = 0; i < 400; i++) learner.step();
    const checkpoint = await captureDqnCheckpoint(agent, learner, {
      name: 'Scaled',
      appVersion: '0.1.0',
      backend: 'js',
      gameId: 'CartPole-v1',
    });
    const observations = probe();

    // A share link (exact float32) restores into a fresh agent that answers bit for bit.
    const { checkpoint: shared } = decodeShareLink(
      encodeShareLink(checkpoint, { quantization: 'float32' }).hash,
    );
    const restored = new JsDqnAgent(shared.config as DqnConfig, 4, 2, initialQNetworkWeights);
    await restoreDqnCheckpoint(shared as DqnCheckpoint, restored);
    for (const obs of observations)
      expect(Array.from(restored.qValues(obs))).toEqual(Array.from(agent.qValues(obs)));

    // Stock tfjs opens the exported Layers model, which takes raw observations (the scale is folded in).
    const file = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
    const model = await loadWithStockTfjs(file, 'online');
    const predicted = tf.tidy(() => (model.predict(tf.tensor2d(observations)) as tf.Tensor2D).arraySync());
    model.dispose();
    observations.forEach((obs, i) => {
      const q = agent.qValues(obs);
      q.forEach((v, a) =>
        expect(Math.abs(predicted[i]![a]! - v)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))),
      );
    });
  });
});
