import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { GAN_HELP, helpText, type GanHelpKey } from './gan-settings-help';

/** What every GAN setting's control has: a label, its help (tooltip and the line under it) and an id. */
interface FieldSpec {
  /** The help line's element id is `help-<id>`; the control names it with aria-describedby. */
  id: string;
  help: GanHelpKey;
  label: string;
  testId?: string;
  disabled?: boolean;
}

export interface NumberFieldSpec extends FieldSpec {
  value: number;
  min?: number;
  max?: number;
  step: number | 'any';
  /** Gets NaN for an empty box, so the form's validator can say what is wrong. */
  onChange: (value: number) => void;
}

export interface SelectFieldSpec<T extends string | number> extends FieldSpec {
  value: T;
  options: readonly T[];
  optionLabel?: (option: T) => string;
  onChange: (value: T) => void;
}

function field(spec: FieldSpec, control: TemplateResult): TemplateResult {
  return html`<div class="help-field" title=${GAN_HELP[spec.help]}>
    <label>${spec.label} ${control}</label>${helpText(`help-${spec.id}`, spec.help)}
  </div>`;
}

/** A number box for one GAN setting, with its help. */
export function numberField(spec: NumberFieldSpec): TemplateResult {
  const parse = (event: Event): number => {
    const text = (event.target as HTMLInputElement).value.trim();
    return text === '' ? NaN : Number(text);
  };
  return field(
    spec,
    html`<input
      aria-describedby="help-${spec.id}"
      type="number"
      min=${ifDefined(spec.min)}
      max=${ifDefined(spec.max)}
      step=${spec.step}
      .value=${String(spec.value)}
      data-testid=${ifDefined(spec.testId)}
      ?disabled=${spec.disabled ?? false}
      @change=${(event: Event) => spec.onChange(parse(event))}
    />`,
  );
}

/** A drop-down for one GAN setting, with its help; the change hands back the option itself, typed. */
export function selectField<T extends string | number>(spec: SelectFieldSpec<T>): TemplateResult {
  const label = spec.optionLabel ?? String;
  return field(
    spec,
    html`<select
      aria-describedby="help-${spec.id}"
      data-testid=${ifDefined(spec.testId)}
      ?disabled=${spec.disabled ?? false}
      @change=${(event: Event) => {
        const option = spec.options[(event.target as HTMLSelectElement).selectedIndex];
        if (option !== undefined) spec.onChange(option);
      }}
    >
      ${spec.options.map((o) => html`<option value=${o} ?selected=${o === spec.value}>${label(o)}</option>`)}
    </select>`,
  );
}
