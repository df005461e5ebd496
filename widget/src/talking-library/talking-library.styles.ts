import { css } from 'lit';

/** Only what <talking-library> needs beyond the shared theme and the profile styles. */
export const styles = css`
  :host {
    --_card-min: var(--tl-card-min-width, 16em);
  }

  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    margin: 0 0 var(--_space);
  }

  .search label,
  .filter-label,
  .stage-filter label,
  summary {
    font-weight: 600;
  }

  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  input,
  select {
    min-height: 2.75em;
    max-width: 100%;
    padding: 0.375em 0.625em;
    border: 2px solid var(--_border);
    border-color: color-mix(in srgb, var(--_text) 55%, var(--_surface));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  #q {
    width: 100%;
    max-width: 36em;
  }

  .filters {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    margin: 0 0 var(--_space);
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .filters > [part~='clear-button'] {
    align-self: flex-start;
  }

  .filter-label {
    margin-inline-end: 0.25em;
  }

  /* A button: the theme gives it its height. */
  .chip {
    padding: 0.25em 0.875em;
    border: 2px solid var(--_chip);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font-weight: 400;
  }

  .chip:hover {
    background: color-mix(in srgb, var(--_chip) 12%, var(--_surface));
  }

  .chip[aria-pressed='true'] {
    background: var(--_chip);
    color: var(--_on-accent);
    font-weight: 600;
  }

  .chip[aria-pressed='true']::before {
    content: '✓ ' / '';
  }

  .count {
    margin-inline-start: 0.375em;
    font-variant-numeric: tabular-nums;
    opacity: 0.9;
  }


  summary {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
    cursor: pointer;
  }

  summary::before {
    content: '▸' / '';
    margin-inline-end: 0.5em;
  }

  details[open] > summary::before {
    content: '▾' / '';
  }

  summary .chosen {
    margin-inline-start: 0.25em;
    font-weight: 400;
    color: var(--_muted);
  }

  fieldset {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr));
    gap: 0.25em 1em;
    margin: 0.25em 0 0;
    padding: 0;
    border: 0;
  }

  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75em;
    cursor: pointer;
  }

  .option input {
    flex: none;
    width: 1.25em;
    min-height: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }

  .stage-filter {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.25em;
  }

  .status {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }

  .status:empty {
    display: none;
  }

  .status.busy::before {
    content: '';
    display: inline-block;
    width: 0.75em;
    height: 0.75em;
    margin-inline-end: 0.5em;
    border-radius: 50%;
    background: var(--_accent);
    vertical-align: baseline;
  }

  .status.empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
  }

  .results > [part~='clear-button'] {
    margin-bottom: var(--_space);
  }

  .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-min)), 1fr));
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .more {
    display: flex;
    justify-content: center;
    margin-top: var(--_space);
  }

  dialog {
    width: min(44em, calc(100vw - 1em));
    max-height: calc(100dvh - 1em);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    /* The UA colours a dialog CanvasText; its font and line height it inherits, top layer or not. */
    color: var(--_text);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }

  .dialog-body {
    display: flow-root;
    padding: calc(var(--_space) * 1.25);
  }

  .close {
    float: inline-end;
    margin: 0 0 0.5em 0.5em;
  }

  .actions {
    margin: 0 0 var(--_space);
  }

  @media (prefers-reduced-motion: no-preference) {
    .status.busy::before {
      animation: pulse 1s ease-in-out infinite alternate;
    }
  }

  @keyframes pulse {
    from {
      opacity: 0.25;
    }
    to {
      opacity: 1;
    }
  }

  @media (forced-colors: active) {
    .status.busy::before {
      background: CanvasText;
    }

    .chip[aria-pressed='true'] {
      border-color: Highlight;
      outline: 2px solid Highlight;
    }
  }
`;
