/**
 * What each GAN setting does, in a sentence, for the 2-D GAN lab and the digit GAN (GAN Lab explains every
 * control; so do we). Shown under each control and as its tooltip; the control names the text with
 * aria-describedby, so a screen reader reads it too.
 */
import { css, html, type TemplateResult } from 'lit';

export const GAN_HELP = {
  target: 'The real data: the 2-D distribution whose points G must learn to imitate.',
  speed: 'How fast training runs. Slow it down to follow each step; it does not change what is learned.',
  hiddenLayers: 'How many hidden layers the network has. More can bend space more, but train less stably.',
  hiddenUnits: 'Neurons in each hidden layer (the width). Wider networks can fit finer shapes.',
  activation: 'The non-linearity after each hidden layer. Without one, the network could only draw lines.',
  loss:
    'The game G and D play. Non-saturating gives G strong gradients early; least squares and Wasserstein + GP ' +
    'score instead of classify, which often trains more smoothly.',
  discriminatorSteps: 'How many D updates come before each G update (k). WGAN-GP uses 5 to keep D ahead.',
  batchSize: 'Real and generated points per update. Larger batches give smoother but slower steps.',
  r1: 'R1 penalty γ: punishes steep D gradients at real points, which damps oscillation. 0 turns it off.',
  noiseDim: 'Size of the random input z that G turns into a point. Two is enough for a 2-D target.',
  noise: 'Where z is drawn from: uniform in [−1, 1] or a standard Gaussian.',
  seed: 'Fixes the random start (weights, noise, batches): the same seed and settings repeat the run.',
  optimizer:
    'How gradients move the weights: SGD steps along them; Adam and RMSprop scale each weight’s step.',
  learningRate:
    'Size of each update. Too high and the game oscillates or diverges; too low and it barely moves.',
  architecture:
    'MLP: fully connected layers, fast anywhere. Small DCGAN: convolutions, sharper but slow on CPU.',
  conditioning:
    'Whether G and D are told which digit to make: none, a one-hot label, or a learned label embedding.',
  digitLearningRate: 'Adam’s step size for both G and D. 2·10⁻⁴ is the DCGAN paper’s choice.',
} as const;

export type GanHelpKey = keyof typeof GAN_HELP;

/** The visible one-line explanation under a control; `id` is what the control's aria-describedby names. */
export function helpText(id: string, key: GanHelpKey): TemplateResult {
  return html`<small class="help" id=${id}>${GAN_HELP[key]}</small>`;
}

/** A control with its help under it (.help-field), and the help: small, muted, wrapping within its field. */
export const helpStyles = css`
  .help-field {
    display: grid;
    gap: 3px;
    align-content: start;
  }
  .help {
    display: block;
    font-size: 0.72rem;
    line-height: 1.3;
    color: var(--pg-muted);
    font-weight: 400;
    max-width: 34ch;
  }
`;
