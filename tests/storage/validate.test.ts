import { describe, expect, it } from 'vitest';
import { DUELING_MERGE_LAYER } from '../../src/agents/q-network';
import { DEFAULT_DQN_CONFIG, type DqnConfig } from '../../src/agents/dqn-config';
import { joinNetworkWeights, splitNetworkWeights, type Checkpoint } from '../../src/storage/checkpoint';
import { CheckpointError, validateCheckpoint } from '../../src/storage/validate';
import { DUELING_MERGE_LAYER_NAME, qNetworkWeightShapes } from '../../src/storage/validate-dqn';
import { CARTPOLE_CONFIG, clone, makeDqnCheckpoint, makeGanCheckpoint } from './fixtures';

/** Runs `mutate` on a copy of a valid DQN checkpoint and returns the CheckpointError it leads to. */
function rejection(
  mutate: (cp: Record<string, unknown> & Checkpoint) => void,
  base?: Checkpoint,
): CheckpointError {
  const cp = clone(base ?? makeDqnCheckpoint({ replay: true })) as Record<string, unknown> & Checkpoint;
  mutate(cp);
  try {
    validateCheckpoint(cp);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('expected the checkpoint to be rejected');
}

describe('validateCheckpoint', () => {
  it('accepts DQN (with replay) and GAN checkpoints and returns them unchanged', () => {
    const dqn = makeDqnCheckpoint({ replay: true });
    expect(validateCheckpoint(clone(dqn))).toEqual(dqn);
    const gan = makeGanCheckpoint();
    expect(validateCheckpoint(clone(gan))).toEqual(gan);
  });

  it('names the weight whose data does not match its shape', () => {
    const error = rejection((cp) => {
      cp.networks.online.weights[2].data = new Float32Array(100);
    });
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(
      'networks.online.weights[2]: expected 4096 values for shape [64,64], got 100',
    );
  });

  it('rejects non-finite weights, optimizer slots and replay values', () => {
    expect(
      rejection((cp) => {
        cp.networks.target.weights[0].data[5] = NaN;
      }).message,
    ).toContain('networks.target.weights[0]: value 5 of hidden_0/kernel is NaN');
    expect(
      rejection((cp) => {
        cp.optimizers.online[1].data[0] = Infinity;
      }).message,
    ).toContain('optimizers.online[1]');
    expect(
      rejection((cp) => {
        cp.replay!.rewards[3] = -Infinity;
      }).message,
    ).toContain('replay: rewards[3] is -Infinity');
  });

  it('checks claimed sizes before looking at data', () => {
    const error = rejection((cp) => {
      cp.networks.online.weights[0].shape = [100_000, 100_000];
    });
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('networks.online.weights[0]: shape [100000,100000] has more than');
    const ranks = rejection((cp) => {
      cp.networks.online.weights[0].shape = [1, 1, 1, 1, 1, 1, 1];
    });
    expect(ranks.message).toContain('networks.online.weights[0].shape');
    const zero = rejection((cp) => {
      cp.networks.online.weights[0].shape = [4, 0];
    });
    expect(zero.message).toContain('networks.online.weights[0].shape[1]');
  });

  it('rejects unknown kinds, newer versions, other formats and unknown fields', () => {
    expect(
      rejection((cp) => {
        cp.kind = 'diffusion' as 'gan';
      }).message,
    ).toContain('kind');
    const newer = rejection((cp) => {
      cp.version = 7 as 1;
    });
    expect(newer.code).toBe('unsupported-version');
    expect(newer.message).toContain('checkpoint version 7 was written by a newer app');
    expect(
      rejection((cp) => {
        cp.format = 'keras' as 'rl-gan-playground/checkpoint';
      }).message,
    ).toContain('not a playground checkpoint');
    expect(
      rejection((cp) => {
        cp.extra = 1;
      }).message,
    ).toContain('extra');
    expect(() => validateCheckpoint('hello')).toThrow(/expected a checkpoint object/);
    expect(() => validateCheckpoint(null)).toThrow(CheckpointError);
  });

  it('rejects prototype-polluting keys and non-JSON values in free-form fields', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, never>;
    const error = rejection((cp) => {
      cp.subject = { ...cp.subject, envOptions: hostile } as Checkpoint['subject'];
    });
    expect(error.message).toContain('subject.envOptions: key "__proto__" is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      rejection((cp) => {
        cp.state = { when: new Date() as unknown as string };
      }).message,
    ).toContain('state.when: expected plain JSON, got Date');
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 40; i++) deep = deep.next = {};
    expect(
      rejection((cp) => {
        cp.state = root as Checkpoint['state'];
      }).message,
    ).toContain('nested deeper than');
  });

  it('checks the DQN config and that the networks match it', () => {
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).learningRate = -1;
      }).message,
    ).toContain('config: Expected learningRate > 0, got -1');
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).surprise = true;
      }).message,
    ).toContain('config: unknown key "surprise"');
    expect(
      rejection((cp) => {
        (cp.config as { hiddenSizes: number[] }).hiddenSizes = [1_000_000];
      }).message,
    ).toContain('at most 4096 units');
    expect(
      rejection((cp) => {
        (cp.config as { bufferSize: number }).bufferSize = 1_000_000;
        cp.subject = { ...cp.subject, observationSize: 400 } as Checkpoint['subject'];
      }).message,
    ).toContain('config: a replay of 1000000 × 400 observation values is too large');
    expect(
      rejection((cp) => {
        (cp.config as { hiddenSizes: number[] }).hiddenSizes = [64, 32];
      }).message,
    ).toContain('networks.online.weights[2]: expected shape [64,32] for hidden_1/kernel, got [64,64]');
    expect(
      rejection((cp) => {
        cp.networks.online.weights.pop();
      }).message,
    ).toContain('networks.online: missing weight q_values/bias');
    expect(
      rejection((cp) => {
        delete (cp.networks as Record<string, unknown>).online;
      }).message,
    ).toContain('needs a network named online');
  });

  it('loads checkpoints saved before learningRateEnd existed as a constant learning rate', () => {
    const old = clone(makeDqnCheckpoint({ replay: true }));
    delete (old.config as unknown as Record<string, unknown>).learningRateEnd;
    const loaded = validateCheckpoint(old);
    expect((loaded.config as unknown as Record<string, unknown>).learningRateEnd).toBeNull();
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).learningRateEnd = '1e-5';
      }).message,
    ).toContain('config: Expected learningRateEnd > 0 or null, got "1e-5"');
  });

  it('loads checkpoints saved before learning could pause as never pausing', () => {
    const old = clone(makeDqnCheckpoint({ replay: true }));
    delete (old.config as unknown as Record<string, unknown>).pauseLearningAtReturn;
    delete (old.config as unknown as Record<string, unknown>).pauseLearningEpisodes;
    const config = validateCheckpoint(old).config as DqnConfig;
    expect(config.pauseLearningAtReturn).toBeNull();
    expect(config.pauseLearningEpisodes).toBe(DEFAULT_DQN_CONFIG.pauseLearningEpisodes);
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).pauseLearningEpisodes = 1e9;
      }).message,
    ).toContain('config: Expected an integer pauseLearningEpisodes in [1, 1000], got 1000000000');
  });

  it('loads checkpoints saved before observation scaling as unscaled, and checks one factor per feature', () => {
    const old = clone(makeDqnCheckpoint({ replay: true }));
    delete (old.config as unknown as Record<string, unknown>).observationScale;
    expect((validateCheckpoint(old).config as DqnConfig).observationScale).toBeNull();
    const size = makeDqnCheckpoint({ replay: true }).subject as { observationSize: number };
    const scaled = clone(makeDqnCheckpoint({ replay: true }));
    scaled.config = {
      ...(scaled.config as DqnConfig),
      observationScale: Array(size.observationSize).fill(0.5),
    };
    expect((validateCheckpoint(clone(scaled)).config as DqnConfig).observationScale).toEqual(
      Array(size.observationSize).fill(0.5),
    );
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).observationScale = [0.5];
      }).message,
    ).toContain(
      `config: Expected observationScale to list ${size.observationSize} factors (one per observation feature), got 1`,
    );
    expect(
      rejection((cp) => {
        (cp.config as unknown as Record<string, unknown>).observationScale = [3, 1, 1, 1];
      }).message,
    ).toContain('config: Expected observationScale to be null or a list of powers of two');
  });

  it('loads checkpoints saved before n-step returns as one-step DQN, and checks the steps of their replay', () => {
    const old = clone(makeDqnCheckpoint({ replay: true }));
    delete (old.config as unknown as Record<string, unknown>).nStep;
    expect(old.replay!.steps).toBeUndefined();
    expect((validateCheckpoint(old).config as DqnConfig).nStep).toBe(1);
    for (const nStep of [0, 21, 2.5]) {
      expect(
        rejection((cp) => {
          (cp.config as unknown as Record<string, unknown>).nStep = nStep;
        }).message,
      ).toContain(`config: Expected an integer nStep in [1, 20], got ${nStep}`);
    }
    const withSteps = clone(makeDqnCheckpoint({ replay: true }));
    withSteps.replay!.steps = Uint8Array.from({ length: 10 }, (_, i) => 1 + (i % 3));
    expect(validateCheckpoint(clone(withSteps))).toEqual(withSteps);
    expect(
      rejection((cp) => {
        cp.replay!.steps = new Uint8Array(10).fill(1);
        cp.replay!.steps[4] = 0;
      }).message,
    ).toContain('replay: steps[4] is 0, expected 1 to 20');
    expect(
      rejection((cp) => {
        cp.replay!.steps = new Uint8Array(10).fill(21);
      }).message,
    ).toContain('replay: steps[0] is 21');
    expect(
      rejection((cp) => {
        cp.replay!.steps = new Uint8Array(9).fill(1);
      }).message,
    ).toContain('expected 10 steps, got 9');
  });

  it('checks replay sizes and indices', () => {
    expect(
      rejection((cp) => {
        cp.replay!.position = 3;
      }).message,
    ).toContain('replay: expected position 10');
    expect(
      rejection((cp) => {
        cp.replay!.actions[0] = 9;
      }).message,
    ).toContain('replay: actions[0] is 9, expected < 2');
    expect(
      rejection((cp) => {
        cp.replay!.terminated = new Uint8Array(3);
      }).message,
    ).toContain('replay: expected 10 terminated, got 3');
    expect(
      rejection((cp) => {
        cp.replay!.observations = new Float64Array(40) as unknown as Float32Array;
      }).message,
    ).toContain('replay.observations');
  });

  it('rejects a GAN trained on a game and a GAN without a generator', () => {
    const gan = makeGanCheckpoint();
    expect(
      rejection((cp) => {
        delete (cp.networks as Record<string, unknown>).generator;
      }, gan).message,
    ).toContain('needs a network named generator');
    expect(
      rejection((cp) => {
        cp.subject = makeDqnCheckpoint().subject;
      }, gan).message,
    ).toContain('trained on a dataset');
  });
});

describe('checkpoint helpers', () => {
  it('splits agent weights by network and joins them back', () => {
    const cp = makeDqnCheckpoint();
    const joined = joinNetworkWeights(cp.networks);
    expect(joined[0].name).toBe('online/hidden_0/kernel');
    expect(splitNetworkWeights(joined)).toEqual(cp.networks);
    expect(() => splitNetworkWeights([{ name: 'nonetwork', shape: [], data: new Float32Array(1) }])).toThrow(
      CheckpointError,
    );
  });

  it('knows the Q-network layout of q-network.ts', () => {
    expect(DUELING_MERGE_LAYER_NAME).toBe(DUELING_MERGE_LAYER);
    const dueling = qNetworkWeightShapes({ ...CARTPOLE_CONFIG, dueling: true }, 4, 2);
    expect(dueling.get('dueling_merge/kernel')).toEqual([3, 2]);
  });
});
