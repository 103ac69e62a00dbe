/**
 * The typed-array engine's hot loops in AssemblyScript with 128-bit SIMD (four float32 lanes), compiled to
 * src/nn/simd-kernels-data.ts by `npm run build:kernels`. Every pointer is a byte offset into the memory the
 * caller created and laid its arrays out in (src/nn/nn-memory.ts); nothing here allocates. Sums run in
 * float32 in a fixed order, as tfjs's kernels do, so results match tfjs within float tolerance.
 */

const BIAS: i32 = 1;
const ACCUMULATE: i32 = 2;
const RELU: i32 = 4;

/**
 * out[p·m + j] = start + Σ_q A(p, q)·B[q·m + j] for p < n, j < m, q < k, where A(p, q) = a[p·rs + q·cs] (so
 * A may be read transposed) and B is row-major [k, m]. start is bias[j] (flag BIAS), out's old value
 * (ACCUMULATE) or 0; RELU clamps the result at 0. Two rows of A against sixteen columns of B per pass: eight
 * vector sums stay in registers and each B load feeds two rows; a q where both rows' A is 0 (ReLU outputs,
 * one-hot inputs) is skipped.
 */
export function gemm(
  out: usize,
  a: usize,
  rs: i32,
  cs: i32,
  b: usize,
  n: i32,
  m: i32,
  k: i32,
  bias: usize,
  flags: i32,
): void {
  let p = 0;
  for (; p + 1 < n; p += 2) {
    rowPair(out + ((p * m) << 2), a + ((p * rs) << 2), (rs << 2) as usize, cs, b, m, k, bias, flags);
  }
  if (p < n) rowSingle(out + ((p * m) << 2), a + ((p * rs) << 2), cs, b, m, k, bias, flags);
}

function start(flags: i32, bias: usize, o: usize, j: i32): v128 {
  if (flags & BIAS) return v128.load(bias + ((j as usize) << 2));
  if (flags & ACCUMULATE) return v128.load(o + ((j as usize) << 2));
  return f32x4.splat(0);
}

function startScalar(flags: i32, bias: usize, o: usize, j: i32): f32 {
  if (flags & BIAS) return load<f32>(bias + ((j as usize) << 2));
  if (flags & ACCUMULATE) return load<f32>(o + ((j as usize) << 2));
  return 0;
}

function finish(flags: i32, v: v128): v128 {
  return flags & RELU ? f32x4.pmax(v, f32x4.splat(0)) : v;
}

function finishScalar(flags: i32, v: f32): f32 {
  return flags & RELU && v < 0 ? 0 : v;
}

