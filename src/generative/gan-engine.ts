/** Builds a 2-D GAN on the engine the backend choice picked: tfjs ops (gan.ts) or typed arrays (js-gan.ts). */
import type { Distribution2d } from './distributions';
import { Gan2d } from './gan';
import type { GanConfig } from './gan-config';
import type { Gan2dEngineName, Gan2dOptions, Gan2dTrainer } from './gan-types';
import { JsGan2d } from './js-gan';

/** Either engine starts from the same seeded weights and random streams: a seed names one run on both. */
export function createGan2d(
  config: GanConfig,
  distribution: Distribution2d,
  engine: Gan2dEngineName,
  options: Gan2dOptions = {},
): Gan2dTrainer {
  return engine === 'js'
    ? new JsGan2d(config, distribution, options)
    : new Gan2d(config, distribution, options);
}
