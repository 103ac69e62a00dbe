/** Which pixels made the classifier say that: the vanilla gradient and integrated gradients of p(target). */
import * as tf from '@tensorflow/tfjs';
import { integratedGradients, vanillaGradient, type ScalarFn } from '../../../learn/attribution';
import { CLASS_COUNT, IMAGE_PIXELS, predictProbabilities, type Cnn } from '../../../learn/classifier';
import type { Digit, SaliencyRequest, SaliencyResult } from '../../protocol/learn';

/** Softmax probability of class `target`, per row: the F that saliency and integrated gradients explain. */
function probabilityOf(net: Cnn, target: number): ScalarFn {
  return (x) => tf.squeeze(tf.slice(tf.softmax(net.logits(x)), [0, target], [-1, 1]), [1]) as tf.Tensor1D;
}

export async function saliencyOf(net: Cnn, digit: Digit, request: SaliencyRequest): Promise<SaliencyResult> {
  if (!Number.isInteger(request.target) || request.target < 0 || request.target >= CLASS_COUNT)
    throw new Error(`Expected a class 0–9, got ${request.target}`);
  if (!Number.isInteger(request.steps) || request.steps < 1 || request.steps > 1000)
    throw new Error(`Expected 1–1000 integrated-gradients steps, got ${request.steps}`);
  const f = probabilityOf(net, request.target);
  const gradient = await vanillaGradient(f, digit.pixels);
  const ig = await integratedGradients(f, digit.pixels, new Float32Array(IMAGE_PIXELS), request.steps, 50);
  return {
    digit,
    probabilities: await predictProbabilities(net, digit.pixels, 1),
    gradient,
    integrated: ig.attributions,
    output: ig.output,
    baselineOutput: ig.baselineOutput,
    sum: ig.sum,
  };
}
