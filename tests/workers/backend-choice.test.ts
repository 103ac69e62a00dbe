import { describe, expect, it } from 'vitest';
import {
  fallbackOrder,
  fastestBackend,
  isSoftwareAdapter,
  measuredOrder,
  quickStartOrder,
  measurementStillValid,
  median,
  mlpProfile,
  passedOverReason,
  pickAutoBackend,
  type AutoHooks,
} from '../../src/workers/backend-choice';
import type { BackendMeasurement, BackendName, BackendProbe } from '../../src/workers/protocol';

const measurement: BackendMeasurement = {
  profileKey: 'mlp-4-64-64-2-b64',
  stepMs: { webgpu: 210, webgl: 25, wasm: 2.5, cpu: 8 },
  cutShort: ['webgpu'],
  measuredAt: '2026-11-25T00:00:00.000Z',
};

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(/at least one/);
  });
});

describe('mlpProfile', () => {
  it('builds a cache key from the layer widths and batch', () => {
    expect(mlpProfile([4, 64, 64, 2], 64).key).toBe('mlp-4-64-64-2-b64');
  });
  it('rejects nonsense sizes with a clear message', () => {
    expect(() => mlpProfile([4], 64)).toThrow(/at least two positive integer layer widths/);
    expect(() => mlpProfile([4, 0, 2], 64)).toThrow(/got \[4, 0, 2\]/);
    expect(() => mlpProfile([4, 2], 1.5)).toThrow(/positive integer batch, got 1.5/);
  });
});

describe('fastestBackend', () => {
  it('picks the lowest measured step time among the working backends', () => {
    expect(fastestBackend(measurement, ['webgpu', 'webgl', 'wasm', 'cpu'])).toBe('wasm');
    expect(fastestBackend(measurement, ['webgpu', 'webgl', 'cpu'])).toBe('cpu');
  });
  it('returns null when nothing working was measured', () => {
    expect(fastestBackend({ ...measurement, stepMs: {} }, ['wasm'])).toBeNull();
  });
});

describe('measurementStillValid', () => {
  it('accepts a cache that covers exactly the working backends', () => {
    expect(measurementStillValid(measurement, ['webgpu', 'webgl', 'wasm', 'cpu'])).toBe(true);
  });
  it('re-measures when a backend appeared or vanished', () => {
    expect(measurementStillValid(measurement, ['webgl', 'wasm', 'cpu'])).toBe(false);
    expect(measurementStillValid({ ...measurement, stepMs: { wasm: 2 } }, ['wasm', 'cpu'])).toBe(false);
  });
});

describe('fallbackOrder', () => {
  it('tries a forced backend first, then the rest in order', () => {
    expect(fallbackOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu', 'js']);
    expect(fallbackOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu', 'js']);
  });
});

describe('passedOverReason', () => {
  const probes: BackendProbe[] = [
    { backend: 'webgpu', ok: false, reason: 'navigator.gpu has no adapter', initMs: 3 },
    { backend: 'webgl', ok: true, initMs: 20 },
    { backend: 'wasm', ok: true, initMs: 30 },
    { backend: 'cpu', ok: true, initMs: 1 },
  ];
  it('gives the failure reason of a backend that did not start', () => {
    expect(passedOverReason('webgpu', 'wasm', probes, measurement, 'auto')).toBe(
      'navigator.gpu has no adapter',
    );
  });
  it('says a working backend was slower, with both times', () => {
    expect(passedOverReason('webgl', 'wasm', probes, measurement, 'auto')).toBe(
      'works, but slower for this model: 25.0 ms a step vs 2.50 ms',
    );
  });
  it('names the forced backend when the user forced one', () => {
    expect(passedOverReason('webgl', 'cpu', probes, undefined, 'cpu')).toBe('works, but CPU was forced');
    expect(passedOverReason('wasm', 'cpu', probes.slice(3), undefined, 'cpu')).toBe(
      'not tried: CPU was forced',
    );
  });
  it('has nothing to say about the backend in use', () => {
    expect(passedOverReason('wasm', 'wasm', probes, measurement, 'auto')).toBeNull();
  });
});

describe('quickStartOrder', () => {
  it('starts small networks on WASM and leaves the emulated GPUs for last', () => {
    expect(quickStartOrder(false)[0]).toBe('wasm');
    expect(quickStartOrder(false).slice(-2)).toEqual(['webgl', 'webgpu']);
  });
  it('starts image models on WebGPU, with WASM next', () => {
    expect(quickStartOrder(true).slice(0, 2)).toEqual(['webgpu', 'wasm']);
  });
  it('lists every backend once', () => {
    for (const gpu of [false, true])
      expect([...quickStartOrder(gpu)].sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
  });
});

describe('measuredOrder', () => {
  it('orders the measured backends fastest first', () => {
    expect(measuredOrder(measurement)).toEqual(['wasm', 'cpu', 'webgl', 'webgpu']);
  });
  it('leaves out backends that were not timed', () => {
    expect(measuredOrder({ ...measurement, stepMs: { webgl: 3, cpu: 9 } })).toEqual(['webgl', 'cpu']);
  });
});

describe('isSoftwareAdapter', () => {
  it("recognises Chromium's SwiftShader and other CPU renderers", () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', device: 'llvmpipe (LLVM 17.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', isFallbackAdapter: true })).toBe(true);
  });
  it('accepts real GPUs', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'common-3' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false })).toBe(
      false,
    );
    expect(isSoftwareAdapter({})).toBe(false);
  });
});

