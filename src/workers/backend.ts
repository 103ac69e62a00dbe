/**
 * Picks the tfjs backend inside a worker. Each candidate is tried for real (set it, run a tiny op, read the
 * result back) because tfjs falls back silently. "auto" takes the fastest backend of this device's stored
 * measurement for the job's network size (small networks often run faster on WASM than on a GPU); without one
 * it starts at once on a default, and measureProfile() times every backend in another worker for next time.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import {
  fallbackOrder,
  formatMs,
  isSoftwareAdapter,
  measurementStillValid,
  pickAutoBackend,
  workingBackends,
  backendLabel,
  type AdapterFacts,
} from './backend-choice';
import { MlpTrainer, type TimingOptions, timeRuns } from './kernels';
import { JsMlpTrainer } from '../nn/mlp-trainer';
import {
  BACKENDS,
  type BackendMeasurement,
  type BackendName,
  type BackendPreference,
  type BackendProbe,
  type BackendReport,
  type ModelProfile,
} from './protocol';
import { errorText } from '../util/error-text';

// Threaded WASM hangs in a minified build and gained nothing on 2 cores (see shared/BROWSER.md): single thread.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// The .wasm binaries are emitted by Vite and served from our own origin (never a CDN), so they work offline.
// tfjs wants an entry for the threaded binary too; with threads off it never loads it, so that entry points at
// the SIMD binary and the 435 KB threaded one stays out of the build and the offline cache.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
});

/** Reasons a backend cannot even be attempted, found without touching tfjs. */
async function precheck(backend: BackendName): Promise<string | null> {
  if (backend === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return 'navigator.gpu is missing: this browser has no WebGPU (or it is disabled)';
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'navigator.gpu has no adapter';
  }
  if (backend === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined') return 'OffscreenCanvas is missing in this worker';
    const canvas = new OffscreenCanvas(1, 1);
    if (!canvas.getContext('webgl2') && !canvas.getContext('webgl'))
      return 'no WebGL context could be created';
  }
  if (backend === 'wasm' && typeof WebAssembly === 'undefined') return 'WebAssembly is not available';
  return null;
}

/** Why a job that did not opt in cannot use the typed-array engine. */
export const JS_ENGINE_UNSUPPORTED =
  'only the arena’s DQN and the 2-D GAN run on the typed-array engine so far';

/**
 * Makes `backend` the one in use. For the typed-array engine tfjs stays on CPU: it only builds the seeded
 * initial weights and export topologies there, which is instant.
 */
async function activate(backend: BackendName): Promise<void> {
  const tfjsBackend = backend === 'js' ? 'cpu' : backend;
  await tf.setBackend(tfjsBackend);
  if (tf.getBackend() !== tfjsBackend) throw new Error(`tfjs refused to switch to ${tfjsBackend}`);
}

/** The typed-array engine works wherever JavaScript does; one real step shows that it computes. */
async function probeJsEngine(): Promise<BackendProbe> {
  const start = performance.now();
  const loss = await new JsMlpTrainer({ layers: [2, 4, 1], batch: 2 }).step();
  await activate('js');
  return Number.isFinite(loss)
    ? { backend: 'js', ok: true, initMs: performance.now() - start }
    : {
        backend: 'js',
        ok: false,
        reason: `a test step gave a loss of ${loss}`,
        initMs: performance.now() - start,
      };
}

/** Tries one backend for real and leaves it active when it works. */
export async function probeBackend(backend: BackendName): Promise<BackendProbe> {
  if (backend === 'js') return probeJsEngine();
  const start = performance.now();
  const fail = (reason: string): BackendProbe => ({
    backend,
    ok: false,
    reason,
    initMs: performance.now() - start,
  });
  try {
    const blocked = await precheck(backend);
    if (blocked) return fail(blocked);
    if (!(await tf.setBackend(backend)))
      return fail(`tfjs could not initialise the ${backendLabel(backend)} backend`);
    await tf.ready();
    if (tf.getBackend() !== backend) return fail(`tfjs silently fell back to ${tf.getBackend()}`);
    const probe = tf.tidy(() => tf.tensor1d([1, 2, 3]).mul(2).add(1));
    const values = await probe.data();
    probe.dispose();
    if (values[0] !== 3 || values[1] !== 5 || values[2] !== 7) {
      return fail(`a test op gave a wrong result ([${Array.from(values).join(', ')}] instead of [3, 5, 7])`);
    }
    return { backend, ok: true, initMs: performance.now() - start };
  } catch (error) {
    return fail(errorText(error));
  }
}

