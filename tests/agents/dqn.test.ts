import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DqnAgent } from '../../src/agents/dqn';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { DqnLearner, dqnStepMetrics, type EnvLike } from '../../src/agents/dqn-learner';
import { QPolicy } from '../../src/agents/q-policy';
import type { NamedWeight } from '../../src/agents/weights';
import { Rng } from '../../src/envs/rng';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const small: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16],
  bufferSize: 500,
  batchSize: 16,
  learningRate: 1e-2,
  learningStarts: 0,
  trainFreq: 1,
  gradientSteps: 1,
  targetUpdate: { kind: 'hard', interval: 1_000_000 },
  totalSteps: 1000,
  seed: 5,
};

/** Obs = one-hot of a random target; reward 1 for naming it (SB3's IdentityEnv). Truncates after 10 steps. */
class IdentityEnv implements EnvLike {
  private readonly rng = new Rng(0);
  private target = 0;
  private t = 0;
  constructor(readonly n: number) {}
  reset(options?: { seed?: number }) {
    if (options?.seed !== undefined) this.rng.reseed(options.seed);
    this.t = 0;
    return { observation: this.draw() };
  }
  step(action: number) {
    const reward = action === this.target ? 1 : 0;
    this.t++;
    return { observation: this.draw(), reward, terminated: false, truncated: this.t >= 10 };
  }
  private draw(): Float32Array {
    this.target = this.rng.nextInt(this.n);
    return oneHot(this.target, this.n);
  }
}

/** States 0..4 in a line; action 1 moves right, 0 left; reaching 4 pays 1 and terminates. */
class ChainEnv implements EnvLike {
  private readonly rng = new Rng(0);
  private s = 0;
  private t = 0;
  reset(options?: { seed?: number }) {
    if (options?.seed !== undefined) this.rng.reseed(options.seed);
    this.s = this.rng.nextInt(4);
    this.t = 0;
    return { observation: oneHot(this.s, 5) };
  }
  step(action: number) {
    this.s = Math.max(0, this.s + (action === 1 ? 1 : -1));
    this.t++;
    const terminated = this.s === 4;
    return {
      observation: oneHot(this.s, 5),
      reward: terminated ? 1 : 0,
      terminated,
      truncated: this.t >= 20,
    };
  }
}

function oneHot(i: number, n: number): Float32Array {
  const v = new Float32Array(n);
  v[i] = 1;
  return v;
}

function fillRandom(agent: DqnAgent, n: number, seed = 1): void {
  const rng = new Rng(seed);
  for (let i = 0; i < n; i++) {
    const observation = Array.from({ length: agent.obsSize }, () => rng.uniform(-1, 1));
    const nextObservation = Array.from({ length: agent.obsSize }, () => rng.uniform(-1, 1));
    agent.observe({
      observation,
      action: rng.nextInt(agent.nActions),
      reward: rng.uniform(-1, 1),
      nextObservation,
      terminated: rng.nextFloat() < 0.1,
    });
  }
}