describe('pickAutoBackend', () => {
  /** A device where `working` start, and whose WebGPU adapter is a GPU unless `software` says otherwise. */
  function device(working: BackendName[], software: string | null = null) {
    const tried: BackendName[] = [];
    const hooks: AutoHooks = {
      probe: async (backend) => {
        tried.push(backend);
        return working.includes(backend)
          ? { backend, ok: true, initMs: 1 }
          : { backend, ok: false, reason: `${backend} is missing`, initMs: 1 };
      },
      softwareAdapterReason: async () => software,
    };
    return { hooks, tried };
  }
  const gpuFastest: BackendMeasurement = {
    ...measurement,
    stepMs: { webgpu: 0.9, webgl: 3, wasm: 2.5, cpu: 8, js: 1.2 },
    cutShort: [],
  };

  it('takes WebGPU for a small network where this device measured it fastest', async () => {
    const { hooks } = device(['webgpu', 'webgl', 'wasm', 'cpu', 'js']);
    const { active, probes } = await pickAutoBackend(gpuFastest, { jsEngine: true }, hooks);
    expect(active).toBe('webgpu');
    expect(probes).toEqual([{ backend: 'webgpu', ok: true, initMs: 1 }]);
  });

  it('falls to the next fastest measured when WebGPU no longer starts', async () => {
    const { hooks } = device(['webgl', 'wasm', 'cpu', 'js']);
    const { active, probes } = await pickAutoBackend(gpuFastest, { jsEngine: true }, hooks);
    expect(active).toBe('js');
    expect(probes.map((p) => [p.backend, p.ok])).toEqual([
      ['webgpu', false],
      ['js', true],
    ]);
  });

  it('starts the arena on the typed-array engine without a measurement, and WASM where the engine fails', async () => {
    const { hooks, tried } = device(['webgpu', 'wasm', 'cpu', 'js']);
    expect((await pickAutoBackend(undefined, { jsEngine: true }, hooks)).active).toBe('js');
    expect(tried).toEqual(['js']);
    const noEngine = device(['wasm', 'cpu']);
    expect((await pickAutoBackend(undefined, { jsEngine: true }, noEngine.hooks)).active).toBe('wasm');
    expect(noEngine.tried).toEqual(['js', 'wasm']);
  });

  it('starts a small network on WASM without a measurement, even on a real GPU', async () => {
    const { hooks, tried } = device(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect((await pickAutoBackend(undefined, {}, hooks)).active).toBe('wasm');
    expect(tried).toEqual(['wasm']);
  });

  it('starts an image model on WebGPU when the adapter is a real GPU', async () => {
    const { hooks } = device(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect((await pickAutoBackend(undefined, { prefersGpu: true }, hooks)).active).toBe('webgpu');
  });

  it('passes over a software WebGPU adapter for an image model without setting WebGPU up, and starts on WASM', async () => {
    const { hooks, tried } = device(
      ['webgpu', 'webgl', 'wasm', 'cpu'],
      'its adapter (google swiftshader) is a software renderer',
    );
    const { active, probes } = await pickAutoBackend(undefined, { prefersGpu: true }, hooks);
    expect(active).toBe('wasm');
    expect(probes[0]).toEqual({
      backend: 'webgpu',
      ok: false,
      reason: 'its adapter (google swiftshader) is a software renderer',
      initMs: 0,
    });
    expect(tried).not.toContain('webgpu');
  });

  it('tries the backends a measurement left out before giving up, and reports every failure', async () => {
    const onlyWasm = { ...measurement, stepMs: { wasm: 2 } };
    const { hooks, tried } = device(['cpu']);
    expect((await pickAutoBackend(onlyWasm, {}, hooks)).active).toBe('cpu');
    expect(tried).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    const none = await pickAutoBackend(undefined, {}, device([]).hooks);
    expect(none.active).toBeNull();
    expect(none.probes).toHaveLength(5);
  });
});
