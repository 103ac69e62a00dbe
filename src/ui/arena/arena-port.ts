/**
 * How the run controller reaches one arena run's worker (one worker per run): the backend preference and the
 * cached backend measurement go with every start, updates come back through a Comlink proxy.
 */
import { proxy } from 'comlink';
import { createRlWorker } from '../../workers/rl-client';
import type { WorkerBridge } from '../../workers/bridge';
import type { RlApi } from '../../workers/rl.worker';
import type { BackendReport, RlReplayPeek, RlRunInfo, RlRunSpec, RlUpdate } from '../../workers/protocol';
import type { SessionStatus } from '../../workers/core/session-status';
import { makeEnvFromConfig } from '../../envs/registry';
import { boxSize } from '../../envs/core';
import { mlpProfile } from '../../workers/backend-choice';
import { loadBackendPreference, loadCachedMeasurement } from '../../storage/settings';
import { rememberBackend } from '../backend-measure';
import type { Checkpoint, DqnCheckpoint } from '../../storage/checkpoint';
import type { RunPort } from '../run/run-controller';

export interface ArenaCheckpointOptions {
  name: string;
  /** The replay buffer makes a checkpoint much larger: the user chooses. */
  includeReplay: boolean;
}

/** The backend options for a spec: the user's preference and this device's cached measurement for its size. */
function backendOptions(spec: RlRunSpec) {
  const env = makeEnvFromConfig(spec.envId, spec.envOptions ?? {});
  const profile = mlpProfile(
    [boxSize(env.spec.observationSpace), ...spec.config.hiddenSizes, env.spec.actionSpace.n],
    spec.config.batchSize,
  );
  return { preference: loadBackendPreference(), cached: loadCachedMeasurement(profile.key) };
}

export class ArenaPort implements RunPort<RlRunSpec, RlUpdate> {
  private readonly bridge: WorkerBridge<RlApi>;

  constructor(
    onCrash: (message: string) => void,
    /** The game as the worker built it (observation size, actions, solve threshold). */
    private readonly onInfo: (info: RlRunInfo) => void,
  ) {
    this.bridge = createRlWorker(onCrash);
  }

  warm(): void {
    this.bridge.warm();
  }

  async start(spec: RlRunSpec): Promise<{ backend: BackendReport; update: RlUpdate }> {
    const options = backendOptions(spec);
    const { info, backend, update } = await this.bridge.api.start(spec, options);
    rememberBackend(backend);
    this.onInfo(info);
    return { backend, update };
  }

  async resume(
    checkpoint: Checkpoint,
  ): Promise<{ backend: BackendReport; spec: RlRunSpec; update: RlUpdate }> {
    const { info, backend, spec, update } = await this.bridge.api.resume(checkpoint, {
      preference: loadBackendPreference(),
    });
    rememberBackend(backend);
    this.onInfo(info);
    return { backend, spec, update };
  }

  train(onUpdate: (update: RlUpdate) => void): Promise<SessionStatus> {
    return this.bridge.api.train(proxy(onUpdate));
  }

  pause(): Promise<void> {
    return this.bridge.api.pause();
  }

  step(): Promise<RlUpdate> {
    return this.bridge.api.step();
  }

  checkpoint(name: string): Promise<Checkpoint> {
    return this.checkpointWith({ name, includeReplay: false });
  }

  /** Taken at the end of the current episode, so that resuming continues exactly. */
  checkpointWith(options: ArenaCheckpointOptions): Promise<DqnCheckpoint> {
    return this.bridge.api.checkpoint(options);
  }

  /** The update now, without training. */
  update(): Promise<RlUpdate> {
    return this.bridge.api.update();
  }

  setStopWhenSolved(stop: boolean): Promise<void> {
    return this.bridge.api.setStopWhenSolved(stop);
  }

  peekReplay(count: number): Promise<RlReplayPeek> {
    return this.bridge.api.peekReplay(count);
  }

  terminate(): void {
    this.bridge.terminate();
  }
}
