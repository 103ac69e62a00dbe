/**
 * The arena worker's methods: one session driver running a DqnModel (one run per worker), its updates sent
 * through a Comlink proxy with the weight buffers transferred. Spread into rl.worker.ts's api.
 */
import { transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from '../backend';
import { dqnBackendJob } from './dqn-backend-job';
import { Rng } from '../../envs/core';
import type { DqnEngine } from '../../agents/dqn-engine';
import type { DqnCheckpoint } from '../../storage/checkpoint';
import { dqnLayersTopologies } from '../../agents/dqn-checkpoint';
import { exportCheckpointFile } from '../../storage/export-file';
import { SessionDriver, type DriverEnvironment, type SessionStatus } from '../core/session-driver';
import type { BackendReport, RlReplayPeek, RlRunInfo, RlRunSpec, RlUpdate } from '../protocol';
import { verifySharePrecisions, type ShareVerification } from '../../agents/share-verify';
import { DqnModel, RL_TIMING, dqnCheckpointSpec, type CheckpointOptions } from './dqn-model';

export type { CheckpointOptions } from './dqn-model';
export type BackendOptions = Omit<InitOptions, 'profile' | 'unsupported'>;

/** The buffers of an update (the weights), to transfer instead of copying. */
function withTransfer(update: RlUpdate): RlUpdate {
  return transfer(
    update,
    [...(update.weights ?? []), ...(update.best ?? [])].map((w) => w.data.buffer as ArrayBuffer),
  );
}

function chooseBackend(spec: RlRunSpec, backend: BackendOptions): Promise<BackendReport> {
  return initBackend(dqnBackendJob(spec, backend));
}

/** The typed-array engine when the backend choice picked it, else tfjs on the active backend. */
function engineFor(report: BackendReport): DqnEngine {
  return report.active === 'js' ? 'js' : 'tfjs';
}

export function createRlApi(environment: DriverEnvironment) {
  const driver = new SessionDriver<RlUpdate, DqnModel>(environment, RL_TIMING);
  // Its own RNG: peeking must not change the agent's random stream (runs stay reproducible).
  const peekRng = new Rng(0x9eed);

  async function first(): Promise<{ info: RlRunInfo; update: RlUpdate }> {
    const update = await driver.update();
    return { info: driver.model.info, update: withTransfer(update) };
  }

  return {
    /** Builds the game and the agent (picking the backend for this network's size); returns the first update. */
    async start(
      spec: RlRunSpec,
      backend: BackendOptions,
    ): Promise<{ info: RlRunInfo; backend: BackendReport; update: RlUpdate }> {
      const report = await chooseBackend(spec, backend);
      await driver.load(async () => DqnModel.create(spec, engineFor(report)));
      return { ...(await first()), backend: report };
    },

    /** Rebuilds a run from a checkpoint (validated here too: it may come from a file or an old database). */
    async resume(
      untrusted: unknown,
      backend: BackendOptions,
    ): Promise<{ info: RlRunInfo; backend: BackendReport; spec: RlRunSpec; update: RlUpdate }> {
      const { spec, checkpoint } = dqnCheckpointSpec(untrusted, 'Cannot resume from this checkpoint');
      const report = await chooseBackend(spec, backend);
      const model = await driver.load(() => DqnModel.restore(checkpoint, engineFor(report)));
      return { ...(await first()), backend: report, spec: structuredClone(model.spec) };
    },

    /**
     * Trains until pause(), `maxEnvSteps` (then 'finished') or divergence; updates go to `onUpdate` (~10 Hz,
     * the online weights ~2 Hz), the last one with the status it stopped in. A checkpoint asked for while
     * training and not yet taken (paused mid-episode) is taken here, after playing the episode to its end.
     */
    async train(onUpdate: (update: RlUpdate) => unknown, maxEnvSteps = Infinity): Promise<SessionStatus> {
      const model = driver.model;
      model.budget = maxEnvSteps;
      let message: string | undefined;
      const status = await driver.train((update) => {
        message = update.message ?? message;
        return onUpdate(withTransfer(update));
      });
      const before = model.progress;
      await driver.exclusive((m) =>
        m.settleRequest(
          environment.yieldToEvents,
          status === 'diverged' ? (message ?? 'Training diverged') : undefined,
        ),
      );
      // Awaited for the reason the driver awaits its last update: the page must have it before the result.
      if (model.progress !== before) await onUpdate(withTransfer(await driver.update()));
      return status;
    },

    /** What happened since the previous update (e.g. the steps a save played to the end of an episode). */
    async update(): Promise<RlUpdate> {
      return withTransfer(await driver.update());
    },

    /** Whether training stops the first time the run is solved (applies to the run now loaded). */
    setStopWhenSolved(stop: boolean): void {
      driver.model.setStopWhenSolved(stop);
    },

    /** Asks a training loop to stop after its current chunk. */
    pause(): void {
      driver.pause();
    },

    /** One env step (and the training it triggers), for stepping through by hand. */
    async step(): Promise<RlUpdate> {
      driver.model.budget = Infinity;
      return withTransfer(await driver.step());
    },

    /**
     * A checkpoint taken at the end of the current episode (training goes on meanwhile; a paused run first
     * plays the episode to its end, training as usual), so that resuming it continues exactly.
     */
    checkpoint(options: CheckpointOptions): Promise<DqnCheckpoint> {
      const model = driver.model;
      if (driver.status === 'training') return model.requestCheckpoint(options);
      return driver.exclusive((m) => m.checkpointAtEpisodeEnd(options, environment.yieldToEvents));
    },

    /** The checkpoint as one zip: TensorFlow.js Layers model.json + weights.bin per network, plus ours. */
    async exportFile(untrusted: unknown): Promise<Uint8Array> {
      const { checkpoint } = dqnCheckpointSpec(untrusted, 'Cannot export this checkpoint');
      // A worker started just to export has no backend yet; building a model to read its topology needs one,
      // and the CPU backend is instant to start (the webgpu import would otherwise claim priority).
      if (!driver.hasModel) await tf.setBackend('cpu');
      const bytes = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
      return transfer(bytes, [bytes.buffer as ArrayBuffer]);
    },

    /**
     * Plays a checkpoint's agent for `episodes` greedy episodes at every share-link precision (off the page's
     * thread): the smallest link that keeps the score is the default.
     */
    verifyShare(
      untrusted: unknown,
      episodes: number,
      threshold: number | null,
      originLength: number,
    ): ShareVerification {
      return verifySharePrecisions(untrusted, episodes, threshold, originLength);
    },

    /** The newest transitions and a fresh uniform sample, to show what the agent learns from. */
    peekReplay(count = 8): RlReplayPeek {
      return driver.model.peekReplay(count, (n) => peekRng.nextInt(n));
    },

    /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
    numTensors(): number {
      return tf.memory().numTensors;
    },
  };
}
