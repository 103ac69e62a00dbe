/**
 * The home preview's trained CartPole policy: the data module (made by scripts/train-home-policy.mjs) loads
 * only when the preview starts, and its base64url weights become the NamedWeights JsQPolicy reads.
 */
import { decodeBase64Url } from '../../storage/binary';
import type { NamedWeight } from '../../agents/weights';
import type { Activation } from '../../agents/dqn-config';

export interface HomePolicy {
  weights: NamedWeight[];
  activation: Activation;
  /** Its greedy mean return over 100 evaluation episodes, measured when it was trained. */
  evaluationMean: number;
}

interface EncodedLayer {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: string;
}

export function decodeWeights(layers: readonly EncodedLayer[]): NamedWeight[] {
  return layers.map(({ name, shape, data }) => {
    const bytes = decodeBase64Url(data);
    if (typeof bytes === 'string') throw new Error(`Weight ${name}: ${bytes}`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (bytes.byteLength !== size * 4)
      throw new Error(
        `Weight ${name}: expected ${size * 4} bytes for shape [${shape}], got ${bytes.byteLength}`,
      );
    // Copied into a fresh, aligned buffer (little-endian float32, as written by the script).
    const values = new Float32Array(size);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(i * 4, true);
    return { name, shape: [...shape], data: values };
  });
}

export async function loadHomePolicy(): Promise<HomePolicy> {
  const { HOME_POLICY } = await import('./cartpole-policy-data');
  return {
    weights: decodeWeights(HOME_POLICY.layers),
    activation: HOME_POLICY.activation,
    evaluationMean: HOME_POLICY.evaluationMean,
  };
}