function part(weights: NamedWeight[], prefix: string): Float32Array[] {
  return weights.filter((w) => w.name.startsWith(prefix)).map((w) => w.data);
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

describe('DqnAgent target network', async () => {
  it('stays fixed between hard syncs and equals the online net right after one', async () => {
    const agent = new DqnAgent({ ...small, targetUpdate: { kind: 'hard', interval: 5 } }, 3, 2);
    fillRandom(agent, 100);
    const target0 = part(await agent.getWeights(), 'target/');
    for (let i = 0; i < 4; i++) await agent.trainStep();
    const w4 = await agent.getWeights();
    expect(maxAbsDiff(part(w4, 'target/'), target0)).toBe(0);
    expect(maxAbsDiff(part(w4, 'online/'), target0)).toBeGreaterThan(0);
    await agent.trainStep();
    const w5 = await agent.getWeights();
    expect(maxAbsDiff(part(w5, 'target/'), part(w5, 'online/'))).toBe(0);
    expect(maxAbsDiff(part(w5, 'target/'), target0)).toBeGreaterThan(0);
    const obs = [0.2, -0.4, 0.9];
    expect(await agent.targetQValues(obs)).toEqual(await agent.qValues(obs));
    // After the sync the target keeps its copy while the online net moves on.
    await agent.trainStep();
    await agent.trainStep();
    const w7 = await agent.getWeights();
    expect(maxAbsDiff(part(w7, 'target/'), part(w5, 'online/'))).toBe(0);
    expect(maxAbsDiff(part(w7, 'online/'), part(w5, 'online/'))).toBeGreaterThan(0);
    agent.dispose();
  });

  it('soft update moves the target by τ towards the online net after every step', async () => {
    const tau = 0.1;
    const agent = new DqnAgent({ ...small, targetUpdate: { kind: 'soft', tau } }, 3, 2);
    fillRandom(agent, 100);
    for (let i = 0; i < 3; i++) await agent.trainStep();
    const targetBefore = part(await agent.getWeights(), 'target/');
    await agent.trainStep();
    const after = await agent.getWeights();
    const onlineAfter = part(after, 'online/');
    const expected = targetBefore.map((t, i) => t.map((v, j) => (1 - tau) * v + tau * onlineAfter[i][j]));
    expect(maxAbsDiff(part(after, 'target/'), expected)).toBeLessThan(1e-6);
    expect(maxAbsDiff(part(after, 'target/'), targetBefore)).toBeGreaterThan(0);
    agent.dispose();
  });
});

describe('DqnAgent TD target', async () => {
  it('uses the reward alone for a terminated transition and bootstraps otherwise', async () => {
    const gamma = 0.9;
    const agent = new DqnAgent({ ...small, gamma }, 3, 2);
    const next = [0.5, -0.2, 0.3];
    const targets = await agent.computeTdTargets(
      new Float32Array([1, 1]),
      new Float32Array([1, 0]),
      new Float32Array([...next, ...next]),
    );
    const maxQ = Math.max(...(await agent.targetQValues(next)));
    expect(maxQ).not.toBe(0);
    expect(targets[0]).toBe(1);
    expect(targets[1]).toBeCloseTo(1 + gamma * maxQ, 5);
    agent.dispose();
  });

  it('Double DQN evaluates the online argmax with the target net', async () => {
    const gamma = 0.5;
    const agent = new DqnAgent({ ...small, gamma, doubleDqn: true, hiddenSizes: [8] }, 3, 4);
    fillRandom(agent, 200);
    for (let i = 0; i < 50; i++) await agent.trainStep(); // online drifts from the never-synced target
    const rng = new Rng(9);
    let checked = 0;
    for (let k = 0; k < 20; k++) {
      const next = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
      const online = await agent.qValues(next);
      const target = await agent.targetQValues(next);
      const aStar = online.indexOf(Math.max(...online));
      const [y] = await agent.computeTdTargets(
        new Float32Array([0]),
        new Float32Array([0]),
        new Float32Array(next),
      );
      expect(y).toBeCloseTo(gamma * target[aStar], 5);
      if (target.indexOf(Math.max(...target)) !== aStar) checked++;
    }
    expect(checked).toBeGreaterThan(0); // at least one case where Double and vanilla DQN differ
    agent.dispose();
  });

  it('the learner stores truncation as not terminated and termination as terminated', async () => {
    let t = 0;
    const env: EnvLike = {
      reset: () => ((t = 0), { observation: [0] }),
      step: () => {
        t++;
        return { observation: [t], reward: 1, terminated: t === 2, truncated: t === 3 };
      },
    };
    // Episode 1 terminates at t = 2; episode 2 would terminate at t = 2 too, so make it truncate at 3.
    let episode = 0;
    const wrapped: EnvLike = {
      reset: (o) => (episode++, env.reset(o)),
      step: (a) => {
        const r = env.step(a);
        return episode === 1 ? r : { ...r, terminated: false };
      },
    };
    const agent = new DqnAgent({ ...small, learningStarts: 1000 }, 1, 2);
    const learner = new DqnLearner(agent, wrapped);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await learner.step());
    expect(results.map((r) => [r.terminated, r.truncated])).toEqual([
      [false, false],
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(Array.from(agent.replay.exportData().terminated)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(agent.replay.exportData().nextObservations)).toEqual([1, 2, 1, 2, 3]);
    expect(learner.counters).toEqual({ envSteps: 5, episodes: 2, gradientSteps: 0 });
    expect(learner.episodeLengths).toEqual([2, 3]);
    agent.dispose();
  });
});

describe('DqnLearner', async () => {
  it('trains gradientSteps times every trainFreq env steps once learningStarts is reached', async () => {
    const agent = new DqnAgent({ ...small, learningStarts: 10, trainFreq: 4, gradientSteps: 3 }, 5, 2);
    const learner = new DqnLearner(agent, new ChainEnv());
    const trainedAt: number[] = [];
    for (let i = 0; i < 30; i++) {
      const result = await learner.step();
      if (result.train) trainedAt.push(learner.counters.envSteps);
      const metrics = dqnStepMetrics(result);
      expect(metrics['charts/epsilon']).toBe(result.epsilon);
      expect('losses/td' in metrics).toBe(result.train !== null);
      expect('charts/episodicReturn' in metrics).toBe(result.episode !== null);
    }
    expect(trainedAt).toEqual([12, 16, 20, 24, 28]);
    expect(agent.gradientSteps).toBe(15);
    agent.dispose();
  });

  it('restores its counters and episode history from getState()', async () => {
    const agent = new DqnAgent({ ...small, learningStarts: 1000 }, 5, 2);
    const learner = new DqnLearner(agent, new ChainEnv());
    for (let i = 0; i < 57; i++) await learner.step();
    const state = learner.getState();
    const other = new DqnLearner(agent, new ChainEnv());
    other.setState(state);
    expect(other.getState()).toEqual(state);
    expect(other.counters).toEqual(learner.counters);
    expect(other.meanReturn()).toBe(learner.meanReturn());
    agent.dispose();
  });
});

describe('DqnAgent learning', async () => {
  it('solves the identity task: greedy action names the one-hot target', async () => {
    const config: DqnConfig = {
      ...small,
      hiddenSizes: [32],
      gamma: 0.5,
      learningRate: 5e-3,
      batchSize: 32,
      bufferSize: 2000,
      learningStarts: 100,
      targetUpdate: { kind: 'hard', interval: 50 },
      doubleDqn: true,
      huberDelta: 1,
      epsilonEnd: 0.05,
      explorationFraction: 0.5,
      totalSteps: 1500,
    };
    const n = 4;
    const agent = new DqnAgent(config, n, n);
    const learner = new DqnLearner(agent, new IdentityEnv(n));
    for (let i = 0; i < config.totalSteps; i++) await learner.step();
    for (let k = 0; k < n; k++) expect(await agent.act(oneHot(k, n), 0)).toBe(k);
    // Late episodes, at ε = 0.05, score nearly 10 out of 10.
    expect(learner.meanReturn(20)).toBeGreaterThan(8.5);
    agent.dispose();
  });

  it('solves a 5-state chain: greedy moves right everywhere', async () => {
    const config: DqnConfig = {
      ...small,
      hiddenSizes: [32],
      gamma: 0.9,
      learningRate: 5e-3,
      batchSize: 32,
      bufferSize: 3000,
      learningStarts: 200,
      targetUpdate: { kind: 'soft', tau: 0.05 },
      dueling: true,
      prioritized: true,
      epsilonEnd: 0.05,
      explorationFraction: 0.4,
      totalSteps: 2000,
    };
    const agent = new DqnAgent(config, 5, 2);
    const learner = new DqnLearner(agent, new ChainEnv());
    for (let i = 0; i < config.totalSteps; i++) await learner.step();
    for (let s = 0; s < 4; s++) expect(await agent.act(oneHot(s, 5), 0)).toBe(1);
    // Q(s, right) ≈ γ^(3−s): the value estimate has the right shape, not just the right argmax.
    for (let s = 0; s < 4; s++) expect((await agent.qValues(oneHot(s, 5)))[1]).toBeCloseTo(0.9 ** (3 - s), 1);
    agent.dispose();
  });

  it('is deterministic: same seed, same actions, losses and weights', async () => {
    const run = async () => {
      const agent = new DqnAgent({ ...small, learningStarts: 50, totalSteps: 300 }, 5, 2);
      const learner = new DqnLearner(agent, new ChainEnv());
      const trace = [];
      for (let i = 0; i < 300; i++) {
        const r = await learner.step();
        trace.push([r.action, r.train?.loss ?? -1]);
      }
      const weights = await agent.getWeights();
      agent.dispose();
      return { trace, weights };
    };
    const a = await run();
    const b = await run();
    expect(b.trace).toEqual(a.trace);
    expect(b.weights).toEqual(a.weights);
  });
});

describe('DqnAgent resources and smoke', async () => {
  it('keeps the tensor count flat over 2,000 train steps with every option on', async () => {
    const agent = new DqnAgent(
      {
        ...small,
        hiddenSizes: [16, 16],
        batchSize: 8,
        dueling: true,
        doubleDqn: true,
        prioritized: true,
        huberDelta: 1,
        maxGradNorm: 1,
        targetUpdate: { kind: 'soft', tau: 0.01 },
      },
      4,
      3,
    );
    fillRandom(agent, 200);
    const obs = [0.1, 0.2, 0.3, 0.4];
    for (let i = 0; i < 10; i++) await agent.trainStep(); // optimizer slots are created on the first step
    agent.syncTarget();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2000; i++) {
      await agent.trainStep();
      await agent.act(obs, 0);
      if (i % 500 === 0) agent.syncTarget();
    }
    expect(tf.memory().numTensors).toBe(before);
    agent.dispose();
  });

  it.each(['adam', 'rmsprop', 'sgd'] as const)(
    'runs a few hundred steps with finite loss (%s)',
    async (optimizer) => {
      const agent = new DqnAgent(
        { ...small, optimizer, learningStarts: 64, maxGradNorm: 10, huberDelta: 1, totalSteps: 300 },
        5,
        2,
      );
      const learner = new DqnLearner(agent, new ChainEnv());
      const losses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const { train } = await learner.step();
        if (train) {
          losses.push(train.loss);
          expect(Number.isFinite(train.gradNorm)).toBe(true);
          expect(train.tdErrorMax).toBeGreaterThanOrEqual(train.tdErrorMean);
        }
      }
      expect(losses.length).toBe(300 - 64 + 1);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(learner.counters.episodes).toBeGreaterThan(0);
      agent.dispose();
    },
  );

  it('clips the gradient to maxGradNorm: a clipped SGD step moves weights by lr · maxGradNorm at most', async () => {
    const lr = 0.1;
    const agent = new DqnAgent({ ...small, optimizer: 'sgd', learningRate: lr, maxGradNorm: 0.01 }, 3, 2);
    fillRandom(agent, 100);
    const before = part(await agent.getWeights(), 'online/');
    const { gradNorm } = await agent.trainStep();
    const after = part(await agent.getWeights(), 'online/');
    let sq = 0;
    after.forEach((x, i) => x.forEach((v, j) => (sq += (v - before[i][j]) ** 2)));
    expect(gradNorm).toBeGreaterThan(0.01);
    expect(Math.sqrt(sq)).toBeCloseTo(lr * 0.01, 5);
    agent.dispose();
  });
});

