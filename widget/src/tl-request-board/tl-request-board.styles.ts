import { css } from 'lit';

/** Only what <tl-request-board> needs beyond the theme, form, profile and search-filter styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .request-title {
    margin: 0 0 0.25em;
    font-size: 1.25em;
    line-height: 1.3;
  }

  .heading:focus,
  .request-title:focus,
  .responded:focus {
    outline: none;
    box-shadow: none;
  }

  .note {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 0.3125em solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .views {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0 0 var(--_space);
  }

  .views button[aria-pressed='true'] {
    background: var(--_button);
    color: var(--_on-button);
  }

  .list,
  .responses,
  .times {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .list {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0 0 var(--_space);
  }

  .request,
  .response {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .meta,
  .response-status {
    margin: 0 0 0.5em;
    color: var(--_muted);
  }

  .need,
  .prose {
    margin: 0 0 0.75em;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .project {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
    margin: 0 0 0.75em;
  }

  .project div {
    display: contents;
  }

  .project dt {
    font-weight: 600;
  }

  .project dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .request .actions {
    margin: var(--_space) 0 0;
  }

  .responses {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    margin-top: calc(var(--_space) * 0.75);
  }

  .responses-region > :is(h3, h4, h5, h6) {
    margin: var(--_space) 0 0;
    font-size: 1.1em;
  }

  .from,
  .times-label {
    margin: 0 0 0.25em;
  }

  .times {
    margin: 0 0 0.75em;
  }

  .times li::before {
    content: '• ';
  }

  .responded {
    margin: var(--_space) 0 0;
    font-weight: 600;
  }

  .empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  dialog {
    width: min(40em, calc(100vw - 2em));
    max-height: calc(100vh - 2em);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }

  .dialog-heading {
    margin: 0 0 var(--_space);
    font-size: 1.35em;
    line-height: 1.3;
  }

  .time-row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 var(--_space);
  }

  .time-row .field {
    flex: 1 1 16em;
  }

  .time-row button {
    margin: 0 0 var(--_space);
  }

  .time-option {
    align-items: flex-start;
    padding: 0.25em 0;
  }

  .time-option input {
    margin-top: 0.25em;
  }

  .their-time {
    display: block;
    color: var(--_muted);
  }
`;
