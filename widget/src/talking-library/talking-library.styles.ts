import { css } from 'lit';

/** Only what <talking-library> needs beyond the shared theme (internal/theme.styles.ts). */
export const styles = css`
  :host {
    --_card-min: var(--tl-card-min-width, 16rem);
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

  .card:focus-visible {
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

  @media (prefers-reduced-motion: no-preference) {
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
