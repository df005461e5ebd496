import { css } from 'lit';

/** Only what <tl-review-queue> needs beyond the theme, form and profile styles. */
export const styles = css`
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    margin: 0 0 calc(var(--_space) * 0.5);
  }

  .heading {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
  }

  .heading:focus {
    outline: none;
    box-shadow: none;
  }

  .status.empty {
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  .alert .error {
    margin: 0 0 var(--_space);
  }

  .queue {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .decision {
    margin-top: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }

  .decision .error {
    margin: 0 0 var(--_space);
  }
`;
