import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../../src/agents/dqn-config';
import type { EvaluationSettings } from '../../../src/agents/solve-rules';
import { playGreedyEpisodesAsync } from '../../../src/agents/greedy-episodes';
import { readDqnEvaluation } from '../../../src/storage/dqn-evaluation';
import { validateCheckpoint } from '../../../src/storage/validate';
import { DqnModel } from '../../../src/workers/rl/dqn-model';
import type { RlRunSpec } from '../../../src/workers/protocol';
import { useTestBackend } from '../../agents/tf-setup';

beforeAll(useTestBackend);

const small: DqnConfig = {
  ...DEFAULT_DQN_CONFIG,
  hiddenSizes: [16],
  bufferSize: 500,
  batchSize: 16,
  learningRate: 1e-3,
  learningStarts: 32,
  trainFreq: 1,
  targetUpdate: { kind: 'hard', interval: 50 },
  totalSteps: 2000,
  seed: 5,
};

const spec = (evaluation: EvaluationSettings, config: Partial<DqnConfig> = {}): RlRunSpec => ({
  envId: 'CartPole-v1',
  config: { ...small, ...config },
  evaluation,
});

const EVAL_ON: EvaluationSettings = { every: 100, episodes: 5, stopWhenSolved: false };
const EVAL_OFF: EvaluationSettings = { every: 0, episodes: 5, stopWhenSolved: false };

/** Trains `steps` env steps through the adapter as the driver would (in chunks). */
async function trainSteps(model: DqnModel, steps: number): Promise<void> {
  model.budget = steps;
  while (model.progress < steps) {
    const outcome = await model.trainChunk(64);
    expect(outcome.problem).toBeUndefined();
  }
}

const weightsOf = async (model: DqnModel) =>
  (await model.agent.getWeights()).map((w) => [w.name, Array.from(w.data)]);

describe('evaluation in the worker', () => {
  it('leaves training bit-identical: same weights after 600 steps with evaluation on or off', async () => {
    const on = DqnModel.create(spec(EVAL_ON));
    const off = DqnModel.create(spec(EVAL_OFF));
    await trainSteps(on, 600);
    await trainSteps(off, 600);
    expect(on.evaluator.pending.map((e) => e.envStep)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(off.evaluator.pending).toEqual([]);
    expect(await weightsOf(on)).toEqual(await weightsOf(off));
    expect(on.learner.episodeReturns).toEqual(off.learner.episodeReturns);
    on.dispose();
    off.dispose();
  });

  it('scores the greedy policy on fixed seeds: the same weights score the same, the best are kept', async () => {
    const model = DqnModel.create(spec(EVAL_ON));
    await trainSteps(model, 300);
    const results = model.evaluator.pending;
    const bestMean = Math.max(...results.map((e) => e.mean));
    expect(model.evaluator.best?.evaluation.mean).toBe(bestMean);
    // The kept weights replay to the score they were kept for.
    const best = model.evaluator.best!;
    const again = await model.evaluate();
    expect(again.episodes).toBe(5);
    const replay = DqnModel.create(spec(EVAL_OFF));
    replay.agent.setWeights(best.weights);
    const check = await playGreedyEpisodesAsync('CartPole-v1', {}, 5, 1_000_003, (o, n) =>
      replay.agent.greedyActions(o, n),
    );
    expect(check.mean).toBe(best.evaluation.mean);
    model.dispose();
    replay.dispose();
  });

  it('stops when solved (once), with the step, the training seconds and the score', async () => {
    // A threshold every policy meets (CartPole returns are ≥ 1), so the first evaluation solves it.
    const model = DqnModel.create(spec({ every: 50, episodes: 3, stopWhenSolved: true }));
    (model.evaluator as unknown as { threshold: number }).threshold = 1;
    const first = await model.trainChunk(500);
    expect(first).toMatchObject({ done: 50, finished: true });
    expect(model.evaluator.solved).toMatchObject({ envStep: 50, solved: true, episodes: 3 });
    expect(model.evaluator.solved!.seconds).toBeGreaterThan(0);
    // Training on after the solve does not stop again.
    const next = await model.trainChunk(120);
    expect(next).toEqual({ done: 120 });
    model.dispose();
  });

  it('keeps the best weights and the solve through checkpoint → reload → resume', async () => {
    const model = DqnModel.create(spec(EVAL_ON));
    await trainSteps(model, 400);
    const checkpoint = await model.checkpointAtEpisodeEnd(
      { name: 'best', includeReplay: false },
      async () => {},
    );
    const stored = validateCheckpoint(structuredClone(checkpoint), 'test');
    const { record, best } = readDqnEvaluation(stored);
    expect(record?.best?.mean).toBe(model.evaluator.best!.evaluation.mean);
    expect(best?.map((w) => Array.from(w.data))).toEqual(
      model.evaluator.best!.weights.map((w) => Array.from(w.data)),
    );

    const resumed = await DqnModel.restore(stored);
    expect(resumed.spec.evaluation).toEqual(EVAL_ON);
    expect(resumed.evaluator.best?.evaluation).toEqual(model.evaluator.best!.evaluation);
    expect(resumed.evaluator.trainMs).toBe(model.evaluator.trainMs);
    expect(resumed.evaluator.best!.weights.map((w) => Array.from(w.data))).toEqual(
      model.evaluator.best!.weights.map((w) => Array.from(w.data)),
    );
    // The first update after resuming sends the best weights to the page.
    const update = await resumed.update({ status: 'paused', unitsPerSec: 0, heavy: false });
    expect(update.best?.length).toBe(model.evaluator.best!.weights.length);
    model.dispose();
    resumed.dispose();
  });

  it('refuses evaluation settings that would make an evaluation a large job', () => {
    expect(() => DqnModel.create(spec({ every: 100, episodes: 100_000, stopWhenSolved: false }))).toThrow(
      /evaluation.episodes to be an integer in \[1, 200\]/,
    );
  });
});

describe('runs that reproduce', () => {
  it('gives bit-identical weights for two runs of one seed and config after 3,000 env steps', async () => {
    const config = { seed: 11, learningStarts: 200, totalSteps: 3000 };
    const a = DqnModel.create(spec(EVAL_ON, config));
    const b = DqnModel.create(spec(EVAL_ON, config));
    await trainSteps(a, 3000);
    await trainSteps(b, 3000);
    expect(a.learner.episodeReturns.length).toBeGreaterThan(20);
    expect(await weightsOf(a)).toEqual(await weightsOf(b));
    expect(a.evaluator.pending.map((e) => e.mean)).toEqual(b.evaluator.pending.map((e) => e.mean));
    a.dispose();
    b.dispose();
  }, 120_000);
});
