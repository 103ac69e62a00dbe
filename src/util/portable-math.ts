/**
 * Math functions that return the same bits in every JavaScript engine, for everything that decides the
 * numbers of a training run (simulations, random draws, activations, priorities, discounts).
 *
 * Why: ECMAScript fixes only the basic operations (+ − × ÷, Math.sqrt, Math.fround) to IEEE-754's correctly
 * rounded results; Math.sin, cos, exp, log, tanh, expm1 and ** / Math.pow are "implementation-approximated".
 * Node 20 (V8 11.3) and Chromium 156 differ on all of them for some inputs (by up to 3 ulp), so a seeded run
 * drifted apart after ~10k CartPole steps and a recipe link did not replay in another browser. These versions
 * follow fdlibm's published algorithms using basic operations and bit reinterpretation only (see the files).
 */
export { sin, cos } from './portable-trig';
export { exp, expm1, log, tanh } from './portable-exp';
export { pow } from './portable-pow';
