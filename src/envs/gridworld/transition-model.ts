/**
 * FrozenLake's transition model, built as Gymnasium's `P[s][a]` is (a list of (probability, next state,
 * reward, terminated) per state and action), and the best success rate any policy can reach within the time
 * limit, by finite-horizon value iteration on that model. It says what a trained agent's success rate is
 * worth: on the slippery 4×4 map no policy reaches the goal more than about 74% of the time in 100 steps.
 */
import { move } from './sim';

export interface Transition {
  probability: number;
  next: number;
  reward: number;
  terminated: boolean;
}

/** P[state][action]: the outcomes of one step, as the simulation draws them (same order, same moves). */
export function frozenLakeTransitions(map: readonly string[], isSlippery: boolean): Transition[][][] {
  const rows = map.length;
  const cols = map[0]!.length;
  const tiles = map.join('');
  return Array.from(tiles, (tile, state) =>
    [0, 1, 2, 3].map((action): Transition[] => {
      // H and G absorb, as in Gymnasium (the episode has already ended there).
      if (tile === 'H' || tile === 'G') return [{ probability: 1, next: state, reward: 0, terminated: true }];
      const moves = isSlippery ? [(action + 3) % 4, action, (action + 1) % 4] : [action];
      return moves.map((moved) => {
        const [r, c] = move(Math.floor(state / cols), state % cols, moved, rows, cols);
        const next = r * cols + c;
        const reached = tiles[next]!;
        return {
          probability: 1 / moves.length,
          next,
          reward: reached === 'G' ? 1 : 0,
          terminated: reached === 'G' || reached === 'H',
        };
      });
    }),
  );
}

export interface FrozenLakeOptimum {
  /** Probability that the best policy reaches the goal from the start within `horizon` steps. */
  successRate: number;
  /** The best first action per state with the whole horizon left (ties go to the lowest action). */
  policy: number[];
}

/**
 * Finite-horizon value iteration: V_k(s) = max_a Σ p · (r + [not terminated] · V_{k−1}(s')), V_0 = 0. With
 * the only reward 1 at the goal, V_horizon(start) is the highest success rate within the time limit.
 */
export function frozenLakeOptimum(
  map: readonly string[],
  isSlippery: boolean,
  horizon: number,
): FrozenLakeOptimum {
  const P = frozenLakeTransitions(map, isSlippery);
  const start = map.join('').indexOf('S');
  let value = new Float64Array(P.length);
  let policy = new Array<number>(P.length).fill(0);
  for (let k = 0; k < horizon; k++) {
    const next = new Float64Array(P.length);
    policy = P.map((actions, state) => {
      let bestAction = 0;
      let best = -Infinity;
      actions.forEach((outcomes, action) => {
        const q = outcomes.reduce(
          (sum, t) => sum + t.probability * (t.reward + (t.terminated ? 0 : value[t.next]!)),
          0,
        );
        if (q > best + 1e-12) {
          best = q;
          bestAction = action;
        }
      });
      next[state] = best;
      return bestAction;
    });
    value = next;
  }
  return { successRate: value[start]!, policy };
}