/** Backends a job cannot use, with the reason shown to the user (they are reported, not tried). */
export type Unsupported = Partial<Record<BackendName, string>>;

async function probeUnlessUnsupported(backend: BackendName, unsupported: Unsupported): Promise<BackendProbe> {
  const reason = unsupported[backend];
  return reason ? { backend, ok: false, reason, initMs: 0 } : probeBackend(backend);
}

export async function probeAll(unsupported: Unsupported = {}): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const backend of BACKENDS) probes.push(await probeUnlessUnsupported(backend, unsupported));
  return probes;
}

const MEASURE_TIMING: TimingOptions = { warmup: 0, minRuns: 3, maxRuns: 15, budgetMs: 400 };
/** A backend whose first warm step is this many times slower than the best median so far is not measured further. */
const CUT_SHORT_FACTOR = 20;
const WARM_STEPS = 3;

/** Times a training step of the profile's model on each working backend (cheap ones first). */
export async function measureBackends(
  profile: ModelProfile,
  working: readonly BackendName[],
): Promise<BackendMeasurement> {
  const order = [...working].sort((a, b) => costRank(a) - costRank(b));
  const stepMs: Partial<Record<BackendName, number>> = {};
  const cutShort: BackendName[] = [];
  let best = Infinity;
  for (const backend of order) {
    await activate(backend);
    const trainer = backend === 'js' ? new JsMlpTrainer(profile) : new MlpTrainer(profile);
    try {
      await trainer.step(); // the first step compiles kernels and is not timed
      // Some backends keep compiling for a step or two: take the best of a few warm steps.
      let warmMs = Infinity;
      for (let i = 0; i < WARM_STEPS && warmMs > CUT_SHORT_FACTOR * best; i++) {
        const t0 = performance.now();
        await trainer.step();
        warmMs = Math.min(warmMs, performance.now() - t0);
      }
      if (warmMs > CUT_SHORT_FACTOR * best && warmMs > 50) {
        // Far slower than the best so far: a few warm steps are evidence enough, and save seconds.
        stepMs[backend] = Math.round(warmMs * 1000) / 1000;
        cutShort.push(backend);
        continue;
      }
      const stats = await timeRuns(() => trainer.step().then(() => undefined), MEASURE_TIMING);
      stepMs[backend] = stats.medianMs;
      best = Math.min(best, stats.medianMs);
    } finally {
      trainer.dispose();
    }
  }
  return { profileKey: profile.key, stepMs, cutShort, measuredAt: new Date().toISOString() };
}

/** CPU-side backends start cheaply and set a bar that lets slow GPU emulation be cut short. */
function costRank(backend: BackendName): number {
  return { js: 0, wasm: 1, cpu: 2, webgl: 3, webgpu: 4 }[backend];
}

export interface InitOptions {
  preference: BackendPreference;
  profile: ModelProfile;
  /**
   * This device's stored measurement for the profile. Without one, "auto" starts at once on a default
   * (quickStartOrder) and the UI measures in the background for the next run.
   */
  cached?: BackendMeasurement;
  /** Image models: without a measurement, take WebGPU first when the device has a real GPU. */
  prefersGpu?: boolean;
  /** Backends this job cannot run on, with the reason. */
  unsupported?: Unsupported;
  /** The job can run on the typed-array engine ('js'); without this it is reported as unsupported. */
  jsEngine?: boolean;
}

/** What this job cannot run on: its own list, plus the typed-array engine unless it opted in. */
function jobUnsupported(options: InitOptions): Unsupported {
  return { ...(options.jsEngine ? {} : { js: JS_ENGINE_UNSUPPORTED }), ...options.unsupported };
}

/** Chooses and activates the backend for a worker, and explains the choice. */
export async function initBackend(options: InitOptions): Promise<BackendReport> {
  const { preference } = options;
  const unsupported = jobUnsupported(options);
  if (preference !== 'auto') {
    const probes: BackendProbe[] = [];
    for (const backend of fallbackOrder(preference)) {
      const probe = await probeUnlessUnsupported(backend, unsupported);
      probes.push(probe);
      if (probe.ok) {
        const why =
          backend === preference
            ? `${backendLabel(backend)} was forced on the System page.`
            : `${backendLabel(preference)} was forced but failed (${probes[0]!.reason}); fell back to ${backendLabel(backend)}.`;
        return { preference, active: backend, probes, why };
      }
    }
    throw new Error(
      `No tfjs backend works here: ${probes.map((p) => `${p.backend}: ${p.reason}`).join('; ')}`,
    );
  }

  const cached = options.cached;
  const { active, probes } = await pickAutoBackend(cached, options, {
    probe: (backend) => probeUnlessUnsupported(backend, unsupported),
    softwareAdapterReason,
  });
  if (active === null) {
    throw new Error(
      `No tfjs backend works here: ${probes.map((p) => `${p.backend}: ${p.reason}`).join('; ')}`,
    );
  }
  // Probing a later backend may have switched tfjs away from the one picked.
  await activate(active);
  const report: BackendReport = { preference, active, probes, why: autoWhy(active, options, probes) };
  if (cached) return { ...report, measurement: cached };
  return { ...report, measureLater: { profile: options.profile, unsupported } };
}

