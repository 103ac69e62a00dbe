/**
 * Where the engine's arrays live. In plain memory they are ordinary Float32Arrays and dense.ts computes with
 * JS loops. In SIMD memory every array of a network (or of an online/target pair) lies in one
 * WebAssembly.Memory, so the SIMD kernels of wasm/nn-kernels.ts work on them in place, with no copies: the
 * arrays are views of that memory, sized once by a dry run of the same construction (a memory that grew would
 * detach every view).
 */
import { SIMD_KERNELS_BASE64 } from './simd-kernels-data';

/** The exports of wasm/nn-kernels.ts; every pointer is a byte offset into the memory. */
export interface SimdKernels {
  gemm(
    out: number,
    a: number,
    rowStride: number,
    colStride: number,
    b: number,
    n: number,
    m: number,
    k: number,
    bias: number,
    flags: number,
  ): void;
  transpose(out: number, a: number, rows: number, cols: number): void;
  reluBackward(dy: number, y: number, count: number): void;
  columnSums(out: number, a: number, rows: number, cols: number): void;
  adam(
    params: number,
    grads: number,
    m: number,
    v: number,
    count: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
    negLearningRate: number,
    oneMinusAccBeta1: number,
    oneMinusAccBeta2: number,
  ): void;
  polyak(to: number, from: number, count: number, a: number, b: number): void;
  sumSquares(a: number, count: number): number;
  scale(a: number, count: number, s: number): void;
}

/** gemm flags: start from the bias, add to the output's old values, clamp at 0. */
export const GEMM_BIAS = 1;
export const GEMM_ACCUMULATE = 2;
export const GEMM_RELU = 4;

export interface NnMemory {
  /** A zeroed array of `length` floats, 16-byte aligned in SIMD memory. */
  alloc(length: number): Float32Array<ArrayBuffer>;
  /** The SIMD kernels over this memory, or null for plain memory. */
  readonly kernels: SimdKernels | null;
  /** Whether the kernels can read `array` in place (it is a view of this memory). */
  holds(array: Float32Array): boolean;
}

export const plainMemory: NnMemory = {
  alloc: (length) => new Float32Array(length),
  kernels: null,
  holds: () => false,
};

let compiled: WebAssembly.Module | null | undefined;

/** The kernels' module, compiled once; null where WebAssembly SIMD is missing (then plain memory is used). */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(SIMD_KERNELS_BASE64), (c) => c.charCodeAt(0));
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this JS engine runs the SIMD kernels. */
export function simdAvailable(): boolean {
  return simdModule() !== null;
}

const ALIGN_FLOATS = 4;
const alignUp = (floats: number): number => Math.ceil(floats / ALIGN_FLOATS) * ALIGN_FLOATS;

/** Stands in for the kernels while a dry run measures what a construction allocates; never called. */
const DRY_RUN_KERNELS = new Proxy({} as SimdKernels, {
  get() {
    throw new Error('The SIMD kernels cannot run during a dry run');
  },
});

/**
 * Runs `build` in one SIMD memory sized to exactly what it allocates (a dry run first), or in plain memory
 * where SIMD is missing or `simd` is false. `build` must allocate the same whatever memory it is given.
 */
export function buildInMemory<T>(build: (memory: NnMemory) => T, simd = true): T {
  const module = simd ? simdModule() : null;
  if (module === null) return build(plainMemory);
  let floats = 0;
  build({
    alloc: (length) => {
      floats += alignUp(length);
      return new Float32Array(length);
    },
    kernels: DRY_RUN_KERNELS,
    holds: () => false,
  });
  const pages = Math.max(1, Math.ceil((floats * 4) / 65536));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const kernels = instance.exports as unknown as SimdKernels;
  const buffer = memory.buffer;
  let next = 0;
  return build({
    alloc: (length) => {
      if (next + length > floats) throw new Error(`Expected at most ${floats} floats, got more`);
      const view = new Float32Array(buffer, next * 4, length);
      next += alignUp(length);
      return view;
    },
    kernels,
    holds: (array) => array.buffer === buffer,
  });
}
