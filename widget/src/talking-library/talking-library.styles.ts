import { css } from 'lit';

export const styles = css`
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
    --_card-min: var(--tl-card-min-width, 16rem);

    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
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

  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
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

  .list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-min)), 1fr));
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    height: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }

  .card:focus-visible,
  button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  .card:focus:not(:focus-visible) {
    outline: none;
  }

  .card-name {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
    color: var(--_text);
  }

  .pronouns,
  .stage,
  .categories {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .headline {
    margin: 0;
  }

  .stage {
    align-self: flex-start;
    padding: 0.125em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }

  .skills {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .skill {
    padding: 0.125em 0.625em;
    border: 1px solid var(--_accent);
    border-radius: 0.875em;
    background: var(--_surface);
    background: color-mix(in srgb, var(--_accent) 10%, var(--_surface));
    font-size: 0.875em;
  }

  .categories {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    margin-top: auto;
    padding: 0;
    list-style: none;
  }

  .categories li:not(:last-child)::after {
    content: '·';
    margin-inline-start: 0.5em;
  }

  .more {
    display: flex;
    justify-content: center;
    margin-top: var(--_space);
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

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
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
    .skill,
    .stage {
      border-color: CanvasText;
    }

    .status.busy::before {
      background: CanvasText;
    }
  }
`;
