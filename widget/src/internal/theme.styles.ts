import { css } from 'lit';

/**
 * What every element looks like before its own styles: the `--tl-*` theme, buttons (primary and
 * secondary), focus rings and the error box. Lengths are in `em`, never `rem`: text and layout follow
 * the size the host page gives the element (its body text), not the root size a site may have
 * changed (`html { font-size: 62.5% }`). Elements list it first: `static styles = [themeStyles, styles]`.
 */
export const themeStyles = css`
  :host {
    /* Private copies of the public --tl-* properties, so each default is written once. */
    --_font: var(--tl-font-family, inherit);
    --_text: var(--tl-color-text, #1f2328);
    --_muted: var(--tl-color-muted, #545d68);
    --_surface: var(--tl-color-surface, #fff);
    --_border: var(--tl-color-border, #c9d1d9);
    --_accent: var(--tl-color-accent, #5b3cc4);
    --_on-accent: var(--tl-color-on-accent, #fff);
    --_danger: var(--tl-color-danger, #b42318);
    --_radius: var(--tl-radius, 0.5em);
    --_space: var(--tl-space, 1em);
    /* One accent by default; a site whose buttons, links, focus and chips differ sets each. */
    --_button: var(--tl-button-color, var(--_accent));
    --_on-button: var(--tl-button-text-color, var(--_on-accent));
    --_link: var(--tl-link-color, var(--_accent));
    --_chip: var(--tl-chip-color, var(--_accent));
    --_focus: var(--tl-focus-ring-width, 3px) solid var(--tl-focus-color, var(--tl-focus-ring-color, var(--_accent)));
    /* A dark ring under a light focus colour (NHS yellow), filling the outline's offset and edging it. */
    --_focus-shadow: 0 0 0 calc(var(--tl-focus-ring-width, 3px) + 4px) var(--tl-focus-shadow-color, transparent);

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
    min-height: 2.75em;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_button);
    border-radius: var(--_radius);
    background: var(--_button);
    color: var(--_on-button);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover {
    background: color-mix(in srgb, var(--_button) 85%, black);
  }

  button.secondary {
    border-color: var(--_button);
    background: var(--_surface);
    color: var(--_button);
  }

  button.secondary:hover {
    background: color-mix(in srgb, var(--_button) 12%, var(--_surface));
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  /* Every control's keyboard ring, in one place, so a theme's focus colours reach them all. */
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
    box-shadow: var(--_focus-shadow);
  }

  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 0.5);
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-inline-start-width: 0.375em;
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
