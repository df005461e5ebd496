import { css } from 'lit';

/** A row of headline figures, each a term over its value (a `<dl>` of `.figure`s): <tl-credits>'s balance, <tl-insights>' totals. */
export const figureStyles = css`
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0 0 var(--_space);
  }

  .figure {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .figure dt {
    font-size: 0.875em;
  }

  .figure dd {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
  }
`;
