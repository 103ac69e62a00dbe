/**
 * Blocks every vision panel draws the same way: a 28×28 figure with its caption, the ten class
 * probabilities, the digit picker wired to the worker, the classifier's card, and the stack of cards under the
 * intro.
 */
import { html, nothing, type TemplateResult } from 'lit';
import '../../components/bar-chart';
import '../../components/heatmap';
import './classifier-card';
import './digit-picker';
import type { ClassifierSession } from './classifier-session';
import { probabilityBars } from './prob-bars';

export interface FigureOptions {
  /** 'grey' digits (the default), 'diverging' signed maps (blue −, red +). */
  palette?: 'grey' | 'diverging';
  rows?: number;
  cols?: number;
  /** The heatmap's accessible name (default: the caption). */
  label?: string;
}

/** One heatmap (a digit, a map, an attribution) with its caption under it. */
export function figure(values: Float32Array, caption: string, options: FigureOptions = {}): TemplateResult {
  const { palette = 'grey', rows = 28, cols = 28, label = caption } = options;
  return html`<figure>
    <pg-heatmap
      class="digit"
      .values=${values}
      rows=${rows}
      cols=${cols}
      palette=${palette === 'grey' ? nothing : palette}
      label=${label}
    ></pg-heatmap>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** The ten class probabilities as bars in percent, the predicted class highlighted. */
export function probabilityChart(
  probabilities: Float32Array,
  heading: string,
  options: { labelWidth?: string; testid?: string } = {},
): TemplateResult {
  return html`<pg-bar-chart
    data-testid=${options.testid ?? nothing}
    heading=${heading}
    unit="%"
    .log=${false}
    labelWidth=${options.labelWidth ?? '16px'}
    .bars=${probabilityBars(probabilities)}
  ></pg-bar-chart>`;
}

/** The test-digit picker; "show a 3" asks the worker for the next digit of that class. */
export function digitPicker(
  session: ClassifierSession,
  index: number,
  onChange: (index: number) => void,
): TemplateResult {
  return html`<pg-digit-picker
    .index=${index}
    .count=${session.view.testCount || 2000}
    .find=${(label: number, from: number) => session.api.visionFindDigit(label, from)}
    @change-digit=${(e: CustomEvent<number>) => onChange(e.detail)}
  ></pg-digit-picker>`;
}

export function errorLine(error: string | null): TemplateResult | typeof nothing {
  return error ? html`<p class="error" role="alert">${error}</p>` : nothing;
}

/** The shared classifier's card; `compact` hides its curves (panels that only use the trained model). */
export function classifierCard(session: ClassifierSession, purpose: string, compact = true): TemplateResult {
  return html`<pg-classifier-card
    .session=${session}
    .view=${session.view}
    purpose=${purpose}
    ?compact=${compact}
  ></pg-classifier-card>`;
}

/** What a result's place says until the result comes: `busy` while it is computed, or that there is no model. */
export function pendingNote(session: ClassifierSession, busy: string): TemplateResult {
  return html`<p class="muted">${session.hasModel ? busy : 'Train the classifier first.'}</p>`;
}

/** What a panel shows under its intro: its cards in a column, then its error. */
export function visionStack(blocks: readonly unknown[], error: string | null): TemplateResult {
  return html`<div class="stack">${blocks} ${errorLine(error)}</div>`;
}
