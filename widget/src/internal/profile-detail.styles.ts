import { css } from 'lit';

/**
 * The full profile (internal/profile-detail.ts), over profileStyles. Its own module, so
 * <talking-library> fetches it with the full view, the first time a member opens a profile.
 */
export const profileDetailStyles = css`
  .detail {
    overflow-wrap: anywhere;
  }

  .detail-header {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }

  .photo {
    flex: none;
    border-radius: 50%;
    object-fit: cover;
  }

  .detail-name {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }

  .detail > .headline {
    margin: calc(var(--_space) * 0.75) 0;
    font-size: 1.125em;
  }

  .section-heading {
    margin: calc(var(--_space) * 1.25) 0 calc(var(--_space) * 0.5);
    font-size: 1em;
  }

  .story-title {
    margin: 0 0 0.25em;
    font-size: 1em;
    font-style: italic;
  }

  .prose p {
    margin: 0 0 0.75em;
    white-space: pre-line;
  }

  .stories,
  .links,
  .availability {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .story + .story {
    margin-top: var(--_space);
  }

  .links li,
  .availability li {
    margin-bottom: 0.25em;
  }

  a {
    color: var(--_link);
    text-underline-offset: 0.15em;
  }
`;
