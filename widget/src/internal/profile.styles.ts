import { css } from 'lit';

/** A profile's card (internal/profile-view.ts), wherever it shows; the full view adds profileDetailStyles. */
export const profileStyles = css`
  .card {
    position: relative;
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

  .card-name {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
    color: var(--_text);
  }

  /* The name is the card's one control; its click area covers the card. */
  .open {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: underline;
    text-decoration-color: var(--_link);
    text-underline-offset: 0.2em;
  }

  .open:hover {
    background: none;
    text-decoration-thickness: 2px;
  }

  .open::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
  }

  /* The ring goes round the card (::after), not the name. */
  .open:focus-visible {
    outline: none;
    box-shadow: none;
  }

  .open:focus-visible::after {
    outline: var(--_focus);
    box-shadow: var(--_focus-shadow);
    outline-offset: 2px;
  }

  .pronouns,
  .stage,
  .categories,
  .meta,
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .headline {
    margin: 0;
  }

  .card .stage {
    align-self: flex-start;
    padding: 0.125em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }

  .snippet {
    margin: 0;
    font-size: 0.9em;
  }

  mark {
    padding: 0 0.1em;
    border-radius: 0.2em;
    background: var(--tl-color-highlight, #ffe58f);
    color: var(--_text);
  }

  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .tag {
    padding: 0.125em 0.625em;
    border: 1px solid var(--_chip);
    border-radius: 0.875em;
    background: color-mix(in srgb, var(--_chip) 10%, var(--_surface));
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

  @media (forced-colors: active) {
    .tag,
    .card .stage {
      border-color: CanvasText;
    }
  }
`;
