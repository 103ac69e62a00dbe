/** The model "auto" measures the backends on for a 2-D GAN (pure: the UI caches measurements by its key). */
import type { GanConfig } from '../../generative/gan-config';
import { mlpProfile } from '../backend-choice';
import type { ModelProfile } from '../protocol';

/** G and D chained, at twice the batch (a D step sees real and generated samples together). */
export function gan2dProfile(config: GanConfig): ModelProfile {
  const hidden = (n: GanConfig['generator']) => Array<number>(n.hiddenLayers).fill(n.hiddenUnits);
  return mlpProfile(
    [config.noiseDim, ...hidden(config.generator), 2, ...hidden(config.discriminator), 1],
    2 * config.batchSize,
  );
}
