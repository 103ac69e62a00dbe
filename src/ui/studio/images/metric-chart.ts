/** The charts of the Studio MNIST pages: metrics of a run's train or test history against the iteration. */
import { html, nothing, type TemplateResult } from 'lit';
import '../../components/line-chart';
import type { ImageHistory } from './image-history';

/** One line of a chart: its legend label, and the history and metric it plots. */
export type MetricLine = readonly [label: string, history: ImageHistory, metric: string];

/** A chart of `lines` against the iteration; `yLabel` names the quantity and its unit. */
export function metricChart(
  heading: string | null,
  yLabel: string,
  lines: readonly MetricLine[],
  testid: string | null = null,
): TemplateResult {
  return html`<pg-line-chart
    data-testid=${testid ?? nothing}
    heading=${heading ?? nothing}
    xLabel="iteration"
    yLabel=${yLabel}
    .series=${lines.map(([label, history, metric]) => ({ label, values: history.values(metric), x: history.x }))}
  ></pg-line-chart>`;
}
