/**
 * nStep = 1 is the one-step DQN from before n-step returns, bit for bit: a few hundred learner steps on both
 * engines (plain, and with PER, Double DQN, dueling and soft updates) end in weights whose FNV-1a hash matches
 * the one the code before n-step returns gave (commit b9b4ebf, same test, same machine type: tfjs wasm in Node).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DqnAgentBase } from '../../src/agents/dqn-agent-base';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { createDqnAgent, type DqnEngine } from '../../src/agents/dqn-engine';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { useTestBackend } from './tf-setup';
import { WalkEnv } from './walk-env';

beforeAll(useTestBackend);

const BASE: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16, 16],
  bufferSize: 200,
  batchSize: 16,
  learningRate: 1e-3,
  learningStarts: 40,
  trainFreq: 1,
  gradientSteps: 1,
  targetUpdate: { kind: 'hard', interval: 20 },
  huberDelta: 1,
  maxGradNorm: 10,
  epsilonStart: 1,
  epsilonEnd: 0.1,
  explorationFraction: 0.5,
  totalSteps: 300,
  seed: 5,
};

const VARIANTS: [string, Partial<DqnConfig>][] = [
  ['plain', {}],
  [
    'PER, Double DQN, dueling, soft target',
    {
      prioritized: true,
      doubleDqn: true,
      dueling: true,
      targetUpdate: { kind: 'soft', tau: 0.05 },
      learningRateEnd: 1e-4,
    },
  ],
];

/** FNV-1a over the bytes of every weight, in order, and of the episode returns. */
function fingerprint(weights: { data: Float32Array }[], returns: number[]): string {
  let h = 0x811c9dc5;
  const mix = (bytes: Uint8Array): void => {
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  for (const w of weights) mix(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
  mix(new Uint8Array(Float64Array.from(returns).buffer));
  return h.toString(16).padStart(8, '0');
}

async function run(config: DqnConfig, engine: DqnEngine): Promise<string> {
  const agent: DqnAgentBase = createDqnAgent(config, 4, 2, engine);
  try {
    const learner = new DqnLearner(agent, new WalkEnv());
    for (let i = 0; i < 300; i++) await learner.step();
    return fingerprint(await agent.getWeights(), learner.episodeReturns);
  } finally {
    agent.dispose();
  }
}

/** Printed by this test on the code before n-step returns (b9b4ebf), tfjs on its wasm backend. */
const BEFORE: Record<string, Record<DqnEngine, string>> = {
  plain: { tfjs: 'fbc0236f', js: '7fe4fcd7' },
  'PER, Double DQN, dueling, soft target': { tfjs: 'e0dde50f', js: '645528e1' },
};

describe('nStep = 1 is one-step DQN as before', () => {
  for (const [name, overrides] of VARIANTS) {
    for (const engine of ['tfjs', 'js'] as const) {
      it(`${name}, ${engine}: the same weights after 300 steps`, async () => {
        expect(await run({ ...BASE, ...overrides, nStep: 1 }, engine)).toBe(BEFORE[name]![engine]);
      });
    }
  }

  it('the fingerprint sees a change of nStep (so the comparison above can fail)', async () => {
    expect(await run({ ...BASE, nStep: 3 }, 'js')).not.toBe(BEFORE.plain!.js);
  });
});
