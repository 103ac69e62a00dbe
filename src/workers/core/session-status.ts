/** Where a run is in the worker; plain data that crosses to the UI (whose run controller maps it). */
export type SessionStatus = 'idle' | 'paused' | 'training' | 'diverged' | 'finished';
