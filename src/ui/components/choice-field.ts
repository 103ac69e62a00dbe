import { html, nothing, type TemplateResult } from 'lit';

export interface ChoiceFieldOptions<T> {
  /** `data-control`: the name the page's tests and code find the drop-down by. */
  control?: string;
  /** `data-testid`. */
  testid?: string;
  /** What the option shows (default: the option itself). */
  optionLabel?: (option: T) => string;
  /** The label's class in the page's stylesheet (default 'field'; null: none). */
  layout?: 'field' | 'inline' | 'select' | null;
  style?: string;
  disabled?: boolean;
}

/**
 * A labelled drop-down, the counterpart of `sliderField`: the change hands back the option itself, typed
 * (found by its index, so no value string is parsed back).
 */
export function choiceField<T extends string | number>(
  label: string,
  options: readonly T[],
  value: T,
  onPick: (option: T) => void,
  {
    control,
    testid,
    optionLabel = String,
    layout = 'field',
    style,
    disabled = false,
  }: ChoiceFieldOptions<T> = {},
): TemplateResult {
  const pick = (event: Event): void => {
    const option = options[(event.target as HTMLSelectElement).selectedIndex];
    if (option !== undefined) onPick(option);
  };
  return html`<label class=${layout ?? nothing} style=${style ?? nothing}
    >${label}
    <select
      data-control=${control ?? nothing}
      data-testid=${testid ?? nothing}
      ?disabled=${disabled}
      @change=${pick}
    >
      ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${optionLabel(o)}</option>`)}
    </select>
  </label>`;
}
