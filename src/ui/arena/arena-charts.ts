/**
 * The arena's learning curves: every run's episode returns (with their 100-episode mean and the worker's greedy
 * evaluations), TD loss, Q, ε, learning rate and speed.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { lineChart, type LineChartOptions } from '../components/line-chart';
import type { LineSeries } from '../components/line-chart';
import { seriesStyle } from '../components/series-style';
import { cardStyles } from '../components/card-styles';
import type { ArenaRun } from './arena-run';
import type { RunSeries } from './arena-run-state';

/** Each run keeps one dash (by its id, like its colour), so runs differ without colour too. */
function runDash(run: ArenaRun): number[] {
  return seriesStyle(run.id - 1).dash;
}

/** The per-step charts share their x axis: the env step the metrics were taken at. */
const PER_STEP: LineChartOptions = { xLabel: 'env step' };

@customElement('pg-arena-charts')
export class ArenaCharts extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr));
        gap: 14px;
        margin-top: 12px;
      }
    `,
  ];

  @property({ attribute: false }) runs: readonly ArenaRun[] = [];
  @property({ attribute: false }) version = 0;
  /** The game's solve threshold, drawn as a dashed line. */
  @property({ attribute: false }) threshold: number | null = null;

  private _returns(): LineSeries[] {
    const { runs, threshold } = this;
    const returns: LineSeries[] = runs.flatMap((run) => {
      const s = run.state.series;
      return [
        {
          label: `${run.label} return`,
          x: s.episode,
          values: s.returns,
          color: run.color,
          width: 1,
          dash: [],
        },
        {
          label: `${run.label} mean(100)`,
          x: s.episode,
          values: s.mean100,
          color: run.color,
          width: 3,
          dash: runDash(run),
        },
        // The worker's greedy evaluations, at the episode count when each was played.
        {
          label: `${run.label} greedy mean`,
          x: s.evalEpisode,
          values: s.evalMean,
          color: run.color,
          dash: [2, 3],
          width: 2,
          points: true,
        },
      ];
    });
    const lastEpisode = Math.max(1, ...runs.map((r) => r.state.series.episode.at(-1) ?? 0));
    if (threshold !== null && runs.some((r) => r.state.series.episode.length > 0)) {
      returns.push({
        label: 'solved',
        x: [1, lastEpisode],
        values: [threshold, threshold],
        color: '--pg-muted',
        dash: [6, 4],
        width: 1,
      });
    }
    return returns;
  }

  private _perStep(key: keyof RunSeries): LineSeries[] {
    return this.runs.map((run) => ({
      label: run.label,
      x: run.state.series.step,
      values: run.state.series[key],
      color: run.color,
      dash: runDash(run),
    }));
  }

  override render(): TemplateResult {
    return html`<section class="card" data-testid="charts">
      <h2>Learning</h2>
      ${lineChart('Episode return', 'return per episode', this._returns(), {
        xLabel: 'episode',
        height: 220,
        testId: 'return-chart',
      })}
      <div class="charts">
        ${lineChart('TD loss', 'loss (log scale)', this._perStep('loss'), { ...PER_STEP, logY: true })}
        ${lineChart('Mean max Q', 'expected return', this._perStep('meanMaxQ'), PER_STEP)}
        ${lineChart('Exploration ε', 'P(random action)', this._perStep('epsilon'), PER_STEP)}
        ${lineChart('Learning rate', 'rate (0 = paused)', this._perStep('learningRate'), PER_STEP)}
        ${lineChart('Env steps / s', 'env steps/s', this._perStep('stepsPerSec'), { ...PER_STEP, yRange: 'steady' })}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-charts': ArenaCharts;
  }
}
