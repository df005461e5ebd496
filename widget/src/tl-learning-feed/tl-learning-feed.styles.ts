import { css } from 'lit';

/** Only what <tl-learning-feed> needs beyond the theme, form, profile and search-filter styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .item-summary {
    margin: 0 0 0.25em;
    font-size: 1.25em;
    line-height: 1.3;
  }

  .item-summary:focus {
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

  .list,
  .outputs {
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

  .item {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .meta {
    margin: 0 0 0.5em;
    color: var(--_muted);
  }

  .prose {
    margin: 0 0 0.75em;
  }

  .prose dt {
    font-weight: 600;
  }

  .prose dd {
    margin: 0 0 0.5em;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .outputs {
    margin: 0 0 0.75em;
  }

  .outputs li::before {
    content: '• ';
  }

  a {
    color: var(--_link);
    overflow-wrap: anywhere;
  }

  .item .tags {
    margin: 0 0 0.5em;
  }

  .expert {
    margin: 0.5em 0 0;
  }
`;
