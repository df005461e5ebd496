import { css } from 'lit';

/** Only what <tl-profile-editor> needs beyond the theme, form and profile styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .intro,
  .profile-status {
    margin: 0 0 var(--_space);
  }

  .review-note {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_accent);
    border-inline-start-width: 0.375em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_surface));
  }

  .review-note :is(h3, h4, h5, h6) {
    margin: 0 0 0.25em;
    font-size: 1.125em;
  }

  .review-note p {
    margin: 0;
    white-space: pre-line;
  }

  .alert .error {
    margin: 0 0 var(--_space);
  }

  .group > .hint,
  .group > .field-error {
    margin-bottom: 0.5em;
  }

  .subgroup {
    margin: 0 0 0.5em;
    padding: 0.5em 0 0;
    border: 0;
    border-top: 1px solid var(--_border);
    border-radius: 0;
  }

  .subgroup legend {
    font-weight: 600;
    color: var(--_muted);
  }

  .row {
    margin: 0 0 var(--_space);
  }

  .window {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 var(--_space);
  }

  .window .field {
    flex: 1 1 8em;
  }

  .window > button {
    margin-bottom: var(--_space);
  }

  .preview {
    margin-top: calc(var(--_space) * 1.5);
    padding-top: var(--_space);
    border-top: 2px solid var(--_border);
  }

  .preview > :is(h3, h4, h5, h6) {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }

  .preview-label {
    margin: var(--_space) 0 0.5em;
    color: var(--_muted);
    font-weight: 600;
  }

  .preview-card {
    max-width: 22em;
  }

  .preview-detail {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