describe('DqnAgent checkpoint data', async () => {
  it('resumes exactly from weights, optimizer state, agent state and replay', async () => {
    const config: DqnConfig = { ...small, prioritized: true, targetUpdate: { kind: 'hard', interval: 7 } };
    const a = new DqnAgent(config, 3, 2);
    fillRandom(a, 150);
    for (let i = 0; i < 12; i++) await a.trainStep();

    const b = new DqnAgent({ ...config, seed: 99 }, 3, 2);
    b.setWeights(await a.getWeights());
    await b.setOptimizerState(await a.getOptimizerState());
    b.setState(a.getState());
    b.replay.importData(a.replay.exportData());

    for (let i = 0; i < 5; i++) expect(await b.trainStep()).toEqual(await a.trainStep());
    expect(await b.getWeights()).toEqual(await a.getWeights());
    expect(b.getState()).toEqual(a.getState());
    a.dispose();
    b.dispose();
  });

  it('names optimizer state stably and rejects mismatched weights', async () => {
    const agent = new DqnAgent(small, 3, 2);
    expect((await agent.getOptimizerState()).map((w) => w.name)).toEqual([
      'optimizer/iter',
      'optimizer/accBeta1',
      'optimizer/accBeta2',
    ]);
    fillRandom(agent, 50);
    await agent.trainStep();
    const state = await agent.getOptimizerState();
    expect(state.map((w) => w.name)).toEqual([
      'optimizer/iter',
      'optimizer/m/hidden_0/kernel',
      'optimizer/m/hidden_0/bias',
      'optimizer/m/q_values/kernel',
      'optimizer/m/q_values/bias',
      'optimizer/v/hidden_0/kernel',
      'optimizer/v/hidden_0/bias',
      'optimizer/v/q_values/kernel',
      'optimizer/v/q_values/bias',
      // Adam's running products β₁ᵗ, β₂ᵗ, saved so that a resume is bit-exact.
      'optimizer/accBeta1',
      'optimizer/accBeta2',
    ]);
    expect(state[0].data[0]).toBe(1);
    expect(state.at(-2)!.data[0]).toBeCloseTo(0.9 * 0.9, 6);
    const weights = await agent.getWeights();
    const broken = weights.map((w) => (w.name === 'online/hidden_0/bias' ? { ...w, shape: [3] } : w));
    expect(() => agent.setWeights(broken)).toThrow('Expected online/hidden_0/bias of shape [16], got [3]');
    expect(() => agent.setWeights(weights.slice(1))).toThrow(
      'Expected a weight named online/hidden_0/kernel',
    );
    await expect(agent.setOptimizerState(state.slice(0, 3))).rejects.toThrow(
      'Expected 1 or 9 adam optimizer weights',
    );
    agent.dispose();
  });

  it('QPolicy acts greedily with weights streamed from the agent', async () => {
    const agent = new DqnAgent({ ...small, dueling: true }, 3, 4);
    fillRandom(agent, 50);
    for (let i = 0; i < 5; i++) await agent.trainStep();
    const policy = new QPolicy(agent.config, 3, 4);
    policy.setWeights(await agent.getWeights());
    const obs = [0.3, -0.1, 0.8];
    expect(await policy.qValues(obs)).toEqual(await agent.qValues(obs));
    expect(await policy.act(obs)).toBe(await agent.act(obs, 0));
    expect(await agent.greedyActions(new Float32Array([...obs, ...obs]), 2)).toEqual(
      new Int32Array([await policy.act(obs), await policy.act(obs)]),
    );
    policy.dispose();
    agent.dispose();
  });
});
