import { css } from 'lit';

/** Only what <tl-credits> needs beyond the theme and form styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .heading:focus {
    outline: none;
    box-shadow: none;
  }

  .empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  table {
    width: 100%;
    border-collapse: collapse;
    margin: 0 0 var(--_space);
  }

  caption {
    text-align: start;
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

  .grant {
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
