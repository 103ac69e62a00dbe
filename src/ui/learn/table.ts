import { html, type TemplateResult } from 'lit';

/** A Learn panel's table: a header row, then `rows`, in a wrapper that scrolls sideways on a phone. */
export function dataTable(headers: readonly string[], rows: unknown): TemplateResult {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${headers.map((header) => html`<th>${header}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
