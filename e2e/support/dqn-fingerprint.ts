/**
 * A seeded DQN CartPole run (prioritized replay) on the typed-array engine, fingerprinted (FNV-1a over the
 * online weights' float32 bytes) every 1,000 env steps. e2e/portable-math.spec.ts runs it in Node and, bundled,
 * in Chromium from the same initial weights (made by tfjs in Node and passed in as plain numbers, so the page
 * needs no tfjs): before the portable math the two drifted apart at env step 10,457.
 */
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { makeEnvFromConfig } from '../../src/envs/registry';
import type { NamedWeight } from '../../src/storage/checkpoint';

/**
 * The CartPole preset as it was when the drift at env step 10,457 (seed 2) was measured, every field written
 * out: a later preset change must not move the run off the point where Math.* split.
 */
export const DRIFT_CONFIG: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [32, 32],
  dueling: false,
  learningRate: 1e-3,
  learningRateEnd: 1e-5,
  bufferSize: 50_000,
  batchSize: 64,
  gamma: 0.99,
  learningStarts: 1_000,
  trainFreq: 1,
  gradientSteps: 2,
  targetUpdate: { kind: 'soft', tau: 0.005 },
  doubleDqn: true,
  huberDelta: null,
  maxGradNorm: 10,
  prioritized: true,
  epsilonStart: 1,
  epsilonEnd: 0.04,
  explorationFraction: 0.16,
  totalSteps: 50_000,
};

/** Weights as JSON-friendly data, to cross into the page. */
export interface PlainWeight {
  name: string;
  shape: number[];
  data: number[];
}

function fnv1a(weights: readonly NamedWeight[]): string {
  let h = 0x811c9dc5;
  for (const w of weights)
    for (const b of new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength))
      h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** `${envStep}:${hash}` after every 1,000 env steps up to `steps`, starting from `initial`. */
export function dqnRun(initial: readonly PlainWeight[], seed: number, steps: number): string[] {
  const weights: NamedWeight[] = initial.map((w) => ({ ...w, data: Float32Array.from(w.data) }));
  const env = makeEnvFromConfig('CartPole-v1', {});
  const agent = new JsDqnAgent({ ...DRIFT_CONFIG, seed }, 4, 2, () => weights);
  const learner = new DqnLearner(agent, env);
  const out = [`simd=${agent.simd}`];
  while (learner.counters.envSteps < steps) {
    learner.step();
    const n = learner.counters.envSteps;
    if (n % 1000 === 0) out.push(`${n}:${fnv1a(agent.getWeights())}`);
  }
  return out;
}
