import { html, nothing, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { CareerStage, FacetCount, Library, Profile, ProfileHit, ProfileListQuery, ProfileSearchPage } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { ProfileReads } from '@talking-library/sdk/resources/profile-reads';
import { TlProfilesLoadedEvent } from '../events/profiles-loaded.js';
import { TlRequestExchangeEvent } from '../events/request-exchange.js';
import { requireElement } from '../internal/element-loader.js';
import { NotConfiguredError, isAbort } from '../internal/errors.js';
import { renderError, type ErrorViewOptions } from '../internal/error-view.js';
import { DEFAULT_PAGE_SIZE, pageSizeLimit } from '../internal/first-reads.js';
import type { ClientWith } from '../internal/client.js';
import { LibraryElement } from '../internal/library-element.js';
import { profileStyles } from '../internal/profile.styles.js';
import { below, heading, renderCard, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import { readBrowseState, writeBrowseState, type BrowseState } from '../internal/url-state.js';
import { commonStrings, type TalkingLibraryStrings } from '../strings.js';
import { styles } from './talking-library.styles.js';
import { profileStrings } from '../internal/profile.strings.js';
import { libraryStrings } from './talking-library.strings.js';

/** How long typing must pause before the search goes out. */
const TYPING_PAUSE_MS = 250;
/** A search answered sooner than this needs no word of its own: the results say it. */
const SLOW_SEARCH_MS = 300;
/** The element has no live region around its error boxes, so each announces its words itself. */
const ERROR_VIEW: ErrorViewOptions = { alert: true, retryPart: 'retry-button' };

type Facets = ProfileSearchPage['facets'];
type OpenProfile = { profile: Profile; renderDetail: typeof import('../internal/profile-detail.js').renderDetail };

/**
 * Browse and search a Talking Library: a search box with live results, category and skill filters
 * with counts, expert cards, and each expert's full profile in a dialog with "Request an hour".
 *
 * Give it `api` and `library` attributes (and a `publishable-key` when the API asks for one), or
 * set the `client` property to a client from `@talking-library/sdk`. For a signed-in member, give
 * it a `member-token` attribute or a `getSessionToken` callback property.
 *
 * The search, filters and open profile live in the address bar's fragment (`#tl-q=…&tl-category=…
 * &tl-skill=…&tl-stage=…&tl-profile=prf_…`), beside any fragment parameters of the page's own, so
 * they can be linked to and Back and Forward walk them. `no-history` turns that off.
 *
 * @tag talking-library
 *
 * @fires {TlProfilesLoadedEvent} tl-profiles-loaded - Results are on screen: a search's first page, or one more after "Show more".
 * @fires {TlRequestExchangeEvent} tl-request-exchange - "Request an hour" was pressed; `event.profile` is the expert's profile. Cancelable: `preventDefault()` keeps the dialog from showing the request flow.
 * @fires {TlErrorEvent} tl-error - Loading failed and an error is shown; `event.error` is what the SDK threw.
 *
 * @csspart heading - The library's name.
 * @csspart search - The search form.
 * @csspart search-label - The search box's label.
 * @csspart search-input - The search box.
 * @csspart filters - The category, skill and career stage filters.
 * @csspart chips - The group of category buttons.
 * @csspart chip - One category button (`aria-pressed` says whether it is chosen).
 * @csspart chip-count - How many matching experts are in a category.
 * @csspart skill-filter - The skill filter (a disclosure holding checkboxes).
 * @csspart skill-option - One skill's checkbox and label.
 * @csspart skill-count - How many matching experts have a skill.
 * @csspart stage-select - The career stage menu.
 * @csspart clear-button - "Clear filters".
 * @csspart status - The polite live region: loading, how many experts match, or that none do.
 * @csspart list - The grid of cards.
 * @csspart card - One expert's card.
 * @csspart card-name - The expert's display name.
 * @csspart open-button - The name as a button that opens the profile.
 * @csspart pronouns - The expert's pronouns.
 * @csspart headline - The expert's one-line summary.
 * @csspart career-stage - The expert's career stage.
 * @csspart snippet - Where a search matched, on a card.
 * @csspart mark - The matching words in a snippet.
 * @csspart skills - The list of an expert's skills.
 * @csspart skill - One skill.
 * @csspart categories - The list of an expert's categories.
 * @csspart category - One category, in the profile dialog.
 * @csspart dialog - The profile dialog.
 * @csspart close-button - Closes the dialog.
 * @csspart detail - The full profile inside the dialog.
 * @csspart detail-name - The expert's name in the dialog.
 * @csspart photo - The expert's photo, when she gave one.
 * @csspart section-heading - Headings inside the profile: About, Skills, Stories…
 * @csspart bio - The expert's own words about herself.
 * @csspart stories - The list of stories.
 * @csspart story - One story.
 * @csspart story-title - A story's title.
 * @csspart story-body - A story's text.
 * @csspart languages - The languages she works in.
 * @csspart links - The list of her links.
 * @csspart link - One link.
 * @csspart availability - Her usual weekly hours.
 * @csspart request-button - "Request an hour".
 * @csspart request-hour - The `<tl-request-hour>` flow the dialog shows once "Request an hour" is pressed (and the page did not prevent it).
 * @csspart error - The box shown when loading fails (its message has role=alert).
 * @csspart retry-button - Tries the failed request again.
 * @csspart more-button - Loads the next page of experts.
 *
 * @cssproperty [--tl-font-family=inherit] - Font of all text; the page's own font by default.
 * @cssproperty [--tl-color-text=#1f2328] - Body text and headings.
 * @cssproperty [--tl-color-muted=#545d68] - Secondary text: pronouns, career stage, categories, status.
 * @cssproperty [--tl-color-surface=#ffffff] - Card, dialog and error box background.
 * @cssproperty [--tl-color-border=#c9d1d9] - Card and field borders.
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, chosen filters, skill tags, links and the focus ring, unless the properties below part them.
 * @cssproperty [--tl-color-on-accent=#ffffff] - Text on accent-coloured buttons and chosen filters.
 * @cssproperty [--tl-color-danger=#b42318] - Error box border and title.
 * @cssproperty [--tl-color-highlight=#ffe58f] - Behind the words a search matched.
 * @cssproperty [--tl-radius=0.5em] - Corner radius of cards and buttons.
 * @cssproperty [--tl-space=1em] - Base spacing: card padding and the gap between cards.
 * @cssproperty [--tl-card-min-width=16em] - Narrowest a card gets before the grid drops a column.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons ("Request an hour", "Show more"), outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - Links, and the underline of each card's name.
 * @cssproperty [--tl-chip-color=var(--tl-color-accent)] - Category buttons (filled when chosen) and skill tags.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring (`--tl-focus-ring-color` is its older name).
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring, such as NHS yellow on white; none by default.
 * @cssproperty [--tl-focus-ring-width=3px] - Width of the keyboard focus ring.
 */
export class TalkingLibraryElement extends LibraryElement<'libraries' | 'profileReads'> {
  static override defaultText = { ...profileStrings, ...libraryStrings };
  static override styles = [themeStyles, profileStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'libraries' | 'profileReads'> {
    return { libraries: new Libraries(transport), profiles: new ProfileReads(transport) };
  }

  /** How many experts to load at a time, 1 to 100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /** Leave the address bar alone: for a second `<talking-library>` on a page, which would fight the first over it. */
  @property({ attribute: 'no-history', type: Boolean }) noHistory = false;

  /**
   * Level of the library's name, to fit the page's outline; each card's name is one below it.
   * The profile dialog starts again at h2: a modal dialog is an outline of its own.
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

  /** What is in the search box. */
  @state() private _input = '';
  /** What was searched for: the box's words once typing paused. */
  @state() private _query = '';
  @state() private _category = '';
  @state() private _skills: string[] = [];
  @state() private _stage = '';
  /** The profile open in the dialog. */
  @state() private _profileId = '';
  /** The profile whose dialog shows the request-an-hour flow in place of its button. */
  @state() private _requestFor = '';
  /** The skill filter is unfolded: by the member, or because a link chose skills. */
  @state() private _skillsOpen = false;

  @state() private _library: Library | undefined;
  @state() private _profiles: ProfileHit[] = [];
  @state() private _total = 0;
  /** The API stopped counting at `_total`: a search matched more than it ranks. */
  @state() private _totalIsLowerBound = false;
  @state() private _facets: Facets = { categories: [], skills: [] };
  @state() private _nextCursor: string | null = null;
  @state() private _moreError: unknown = undefined;
  /** The query the results on screen answer; while the next search is on its way, still the last one. */
  @state() private _shownQuery: ProfileListQuery = {};
  /** The search on its way has taken long enough that the status says "Searching…". */
  @state() private _slowSearch = false;

  /** The next search waits for typing to pause; a click or Enter searches at once. */
  #waitForTyping = false;
  /** Which search is waiting for typing to pause, if one is: Enter sends it at once. */
  #waiting = 0;
  #searches = 0;
  /** Which search run may clear `_slowSearch`: only the newest. */
  #searchRun = 0;
  #libraryCache: { key: readonly unknown[]; library: Library } | undefined;
  #focusAfterRender: (() => HTMLElement | null | undefined) | undefined;
  /** The profile whose dialog this element opened with a new history entry, which closing takes back. */
  #pushedProfile = '';
  #abortedOnDisconnect = false;

  private _search = new Task(this, {
    // The token settings are arguments so that signing in or out reloads what the member may see.
    args: () =>
      [
        this.sdk,
        this.library,
        this.#limit(),
        this._query,
        this._category,
        this._skills.join(' '),
        this._stage,
        this.memberToken,
        this.getSessionToken,
      ] as const,
    task: async ([client, slug, limit, , , , , memberToken, getSessionToken], { signal }) => {
      this._more.abort();
      if (!client || !slug) throw new NotConfiguredError();
      if (this.#waitForTyping) {
        this.#waitForTyping = false;
        const run = (this.#waiting = ++this.#searches);
        // A newer keystroke aborts this run while it waits, so fast typing sends one request.
        try {
          await pause(TYPING_PAUSE_MS, signal);
        } finally {
          if (this.#waiting === run) this.#waiting = 0;
        }
      }
      const run = ++this.#searchRun;
      const slow = setTimeout(() => (this._slowSearch = true), SLOW_SEARCH_MS);
      try {
        return await this.#fetchResults(client, slug, limit, memberToken, getSessionToken, signal);
      } finally {
        clearTimeout(slow);
        if (this.#searchRun === run) this._slowSearch = false;
      }
    },
    onComplete: ({ library, page, query }) => {
      this._library = library;
      this._shownQuery = query;
      this._profiles = page.data;
      this._total = page.total ?? page.data.length;
      this._totalIsLowerBound = (page as { totalIsLowerBound?: unknown }).totalIsLowerBound === true;
      this._facets = page.facets ?? { categories: [], skills: [] };
      this._nextCursor = page.nextCursor;
      this._moreError = undefined;
      this.dispatchAfterRender(
        new TlProfilesLoadedEvent({ library, page: page.data, profiles: page.data, hasMore: page.nextCursor !== null, total: this._total }),
      );
    },
    onError: (error) => this.reportError(error),
  });

  private _more = new Task(this, {
    autoRun: false,
    args: () => [this.sdk, this.library, this.#limit(), this._nextCursor] as const,
    task: async ([client, slug, limit, cursor], { signal }): Promise<ProfileSearchPage | typeof initialState> => {
      if (!client || !slug || !cursor) return initialState;
      // The counts came with the first page and do not change with the next.
      return client.profiles.list(slug, { ...this._shownQuery, limit, cursor, facets: false }, { signal });
    },
    onComplete: (page) => {
      const library = this._library;
      if (!library) return;
      // Focus follows the member to the first new card: the button they pressed may be gone.
      const first = page.data[0]?.id;
      if (first && this.#focusIsOn('more-button')) this.#focusAfterRender = () => this.#openButton(first);
      this._profiles = [...this._profiles, ...page.data];
      this._nextCursor = page.nextCursor;
      this.dispatchAfterRender(
        new TlProfilesLoadedEvent({ library, page: page.data, profiles: this._profiles, hasMore: page.nextCursor !== null, total: this._total }),
      );
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this._moreError = error;
      this.reportError(error);
    },
  });

  /**
   * The open profile: from the results when it is there, else from the API (a link to it, say),
   * with the code that shows it in full, fetched the first time a member opens one.
   */
  private _detail = new Task(this, {
    args: () => [this.sdk, this.library, this._profileId, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug, id], { signal }): Promise<OpenProfile | typeof initialState> => {
      if (!id) return initialState;
      const shown = this._profiles.find((profile) => profile.id === id);
      if (!shown && (!client || !slug)) throw new NotConfiguredError();
      const [profile, { renderDetail }, { profileDetailStyles }] = await Promise.all([
        shown ?? client!.profiles.get(slug!, id, { signal }),
        import('../internal/profile-detail.js'),
        import('../internal/profile-detail.styles.js'),
      ]);
      this.#addStyles(profileDetailStyles);
      return { profile, renderDetail };
    },
  });

  /** The library (kept from the last search when the same) and the first page of the search. */
  async #fetchResults(
    client: ClientWith<'libraries' | 'profileReads'>,
    slug: string,
    limit: number,
    memberToken: string | null,
    getSessionToken: LibraryElement['getSessionToken'],
    signal: AbortSignal,
  ) {
    const libraryKey = [client, slug, memberToken, getSessionToken] as const;
    const cached = this.#libraryCache?.key.every((value, i) => value === libraryKey[i]) ? this.#libraryCache.library : undefined;
    const query = this.#listQuery();
    const [library, page] = await Promise.all([
      cached ?? client.libraries.get(slug, { signal }),
      client.profiles.list(slug, { ...query, limit }, { signal }),
    ]);
    this.#libraryCache = { key: libraryKey, library };
    return { library, page, query };
  }

  /** Styles that arrive with a lazily loaded part join the element's own, once. */
  #addStyles(styles: CSSResult): void {
    const root = this.renderRoot as ShadowRoot;
    const sheet = styles.styleSheet;
    if (sheet) {
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } else if (!root.querySelector('style[data-lazy]')) {
      const style = document.createElement('style');
      style.dataset.lazy = '';
      style.textContent = styles.cssText;
      root.append(style);
    }
  }

  /**
   * Closes the open profile, as Escape does, and gives focus back to its card: for a page that
   * takes over after `tl-request-exchange`, say.
   */
  closeProfile(): void {
    this.#close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.noHistory) {
      this.#applyBrowseState(readBrowseState());
      window.addEventListener('hashchange', this.#onHashChange);
    }
    // Moved within the page: pick up the search that leaving the page cancelled.
    if (this.#abortedOnDisconnect) {
      this.#abortedOnDisconnect = false;
      void this._search.run();
    }
    // A move leaves an open dialog no longer modal; updated() makes it modal again.
    if (this._profileId) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    if (this._search.status === TaskStatus.PENDING) {
      this.#abortedOnDisconnect = true;
      this._search.abort();
    }
    this._more.abort();
    this._detail.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    // Moved in the DOM while open, the dialog leaves the top layer but stays open, no longer modal:
    // the page behind takes clicks and Escape does nothing. Opened again, it is modal once more and
    // takes focus, which the move had dropped on the page.
    if (dialog && this._profileId && this.isConnected && !dialog.matches(':modal')) {
      if (dialog.open) dialog.close();
      dialog.showModal();
    }
    if (dialog && !this._profileId && dialog.open) {
      // Closed from the address (Back): focus goes back to the card, as when the member closes it.
      const shown = this._detail.value?.profile.id;
      dialog.close();
      if (shown && !this.#focusAfterRender) this.#openButton(shown)?.focus();
    }
    const focus = this.#focusAfterRender;
    this.#focusAfterRender = undefined;
    focus?.()?.focus();
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const pending = this._search.status === TaskStatus.PENDING;
    const loadingMore = this._more.status === TaskStatus.PENDING;
    const error = this._search.status === TaskStatus.ERROR && !isAbort(this._search.error) ? this._search.error : undefined;
    const complete = this._search.status === TaskStatus.COMPLETE;
    // Results stay on screen while the next search is on its way, marked busy.
    const shown = this._library !== undefined && this._library.slug === this.library && error === undefined;
    const libraryName = this._library?.slug === this.library ? this._library.name : strings.libraryFallbackName;
    const empty = complete && this._profiles.length === 0;

    return html`
      ${heading(this.headingLevel, 'heading', libraryName)}
      ${this.#renderSearch(strings)}
      ${shown ? this.#renderFilters(strings, this._library!) : nothing}
      <p class="status ${pending || loadingMore ? 'busy' : ''} ${empty ? 'empty' : ''}" part="status" role="status" aria-live="polite">
        ${this.#statusText(strings, shown, loadingMore, error !== undefined)}
      </p>
      <div class="results" aria-busy=${pending || loadingMore ? 'true' : 'false'}>
        ${empty && this.#filtered(true)
          ? html`<button type="button" class="secondary" part="clear-button" @click=${this.#clearFilters}>${strings.clearFilters}</button>`
          : nothing}
        ${shown && this._profiles.length > 0
          ? html`<ul class="list" part="list" role="list" aria-label=${strings.expertListLabel(libraryName)}>
              ${this._profiles.map(
                (profile) => html`<li>${renderCard(profile, strings, { level: below(this.headingLevel, 1), snippet: profile.snippet, onOpen: this.#open })}</li>`,
              )}
            </ul>`
          : nothing}
        ${error !== undefined ? renderError(strings.loadFailed, error, strings, () => void this._search.run(), ERROR_VIEW) : nothing}
        ${complete && this._moreError !== undefined ? renderError(strings.loadFailed, this._moreError, strings, this.#showMore, ERROR_VIEW) : nothing}
        ${complete && this._nextCursor !== null && this._moreError === undefined
          ? html`<div class="more">
              <button type="button" part="more-button" aria-disabled=${loadingMore ? 'true' : 'false'} @click=${this.#showMore}>
                ${strings.showMore}
              </button>
            </div>`
          : nothing}
      </div>
      ${this.#renderDialog(strings)}
    `;
  }

  #renderSearch(strings: TalkingLibraryStrings): TemplateResult {
    return html`
      <form class="search" part="search" role="search" @submit=${this.#onSearchSubmit}>
        <label for="q" part="search-label">${strings.searchLabel}</label>
        <p class="hint" id="q-hint">${strings.searchHint}</p>
        <input id="q" name="q" type="search" part="search-input" maxlength="200" autocomplete="off" spellcheck="false"
          aria-describedby="q-hint" .value=${this._input} @input=${this.#onInput} />
      </form>
    `;
  }

  #renderFilters(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    const categoryCounts = countsOf(this._facets.categories);
    const skillCounts = countsOf(this._facets.skills);
    // Skills in the library's own order, so ticking one does not shuffle the rest; only those some
    // matching expert has, and any already ticked.
    const skills = library.categories
      .flatMap((category) => category.skills)
      .filter((skill, i, all) => all.findIndex((s) => s.slug === skill.slug) === i)
      .filter((skill) => skillCounts.has(skill.slug) || this._skills.includes(skill.slug));
    return html`
      <div class="filters" part="filters">
        <div class="chips" part="chips" role="group" aria-labelledby="categories-label">
          <span class="filter-label" id="categories-label">${strings.categoriesLabel}</span>
          ${library.categories.map((category) => {
            const pressed = this._category === category.slug;
            // With a category chosen, another's count would not say what choosing it instead gives.
            const count = !this._category || pressed ? categoryCounts.get(category.slug) ?? 0 : undefined;
            return html`<button type="button" class="chip" part="chip" aria-pressed=${pressed ? 'true' : 'false'} data-category=${category.slug}
              @click=${() => this.#chooseCategory(pressed ? '' : category.slug)}>
              ${category.name}${count === undefined ? nothing : this.#renderCount(count, 'chip-count', strings)}
            </button>`;
          })}
        </div>
        <div class="stage-filter">
          <label for="stage">${strings.careerStageLabel}</label>
          <select id="stage" part="stage-select" @change=${this.#onStage}>
            <option value="" ?selected=${!this._stage}>${strings.anyCareerStage}</option>
            ${careerStages(strings).map((stage) => html`<option value=${stage} ?selected=${this._stage === stage}>${strings.careerStages[stage]}</option>`)}
          </select>
        </div>
        <details class="skill-filter" part="skill-filter" ?open=${this._skillsOpen}
          @toggle=${(event: Event) => (this._skillsOpen = (event.target as HTMLDetailsElement).open)}>
          <summary>
            ${strings.skillFilterLabel}${this._skills.length ? html` <span class="chosen">(${strings.skillsChosen(this._skills.length)})</span>` : nothing}
          </summary>
          <fieldset>
            <legend class="visually-hidden">${strings.skillFilterLabel}</legend>
            ${!this._skillsOpen
              ? // Folded, the options are neither seen nor reached: made only once it opens, they
                // are not part of the render that brings the first cards.
                nothing
              : skills.map(
                  (skill) => html`<label class="option" part="skill-option" data-skill=${skill.slug}>
                    <input type="checkbox" .checked=${this._skills.includes(skill.slug)} @change=${(event: Event) =>
                      this.#toggleSkill(skill.slug, (event.target as HTMLInputElement).checked)} />
                    <span>${skill.name}${this.#renderCount(skillCounts.get(skill.slug) ?? 0, 'skill-count', strings)}</span>
                  </label>`,
                )}
          </fieldset>
        </details>
        ${this.#filtered(true) && this._profiles.length > 0
          ? html`<button type="button" class="secondary" part="clear-button" @click=${this.#clearFilters}>${strings.clearFilters}</button>`
          : nothing}
      </div>
    `;
  }

  #renderCount(count: number, part: string, strings: TalkingLibraryStrings): TemplateResult {
    return html` <span class="count" part=${part}><span aria-hidden="true">${count}</span><span class="visually-hidden">(${strings.facetCount(count)})</span></span>`;
  }

  #renderDialog(strings: TalkingLibraryStrings): TemplateResult {
    const { profile, renderDetail } = this._detail.value ?? {};
    const loading = this._detail.status === TaskStatus.PENDING;
    const error = this._detail.status === TaskStatus.ERROR ? this._detail.error : undefined;
    const ready = this._profileId && profile && profile.id === this._profileId && !loading;
    return html`
      <dialog part="dialog" aria-labelledby=${ready ? 'dialog-name' : 'dialog-status'} @cancel=${this.#dismiss} @close=${this.#onDialogClose}
        @click=${this.#onDialogClick}>
        <div class="dialog-body">
          <button type="button" class="close secondary" part="close-button" @click=${this.#close}>${strings.closeProfile}</button>
          ${ready && renderDetail
            ? renderDetail(profile, strings, {
                level: 2,
                headingId: 'dialog-name',
                actions:
                  this._requestFor === profile.id
                    ? html`<tl-request-hour part="request-hour" .profile=${profile} api=${this.api ?? ''} library=${this.library ?? ''}
                        publishable-key=${this.publishableKey ?? ''} request-timeout=${this.requestTimeout} heading-level="3" .memberToken=${this.memberToken}
                        .getSessionToken=${this.getSessionToken} .client=${this.client} .strings=${this.strings}></tl-request-hour>`
                    : html`<p class="actions">
                        <button type="button" part="request-button" @click=${() => this.#requestHour(profile)}>${strings.requestHour}</button>
                      </p>`,
              })
            : nothing}
          ${this._profileId && loading ? html`<p id="dialog-status" role="status">${strings.loadingProfile}</p>` : nothing}
          ${this._profileId && error !== undefined
            ? html`<h2 class="visually-hidden" id="dialog-status">${strings.profileLoadFailed}</h2>
                ${renderError(strings.profileLoadFailed, error, strings, () => void this._detail.run(), ERROR_VIEW)}`
            : nothing}
        </div>
      </dialog>
    `;
  }

  #statusText(strings: TalkingLibraryStrings, shown: boolean, loadingMore: boolean, failed: boolean): string {
    if (failed) return '';
    if (!shown) return this._search.status === TaskStatus.PENDING ? strings.loadingExperts : '';
    if (loadingMore) return strings.loadingMoreExperts;
    if (this._slowSearch && this._search.status === TaskStatus.PENDING) return strings.searching;
    const query = this._shownQuery.q ?? '';
    const filtered = this.#filtered(false);
    if (this._total === 0 && this._profiles.length === 0) {
      return query || filtered ? strings.noMatches(query, filtered) : strings.noExperts;
    }
    return strings.resultCount(this._total, this._profiles.length, query, filtered, this._totalIsLowerBound);
  }

  // --- what the member does

  #onInput = (event: Event): void => {
    this._input = (event.target as HTMLInputElement).value;
    const query = normaliseQuery(this._input);
    if (query === this._query) return;
    // Starting a search is a step Back can undo; each further keystroke only refines it.
    const starting = !this._query;
    this.#waitForTyping = true;
    this._query = query;
    this.#saveState(starting ? 'push' : 'replace');
  };

  #onSearchSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    // Enter searches now rather than after the pause.
    if (this.#waiting) {
      this.#waiting = 0;
      void this._search.run();
    }
  };

  #chooseCategory(slug: string): void {
    this._category = slug;
    this.#saveState('push');
  }

  #toggleSkill(slug: string, on: boolean): void {
    this._skills = on ? [...this._skills, slug] : this._skills.filter((s) => s !== slug);
    this.#saveState('push');
  }

  #onStage = (event: Event): void => {
    this._stage = (event.target as HTMLSelectElement).value;
    this.#saveState('push');
  };

  #clearFilters = (): void => {
    this._input = '';
    this._query = '';
    this._category = '';
    this._skills = [];
    this._stage = '';
    this.#saveState('push');
    this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('#q');
  };

  #open = (profile: Profile): void => {
    this._profileId = profile.id;
    if (this.#saveState('push')) this.#pushedProfile = profile.id;
  };

  /**
   * Asks the page first: one that takes the member elsewhere (or closes the profile) says so with
   * `preventDefault()`. Otherwise the flow's code is fetched now, the first time it is wanted.
   */
  #requestHour(profile: Profile): void {
    const asked = new TlRequestExchangeEvent(profile);
    this.dispatchEvent(asked);
    if (asked.defaultPrevented || this._profileId !== profile.id) return;
    requireElement('tl-request-hour', () => import('../tl-request-hour/tl-request-hour.js').then((m) => m.TlRequestHourElement)).then(
      () => {
        if (this._profileId !== profile.id) return;
        this._requestFor = profile.id;
        this.#focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('tl-request-hour');
      },
      (error: unknown) => this.reportError(error),
    );
  }

  #close = (): void => {
    this.#dismiss();
    this.renderRoot.querySelector('dialog')?.close();
  };

  /** `close` arrives a task later: by then a dialog closed only to be made modal again is open. */
  #onDialogClose = (event: Event): void => {
    if (!(event.currentTarget as HTMLDialogElement).open) this.#dismiss();
  };

  /** A click on the backdrop lands on the dialog itself: close, as a member expects. */
  #onDialogClick = (event: MouseEvent): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) this.#close();
  };

  /**
   * The member closed the dialog: Escape (`cancel`), the close button, the backdrop. Handled at
   * once rather than on `close`, which a page in the background may not hear for a long while.
   */
  #dismiss = (): void => {
    const id = this._profileId;
    if (!id) return;
    this._profileId = '';
    this._requestFor = '';
    // Take back the history entry that opening added, so Back then goes where the member expects.
    if (this.#pushedProfile === id && !this.noHistory && readBrowseState().profile === id) history.back();
    else this.#saveState('replace');
    this.#pushedProfile = '';
    this.#focusAfterRender = () => this.#openButton(id) ?? this.renderRoot.querySelector<HTMLElement>('#q');
  };

  #onHashChange = (): void => {
    this.#applyBrowseState(readBrowseState());
  };

  /** Takes the state from the address bar: on arrival, and on Back and Forward. */
  #applyBrowseState(state: BrowseState): void {
    const query = normaliseQuery(state.q);
    if (query !== this._query) {
      this._query = query;
      this._input = state.q;
    }
    this._category = state.category;
    if (state.skills.join(' ') !== this._skills.join(' ')) {
      this._skills = state.skills;
      if (state.skills.length) this._skillsOpen = true;
    }
    this._stage = state.stage in commonStrings.careerStages ? state.stage : '';
    if (state.profile !== this._profileId) {
      this._profileId = state.profile;
      this.#pushedProfile = '';
    }
  }

  /** Returns whether the address changed. */
  #saveState(mode: 'push' | 'replace'): boolean {
    if (this.noHistory) return false;
    return writeBrowseState(
      { q: this._query, category: this._category, skills: this._skills, stage: this._stage, profile: this._profileId },
      mode,
    );
  }

  #showMore = (): void => {
    if (this._more.status === TaskStatus.PENDING) return;
    this._moreError = undefined;
    void this._more.run();
  };

  // --- helpers

  #listQuery(): ProfileListQuery {
    const query: ProfileListQuery = {};
    if (this._query) query.q = this._query;
    if (this._category) query.category = this._category;
    if (this._skills.length) query.skill = this._skills;
    if (this._stage) query.careerStage = this._stage as CareerStage;
    return query;
  }

  /** Whether a filter (or, with `withQuery`, a search) narrows the list on screen. */
  #filtered(withQuery: boolean): boolean {
    const query = this._shownQuery;
    return !!(query.category || query.skill?.length || query.careerStage || (withQuery && query.q));
  }

  #openButton(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-open="${CSS.escape(id)}"]`);
  }

  #focusIsOn(part: string): boolean {
    return this.shadowRoot?.activeElement?.getAttribute('part') === part;
  }

  #limit(): number {
    return pageSizeLimit(this.pageSize);
  }
}

/** Spaces do not change a search: "fhir " asks the same as "fhir". */
function normaliseQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function careerStages(strings: TalkingLibraryStrings): CareerStage[] {
  return Object.keys(strings.careerStages) as CareerStage[];
}

function countsOf(facets: FacetCount[]): Map<string, number> {
  return new Map(facets.map((facet) => [facet.slug, facet.count]));
}

/** Waits, unless the signal says the wait is no longer wanted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('The search was replaced by a newer one', 'AbortError'));
      },
      { once: true },
    );
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'talking-library': TalkingLibraryElement;
  }
}
