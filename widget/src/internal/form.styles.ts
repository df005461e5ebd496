import { css } from 'lit';

/** Fields, the error summary and the actions row, for the elements with forms. */
export const formStyles = css`
  form {
    margin: 0;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    margin: 0 0 var(--_space);
  }

  .field.invalid {
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 0.3125em solid var(--_danger);
  }

  label,
  legend {
    font-weight: 600;
  }

  legend {
    padding: 0;
  }

  .hint {
    margin: 0;
    color: var(--_muted);
    font-weight: 400;
  }

  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }

  input:not([type='checkbox']),
  select,
  textarea {
    width: 100%;
    max-width: 36em;
    min-height: 2.75em;
    padding: 0.375em 0.625em;
    border: 2px solid var(--_border);
    border-color: color-mix(in srgb, var(--_text) 55%, var(--_surface));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  textarea {
    min-height: 8em;
    resize: vertical;
  }

  input[type='checkbox'] {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }

  /* As specific as the shared input rule, and after it, so an invalid field's border turns red. */
  :is(input, select, textarea)[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  fieldset {
    min-width: 0;
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  fieldset.invalid {
    border-color: var(--_danger);
    border-inline-start-width: 0.3125em;
  }

  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    gap: 0 1em;
  }

  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75em;
    font-weight: 400;
    cursor: pointer;
  }

  .summary {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }

  .summary :is(h3, h4, h5, h6),
  .summary p {
    margin: 0 0 0.5em;
  }

  .summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .summary a {
    color: var(--_danger);
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0 0 var(--_space);
  }

  .status {
    margin: 0 0 var(--_space);
  }

  .status:empty,
  .alert:empty {
    display: none;
  }

  @media (forced-colors: active) {
    .field.invalid,
    fieldset.invalid,
    :is(input, select, textarea)[aria-invalid='true'] {
      border-color: Mark;
    }
  }
`;