/** Why "auto" runs on `active`: the device's measurement for this size, or the default until there is one. */
function autoWhy(active: BackendName, options: InitOptions, probes: readonly BackendProbe[]): string {
  const size = `a ${options.profile.layers.join('-')} network (batch ${options.profile.batch})`;
  const ms = options.cached?.stepMs[active];
  if (options.cached && ms !== undefined) {
    return `Fastest for ${size}: ${formatMs(ms)} a training step, from this device’s measurement of this size.`;
  }
  const failed = probes.filter((p) => !p.ok && p.backend !== active);
  const passed = failed.length
    ? ` (${failed.map((p) => `${backendLabel(p.backend)}: ${p.reason}`).join('; ')})`
    : '';
  const reason =
    active === 'webgpu'
      ? 'WebGPU on this device’s GPU, the default for image models'
      : options.prefersGpu
        ? `${backendLabel(active)}, the default for image models without a real GPU${passed}`
        : `${backendLabel(active)}, the default for small networks${passed}`;
  return (
    `${reason}, so training starts at once. This device has not measured ${size} yet: the backends are ` +
    'timed in the background and the fastest is used from the next run on.'
  );
}

/** The reason not to take WebGPU by default when its adapter is a software renderer, or null for a real GPU. */
async function softwareAdapterReason(): Promise<string | null> {
  const adapter = await (globalThis.navigator as Navigator | undefined)?.gpu
    ?.requestAdapter()
    .catch(() => null);
  if (!adapter) return 'navigator.gpu has no adapter';
  // GPUAdapterInfo (adapter.info, Chromium 114+) is newer than these typings; isFallbackAdapter moved into it.
  const described = adapter as unknown as { info?: AdapterFacts; isFallbackAdapter?: boolean };
  const info = described.info;
  const facts: AdapterFacts = {
    vendor: info?.vendor,
    architecture: info?.architecture,
    device: info?.device,
    description: info?.description,
    isFallbackAdapter: info?.isFallbackAdapter ?? described.isFallbackAdapter,
  };
  if (!isSoftwareAdapter(facts)) return null;
  const name = [facts.vendor, facts.architecture].filter(Boolean).join(' ') || 'fallback adapter';
  return `its adapter (${name}) is a software renderer on the CPU, not a GPU`;
}

/**
 * Probes every backend a job can use and times a training step of its network on each that works: the
 * measurement "auto" uses for this device and network size from then on. Run in a worker of its own
 * (the System page's), beside the training, so that no run waits for it.
 */
export async function measureProfile(
  profile: ModelProfile,
  unsupported: Unsupported = {},
): Promise<{ probes: BackendProbe[]; measurement: BackendMeasurement }> {
  const probes = await probeAll(unsupported);
  const working = workingBackends(probes);
  if (working.length === 0) {
    throw new Error(
      `No tfjs backend works here: ${probes.map((p) => `${p.backend}: ${p.reason}`).join('; ')}`,
    );
  }
  return { probes, measurement: await measureBackends(profile, working) };
}

export function activeBackend(): BackendName {
  const name = tf.getBackend();
  if (!(BACKENDS as readonly string[]).includes(name)) throw new Error(`Unexpected tfjs backend ${name}`);
  return name as BackendName;
}

/**
 * The System page's choice: every backend is probed (the page lists each with the reason it is or is not in
 * use) and, for "auto", a stored measurement that no longer matches the working backends is taken again.
 */
export async function initBackendMeasured(options: InitOptions): Promise<BackendReport> {
  if (options.preference !== 'auto') return initBackend(options);
  const probes = await probeAll(jobUnsupported(options));
  const working = workingBackends(probes);
  const fresh = !(options.cached && measurementStillValid(options.cached, working));
  const measurement = fresh ? await measureBackends(options.profile, working) : options.cached!;
  const report = await initBackend({ ...options, cached: measurement });
  const why = fresh ? report.why.replace('from this device’s measurement', 'measured just now') : report.why;
  return { ...report, probes, measurement, why };
}
