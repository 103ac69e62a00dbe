/**
 * The typed-array engine against the tfjs agent: same initial weights and the same seeded minibatches must give
 * the same Q-values, TD targets, loss statistics, gradients, optimizer updates and target updates (float32
 * rounding apart), and state must move between the engines and resume exactly on the engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DqnAgent } from '../../src/agents/dqn';
import type { DqnAgentBase, TrainStats } from '../../src/agents/dqn-agent-base';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import type { NamedWeight } from '../../src/agents/weights';
import { Rng } from '../../src/envs/rng';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const base: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [32, 24],
  bufferSize: 400,
  batchSize: 32,
  learningRate: 1e-3,
  learningStarts: 0,
  trainFreq: 1,
  gradientSteps: 1,
  targetUpdate: { kind: 'soft', tau: 0.05 },
  huberDelta: 1,
  maxGradNorm: null,
  totalSteps: 1000,
  seed: 11,
};

const OBS = 4;
const ACTIONS = 3;

function pair(config: DqnConfig): [DqnAgent, JsDqnAgent] {
  return [new DqnAgent(config, OBS, ACTIONS), new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights)];
}

/** The same random transitions into every agent (rewards large enough that Huber's linear zone is reached). */
function fill(agents: DqnAgentBase[], n: number, seed = 3): void {
  const rng = new Rng(seed);
  for (let i = 0; i < n; i++) {
    const transition = {
      observation: Array.from({ length: OBS }, () => rng.uniform(-2, 2)),
      action: rng.nextInt(ACTIONS),
      reward: rng.uniform(-3, 3),
      nextObservation: Array.from({ length: OBS }, () => rng.uniform(-2, 2)),
      terminated: rng.nextFloat() < 0.1,
    };
    for (const agent of agents) agent.observe(transition);
  }
}

/** Largest |a − b| over every named array, relative to the largest |b| (so scale does not matter). */
function relativeDiff(a: readonly NamedWeight[], b: readonly NamedWeight[]): number {
  expect(a.map((w) => w.name)).toEqual(b.map((w) => w.name));
  let diff = 0;
  let scale = 1e-12;
  a.forEach((w, i) => {
    expect(w.shape).toEqual(b[i]!.shape);
    w.data.forEach((v, j) => {
      diff = Math.max(diff, Math.abs(v - b[i]!.data[j]!));
      scale = Math.max(scale, Math.abs(b[i]!.data[j]!));
    });
  });
  return diff / scale;
}

function expectStatsClose(a: TrainStats, b: TrainStats, rel = 1e-5): void {
  for (const key of Object.keys(b) as (keyof TrainStats)[]) {
    expect(Math.abs(a[key] - b[key]), key).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b[key])));
  }
}

const variants: [string, Partial<DqnConfig>][] = [
  ['plain, Huber, Adam', {}],
  ['dueling', { dueling: true }],
  ['Double DQN', { doubleDqn: true }],
  ['prioritized replay weights', { prioritized: true, priorityBetaStart: 0.4 }],
  ['clipping that bites', { maxGradNorm: 0.05 }],
  ['squared error, hard target', { huberDelta: null, targetUpdate: { kind: 'hard', interval: 2 } }],
  ['RMSprop, tanh', { optimizer: 'rmsprop', activation: 'tanh' }],
  ['SGD, elu, dueling + double', { optimizer: 'sgd', activation: 'elu', dueling: true, doubleDqn: true }],
  ['selu', { activation: 'selu' }],
  ['observation scale', { observationScale: [0.5, 4, 0.25, 2], dueling: true }],
  ['sigmoid', { activation: 'sigmoid', maxGradNorm: 1 }],
  // A steep decay (over 210 env steps, 200 of them already observed), so each step's size differs.
  ['learning-rate decay, Adam', { learningRateEnd: 1e-5, totalSteps: 210 }],
  ['learning-rate decay, RMSprop', { optimizer: 'rmsprop', learningRateEnd: 1e-5, totalSteps: 210 }],
  ['learning-rate decay, SGD', { optimizer: 'sgd', learningRateEnd: 1e-5, totalSteps: 210 }],
];