function rowPair(
  o0: usize,
  a0: usize,
  rowBytes: usize,
  cs: i32,
  b: usize,
  m: i32,
  k: i32,
  bias: usize,
  flags: i32,
): void {
  const o1 = o0 + (((m as usize) << 2) as usize);
  const a1 = a0 + rowBytes;
  const step = (cs << 2) as usize;
  const rowB = (m << 2) as usize;
  let j = 0;
  for (; j + 16 <= m; j += 16) {
    let c00 = start(flags, bias, o0, j);
    let c01 = start(flags, bias, o0, j + 4);
    let c02 = start(flags, bias, o0, j + 8);
    let c03 = start(flags, bias, o0, j + 12);
    let c10 = start(flags, bias, o1, j);
    let c11 = start(flags, bias, o1, j + 4);
    let c12 = start(flags, bias, o1, j + 8);
    let c13 = start(flags, bias, o1, j + 12);
    let pa0 = a0;
    let pa1 = a1;
    let pb = b + ((j as usize) << 2);
    for (let q = 0; q < k; q++) {
      const x0 = load<f32>(pa0);
      const x1 = load<f32>(pa1);
      if (x0 != 0 || x1 != 0) {
        const s0 = f32x4.splat(x0);
        const s1 = f32x4.splat(x1);
        const w0 = v128.load(pb);
        const w1 = v128.load(pb, 16);
        const w2 = v128.load(pb, 32);
        const w3 = v128.load(pb, 48);
        c00 = f32x4.add(c00, f32x4.mul(s0, w0));
        c01 = f32x4.add(c01, f32x4.mul(s0, w1));
        c02 = f32x4.add(c02, f32x4.mul(s0, w2));
        c03 = f32x4.add(c03, f32x4.mul(s0, w3));
        c10 = f32x4.add(c10, f32x4.mul(s1, w0));
        c11 = f32x4.add(c11, f32x4.mul(s1, w1));
        c12 = f32x4.add(c12, f32x4.mul(s1, w2));
        c13 = f32x4.add(c13, f32x4.mul(s1, w3));
      }
      pa0 += step;
      pa1 += step;
      pb += rowB;
    }
    const q0 = o0 + ((j as usize) << 2);
    const q1 = o1 + ((j as usize) << 2);
    v128.store(q0, finish(flags, c00));
    v128.store(q0, finish(flags, c01), 16);
    v128.store(q0, finish(flags, c02), 32);
    v128.store(q0, finish(flags, c03), 48);
    v128.store(q1, finish(flags, c10));
    v128.store(q1, finish(flags, c11), 16);
    v128.store(q1, finish(flags, c12), 32);
    v128.store(q1, finish(flags, c13), 48);
  }
  for (; j + 4 <= m; j += 4) {
    let c0 = start(flags, bias, o0, j);
    let c1 = start(flags, bias, o1, j);
    let pa0 = a0;
    let pa1 = a1;
    let pb = b + ((j as usize) << 2);
    for (let q = 0; q < k; q++) {
      const w = v128.load(pb);
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(pa0)), w));
      c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(pa1)), w));
      pa0 += step;
      pa1 += step;
      pb += rowB;
    }
    v128.store(o0 + ((j as usize) << 2), finish(flags, c0));
    v128.store(o1 + ((j as usize) << 2), finish(flags, c1));
  }
  for (; j < m; j++) {
    let c0 = startScalar(flags, bias, o0, j);
    let c1 = startScalar(flags, bias, o1, j);
    let pa0 = a0;
    let pa1 = a1;
    let pb = b + ((j as usize) << 2);
    for (let q = 0; q < k; q++) {
      const w = load<f32>(pb);
      c0 += load<f32>(pa0) * w;
      c1 += load<f32>(pa1) * w;
      pa0 += step;
      pa1 += step;
      pb += rowB;
    }
    store<f32>(o0 + ((j as usize) << 2), finishScalar(flags, c0));
    store<f32>(o1 + ((j as usize) << 2), finishScalar(flags, c1));
  }
}

function rowSingle(o: usize, a: usize, cs: i32, b: usize, m: i32, k: i32, bias: usize, flags: i32): void {
  const step = (cs << 2) as usize;
  const rowB = (m << 2) as usize;
  let j = 0;
  for (; j + 4 <= m; j += 4) {
    let c = start(flags, bias, o, j);
    let pa = a;
    let pb = b + ((j as usize) << 2);
    for (let q = 0; q < k; q++) {
      c = f32x4.add(c, f32x4.mul(f32x4.splat(load<f32>(pa)), v128.load(pb)));
      pa += step;
      pb += rowB;
    }
    v128.store(o + ((j as usize) << 2), finish(flags, c));
  }
  for (; j < m; j++) {
    let c = startScalar(flags, bias, o, j);
    let pa = a;
    let pb = b + ((j as usize) << 2);
    for (let q = 0; q < k; q++) {
      c += load<f32>(pa) * load<f32>(pb);
      pa += step;
      pb += rowB;
    }
    store<f32>(o + ((j as usize) << 2), finishScalar(flags, c));
  }
}

/** out[j·r + i] = a[i·c + j]: a [r, c] transposed into [c, r]. */
export function transpose(out: usize, a: usize, r: i32, c: i32): void {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      store<f32>(out + (((j * r + i) as usize) << 2), load<f32>(a + (((i * c + j) as usize) << 2)));
    }
  }
}

/** dy[i] ← 0 where y[i] is not > 0 (ReLU's gradient from its outputs; tfjs's step(x) is 0 at 0). */
export function reluBackward(dy: usize, y: usize, count: i32): void {
  let i = 0;
  const zero = f32x4.splat(0);
  for (; i + 4 <= count; i += 4) {
    const at = (i as usize) << 2;
    v128.store(dy + at, v128.and(v128.load(dy + at), f32x4.gt(v128.load(y + at), zero)));
  }
  for (; i < count; i++) {
    const at = (i as usize) << 2;
    if (!(load<f32>(y + at) > 0)) store<f32>(dy + at, 0);
  }
}

