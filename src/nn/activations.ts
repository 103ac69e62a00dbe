/**
 * The activations the Q-networks and MLPs use, applied in place to a layer's outputs, and their derivatives
 * written in terms of the outputs only (so backward needs no pre-activation buffer). Each matches the tfjs op
 * a Layers `activation` string maps to.
 */
import type { Activation } from '../agents/dqn-config';
import { exp, expm1, tanh } from '../util/portable-math';

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/** y ← f(y) over `count` values. */
export function activateInPlace(activation: Activation, y: Float32Array, count: number): void {
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < count; i++) if (y[i]! < 0) y[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) y[i] = tanh(y[i]!);
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) y[i] = 1 / (1 + exp(-y[i]!));
      return;
    case 'elu':
      for (let i = 0; i < count; i++) if (y[i]! <= 0) y[i] = expm1(y[i]!);
      return;
    case 'selu':
      for (let i = 0; i < count; i++) {
        const x = y[i]!;
        y[i] = SELU_SCALE * (x > 0 ? x : SELU_ALPHA * expm1(x));
      }
      return;
  }
}

/** dy ← dy · f'(x), with f' expressed through y = f(x). */
export function activationBackwardInPlace(
  activation: Activation,
  y: Float32Array,
  dy: Float32Array,
  count: number,
): void {
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      // tfjs's relu gradient is step(x): 0 at x = 0, and y > 0 exactly when x > 0.
      for (let i = 0; i < count; i++) if (!(y[i]! > 0)) dy[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) dy[i] = dy[i]! * (1 - y[i]! * y[i]!);
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) dy[i] = dy[i]! * y[i]! * (1 - y[i]!);
      return;
    case 'elu':
      // For x ≤ 0, y = eˣ − 1 so f'(x) = eˣ = y + 1.
      for (let i = 0; i < count; i++) if (y[i]! <= 0) dy[i] = dy[i]! * (y[i]! + 1);
      return;
    case 'selu':
      // For x ≤ 0, y = s·α·(eˣ − 1) so f'(x) = s·α·eˣ = y + s·α.
      for (let i = 0; i < count; i++) {
        dy[i] = dy[i]! * (y[i]! > 0 ? SELU_SCALE : y[i]! + SELU_SCALE * SELU_ALPHA);
      }
      return;
  }
}
