/**
 * Every type that crosses a worker boundary, one file per worker: the specs the pages send, the updates and
 * run info the workers stream back, and each worker's API. Type-only or plain data: no module here imports
 * tfjs or model code (tests/architecture/layers.test.ts checks it), so the page may import any of them.
 */
export type { SessionStatus } from '../core/session-status';
export * from './system';
export * from './rl';
export * from './studio';
export * from './images';
export * from './learn';
