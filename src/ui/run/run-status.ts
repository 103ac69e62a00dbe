/**
 * The one status machine every training run in the UI follows:
 *
 *   idle ─start→ starting ─ready→ paused ⇄ training ─finish→ finished
 *                   │                 (pause/diverge)        │ (train again)
 *                   └──── fail / crash ──→ crashed ←── crash ─┘
 *
 * A divergence is a pause with a message (the worker has put the last finite weights back). Pure: the run
 * controller asks `nextStatus` for every transition, so an event that makes no sense in a state is refused
 * instead of leaving the page in a mixed state.
 */
import type { SessionStatus } from '../../workers/core/session-status';

export type RunStatus = 'idle' | 'starting' | 'training' | 'paused' | 'finished' | 'crashed';

export type RunEvent =
  /** Build a model in the worker (fresh, or from a checkpoint). */
  | 'start'
  /** The model is built. */
  | 'ready'
  | 'train'
  /** The worker stopped training (pause, divergence or a step budget). */
  | 'pause'
  /** The model reached its own end (the worker said 'finished'). */
  | 'finish'
  /** Starting failed: the previous model (if any) is gone or unusable. */
  | 'fail'
  /** The worker died. */
  | 'crash'
  /** Forget the run (the next start builds afresh). */
  | 'reset';

const TRANSITIONS: Readonly<Record<RunStatus, Partial<Record<RunEvent, RunStatus>>>> = {
  idle: { start: 'starting', reset: 'idle', crash: 'crashed' },
  starting: { ready: 'paused', fail: 'crashed', crash: 'crashed', reset: 'idle' },
  paused: {
    start: 'starting',
    train: 'training',
    pause: 'paused',
    finish: 'finished',
    fail: 'crashed',
    crash: 'crashed',
    reset: 'idle',
  },
  training: { pause: 'paused', finish: 'finished', fail: 'crashed', crash: 'crashed', reset: 'idle' },
  finished: {
    start: 'starting',
    train: 'training',
    pause: 'finished',
    finish: 'finished',
    crash: 'crashed',
    reset: 'idle',
  },
  crashed: { start: 'starting', reset: 'idle', crash: 'crashed' },
};

/** The status after `event`, or null when the event is not allowed in `status`. */
export function nextStatus(status: RunStatus, event: RunEvent): RunStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

/** The UI event a worker status stands for, when an update or a finished train call reports it. */
export function eventOfSession(status: SessionStatus): RunEvent | null {
  switch (status) {
    case 'paused':
    case 'diverged':
      return 'pause';
    case 'finished':
      return 'finish';
    case 'idle':
      return 'reset';
    case 'training':
      return null;
  }
}

/** Words for a status, as the stats strip shows them. */
export const STATUS_TEXT: Readonly<Record<RunStatus, string>> = {
  idle: 'not started',
  starting: 'starting…',
  training: 'training',
  paused: 'paused',
  finished: 'finished',
  crashed: 'error',
};
