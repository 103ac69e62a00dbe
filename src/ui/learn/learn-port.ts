/**
 * The Learn worker as a run controller's port: one worker per panel, its model's methods picked by the panel,
 * and the page's chart histories put into every checkpoint it saves (state.histories), so a resumed run's
 * charts continue where they stopped.
 */
import type { Checkpoint } from '../../storage/checkpoint';
import { historiesToJson, type MetricHistory } from '../../storage/metric-history';
import { createLearnWorker } from '../../workers/learn-client';
import type { WorkerBridge } from '../../workers/bridge';
import type { LearnApi } from '../../workers/protocol/learn';
import type { RunPort } from '../run/run-controller';

export type LearnWorkerApi = WorkerBridge<LearnApi>['api'];

/** A port over a fresh Learn worker; `methods` maps the run's verbs (and any extras) onto its api. */
export function learnPort<Spec, Update, Extra extends object>(
  onCrash: (message: string) => void,
  methods: (api: LearnWorkerApi) => Omit<RunPort<Spec, Update>, 'terminate'> & Extra,
): RunPort<Spec, Update> & Extra {
  const bridge = createLearnWorker(onCrash);
  return { ...methods(bridge.api), terminate: () => bridge.terminate() };
}

/** The checkpoint with the page's chart histories in its state. */
export function withHistories(checkpoint: Checkpoint, histories: readonly MetricHistory[]): Checkpoint {
  return { ...checkpoint, state: { ...checkpoint.state, histories: historiesToJson(histories) } };
}

/**
 * Starts one run after another with the settings of the moment each begins, so the last settings win when a
 * slider asks for many starts (the run controller refuses a start while one is under way).
 */
export function serialStarts<Spec>(run: { start(spec: Spec): Promise<boolean> }, spec: () => Spec) {
  let chain: Promise<unknown> = Promise.resolve();
  let queued = false;
  return (): Promise<unknown> => {
    if (queued) return chain; // the queued start will read the newest settings
    queued = true;
    chain = chain.then(() => {
      queued = false;
      return run.start(spec());
    });
    return chain;
  };
}
