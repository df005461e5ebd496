import { css } from 'lit';

/** Only what <tl-insights> needs beyond the theme and form styles. */
export const styles = css`
  :host {
    --_chart: var(--tl-chart-color, var(--_accent));
  }

  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .section-heading {
    margin: var(--_space) 0 calc(var(--_space) * 0.5);
    font-size: 1.25em;
    line-height: 1.3;
  }

  .note,
  .empty {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 0.3125em solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 var(--_space);
  }

  .filters button {
    margin-bottom: var(--_space);
  }

  .chart {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 0.5);
    margin: 0 0 var(--_space);
  }

  svg {
    width: 100%;
    max-width: 48em;
    height: auto;
    font-size: 14px;
  }

  svg text {
    fill: currentColor;
  }

  svg .unknown {
    font-style: italic;
  }

  .s0 {
    fill: var(--_chart);
  }

  .s1 {
    fill: var(--_surface);
    stroke: var(--_chart);
    stroke-width: 2;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    margin: 0 0 var(--_space);
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding: 0 0 calc(var(--_space) * 0.5);
  }

  th,
  td {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }

  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  @media (forced-colors: active) {
    .s0 {
      fill: CanvasText;
    }

    .s1 {
      fill: Canvas;
      stroke: CanvasText;
    }

    svg text {
      fill: CanvasText;
    }
  }
`;
