import { css } from 'lit';

/**
 * What every element looks like before its own styles: the `--tl-*` theme, buttons (primary and
 * secondary), focus rings and the error box. Elements list it first: `static styles = [themeStyles, styles]`.
 */
export const themeStyles = css`
  :host {
    /* Private copies of the public --tl-* properties, so each default is written once. */
    --_font: var(--tl-font-family, inherit);
    --_text: var(--tl-color-text, #1f2328);
    --_muted: var(--tl-color-muted, #545d68);
    --_surface: var(--tl-color-surface, #ffffff);
    --_border: var(--tl-color-border, #c9d1d9);
    --_accent: var(--tl-color-accent, #5b3cc4);
    --_on-accent: var(--tl-color-on-accent, #ffffff);
    --_danger: var(--tl-color-danger, #b42318);
    --_radius: var(--tl-radius, 0.5rem);
    --_space: var(--tl-space, 1rem);
    --_focus: var(--tl-focus-ring-width, 3px) solid var(--tl-focus-ring-color, var(--_accent));

    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  /* text-align is inherited through the shadow root: a page's body { text-align: center } would centre every label and card. */
  :host {
    text-align: start;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  button {
    min-height: 2.75rem;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover {
    background: color-mix(in srgb, var(--_accent) 85%, black);
  }

  button.secondary {
    border-color: var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
  }

  button.secondary:hover {
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-inline-start-width: 0.375rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .error p {
    margin: 0;
  }

  .error-title {
    font-weight: 600;
    color: var(--_danger);
  }

  .error-reference {
    color: var(--_muted);
    font-size: 0.875em;
  }

  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 120ms ease-out;
    }
  }
`;
