import { css } from 'lit';

/** Only what <tl-request-form> needs beyond the theme and form styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.5em;
    line-height: 1.25;
  }

  .intro {
    margin: 0 0 var(--_space);
  }

  textarea.short {
    min-height: 5em;
  }

  .skill-group {
    margin: 0 0 calc(var(--_space) * 0.5);
    border: 0;
    padding: 0;
  }

  .skill-group legend {
    font-weight: 400;
    font-style: italic;
  }

  .alert .error {
    margin: 0 0 var(--_space);
  }
`;
