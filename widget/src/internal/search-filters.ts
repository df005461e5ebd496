import { html, type TemplateResult } from 'lit';
import type { Library } from '@talking-library/sdk';

// The search box and the category and skill menus of a list the library's taxonomy narrows: the
// request board's and the learning feed's. Each element keeps its own state and wording.

export interface SearchFiltersLabels {
  search: string;
  searchHint: string;
  searchButton: string;
  category: string;
  anyCategory: string;
  skill: string;
  anySkill: string;
}

export interface SearchFilters {
  /** What is in the search box now. */
  input: string;
  /** The chosen category's and skill's slugs, or '' for any. */
  category: string;
  skill: string;
  onInput(value: string): void;
  onSubmit(event: SubmitEvent): void;
  onFilter(change: { category: string } | { skill: string }): void;
}

/** The form: the search box and its button, then the category menu and the skill menu (grouped by category). */
export function renderSearchFilters(library: Library, labels: SearchFiltersLabels, filters: SearchFilters): TemplateResult {
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
  return html`
    <form class="search" part="search" role="search" @submit=${filters.onSubmit}>
      <div class="field">
        <label for="q">${labels.search}</label>
        <p class="hint" id="q-hint">${labels.searchHint}</p>
        <div class="search-row">
          <input id="q" type="search" part="search-input" maxlength="200" autocomplete="off" aria-describedby="q-hint" .value=${filters.input}
            @input=${(event: Event) => filters.onInput(value(event))} />
          <button type="submit" part="button search-button">${labels.searchButton}</button>
        </div>
      </div>
      <div class="filters">
        <div class="field">
          <label for="category">${labels.category}</label>
          <select id="category" part="category-select" @change=${(event: Event) => filters.onFilter({ category: value(event) })}>
            <option value="" ?selected=${!filters.category}>${labels.anyCategory}</option>
            ${library.categories.map((category) => html`<option value=${category.slug} ?selected=${filters.category === category.slug}>${category.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="skill">${labels.skill}</label>
          <select id="skill" part="skill-select" @change=${(event: Event) => filters.onFilter({ skill: value(event) })}>
            <option value="" ?selected=${!filters.skill}>${labels.anySkill}</option>
            ${library.categories
              .filter((category) => category.skills.length > 0)
              .map(
                (category) => html`<optgroup label=${category.name}>
                  ${category.skills.map((skill) => html`<option value=${skill.slug} ?selected=${filters.skill === skill.slug}>${skill.name}</option>`)}
                </optgroup>`,
              )}
          </select>
        </div>
      </div>
    </form>
  `;
}
