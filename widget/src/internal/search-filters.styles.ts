import { css } from 'lit';

/** The search form and filter menus of `renderSearchFilters`, over the form styles. */
export const searchFiltersStyles = css`
  .search-row,
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0 0 var(--_space);
  }

  .search-row input {
    flex: 1 1 16em;
  }

  .filters .field {
    flex: 1 1 14em;
    margin: 0;
  }
`;
