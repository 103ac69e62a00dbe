/**
 * The tfjs backends by name, the user's preference among them and a stored measurement of their speed: plain
 * data that the System page, the settings in storage and the workers share. No tfjs here: the page imports it.
 */

/**
 * The tfjs backends we support, fastest-in-principle first, then 'js': the typed-array engine (src/nn), which
 * runs the small MLPs of the jobs that support it (the arena's DQN, the 2-D GAN) without tfjs.
 */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu', 'js'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the user asked for on the System page: let us measure, or force one backend. */
export type BackendPreference = 'auto' | BackendName;

export function isBackendPreference(value: unknown): value is BackendPreference {
  return value === 'auto' || (typeof value === 'string' && (BACKENDS as readonly string[]).includes(value));
}

/** Median wall time of one training step on each backend that initialised. */
export interface BackendMeasurement {
  profileKey: string;
  /** Median ms per training step (a single warm step for those cut short); absent for failed backends. */
  stepMs: Partial<Record<BackendName, number>>;
  /** Backends whose first warm step was so slow that timing more steps was pointless. */
  cutShort: BackendName[];
  measuredAt: string;
}
