import { css } from 'lit';

/** Only what <tl-sign-in> needs beyond the shared theme (internal/theme.styles.ts). */
export const styles = css`
  .status {
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  .status:empty,
  .alert:empty {
    display: none;
  }

  .alert .error {
    margin: 0 0 var(--_space);
  }

  form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }

  .field.invalid {
    padding-inline-start: calc(var(--_space) * 0.75);
    border-inline-start: 0.3125rem solid var(--_danger);
  }

  label {
    font-weight: 600;
  }

  .hint {
    margin: 0;
    color: var(--_muted);
  }

  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }

  input {
    width: 100%;
    max-width: 30rem;
    min-height: 2.75rem;
    padding: 0.375em 0.625em;
    border: 2px solid var(--_border);
    border-color: color-mix(in srgb, var(--_text) 55%, var(--_surface));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  #code {
    max-width: 10ch;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.15em;
  }

  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  input:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  .actions,
  .other-actions,
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }

  button.secondary {
    min-height: 2.75rem;
    padding: 0.25em 0;
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    font-weight: 400;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  button.secondary:hover {
    background: transparent;
    text-decoration-thickness: 2px;
  }

  @media (forced-colors: active) {
    .field.invalid,
    input[aria-invalid='true'] {
      border-color: Mark;
    }
  }
`;
