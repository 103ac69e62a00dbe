/**
 * n-step returns: the transitions the learner stores for a hand-built episode (terminated and truncated), the TD
 * targets both engines compute from them, and the gradient step using γ^m per row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DqnAgent } from '../../src/agents/dqn';
import type { DqnAgentBase } from '../../src/agents/dqn-agent-base';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { DqnLearner, type EnvLike } from '../../src/agents/dqn-learner';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { NStepWindow } from '../../src/agents/n-step';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import type { ReplayBatch } from '../../src/agents/replay-buffer';
import { useTestBackend } from './tf-setup';
import { WalkEnv } from './walk-env';

beforeAll(useTestBackend);

const GAMMA = 0.9;
const REWARDS = [1, 2, 3, 4, 5];
const obs = (k: number): number[] => [k / 5, -k / 10, 0.3, 1];

/** Five steps with rewards 1..5 and observations s_0..s_5; the fifth ends the episode as `ending` says. */
function scriptedEnv(ending: 'terminated' | 'truncated'): EnvLike {
  let t = 0;
  return {
    reset: () => ((t = 0), { observation: obs(0) }),
    step: () => {
      t++;
      return {
        observation: obs(t),
        reward: REWARDS[t - 1]!,
        terminated: ending === 'terminated' && t === 5,
        truncated: ending === 'truncated' && t === 5,
      };
    },
  };
}

/**
 * (first obs index, R, next obs index, m) of each stored transition for n = 3, in storage order. The first two
 * complete mid-episode; the last three are flushed by the step that ends it (terminated only when it terminates).
 */
const EXPECTED: [number, number, number, number][] = [
  [0, 1 + GAMMA * 2 + GAMMA ** 2 * 3, 3, 3],
  [1, 2 + GAMMA * 3 + GAMMA ** 2 * 4, 4, 3],
  [2, 3 + GAMMA * 4 + GAMMA ** 2 * 5, 5, 3],
  [3, 4 + GAMMA * 5, 5, 2],
  [4, 5, 5, 1],
];

const CONFIG: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 16],
  bufferSize: 64,
  batchSize: 8,
  gamma: GAMMA,
  nStep: 3,
  learningStarts: 1000,
  doubleDqn: true,
  seed: 4,
};

function agents(config: DqnConfig): [DqnAgent, JsDqnAgent] {
  return [new DqnAgent(config, 4, 2), new JsDqnAgent(config, 4, 2, initialQNetworkWeights)];
}

describe('NStepWindow', () => {
  it('sums n discounted rewards mid-episode and flushes shorter windows at the end', () => {
    for (const ending of ['terminated', 'truncated'] as const) {
      const window = new NStepWindow(3, GAMMA, 4);
      const out: [number[], number, number, number[], boolean, number][] = [];
      REWARDS.forEach((r, t) => {
        const done = t === 4;
        for (const tr of window.push(
          obs(t),
          t % 2,
          r,
          obs(t + 1),
          done && ending === 'terminated',
          done && ending === 'truncated',
        )) {
          out.push([
            Array.from(tr.observation),
            tr.action,
            tr.reward,
            Array.from(tr.nextObservation),
            tr.terminated,
            tr.steps!,
          ]);
        }
        expect(window.size).toBe(done ? 0 : Math.min(t + 1, 2));
      });
      expect(out.length).toBe(5);
      out.forEach(([s, a, R, next, terminated, m], i) => {
        const [first, expectedR, nextIndex, steps] = EXPECTED[i]!;
        expect(s).toEqual(Array.from(Float32Array.from(obs(first))));
        expect(a).toBe(first % 2);
        expect(R).toBeCloseTo(expectedR, 12);
        expect(next).toEqual(Array.from(Float32Array.from(obs(nextIndex))));
        expect(terminated).toBe(ending === 'terminated' && i >= 2);
        expect(m).toBe(steps);
      });
    }
  });

  it('with n = 1 hands each step over as it came (one-step DQN)', () => {
    const window = new NStepWindow(1, GAMMA, 4);
    const [t] = window.push(obs(0), 1, 0.1 + 0.2, obs(1), false, false);
    expect(t!.reward).toBe(0.1 + 0.2);
    expect(t!.steps).toBe(1);
    expect(window.size).toBe(0);
    expect(window.push(obs(1), 0, -1, obs(2), true, false).map((x) => x.terminated)).toEqual([true]);
  });

  it('refuses a pending state longer than n − 1 steps', () => {
    const window = new NStepWindow(2, GAMMA, 4);
    const step = { observation: obs(0), action: 0, reward: 1 };
    expect(() => window.setState([step, step])).toThrow(/at most 1 pending/);
  });
});

