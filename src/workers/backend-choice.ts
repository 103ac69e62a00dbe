/** Pure decisions about backends (no tfjs here, so they are unit-tested in Node). */
import {
  BACKENDS,
  type BackendMeasurement,
  type BackendName,
  type BackendPreference,
  type BackendProbe,
  type ModelProfile,
} from './protocol';

export function mlpProfile(layers: number[], batch: number): ModelProfile {
  if (layers.length < 2 || layers.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new Error(`Expected at least two positive integer layer widths, got [${layers.join(', ')}]`);
  }
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`Expected a positive integer batch, got ${batch}`);
  return { key: `mlp-${layers.join('-')}-b${batch}`, layers, batch };
}

/** The profile the System page measures: a CartPole-sized Q-network. */
export const DEFAULT_PROFILE = mlpProfile([4, 64, 64, 2], 64);

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('Expected at least one value for a median');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The fastest measured backend among those that work, or null when none was measured. */
export function fastestBackend(
  measurement: BackendMeasurement,
  working: readonly BackendName[],
): BackendName | null {
  let best: BackendName | null = null;
  for (const backend of working) {
    const ms = measurement.stepMs[backend];
    if (ms === undefined) continue;
    if (best === null || ms < measurement.stepMs[best]!) best = backend;
  }
  return best;
}

/** A cached measurement is usable when it covers every backend that works now (none appeared or vanished). */
export function measurementStillValid(
  measurement: BackendMeasurement,
  working: readonly BackendName[],
): boolean {
  const measured = new Set(Object.keys(measurement.stepMs));
  return working.length > 0 && working.every((b) => measured.has(b)) && measured.size === working.length;
}

/**
 * The order in which "auto" tries backends on a device that has not measured this network size yet, so that
 * training starts at once instead of after a measurement. Small networks: the typed-array engine for a job that
 * runs on it (the arena's DQN: no per-op overhead, and no WASM binary to fetch and compile before the first
 * step), else WASM (a training step of a few hundred units is dominated by per-op overhead, where WASM wins).
 * Image models: a real GPU's WebGPU first, as convolutions and wide layers are where a GPU pays off. Emulated
 * GPUs come last.
 */
export function quickStartOrder(prefersGpu: boolean, jsEngine = false): BackendName[] {
  if (prefersGpu) return ['webgpu', 'wasm', 'cpu', 'webgl'];
  return [...(jsEngine ? (['js'] as const) : []), 'wasm', 'cpu', 'webgl', 'webgpu'];
}

/** The backends of a measurement, fastest first (those it did not time are left out). */
export function measuredOrder(measurement: BackendMeasurement): BackendName[] {
  return BACKENDS.filter((b) => measurement.stepMs[b] !== undefined).sort(
    (a, b) => measurement.stepMs[a]! - measurement.stepMs[b]!,
  );
}

/** What a WebGPU adapter says about itself (GPUAdapterInfo, plus the older flag on the adapter). */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/**
 * Whether a WebGPU adapter is a software renderer on the CPU (Chromium's SwiftShader, Mesa's llvmpipe,
 * Windows' WARP) rather than a GPU: such an adapter runs small and large models alike far slower than WASM.
 */
export function isSoftwareAdapter(facts: AdapterFacts): boolean {
  if (facts.isFallbackAdapter) return true;
  const text = [facts.vendor, facts.architecture, facts.device, facts.description].join(' ').toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|\bwarp\b/.test(text);
}

/** How "auto" tries a backend, supplied by the worker (tfjs lives there): a real attempt and an adapter check. */
export interface AutoHooks {
  /** Tries the backend for real (or reports why the job cannot use it) and leaves it active when it works. */
  probe: (backend: BackendName) => Promise<BackendProbe>;
  /** Why this device's WebGPU adapter is not a real GPU (a software renderer), or null when it is one. */
  softwareAdapterReason: () => Promise<string | null>;
}

/**
 * The backend "auto" runs a job on, and every attempt made on the way. With this device's measurement for the
 * job's size: the fastest that works, WebGPU included wherever it measured fastest. Without one: the quick-start
 * default, where WebGPU counts only on a real GPU (a software adapter is far slower than WASM). Backends the
 * order left out are tried last, so that a job runs wherever any backend works.
 */
export async function pickAutoBackend(
  cached: BackendMeasurement | undefined,
  job: { prefersGpu?: boolean; jsEngine?: boolean },
  hooks: AutoHooks,
): Promise<{ active: BackendName | null; probes: BackendProbe[] }> {
  const order = cached
    ? measuredOrder(cached)
    : quickStartOrder(job.prefersGpu ?? false, job.jsEngine ?? false);
  const probes: BackendProbe[] = [];
  for (const backend of [...order, ...BACKENDS.filter((b) => !order.includes(b))]) {
    // Unmeasured, WebGPU is only worth it on a real GPU: ask the adapter first, since setting tfjs's WebGPU
    // backend up on a software renderer costs seconds before the first step.
    if (!cached && backend === 'webgpu') {
      const software = await hooks.softwareAdapterReason();
      if (software) {
        probes.push({ backend, ok: false, reason: software, initMs: 0 });
        continue;
      }
    }
    const probe = await hooks.probe(backend);
    probes.push(probe);
    if (probe.ok) return { active: backend, probes };
  }
  return { active: null, probes };
}

/** For a forced backend that fails: the order in which we fall back. */
export function fallbackOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return [...BACKENDS];
  return [preference, ...BACKENDS.filter((b) => b !== preference)];
}

export function workingBackends(probes: readonly BackendProbe[]): BackendName[] {
  return probes.filter((p) => p.ok).map((p) => p.backend);
}

const LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
  js: 'Typed arrays (no tfjs)',
};

export function backendLabel(backend: BackendName): string {
  return LABEL[backend];
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

/**
 * Why a backend is not the one in use, in words: it failed, or it was measured slower for this model,
 * or it was not needed because the user forced another.
 */
export function passedOverReason(
  backend: BackendName,
  active: BackendName,
  probes: readonly BackendProbe[],
  measurement: BackendMeasurement | undefined,
  preference: BackendPreference,
): string | null {
  if (backend === active) return null;
  const probe = probes.find((p) => p.backend === backend);
  if (probe && !probe.ok) return probe.reason ?? 'failed to initialise';
  if (!probe) return preference === 'auto' ? 'not tried' : `not tried: ${LABEL[preference]} was forced`;
  if (preference !== 'auto') return `works, but ${LABEL[preference]} was forced`;
  const ms = measurement?.stepMs[backend];
  const activeMs = measurement?.stepMs[active];
  if (ms !== undefined && activeMs !== undefined) {
    return `works, but slower for this model: ${formatMs(ms)} a step vs ${formatMs(activeMs)}`;
  }
  return 'works, but was not chosen';
}
