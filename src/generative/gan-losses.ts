/**
 * The four GAN games as functions of D's raw outputs (logits, or critic scores for wasserstein-gp). Written with
 * softplus, log σ(l) = −softplus(−l) and log(1 − σ(l)) = −softplus(l), so large logits never give log(0).
 */
import * as tf from '@tensorflow/tfjs';
import type { GanLoss } from './gan-config';

/** D's loss on a batch; `realOut` and `fakeOut` are [n, 1]. The gradient penalty is added by the trainer. */
export function discriminatorLoss(loss: GanLoss, realOut: tf.Tensor, fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (loss) {
      case 'minimax':
      case 'non-saturating':
        // −log D(x) − log(1 − D(G(z)))
        return tf.add(tf.mean(tf.softplus(tf.neg(realOut))), tf.mean(tf.softplus(fakeOut)));
      case 'least-squares':
        // ½(D(x) − 1)² + ½D(G(z))²
        return tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(realOut, 1))), tf.mean(tf.square(fakeOut))));
      case 'wasserstein-gp':
        // The critic maximises E[D(x)] − E[D(G(z))].
        return tf.sub(tf.mean(fakeOut), tf.mean(realOut));
    }
  });
}

/**
 * D's loss for many batches at once: `realOut` and `fakeOut` are [batches, n], one batch per row; returns
 * [batches], each entry equal to discriminatorLoss on that row (the trainer's statistics use it per chunk).
 */
export function discriminatorLossRows(
  loss: GanLoss,
  realOut: tf.Tensor2D,
  fakeOut: tf.Tensor2D,
): tf.Tensor1D {
  return tf.tidy((): tf.Tensor1D => {
    switch (loss) {
      case 'minimax':
      case 'non-saturating':
        return tf.add(tf.mean(tf.softplus(tf.neg(realOut)), 1), tf.mean(tf.softplus(fakeOut), 1));
      case 'least-squares':
        return tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(realOut, 1)), 1), tf.mean(tf.square(fakeOut), 1)));
      case 'wasserstein-gp':
        return tf.sub(tf.mean(fakeOut, 1), tf.mean(realOut, 1));
    }
  });
}

/** G's batch loss for many batches at once (`fakeOut` [batches, n] → [batches]), as generatorLoss per row. */
export function generatorLossRows(loss: GanLoss, fakeOut: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mean(tf.reshape(generatorLossPerSample(loss, fakeOut), fakeOut.shape), 1));
}

/**
 * G's loss per generated sample ([n]); the batch loss is its mean. Per-sample values let the trainer take each
 * sample's own gradient for the arrow view.
 */
export function generatorLossPerSample(loss: GanLoss, fakeOut: tf.Tensor): tf.Tensor1D {
  return tf.tidy((): tf.Tensor1D => {
    const out = tf.reshape<tf.Rank.R1>(fakeOut, [-1]);
    switch (loss) {
      case 'minimax':
        // log(1 − D(G(z))): flat where D confidently rejects the sample.
        return tf.neg(tf.softplus(out));
      case 'non-saturating':
        // −log D(G(z))
        return tf.softplus(tf.neg(out));
      case 'least-squares':
        // ½(D(G(z)) − 1)²
        return tf.mul(0.5, tf.square(tf.sub(out, 1)));
      case 'wasserstein-gp':
        return tf.neg(out);
    }
  });
}

export function generatorLoss(loss: GanLoss, fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(generatorLossPerSample(loss, fakeOut)));
}

/**
 * ∂L_D/∂out for D's output on a combined batch (`targets` 1 for real rows, 0 for generated rows, n of each).
 * The logit losses are binary cross-entropy, whose gradient is (σ(l) − t)/n; least squares gives (l − t)/n;
 * the critic's E[D(fake)] − E[D(real)] gives (1 − 2t)/n.
 */
export function discriminatorLossGradient(
  loss: GanLoss,
  out: tf.Tensor2D,
  targets: tf.Tensor2D,
  n: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    switch (loss) {
      case 'minimax':
      case 'non-saturating':
        return tf.mul(tf.sub(tf.sigmoid(out), targets), 1 / n);
      case 'least-squares':
        return tf.mul(tf.sub(out, targets), 1 / n);
      case 'wasserstein-gp':
        return tf.mul(tf.sub(1, tf.mul(targets, 2)), 1 / n);
    }
  });
}

/** ∂ℓᵢ/∂outᵢ for each generated sample ([n, 1]): the derivative of generatorLossPerSample. */
export function generatorLossGradient(loss: GanLoss, fakeOut: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    switch (loss) {
      case 'minimax':
        return tf.neg(tf.sigmoid(fakeOut));
      case 'non-saturating':
        return tf.neg(tf.sigmoid(tf.neg(fakeOut)));
      case 'least-squares':
        return tf.sub(fakeOut, 1);
      case 'wasserstein-gp':
        return tf.fill(fakeOut.shape, -1);
    }
  });
}

export { outputIsLogit } from './gan-config';

/**
 * A penalty P(g) on D's input gradients g (one row per sample): weight·∂P/∂g for Mlp's pullback, and P itself
 * computed on demand (only the statistics need it; call it inside the same tidy scope).
 */
export interface GradientPenalty {
  value: () => tf.Scalar;
  dGradient: tf.Tensor2D;
}

export type PenaltyRule = (gradient: tf.Tensor2D, weight: number) => GradientPenalty;

/** x̂ = εx + (1 − ε)G(z), one ε ~ U[0, 1] per row (`epsilon` is [n, 1]): where WGAN-GP evaluates its penalty. */
export function interpolates(real: tf.Tensor2D, fake: tf.Tensor2D, epsilon: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add<tf.Tensor2D>(fake, tf.mul(epsilon, tf.sub(real, fake))));
}

/**
 * WGAN-GP's two-sided penalty mean((‖gᵢ‖ − 1)²) (Gulrajani et al. 2017), pushing the critic towards
 * 1-Lipschitz; ∂P/∂gᵢ = 2(‖gᵢ‖ − 1)·gᵢ/‖gᵢ‖ / n. A tiny constant keeps the norm differentiable at 0.
 */
export const unitGradientPenalty: PenaltyRule = (gradient, weight) => {
  const n = gradient.shape[0];
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(gradient), 1, true), 1e-12));
  const excess = tf.sub(norm, 1);
  return {
    value: () => tf.mean<tf.Scalar>(tf.square(excess)),
    dGradient: tf.mul<tf.Tensor2D>(gradient, tf.mul(tf.div(excess, norm), (2 * weight) / n)),
  };
};

/**
 * R1's zero-centred penalty ½·mean ‖gᵢ‖² on real data (Mescheder et al. 2018): it keeps D from growing steep
 * around the data, which damps the back-and-forth that makes G drop and revisit modes; ∂P/∂gᵢ = gᵢ / n.
 */
export const zeroGradientPenalty: PenaltyRule = (gradient, weight) => ({
  value: () => tf.mul<tf.Scalar>(tf.mean(tf.sum(tf.square(gradient), 1)), 0.5),
  dGradient: tf.mul<tf.Tensor2D>(gradient, weight / gradient.shape[0]),
});