describe('n-step TD targets on both engines', () => {
  for (const ending of ['terminated', 'truncated'] as const) {
    it(`stores the episode's windows and targets R + γ^m·(1 − terminated)·Q_target(s_t+m, a*) (${ending})`, async () => {
      const targets: Float32Array[] = [];
      for (const agent of agents(CONFIG)) {
        const learner = new DqnLearner(agent, scriptedEnv(ending));
        for (let i = 0; i < 5; i++) await learner.step();
        const data = agent.replay.exportData();
        expect(data.size).toBe(5);
        expect(Array.from(data.steps!)).toEqual(EXPECTED.map((e) => e[3]));
        expect(Array.from(data.terminated)).toEqual(
          EXPECTED.map((_, i) => (ending === 'terminated' && i >= 2 ? 1 : 0)),
        );
        EXPECTED.forEach(([, R], i) => expect(data.rewards[i]).toBe(Math.fround(R)));

        const discounts = agent.discountsFor(data.steps!);
        expect(Array.from(discounts)).toEqual(EXPECTED.map((e) => Math.fround(GAMMA ** e[3])));
        const y = await agent.computeTdTargets(
          data.rewards,
          Float32Array.from(data.terminated),
          data.nextObservations,
          discounts,
        );
        for (let i = 0; i < 5; i++) {
          const [, R, next, m] = EXPECTED[i]!;
          const online = await agent.qValues(obs(next));
          const target = await agent.targetQValues(obs(next));
          const bootstrap =
            ending === 'terminated' && i >= 2 ? 0 : GAMMA ** m * target[online.indexOf(Math.max(...online))]!;
          expect(y[i]).toBeCloseTo(R + bootstrap, 5);
        }
        targets.push(y);
        agent.dispose();
      }
      // The engines start from the same seeded weights: their targets agree to float32 rounding.
      targets[1]!.forEach((v, i) => expect(v).toBeCloseTo(targets[0]![i]!, 5));
    });
  }
});

/** The minibatch of the last gradient step (the agents keep it protected). */
interface WithBatch extends DqnAgentBase {
  readonly lastBatch: ReplayBatch;
}
class TfProbe extends DqnAgent implements WithBatch {
  get lastBatch(): ReplayBatch {
    return this.batch;
  }
}
class JsProbe extends JsDqnAgent implements WithBatch {
  get lastBatch(): ReplayBatch {
    return this.batch;
  }
}

describe('an n-step gradient step', () => {
  it('bootstraps each row with γ^m on both engines (|δ| as the twin agent computes it)', async () => {
    const config: DqnConfig = { ...CONFIG, nStep: 3, learningStarts: 1000, batchSize: 32, bufferSize: 200 };
    const make = (): [WithBatch, WithBatch] => [
      new TfProbe(config, 4, 2),
      new JsProbe(config, 4, 2, initialQNetworkWeights),
    ];
    const [tfA, jsA] = make();
    const [tfB, jsB] = make();
    for (const agent of [tfA, jsA, tfB, jsB]) {
      const learner = new DqnLearner(agent, new WalkEnv(12));
      for (let i = 0; i < 150; i++) await learner.step();
    }
    const means: number[] = [];
    for (const [a, twin] of [
      [tfA, tfB],
      [jsA, jsB],
    ] as const) {
      const stats = await a.trainStep();
      const batch = a.lastBatch;
      const steps = Array.from(batch.steps);
      expect(new Set(steps).size).toBeGreaterThan(1); // full windows and flushed ones
      expect(Array.from(batch.discounts)).toEqual(steps.map((m) => Math.fround(GAMMA ** m)));
      // The twin has not trained: its targets and Q-values are those the gradient step started from.
      const y = await twin.computeTdTargets(
        batch.rewards,
        batch.terminated,
        batch.nextObservations,
        batch.discounts,
      );
      let sum = 0;
      for (let i = 0; i < batch.batchSize; i++) {
        const q = await twin.qValues(batch.observations.subarray(i * 4, (i + 1) * 4));
        sum += Math.abs(q[batch.actions[i]!]! - y[i]!);
      }
      expect(stats.tdErrorMean).toBeCloseTo(sum / batch.batchSize, 4);
      means.push(stats.tdErrorMean);
    }
    expect(means[1]).toBeCloseTo(means[0]!, 4);
    for (const agent of [tfA, jsA, tfB, jsB]) agent.dispose();
  });
});
