import { css } from 'lit';

/** Only what <tl-sign-in> needs beyond the theme and form styles: a tighter form, link-like secondary buttons. */
export const styles = css`
  .status {
    margin: 0 0 calc(var(--_space) * 0.75);
  }

  .alert .error {
    margin: 0 0 var(--_space);
  }

  form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }

  /* The form's gap spaces its rows. */
  .field,
  .actions {
    margin: 0;
  }

  .field input {
    max-width: 30em;
  }

  /* As wide as six digits, their letter spacing, the padding and the border, at any font size: a
     max-width of 10ch let the padding eat into the digits, and the first scrolled out of sight. */
  #code {
    width: calc(6ch + 7 * 0.15em + 1.25em + 4px + 2px);
    max-width: 100%;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.15em;
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
    min-height: 2.75em;
    padding: 0.25em 0;
    border-color: transparent;
    background: transparent;
    color: var(--_link);
    font-weight: 400;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  button.secondary:hover {
    background: transparent;
    text-decoration-thickness: 2px;
  }

`;
