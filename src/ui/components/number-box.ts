import { html, nothing, type TemplateResult } from 'lit';

/**
 * The number typed in a box, or what was expected: `what` names the box ("Input x₁"), `range` bounds it.
 * An empty box is not 0; it is an error, like any text that is not a finite number.
 */
export function readNumber(
  text: string,
  what: string,
  range?: readonly [low: number, high: number],
): { value: number } | { error: string } {
  const value = Number(text);
  const inRange = range ? value >= range[0] && value <= range[1] : Number.isFinite(value);
  if (text.trim() !== '' && inRange) return { value };
  const expected = range ? `a number in [${range[0]}, ${range[1]}]` : 'a number';
  return { error: `${what} must be ${expected}, got “${text}”.` };
}

/** A labelled number box (class `field` in the panel's stylesheet) that hands its text to `onText`. */
export function numberBox(
  label: string,
  value: number,
  onText: (text: string) => void,
  { control, step = 0.1 }: { control?: string; step?: number } = {},
): TemplateResult {
  return html`<label class="field"
    >${label}
    <input
      type="number"
      step=${step}
      .value=${String(value)}
      data-control=${control ?? nothing}
      @change=${(event: Event) => onText((event.target as HTMLInputElement).value)}
  /></label>`;
}
