import { css } from 'lit';

/** Only what <tl-request-hour> needs beyond the theme and form styles. */
export const styles = css`
  .heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.25em;
    line-height: 1.25;
  }

  .heading:focus,
  .section-heading:focus {
    outline: none;
    box-shadow: none;
  }

  .section-heading {
    margin: 0 0 calc(var(--_space) * 0.5);
    font-size: 1.0625em;
  }

  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0 0 calc(var(--_space) * 0.5);
  }

  .figure dt {
    font-size: 0.875em;
  }

  .figure dd {
    margin: 0;
    font-weight: 600;
  }

  .credit,
  .result {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .note,
  .signed-out {
    margin: 0 0 var(--_space);
  }

  .empty {
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  .day-name {
    margin: calc(var(--_space) * 0.5) 0 0;
    font-weight: 600;
  }

  .options {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
  }
`;