describe('JsDqnAgent computes what the tfjs agent computes', () => {
  it('starts from the same seeded weights and gives the same Q-values and TD targets', async () => {
    for (const dueling of [false, true]) {
      const [tfAgent, jsAgent] = pair({ ...base, dueling, doubleDqn: true });
      expect(jsAgent.getWeights()).toEqual(await tfAgent.getWeights());
      const rng = new Rng(9);
      const obs = Float32Array.from({ length: 5 * OBS }, () => rng.uniform(-2, 2));
      for (let r = 0; r < 5; r++) {
        const row = obs.subarray(r * OBS, (r + 1) * OBS);
        const q = jsAgent.qValues(row);
        const expected = await tfAgent.qValues(row);
        q.forEach((v, a) => expect(v).toBeCloseTo(expected[a]!, 5));
      }
      expect(Array.from(jsAgent.greedyActions(obs, 5))).toEqual(
        Array.from(await tfAgent.greedyActions(obs, 5)),
      );
      const rewards = Float32Array.of(1, -2, 0.5, 0, 3);
      const terminated = Float32Array.of(0, 1, 0, 0, 1);
      const js = jsAgent.computeTdTargets(rewards, terminated, obs);
      const tfTargets = await tfAgent.computeTdTargets(rewards, terminated, obs);
      js.forEach((v, i) => expect(v).toBeCloseTo(tfTargets[i]!, 5));
      tfAgent.dispose();
    }
  });

  it.each(variants)(
    '%s: same statistics, weights, optimizer state and target after each step',
    async (_, change) => {
      const [tfAgent, jsAgent] = pair({ ...base, ...change });
      fill([tfAgent, jsAgent], 200);
      for (let step = 0; step < 4; step++) {
        expectStatsClose(await jsAgent.trainStep(), await tfAgent.trainStep());
        expect(relativeDiff(jsAgent.getWeights(), await tfAgent.getWeights())).toBeLessThan(1e-5);
        expect(
          relativeDiff(await jsAgent.getOptimizerState(), await tfAgent.getOptimizerState()),
        ).toBeLessThan(1e-5);
      }
      tfAgent.dispose();
    },
  );

  it('gives the same gradients (SGD with lr 1: the step is −gradient), clipped or not', async () => {
    for (const maxGradNorm of [null, 0.1]) {
      const config: DqnConfig = { ...base, optimizer: 'sgd', learningRate: 1, maxGradNorm, dueling: true };
      const [tfAgent, jsAgent] = pair(config);
      fill([tfAgent, jsAgent], 100);
      const before = (await tfAgent.getWeights()).filter((w) => w.name.startsWith('online/'));
      const gradient = async (agent: DqnAgentBase): Promise<NamedWeight[]> =>
        (await agent.getWeights())
          .filter((w) => w.name.startsWith('online/'))
          .map((w, i) => ({ ...w, data: w.data.map((v, j) => before[i]!.data[j]! - v) }));
      const stats = await tfAgent.trainStep();
      await jsAgent.trainStep();
      const g = await gradient(jsAgent);
      expect(relativeDiff(g, await gradient(tfAgent))).toBeLessThan(1e-4);
      const norm = Math.sqrt(g.reduce((s, w) => s + w.data.reduce((t, v) => t + v * v, 0), 0));
      if (maxGradNorm === null) expect(norm).toBeCloseTo(stats.gradNorm, 4);
      else expect(norm).toBeCloseTo(maxGradNorm, 4);
      tfAgent.dispose();
    }
  });

  it('stays close to the tfjs agent over 300 training steps', async () => {
    const config: DqnConfig = { ...base, doubleDqn: true, maxGradNorm: 10 };
    const [tfAgent, jsAgent] = pair(config);
    fill([tfAgent, jsAgent], 400);
    let last: [TrainStats, TrainStats] | null = null;
    for (let i = 0; i < 300; i++) last = [await jsAgent.trainStep(), await tfAgent.trainStep()];
    expectStatsClose(last![0], last![1], 1e-3);
    expect(relativeDiff(jsAgent.getWeights(), await tfAgent.getWeights())).toBeLessThan(1e-3);
    tfAgent.dispose();
  });
});

/** Everything a checkpoint carries of an agent, taken by hand. */
async function snapshot(agent: DqnAgentBase) {
  return {
    weights: await agent.getWeights(),
    optimizer: await agent.getOptimizerState(),
    state: agent.getState(),
    replay: agent.replay.exportData(),
  };
}

async function restoreInto(agent: DqnAgentBase, saved: Awaited<ReturnType<typeof snapshot>>): Promise<void> {
  agent.setWeights(saved.weights);
  await agent.setOptimizerState(saved.optimizer);
  agent.setState(saved.state);
  agent.replay.importData(saved.replay);
}

