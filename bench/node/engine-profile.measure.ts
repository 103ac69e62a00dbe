/**
 * Where a CartPole-preset gradient step's time goes on the typed-array engine, in Node, without a browser:
 * whole env steps through the learner (act, env, replay, 2 gradient steps), whole gradient steps, and each
 * part of one (replay sampling, forward passes, backward, clip + Adam, Polyak). Run with
 * `npm run profile:engine` (a vitest file kept out of `npm test`, like the other *.measure.ts here).
 * Numbers print as JSON; they vary with the machine's load, so compare parts within one run.
 */
import { loadavg } from 'node:os';
import { it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { dqnPreset } from '../../src/agents/presets';
import { DqnLearner } from '../../src/agents/dqn-learner';
import { JsDqnAgent } from '../../src/agents/js-dqn';
import { initialQNetworkWeights } from '../../src/agents/q-network';
import { makeEnvFromConfig } from '../../src/envs/registry';
import { DqnModel } from '../../src/workers/rl/dqn-model';
import type { QNet } from '../../src/nn/q-net';
import type { FlatOptimizer } from '../../src/nn/optimizers';
import type { ReplayBatch } from '../../src/agents/replay-buffer';

/**
 * CPU microseconds per call of `work` (process CPU time, so other processes on a busy machine count less than
 * in wall time), over at least `ms` of CPU time; best of three rounds.
 */
function usPer(work: () => void, ms = 300): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const start = process.cpuUsage();
    let used = 0;
    while (used < ms * 1000) {
      for (let i = 0; i < 20; i++) work();
      calls += 20;
      const d = process.cpuUsage(start);
      used = d.user + d.system;
    }
    best = Math.min(best, used / calls);
  }
  return Math.round(best * 10) / 10;
}

/** One engine's numbers: whole env steps, whole gradient steps, and each part of a gradient step. */
function profile(simd: boolean) {
  const config = dqnPreset('CartPole-v1');
  const env = makeEnvFromConfig('CartPole-v1', {});
  const agent = new JsDqnAgent(config, 4, 2, initialQNetworkWeights, { simd });
  const learner = new DqnLearner(agent, env);
  for (let i = 0; i < config.learningStarts + 2000; i++) learner.step();
  // The agent's parts, reached past TypeScript's `private` for measurement only.
  const parts = agent as unknown as {
    online: QNet;
    target: QNet;
    optimizer: FlatOptimizer;
    batch: ReplayBatch;
  };
  const { online, target, batch } = parts;
  const n = config.batchSize;
  const ownEnv = makeEnvFromConfig('CartPole-v1', {});
  ownEnv.reset({ seed: 1 });
  // As the browser bench measures the worker: wall time over 4,000 env steps of learning (no worker loop).
  const wallStart = performance.now();
  for (let i = 0; i < 4000; i++) learner.step();
  const envStepsPerSecWall = Math.round(4000_000 / (performance.now() - wallStart));
  return {
    engine: agent.simd ? 'wasm-simd' : 'js',
    envStepsPerSecWall,
    envStepUs: usPer(() => learner.step(), 1000),
    gradientStepUs: usPer(() => agent.trainStep(), 1000),
    replaySampleUs: usPer(() => agent.replay.sample(agent.rng, batch)),
    forwardBatchUs: usPer(() => target.forward(batch.nextObservations, n)),
    forwardBackwardUs: usPer(() => {
      online.forward(batch.observations, n);
      online.backward(batch.observations, n);
    }),
    adamUs: usPer(() => parts.optimizer.apply(online.params, online.grads)),
    actUs: usPer(() => agent.act([0.01, 0.02, 0.03, 0.04], 0)),
    envUs: usPer(() => {
      const r = ownEnv.step(0);
      if (r.terminated || r.truncated) ownEnv.reset();
    }),
  };
}

/**
 * The arena worker's adapter without the worker: DqnModel's chunks (learning, episode bookkeeping and the
 * greedy evaluation every 1,000 env steps) over the same 4,000 steps, and the evaluations' own time.
 */
async function adapter() {
  const config = dqnPreset('CartPole-v1');
  const model = DqnModel.create({ envId: 'CartPole-v1', config }, 'js');
  await model.trainChunk(config.learningStarts + 2000);
  model.evaluator.pending = [];
  const start = performance.now();
  await model.trainChunk(4000);
  const seconds = (performance.now() - start) / 1000;
  const evaluations = model.evaluator.pending;
  const evaluationMs = evaluations.reduce((sum, e) => sum + e.ms, 0);
  model.dispose();
  return {
    envStepsPerSecWall: Math.round(4000 / seconds),
    evaluations: evaluations.length,
    evaluationMsTotal: Math.round(evaluationMs),
  };
}

it('profiles the CartPole preset on both engines', async () => {
  console.log(
    JSON.stringify(
      {
        load: loadavg().map((x) => Math.round(x * 10) / 10),
        runs: [profile(false), profile(true)],
        dqnModelSimd: await adapter(),
      },
      null,
      2,
    ),
  );
});
