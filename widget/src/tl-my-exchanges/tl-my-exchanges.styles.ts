import { css } from 'lit';

/** Only what <tl-my-exchanges> needs beyond the theme and form styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .section-heading {
    margin: var(--_space) 0 calc(var(--_space) * 0.5);
    font-size: 1.25em;
  }

  .count {
    color: var(--_muted);
    font-weight: 400;
    font-size: 0.875em;
  }

  .exchanges {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .exchange {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .exchange-heading {
    margin: 0 0 0.25em;
    font-size: 1.125em;
  }

  .exchange-heading:focus {
    outline: none;
    box-shadow: none;
  }

  .who,
  .intro {
    margin: 0 0 calc(var(--_space) * 0.5);
  }

  .facts {
    display: grid;
    gap: 0.25em;
    margin: 0 0 var(--_space);
  }

  .facts > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }

  .facts dt {
    font-weight: 600;
  }

  .facts dt::after {
    content: ':';
  }

  .facts dd {
    margin: 0;
  }

  .times {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }

  .prose {
    white-space: pre-line;
  }

  .empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  a {
    color: var(--_link);
  }

  button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-accent);
  }

  button.secondary.danger {
    background: var(--_surface);
    color: var(--_danger);
  }

  .history summary {
    cursor: pointer;
    font-weight: 600;
  }

  .events {
    margin: 0.5em 0 0;
    padding-inline-start: 1.25em;
  }

  dialog {
    width: min(36em, calc(100vw - 2em));
    max-height: calc(100vh - 2em);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .dialog-heading {
    margin: 0 0 0.5em;
    font-size: 1.25em;
  }
`;
