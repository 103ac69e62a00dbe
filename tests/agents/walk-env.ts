/** A seeded random walk with a time limit for learner tests: rewards, terminations and truncations. */
import type { EnvLike } from '../../src/agents/dqn-learner';
import { Rng, type RngState } from '../../src/envs/rng';

export class WalkEnv implements EnvLike {
  private rng = new Rng(0);
  private position = 0;
  private t = 0;

  constructor(private readonly limit = 25) {}

  reset(options?: { seed?: number }): { observation: Float32Array } {
    if (options?.seed !== undefined) this.rng.reseed(options.seed);
    this.position = this.rng.nextInt(3) - 1;
    this.t = 0;
    return { observation: this.observe() };
  }

  step(action: number) {
    this.position += (action === 1 ? 1 : -1) + (this.rng.nextFloat() < 0.2 ? 1 : 0);
    this.t++;
    return {
      observation: this.observe(),
      reward: this.position >= 4 ? 1 : -0.05 * this.t,
      terminated: Math.abs(this.position) >= 4,
      truncated: this.t >= this.limit,
    };
  }

  getState(): { position: number; t: number; rng: RngState } {
    return { position: this.position, t: this.t, rng: this.rng.getState() };
  }

  setState(state: { position: number; t: number; rng: RngState }): void {
    this.position = state.position;
    this.t = state.t;
    this.rng.setState(state.rng);
  }

  private observe(): Float32Array {
    return Float32Array.of(this.position / 4, this.t / 25, this.rng.nextFloat() - 0.5, 1);
  }
}
