/**
 * Observation scaling: the Q-network reads feature i of every observation multiplied by a fixed factor s_i, so
 * that features of very different ranges (CartPole's pole angle spans ±0.21 rad, its cart position ±2.4 m)
 * reach the first layer at similar sizes and are learned at similar speeds.
 *
 * The factors are powers of two. Multiplying a float32 by one is exact, so the scaled network equals, bit for
 * bit, a plain network whose first kernel has row i multiplied by s_i ("folded"). Every weight that leaves an
 * agent is that folded plain network: watching, evaluation, share links, Layers exports and attribution run it
 * on raw observations and never need to know about the scale. Weights that enter an agent are unfolded again.
 */
import type { NamedWeight } from '../storage/checkpoint';

/** The layers that read the observation itself: the first hidden layer, or the head when there is none. */
export function inputLayerNames(network: { hiddenSizes: readonly number[]; dueling: boolean }): string[] {
  if (network.hiddenSizes.length > 0) return ['hidden_0'];
  return network.dueling ? ['value', 'advantage'] : ['q_values'];
}

/**
 * The weights with every input kernel's row i multiplied by `factors[i]` (fold), or by 1 / factors[i]
 * (unfold), under any prefix (`online/`, `target/`, `best/`). Other weights are passed through unchanged.
 */
export function scaleInputKernels(
  weights: readonly NamedWeight[],
  factors: ArrayLike<number>,
  layers: readonly string[],
  direction: 'fold' | 'unfold',
): NamedWeight[] {
  const suffixes = layers.map((layer) => `/${layer}/kernel`);
  return weights.map((w) => {
    if (!suffixes.some((suffix) => w.name.endsWith(suffix))) return w;
    const [inputs, units] = w.shape as [number, number];
    if (w.shape.length !== 2 || inputs !== factors.length) {
      throw new Error(`Expected ${w.name} of shape [${factors.length}, units], got [${w.shape}]`);
    }
    const data = new Float32Array(w.data.length);
    for (let i = 0; i < inputs; i++) {
      const factor = direction === 'fold' ? factors[i]! : 1 / factors[i]!;
      for (let j = 0; j < units; j++) data[i * units + j] = w.data[i * units + j]! * factor;
    }
    return { name: w.name, shape: w.shape.slice(), data };
  });
}