/** out[j] = Σ_r a[r·m + j]: the bias gradient, column sums of dZ [rows, m]. */
export function columnSums(out: usize, a: usize, rows: i32, m: i32): void {
  let j = 0;
  const rowBytes = (m << 2) as usize;
  for (; j + 4 <= m; j += 4) {
    let s = f32x4.splat(0);
    let p = a + ((j as usize) << 2);
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(p));
      p += rowBytes;
    }
    v128.store(out + ((j as usize) << 2), s);
  }
  for (; j < m; j++) {
    let s: f32 = 0;
    let p = a + ((j as usize) << 2);
    for (let r = 0; r < rows; r++) {
      s += load<f32>(p);
      p += rowBytes;
    }
    store<f32>(out + ((j as usize) << 2), s);
  }
}

/**
 * One Adam step over `count` parameters, each operation rounded to float32 in the order optimizers.ts (and
 * tfjs) uses, so the result is the JS loop's bit for bit: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * p ← p − lr·m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
 */
export function adam(
  params: usize,
  grads: usize,
  m: usize,
  v: usize,
  count: i32,
  b1: f32,
  b2: f32,
  c1: f32,
  c2: f32,
  eps: f32,
  negLr: f32,
  oneMinusAcc1: f32,
  oneMinusAcc2: f32,
): void {
  let i = 0;
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const veps = f32x4.splat(eps);
  const vlr = f32x4.splat(negLr);
  const va1 = f32x4.splat(oneMinusAcc1);
  const va2 = f32x4.splat(oneMinusAcc2);
  for (; i + 4 <= count; i += 4) {
    const at = (i as usize) << 2;
    const g = v128.load(grads + at);
    const mi = f32x4.add(f32x4.mul(v128.load(m + at), vb1), f32x4.mul(g, vc1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + at), vb2), f32x4.mul(f32x4.mul(g, g), vc2));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const mHat = f32x4.div(mi, va1);
    const vHat = f32x4.div(vi, va2);
    const step = f32x4.mul(f32x4.div(mHat, f32x4.add(f32x4.sqrt(vHat), veps)), vlr);
    v128.store(params + at, f32x4.add(step, v128.load(params + at)));
  }
  for (; i < count; i++) {
    const at = (i as usize) << 2;
    const g = load<f32>(grads + at);
    const mi = load<f32>(m + at) * b1 + g * c1;
    const vi = load<f32>(v + at) * b2 + g * g * c2;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    const mHat = mi / oneMinusAcc1;
    const vHat = vi / oneMinusAcc2;
    store<f32>(params + at, (mHat / (sqrt<f32>(vHat) + eps)) * negLr + load<f32>(params + at));
  }
}

/** to ← from·a + to·b in float32 (the Polyak target update, τ and 1 − τ). */
export function polyak(to: usize, from: usize, count: i32, a: f32, b: f32): void {
  let i = 0;
  const va = f32x4.splat(a);
  const vb = f32x4.splat(b);
  for (; i + 4 <= count; i += 4) {
    const at = (i as usize) << 2;
    v128.store(to + at, f32x4.add(f32x4.mul(v128.load(from + at), va), f32x4.mul(v128.load(to + at), vb)));
  }
  for (; i < count; i++) {
    const at = (i as usize) << 2;
    store<f32>(to + at, load<f32>(from + at) * a + load<f32>(to + at) * b);
  }
}

/** Σ a[i]² summed in float64 in index order, as the JS loop sums it (float32 squares are exact in float64). */
export function sumSquares(a: usize, count: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < count; i++) {
    const x = load<f32>(a + ((i as usize) << 2)) as f64;
    s += x * x;
  }
  return s;
}

/** a ← a·s in float32 (gradient clipping). */
export function scale(a: usize, count: i32, s: f32): void {
  let i = 0;
  const vs = f32x4.splat(s);
  for (; i + 4 <= count; i += 4) {
    const at = (i as usize) << 2;
    v128.store(a + at, f32x4.mul(v128.load(a + at), vs));
  }
  for (; i < count; i++) {
    const at = (i as usize) << 2;
    store<f32>(a + at, load<f32>(a + at) * s);
  }
}
