import { describe, expect, it } from 'vitest';
import { ArenaRunState } from '../../../src/ui/arena/arena-run-state';
import type { RlUpdate } from '../../../src/workers/protocol';
import { encodeShareLink } from '../../../src/storage/share-link';
import { makeDqnCheckpoint, clone } from '../../storage/fixtures';
import { historiesToJson, parseHistories } from '../../../src/storage/metric-history';
import { DEFAULT_DQN_CONFIG } from '../../../src/agents/dqn-config';
import type { RlRunSpec } from '../../../src/workers/protocol';

const spec: RlRunSpec = { envId: 'CartPole-v1', config: DEFAULT_DQN_CONFIG };

const info = {
  envId: 'CartPole-v1',
  obsSize: 4,
  nActions: 2,
  actionNames: ['left', 'right'],
  maxEpisodeSteps: 500,
  rewardThreshold: 475,
};

/** A run of `episodes` episodes of 10 steps each, one update per episode, returns 1, 2, 3, ... */
function updates(from: number, episodes: number): RlUpdate[] {
  return Array.from({ length: episodes }, (_, i) => {
    const n = from + i + 1;
    return {
      status: 'training',
      envSteps: 10 * n,
      episodes: n,
      gradientSteps: n,
      epsilon: 1 / n,
      // Paused (rate 0) on every third update, as a run that wins and loses again.
      learningRate: n % 3 === 0 ? 0 : 1e-3,
      learningPaused: n % 3 === 0,
      stepsPerSec: 100,
      newEpisodes: [{ envStep: 10 * n, return: n, length: 10 }],
      train: { envStep: 10 * n, loss: 1 / n, tdErrorMean: 0, meanMaxQ: n, gradNorm: 1 },
      evaluations: [],
    };
  });
}

function trained(episodes: number): ArenaRunState {
  const state = new ArenaRunState();
  state.info = info;
  for (const u of updates(0, episodes)) state.apply(u);
  return state;
}

/** A checkpoint of `state` as the arena saves it (counters from the worker, histories from the page). */
function saved(state: ArenaRunState) {
  const checkpoint = makeDqnCheckpoint();
  checkpoint.counters = {
    envSteps: state.envSteps,
    episodes: state.episodes,
    gradientSteps: state.gradientSteps,
  };
  checkpoint.metrics.recentReturns = state.series.returns.slice(-100);
  checkpoint.state.histories = historiesToJson(state.histories(checkpoint));
  return checkpoint;
}

describe('ArenaRunState', () => {
  it('numbers episodes, keeps the 100-episode mean and the training series', () => {
    const state = trained(5);
    expect(state.series.episode).toEqual([1, 2, 3, 4, 5]);
    expect(state.series.returns).toEqual([1, 2, 3, 4, 5]);
    expect(state.mean100).toBe(3);
    expect(state.series.step).toEqual([10, 20, 30, 40, 50]);
    expect(state.series.meanMaxQ).toEqual([1, 2, 3, 4, 5]);
    expect(state.diverged).toBe(false);
    state.apply({
      ...updates(5, 1)[0]!,
      status: 'diverged',
      message: 'diverged',
      newEpisodes: [],
      train: null,
    });
    expect(state.diverged).toBe(true);
  });

  it('resumes with its chart history: the curves continue as if the run had never stopped', () => {
    const original = trained(150);
    const checkpoint = clone(saved(original));
    const resumed = new ArenaRunState();
    resumed.info = info;
    resumed.resumed(checkpoint, spec, parseHistories(checkpoint.state, 'test'));
    expect(resumed.series).toEqual(original.series);
    expect(resumed.bestMean100).toBe(original.bestMean100);
    for (const u of updates(150, 20)) {
      original.apply(u);
      resumed.apply(u);
    }
    expect(resumed.series).toEqual(original.series);
    expect(resumed.mean100).toBe(original.mean100);
  });

  it('keeps only what the checkpoint holds: points past its counters are left out', () => {
    const state = trained(10);
    const checkpoint = makeDqnCheckpoint();
    checkpoint.counters = { envSteps: 60, episodes: 6, gradientSteps: 6 };
    const histories = state.histories(checkpoint);
    expect(histories.map((h) => [h.name, h.x.at(-1)])).toEqual([
      ['episodes', 6],
      ['training', 60],
      ['evaluations', undefined],
    ]);
  });

  it('charts the learning rate, and resumes a history saved before it was kept with gaps there', () => {
    const original = trained(6);
    expect(original.series.learningRate).toEqual([1e-3, 1e-3, 0, 1e-3, 1e-3, 0]);
    expect(original.learningPaused).toBe(true);
    const checkpoint = clone(saved(original));
    const training = (checkpoint.state.histories as { name: string; series: { name: string }[] }[]).find(
      (h) => h.name === 'training',
    )!;
    training.series = training.series.filter((s) => s.name !== 'learningRate');
    const resumed = new ArenaRunState();
    resumed.info = info;
    resumed.resumed(checkpoint, spec, parseHistories(checkpoint.state, 'test'));
    expect(resumed.series.learningRate).toEqual(Array(6).fill(NaN));
    expect(resumed.series.epsilon).toEqual(original.series.epsilon);
  });

  it('draws an older checkpoint (no histories) from its episode record', () => {
    const checkpoint = makeDqnCheckpoint();
    const state = new ArenaRunState();
    state.info = info;
    state.resumed(checkpoint, spec, parseHistories(checkpoint.state, 'test'));
    expect(state.series.returns).toEqual(checkpoint.metrics.recentReturns);
    expect(state.series.episode.at(-1)).toBe(checkpoint.counters.episodes);
  });

  it('does not put histories in share links: a link is as long with them as without', () => {
    const withHistory = saved(trained(300));
    const without = clone(withHistory);
    delete without.state.histories;
    const options = { quantization: 'float16' as const };
    expect(encodeShareLink(withHistory, options).length).toBe(encodeShareLink(without, options).length);
  });
});
