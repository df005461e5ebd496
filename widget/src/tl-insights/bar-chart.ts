import { html, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';

/** A figure of the summary: a number, the API's "fewer than 5" (suppressed), or null (nothing to work it out from). */
export type Figure = number | string | null;

/**
 * Lit's own `svg` tag, written out: importing it would make it a new export of the ui chunk every
 * element loads. A template result is this plain object (`_$litType$` 2 marks SVG, so `<rect>` and
 * `<text>` are made in the SVG namespace), which is also the shape Lit's compiled templates rely on.
 */
export const svg = (strings: TemplateStringsArray, ...values: unknown[]): SVGTemplateResult => ({ ['_$litType$']: 2, strings, values });

/** Maps 0…`max` onto 0…`length`: the only scale a bar chart from zero needs. */
export const linearScale = (max: number, length: number) => (value: number) => (max > 0 ? (Math.max(0, value) / max) * length : 0);

export interface ChartRow {
  label: string;
  /** One figure a series. */
  values: Figure[];
}

export interface BarChart {
  /** Unique in the element: the chart's ids and its `data-chart`. */
  id: string;
  title: string;
  /** The table's first column: what the rows are. */
  labelColumn: string;
  /** What each bar of a row counts: the legend, and the table's other columns. */
  series: string[];
  rows: ChartRow[];
}

export interface ChartView {
  /** The chart shows as its table. */
  asTable: boolean;
  onToggle(): void;
  toggleLabel: string;
  /** A figure in words: the number, "fewer than 5" or "no data". */
  say(figure: Figure): string;
}

// User units of the viewBox; the SVG scales to its box, text with it.
const WIDTH = 640;
const LABELS = 220;
const VALUE_ROOM = 110;
const BAR = 18;
const GAP = 12;
const LEGEND = 28;

/**
 * A horizontal bar chart, a pair of bars a row for two series, with a toggle to the same figures as
 * a table. A figure with no number (suppressed, or null) draws no bar: its words stand where the
 * bar would start, so it is never read as 0 nor missed.
 */
export function renderBarChart(chart: BarChart, view: ChartView): TemplateResult {
  const numbers = chart.rows.flatMap((row) => row.values.filter((value): value is number => typeof value === 'number'));
  const scale = linearScale(Math.max(0, ...numbers), WIDTH - LABELS - VALUE_ROOM);
  const pairs = chart.series.length;
  const top = pairs > 1 ? LEGEND : 0;
  const rowHeight = BAR * pairs + GAP;
  const height = top + rowHeight * chart.rows.length;
  const description = chart.rows.map((row) => `${row.label}: ${row.values.map((value, i) => (pairs > 1 ? `${chart.series[i]} ${view.say(value)}` : view.say(value))).join(', ')}.`).join(' ');
  return html`
    <div class="chart" part="chart" data-chart=${chart.id}>
      <button type="button" class="secondary" part="button table-toggle" aria-pressed=${view.asTable ? 'true' : 'false'} @click=${view.onToggle}>${view.toggleLabel}</button>
      ${view.asTable
        ? html`<table part="chart-table">
            <caption>${chart.title}</caption>
            <thead><tr><th scope="col">${chart.labelColumn}</th>${chart.series.map((name) => html`<th scope="col" class="number">${name}</th>`)}</tr></thead>
            <tbody>${chart.rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.values.map((value) => html`<td class="number">${view.say(value)}</td>`)}</tr>`)}</tbody>
          </table>`
        : html`<svg part="chart-image" role="img" viewBox="0 0 ${WIDTH} ${height}" aria-labelledby="${chart.id}-title" aria-describedby="${chart.id}-desc">
            <title id="${chart.id}-title">${chart.title}</title>
            <desc id="${chart.id}-desc">${description}</desc>
            ${pairs > 1 ? chart.series.map((name, i) => svg`<rect class="swatch s${i}" x=${LABELS + i * 220} y="4" width="14" height="14"></rect><text x=${LABELS + i * 220 + 20} y="11" dy="0.35em">${name}</text>`) : nothing}
            ${chart.rows.map((row, r) => {
              const y = top + r * rowHeight;
              return svg`<text class="label" x=${LABELS - 10} y=${y + (BAR * pairs) / 2} dy="0.35em" text-anchor="end">${row.label}</text>
                ${row.values.map((value, i) => renderBar(value, y + i * BAR, scale, view.say(value), i))}`;
            })}
          </svg>`}
    </div>
  `;
}

function renderBar(value: Figure, y: number, scale: (value: number) => number, words: string, series: number): SVGTemplateResult {
  const middle = y + BAR / 2;
  if (typeof value !== 'number') return svg`<text class="unknown" x=${LABELS + 4} y=${middle} dy="0.35em">${words}</text>`;
  const length = scale(value);
  return svg`<rect class="bar s${series}" x=${LABELS} y=${y + 1} width=${length} height=${BAR - 2}></rect><text x=${LABELS + length + 6} y=${middle} dy="0.35em">${words}</text>`;
}
