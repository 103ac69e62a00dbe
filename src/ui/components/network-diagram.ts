import { LitElement, css, html, svg, nothing, type TemplateResult, type SVGTemplateResult } from 'lit';
import { chartHostStyles, fullWidthSvgStyles } from './chart-styles';
import { customElement, property, state } from 'lit/decorators.js';

/** A neuron to emphasise: `layer` counts from 0 (the inputs). */
export interface NodeRef {
  layer: number;
  index: number;
}

/**
 * A fully connected network drawn as layers of neurons (SVG). Each edge's thickness grows with |w| and its
 * colour gives the sign (series-1 positive, series-2 negative); each neuron can carry up to two short lines
 * of text (e.g. its z and a). The highlighted neuron and its incoming edges stand out; neurons not yet
 * computed can be dimmed.
 */
@customElement('pg-network-diagram')
export class NetworkDiagram extends LitElement {
  static override styles = [
    chartHostStyles,
    fullWidthSvgStyles,
    css`
      .edge {
        fill: none;
        transition: opacity 0.2s;
      }
      .node circle {
        fill: var(--pg-surface-2);
        stroke: var(--pg-border);
        stroke-width: 2;
      }
      .node.done circle {
        fill: color-mix(in srgb, var(--pg-accent) 16%, var(--pg-surface));
        stroke: var(--pg-accent);
      }
      .node.current circle {
        fill: color-mix(in srgb, var(--pg-series-4) 35%, var(--pg-surface));
        stroke: var(--pg-series-4);
        stroke-width: 4;
      }
      .node.dim {
        opacity: 0.45;
      }
      text {
        fill: var(--pg-text);
        font-family: var(--pg-mono);
        font-size: 12.5px;
        text-anchor: middle;
        dominant-baseline: central;
      }
      text.caption {
        fill: var(--pg-muted);
        font-family: var(--pg-font);
        font-size: 13px;
      }
    `,
  ];

  /** Layer widths, inputs first. */
  @property({ attribute: false }) sizes: readonly number[] = [];
  /** weights[l][j][i]: from neuron i of layer l to neuron j of layer l + 1. */
  @property({ attribute: false }) weights: readonly (readonly (readonly number[])[])[] = [];
  /** labels[l][j]: up to two lines of text on a neuron. */
  @property({ attribute: false }) labels: readonly (readonly (readonly string[])[])[] = [];
  /** Captions under each layer, e.g. "input", "hidden (tanh)", "output". */
  @property({ attribute: false }) captions: readonly string[] = [];
  @property({ attribute: false }) highlight: NodeRef | null = null;
  /** Neurons whose value is known (drawn filled); others are dimmed when `dimPending` is set. */
  @property({ attribute: false }) done: (node: NodeRef) => boolean = () => true;
  @property({ type: Boolean }) dimPending = false;
  /** Accessible summary of what the diagram shows. */
  @property() label = 'Network diagram';

  /** On a narrow screen the drawing gets a narrower, taller box, so the text on the neurons stays readable. */
  @state() private _narrow = false;
  private _resize: ResizeObserver | null = null;

  private get _box(): { W: number; H: number; R: number } {
    return this._narrow ? { W: 330, H: 400, R: 31 } : { W: 560, H: 330, R: 34 };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize = new ResizeObserver(() => {
      const narrow = this.clientWidth > 0 && this.clientWidth < 480;
      if (narrow !== this._narrow) this._narrow = narrow;
    });
    this._resize.observe(this);
  }

  override disconnectedCallback(): void {
    this._resize?.disconnect();
    super.disconnectedCallback();
  }

  private _position(layer: number, index: number): [number, number] {
    const { W, H, R } = this._box;
    const layers = this.sizes.length;
    const x = R + 6 + ((W - 2 * R - 12) * layer) / Math.max(1, layers - 1);
    const n = this.sizes[layer] ?? 1;
    const gap = (H - 60) / Math.max(n, 1);
    return [x, 20 + gap * (index + 0.5)];
  }

  override render(): TemplateResult {
    const { W, H, R } = this._box;
    const maxWeight = Math.max(1e-9, ...this.weights.flat(2).map(Math.abs));
    const edges: SVGTemplateResult[] = [];
    this.weights.forEach((layer, l) =>
      layer.forEach((row, j) =>
        row.forEach((w, i) => {
          const [x1, y1] = this._position(l, i);
          const [x2, y2] = this._position(l + 1, j);
          const into = this.highlight && this.highlight.layer === l + 1 && this.highlight.index === j;
          const width = 0.6 + 6 * (Math.abs(w) / maxWeight);
          const colour = w >= 0 ? 'var(--pg-series-1)' : 'var(--pg-series-2)';
          const opacity = this.highlight ? (into ? 1 : 0.22) : 0.7;
          edges.push(
            svg`<line class="edge" x1=${x1 + R} y1=${y1} x2=${x2 - R} y2=${y2} stroke=${colour}
              stroke-width=${width} opacity=${opacity}><title>w = ${w.toFixed(3)}</title></line>`,
          );
        }),
      ),
    );
    const nodes: SVGTemplateResult[] = [];
    this.sizes.forEach((n, l) => {
      for (let j = 0; j < n; j++) {
        const [x, y] = this._position(l, j);
        const ref = { layer: l, index: j };
        const current = this.highlight?.layer === l && this.highlight.index === j;
        const done = this.done(ref);
        const lines = this.labels[l]?.[j] ?? [];
        const cls = `node ${current ? 'current' : done ? 'done' : ''} ${this.dimPending && !done && !current ? 'dim' : ''}`;
        nodes.push(svg`<g class=${cls} data-node="${l}-${j}">
          <circle cx=${x} cy=${y} r=${R}></circle>
          ${lines.map((line, k) => svg`<text x=${x} y=${y + (k - (lines.length - 1) / 2) * 15}>${line}</text>`)}
        </g>`);
      }
    });
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.label}>
      ${edges} ${nodes}
      ${
        this.captions.length
          ? this.captions.map((caption, l) => {
              const [x] = this._position(l, 0);
              // The outer captions hug the edges so that long ones stay inside the box.
              const last = l === this.captions.length - 1;
              const anchor = l === 0 ? 'start' : last ? 'end' : 'middle';
              const at = l === 0 ? x - R : last ? x + R : x;
              return svg`<text class="caption" x=${at} y=${H - 14} style="text-anchor: ${anchor}">${caption}</text>`;
            })
          : nothing
      }
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-network-diagram': NetworkDiagram;
  }
}
