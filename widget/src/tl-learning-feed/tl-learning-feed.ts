import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { LearningItem, LearningQuery, Library } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Learning } from '@talking-library/sdk/resources/learning';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, isAbort } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { NextPageRead } from '../internal/next-page.js';
import { profileStrings } from '../internal/profile.strings.js';
import { profileStyles } from '../internal/profile.styles.js';
import { renderSearchFilters } from '../internal/search-filters.js';
import { searchFiltersStyles } from '../internal/search-filters.styles.js';
import { below, heading, renderTags, safeUrl, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-learning-feed.styles.js';
import { learningFeedStrings } from './tl-learning-feed.strings.js';

/** How long typing may pause before the search goes, as in `<talking-library>`. */
const TYPING_PAUSE_MS = 250;

/**
 * The library's shared learning: what members and experts chose to share of their exchanges, newest
 * first. Anyone with the publishable key sees the public items; a signed-in member (a `member-token`
 * or `getSessionToken`) the library's own as well. Filter by category and skill, search, and page on
 * with "Show more". An item that names its expert links to her profile.
 *
 * @tag tl-learning-feed
 *
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Shared learning".
 * @csspart status - The polite live region: loading, and how many items are shown.
 * @csspart alert - The assertive live region for errors.
 * @csspart error - The box shown when a request fails.
 * @csspart retry-button - "Try again", where trying again can help.
 * @csspart signed-out-note - Told to a visitor who is not signed in: members see more.
 * @csspart search - The search form, with the filters.
 * @csspart search-input - The search box.
 * @csspart search-button - "Search".
 * @csspart category-select - The category filter.
 * @csspart skill-select - The skill filter.
 * @csspart list - The list of items.
 * @csspart item - One item.
 * @csspart item-summary - Its summary, the item's heading.
 * @csspart item-meta - Who shared it, and when.
 * @csspart learned - What was learned.
 * @csspart next-steps - The next steps.
 * @csspart outputs - The list of outputs.
 * @csspart output-link - One output's link.
 * @csspart categories - The item's categories.
 * @csspart category - One category.
 * @csspart skills - The item's skills.
 * @csspart skill - One skill.
 * @csspart profile-link - The link to the named expert's profile.
 * @csspart button - Every button.
 * @csspart more-button - "Show more".
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, links, chips and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - Links to outputs and profiles.
 * @cssproperty [--tl-chip-color=var(--tl-color-accent)] - Category and skill chips.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlLearningFeedElement extends LibraryElement<'learning' | 'libraries'> {
  static override defaultText = { ...profileStrings, ...learningFeedStrings };
  static override styles = [themeStyles, profileStyles, formStyles, searchFiltersStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'learning' | 'libraries'> {
    return { learning: new Learning(transport), libraries: new Libraries(transport) };
  }

  /**
   * Level of the feed's heading, to fit the page's outline; each item's summary is one below it.
   * 2 to 6, by default 2; any other value counts as 2, as HTML treats a bad enumerated attribute.
   */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  get headingLevel(): HeadingLevel {
    return this.#headingLevel;
  }
  set headingLevel(value: HeadingLevel) {
    this.#headingLevel = toHeadingLevel(value);
  }
  #headingLevel: HeadingLevel = 2;

  /** How many items to load at a time, 1 to 50; "Show more" fetches the next. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 10;

  /**
   * Where a named expert's profile is, with `{id}` for her profile's id. By default the fragment that
   * makes the page's `<talking-library>` open her profile.
   */
  @property({ attribute: 'profile-href' }) profileHref = '#tl-profile={id}';

  /** What is in the search box; searched for once typing pauses, or at once with Enter. */
  @state() private _input = '';
  @state() private _query = '';
  @state() private _category = '';
  @state() private _skill = '';
  @state() private _items: LearningItem[] = [];
  @state() private _nextCursor: string | null = null;
  @state() private _moreLoading = false;
  @state() private _moreFailure: unknown;

  #typing: ReturnType<typeof setTimeout> | undefined;
  #libraryCache: { client: ClientWith<'learning' | 'libraries'>; slug: string; library: Library } | undefined;

  get #limit(): number {
    return Number.isInteger(this.pageSize) ? Math.min(50, Math.max(1, this.pageSize)) : 10;
  }

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken, this._query, this._category, this._skill, this.#limit] as const,
    task: async ([client, slug, , , q, category, skill, limit], { signal }) => {
      if (this.#nextPage.drop()) this._moreLoading = false;
      if (!client || !slug) throw new NotConfiguredError();
      // The page's own client may carry a session we cannot see: then no note about signing in.
      const signedIn = Boolean(this.client) || Boolean(await sessionTokenOf(this));
      const cached = this.#libraryCache?.client === client && this.#libraryCache.slug === slug ? this.#libraryCache.library : undefined;
      const [library, page] = await Promise.all([
        cached ?? client.libraries.get(slug, { signal }),
        client.learning.list(slug, queryOf(q, category, skill, limit), { signal }),
      ]);
      this.#libraryCache = { client, slug, library };
      return { signedIn, library, page };
    },
    onComplete: ({ page }) => {
      this._items = page.data;
      this._nextCursor = page.nextCursor;
      this._moreFailure = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  /** Reads the feed again: for a page that knows something was shared meanwhile. */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const result = error === undefined ? this._load.value : undefined;
    return html`
      ${heading(this.headingLevel, 'heading', strings.learningHeading)}
      <p class="status" part="status" role="status">${this.#statusText(strings, loading, result !== undefined)}</p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined ? renderError(strings.learningLoadFailed, error, strings, () => void this._load.run()) : nothing}
        ${this._moreFailure !== undefined ? renderError(strings.learningLoadFailed, this._moreFailure, strings) : nothing}
      </div>
      ${result
        ? html`
            ${result.signedIn ? nothing : html`<p class="note" part="signed-out-note">${strings.learningSignedOutNote}</p>`}
            ${this.#renderFilters(strings, result.library)}
            <div class="results" aria-busy=${loading || this._moreLoading ? 'true' : 'false'}>
              ${this._items.length > 0
                ? html`<ul class="list" part="list" role="list" aria-label=${strings.learningListLabel}>
                    ${this._items.map((item) => html`<li>${this.#renderItem(item, strings)}</li>`)}
                  </ul>`
                : nothing}
              ${this._nextCursor !== null
                ? html`<button type="button" class="secondary" part="button more-button" aria-disabled=${this._moreLoading ? 'true' : 'false'}
                    @click=${this.#showMore}>${strings.showMore}</button>`
                : nothing}
            </div>
          `
        : nothing}
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, shown: boolean): string {
    if (loading) return strings.loadingLearning;
    if (this._moreLoading) return strings.loadingMoreLearning;
    if (!shown) return '';
    if (this._items.length === 0) return this._query || this._category || this._skill ? strings.noMatchingLearning : strings.noLearning;
    return strings.learningShown(this._items.length, this._nextCursor !== null);
  }

  #renderFilters(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    return renderSearchFilters(
      library,
      {
        search: strings.learningSearchLabel,
        searchHint: strings.learningSearchHint,
        searchButton: strings.learningSearchButton,
        category: strings.learningCategoryLabel,
        anyCategory: strings.learningAnyCategory,
        skill: strings.learningSkillLabel,
        anySkill: strings.learningAnySkill,
      },
      {
        input: this._input,
        category: this._category,
        skill: this._skill,
        onInput: this.#onInput,
        onSubmit: this.#onSearch,
        onFilter: (change) => {
          if ('category' in change) this._category = change.category;
          else this._skill = change.skill;
        },
      },
    );
  }

  #renderItem(item: LearningItem, strings: TalkingLibraryStrings): TemplateResult {
    const summaryId = `item-${item.id}`;
    const date = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long' }).format(new Date(item.loggedAt));
    return html`
      <article class="item" part="item" aria-labelledby=${summaryId} data-item-id=${item.id}>
        ${heading(below(this.headingLevel, 1), 'item-summary', item.summary, summaryId, true)}
        <p class="meta" part="item-meta">${strings.sharedBy(item.authorRole)} · <time datetime=${item.loggedAt}>${date}</time></p>
        ${item.learning || item.nextSteps
          ? html`<dl class="prose">
              ${item.learning ? html`<div part="learned"><dt>${strings.learnedLabel}</dt><dd>${item.learning}</dd></div>` : nothing}
              ${item.nextSteps ? html`<div part="next-steps"><dt>${strings.nextStepsLabel}</dt><dd>${item.nextSteps}</dd></div>` : nothing}
            </dl>`
          : nothing}
        ${item.outputs.length > 0
          ? html`<ul class="outputs" part="outputs" role="list" aria-label=${strings.outputsLabel}>
              ${item.outputs.map((output) => {
                const href = safeUrl(output.url);
                // Only web addresses become links: anything else stays inert text.
                return html`<li>${href
                  ? html`<a part="output-link" href=${href} rel="noopener noreferrer" target="_blank"
                      >${output.title}<span class="visually-hidden"> ${strings.opensInNewTab}</span></a
                    >`
                  : output.title}</li>`;
              })}
            </ul>`
          : nothing}
        ${renderTags(item.categories, strings.categoriesLabel, 'categories', 'category')}
        ${renderTags(item.skills, strings.skillsLabel, 'skills', 'skill')}
        ${item.expert
          ? html`<p class="expert"><a part="profile-link" href=${this.profileHref.replaceAll('{id}', encodeURIComponent(item.expert.profileId))}
              >${strings.expertProfileLink(item.expert.displayName)}</a></p>`
          : nothing}
      </article>
    `;
  }

  #onInput = (value: string): void => {
    this._input = value;
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => this.#search(false), TYPING_PAUSE_MS);
  };

  #onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    clearTimeout(this.#typing);
    this.#search(true);
  };

  /** Searches for what is in the box; `again` reads the same words anew, for what was shared meanwhile. */
  #search(again: boolean): void {
    const query = this._input.trim().replace(/\s+/g, ' ');
    if (query !== this._query) this._query = query;
    else if (again) void this._load.run();
  }

  #showMore = async (): Promise<void> => {
    const client = this.sdk;
    const slug = this.library;
    const cursor = this._nextCursor;
    if (!client || !slug || !cursor || this._moreLoading) return;
    this._moreLoading = true;
    this._moreFailure = undefined;
    const shown = this._items.length;
    try {
      const page = await this.#nextPage.run((signal) => client.learning.list(slug, { ...queryOf(this._query, this._category, this._skill, this.#limit), cursor }, { signal }));
      if (!page) return;
      this._items = [...this._items, ...page.data];
      this._nextCursor = page.nextCursor;
      // Focus moves to the first new item, so a keyboard reads on from where the page ended.
      this.focusAfterRender(() => this.renderRoot.querySelectorAll<HTMLElement>('[part~="item-summary"]')[shown]);
    } catch (error) {
      this._moreFailure = error;
      this.reportError(error);
    } finally {
      if (!this.#nextPage.busy) this._moreLoading = false;
    }
  };

  /** The "Show more" read on its way, dropped when a new search begins. */
  readonly #nextPage = new NextPageRead();
}

function queryOf(q: string, category: string, skill: string, limit: number): LearningQuery {
  return { limit, ...(q ? { q } : {}), ...(category ? { category } : {}), ...(skill ? { skill } : {}) };
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-learning-feed': TlLearningFeedElement;
  }
}