describe('learning-rate schedule', () => {
  it('each gradient step moves the weights by the scheduled step size (SGD: Δθ = −lr·g)', () => {
    // Two SGD agents on one replay, one with a constant rate: where the schedule says lr(t), the decaying
    // agent's first update is exactly lr(t)/lr(0) times the constant one's (same gradient, float32 apart).
    const config: DqnConfig = { ...base, optimizer: 'sgd', learningRate: 0.1, totalSteps: 400 };
    const constant = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    const decaying = new JsDqnAgent(
      { ...config, learningRateEnd: 0.01 },
      OBS,
      ACTIONS,
      initialQNetworkWeights,
    );
    fill([constant, decaying], 300);
    const start = constant.getWeights().filter((w) => w.name.startsWith('online/'));
    const step = (agent: JsDqnAgent): number[] =>
      agent
        .getWeights()
        .filter((w) => w.name.startsWith('online/'))
        .flatMap((w, i) => Array.from(w.data, (v, j) => v - start[i]!.data[j]!));
    constant.trainStep();
    decaying.trainStep();
    // 300 observed of 400 planned: lr = 0.1 + (0.01 − 0.1)·0.75 = 0.0325.
    const ratio = 0.0325 / 0.1;
    const full = step(constant);
    const scaled = step(decaying);
    const largest = full.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeGreaterThan(1e-4);
    full.forEach((v, i) => expect(Math.abs(scaled[i]! - v * ratio)).toBeLessThan(1e-4 * largest));
  });

  it('resumes exactly mid-decay (the rate follows the restored step count)', async () => {
    const config: DqnConfig = { ...base, learningRateEnd: 1e-5, totalSteps: 300 };
    const straight = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    const first = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    fill([straight, first], 150);
    for (let i = 0; i < 10; i++) [straight, first].forEach((a) => a.trainStep());
    const resumed = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    await restoreInto(resumed, structuredClone(await snapshot(first)));
    fill([straight, resumed], 100, 5);
    for (let i = 0; i < 10; i++) expect(resumed.trainStep()).toEqual(straight.trainStep());
    expect(await snapshot(resumed)).toEqual(await snapshot(straight));
  });
});

describe('JsDqnAgent resume', () => {
  it('save → restore → continue equals the uninterrupted run, bit for bit', async () => {
    const config: DqnConfig = { ...base, doubleDqn: true, dueling: true, prioritized: true, maxGradNorm: 10 };
    const straight = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    const first = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    fill([straight, first], 200);
    for (let i = 0; i < 25; i++) for (const a of [straight, first]) await a.trainStep();
    const saved = structuredClone(await snapshot(first));
    const resumed = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    await restoreInto(resumed, saved);
    const rng = new Rng(77);
    for (let i = 0; i < 25; i++) {
      const obs = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
      expect(resumed.act(obs, 0.3)).toBe(straight.act(obs, 0.3));
      expect(await resumed.trainStep()).toEqual(await straight.trainStep());
    }
    expect(await snapshot(resumed)).toEqual(await snapshot(straight));
  });

  it('a tfjs run continues on the engine (and back) as it would have on tfjs', async () => {
    const config: DqnConfig = { ...base, doubleDqn: true, maxGradNorm: 10 };
    const tfStraight = new DqnAgent(config, OBS, ACTIONS);
    const tfFirst = new DqnAgent(config, OBS, ACTIONS);
    fill([tfStraight, tfFirst], 200);
    for (let i = 0; i < 20; i++) for (const a of [tfStraight, tfFirst]) await a.trainStep();
    const onJs = new JsDqnAgent(config, OBS, ACTIONS, initialQNetworkWeights);
    await restoreInto(onJs, structuredClone(await snapshot(tfFirst)));
    for (let i = 0; i < 20; i++) expectStatsClose(await onJs.trainStep(), await tfStraight.trainStep(), 1e-4);
    const backOnTf = new DqnAgent(config, OBS, ACTIONS);
    await restoreInto(backOnTf, structuredClone(await snapshot(onJs)));
    for (let i = 0; i < 20; i++)
      expectStatsClose(await backOnTf.trainStep(), await tfStraight.trainStep(), 1e-4);
    expect(relativeDiff(await backOnTf.getWeights(), await tfStraight.getWeights())).toBeLessThan(1e-4);
    [tfStraight, tfFirst, backOnTf].forEach((a) => a.dispose());
  });

  it('rejects optimizer state of the wrong shape with a clear message', async () => {
    const agent = new JsDqnAgent(base, OBS, ACTIONS, initialQNetworkWeights);
    fill([agent], 50);
    await agent.trainStep();
    const state = await agent.getOptimizerState();
    state[1] = { ...state[1]!, shape: [2, 2], data: new Float32Array(4) };
    await expect(agent.setOptimizerState(state)).rejects.toThrow(
      /Expected optimizer\/m\/hidden_0\/kernel of shape \[4,32\]/,
    );
  });
});
