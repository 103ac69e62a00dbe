/**
 * The 2-D GAN lab's side of the run controller: how a run starts, resumes, trains and saves in the studio
 * worker, plus the lab's own extras (the speed cap, fresh samples for the share view).
 */
import { proxy } from 'comlink';
import { createStudioWorker } from '../../../workers/studio-client';
import { gan2dProfile } from '../../../workers/studio/gan2d-profile';
import type { Gan2dRunSpec, Gan2dSnapshot } from '../../../workers/protocol/studio';
import { loadBackendPreference, loadCachedMeasurement } from '../../../storage/settings';
import { rememberBackend } from '../../backend-measure';
import type { RunPort } from '../../run/run-controller';

export interface Gan2dPort extends RunPort<Gan2dRunSpec, Gan2dSnapshot> {
  /** Iterations per second to aim at; 0 trains as fast as possible. */
  setSpeed(iterationsPerSec: number): Promise<void>;
}

export function gan2dPort(onCrash: (message: string) => void): Gan2dPort {
  const bridge = createStudioWorker(onCrash);
  return {
    async start(spec) {
      const cached = loadCachedMeasurement(gan2dProfile(spec.config).key);
      const options = { preference: loadBackendPreference(), cached };
      const { backend, snapshot } = await bridge.api.gan2dStart(spec, options);
      rememberBackend(backend);
      return { backend, update: snapshot };
    },
    async resume(checkpoint) {
      const { backend, spec, snapshot } = await bridge.api.gan2dRestore(checkpoint, {
        preference: loadBackendPreference(),
      });
      rememberBackend(backend);
      return { backend, spec, update: snapshot };
    },
    train: (onUpdate) => bridge.api.gan2dTrain(proxy(onUpdate)),
    pause: () => bridge.api.gan2dPause(),
    step: () => bridge.api.gan2dStep(),
    checkpoint: (name) => bridge.api.gan2dCheckpoint(name),
    setSpeed: (iterationsPerSec) => bridge.api.gan2dSetSpeed(iterationsPerSec),
    terminate: () => bridge.terminate(),
  };
}
