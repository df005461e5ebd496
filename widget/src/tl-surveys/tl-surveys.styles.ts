import { css } from 'lit';

/** Only what <tl-surveys> needs beyond the theme and form styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .survey {
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .survey-title {
    margin: 0 0 0.25em;
    font-size: 1.25em;
    line-height: 1.3;
  }

  .survey-title:focus {
    outline: none;
    box-shadow: none;
  }

  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
`;
