import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { Library, Page, Profile } from '@talking-library/sdk';
import { TlErrorEvent } from '../events/error.js';
import { TlProfilesLoadedEvent } from '../events/profiles-loaded.js';
import { NotConfiguredError, describeError, isAbort } from '../internal/errors.js';
import { LibraryElement } from '../internal/library-element.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './talking-library.styles.js';

/**
 * Browse a Talking Library: the experts who have published a profile, a page at a time.
 *
 * Give it `api` and `library` attributes (and a `publishable-key` when the API asks for one), or
 * set the `client` property to a client from `@talking-library/sdk`. For a signed-in member, give
 * it a `member-token` attribute or a `getSessionToken` callback property.
 *
 * @tag talking-library
 *
 * @fires {TlProfilesLoadedEvent} tl-profiles-loaded - A page of profiles is on screen (the first, or one more after "Show more").
 * @fires {TlErrorEvent} tl-error - Loading failed and an error is shown; `event.error` is what the SDK threw.
 *
 * @csspart heading - The library's name.
 * @csspart status - The polite live region: loading, how many experts are shown, or that there are none.
 * @csspart list - The grid of cards.
 * @csspart card - One expert's card.
 * @csspart card-name - The expert's display name.
 * @csspart pronouns - The expert's pronouns.
 * @csspart headline - The expert's one-line summary.
 * @csspart career-stage - The expert's career stage.
 * @csspart skills - The list of skills on a card.
 * @csspart skill - One skill.
 * @csspart categories - The list of categories on a card.
 * @csspart error - The box shown when loading fails (its message has role=alert).
 * @csspart retry-button - Tries the failed request again.
 * @csspart more-button - Loads the next page of experts.
 *
 * @cssproperty [--tl-font-family=inherit] - Font of all text; the page's own font by default.
 * @cssproperty [--tl-color-text=#1f2328] - Body text and headings.
 * @cssproperty [--tl-color-muted=#545d68] - Secondary text: pronouns, career stage, categories, status.
 * @cssproperty [--tl-color-surface=#ffffff] - Card and error box background.
 * @cssproperty [--tl-color-border=#c9d1d9] - Card borders.
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, skill tags and the focus ring.
 * @cssproperty [--tl-color-on-accent=#ffffff] - Text on accent-coloured buttons.
 * @cssproperty [--tl-color-danger=#b42318] - Error box border and title.
 * @cssproperty [--tl-radius=0.5rem] - Corner radius of cards and buttons.
 * @cssproperty [--tl-space=1rem] - Base spacing: card padding and the gap between cards.
 * @cssproperty [--tl-card-min-width=16rem] - Narrowest a card gets before the grid drops a column.
 * @cssproperty [--tl-focus-ring-color=var(--tl-color-accent)] - Colour of the keyboard focus outline.
 * @cssproperty [--tl-focus-ring-width=3px] - Width of the keyboard focus outline.
 */
export class TalkingLibraryElement extends LibraryElement {
  static override styles = [themeStyles, styles];

  /** How many experts to load at a time, 1 to 100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 12;

  @state() private _library: Library | undefined;
  @state() private _profiles: Profile[] = [];
  @state() private _nextCursor: string | null = null;
  @state() private _moreError: unknown = undefined;

  #focusAfterRender: string | undefined;
  #abortedOnDisconnect = false;

  private _load = new Task(this, {
    // The token settings are arguments so that signing in or out reloads what the member may see.
    args: () => [this.sdk, this.library, this.#limit(), this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug, limit], { signal }) => {
      this._more.abort();
      if (!client || !slug) throw new NotConfiguredError();
      const [library, page] = await Promise.all([
        client.libraries.get(slug, { signal }),
        client.profiles.list(slug, { limit }, { signal }),
      ]);
      return { library, page };
    },
    onComplete: ({ library, page }) => {
      this._library = library;
      this._profiles = page.data;
      this._nextCursor = page.nextCursor;
      this._moreError = undefined;
      this.dispatchAfterRender(
        new TlProfilesLoadedEvent({ library, page: page.data, profiles: page.data, hasMore: page.nextCursor !== null }),
      );
    },
    onError: (error) => {
      if (!isAbort(error)) this.dispatchAfterRender(new TlErrorEvent(error));
    },
  });

  private _more = new Task(this, {
    autoRun: false,
    args: () => [this.sdk, this.library, this.#limit(), this._nextCursor] as const,
    task: async ([client, slug, limit, cursor], { signal }): Promise<Page<Profile> | typeof initialState> => {
      if (!client || !slug || !cursor) return initialState;
      return client.profiles.list(slug, { limit, cursor }, { signal });
    },
    onComplete: (page) => {
      const library = this._library;
      if (!library) return;
      // Focus follows the user to the first new card: the button they pressed may be gone.
      if (this.#moreButtonHasFocus()) this.#focusAfterRender = page.data[0]?.id;
      this._profiles = [...this._profiles, ...page.data];
      this._nextCursor = page.nextCursor;
      this.dispatchAfterRender(
        new TlProfilesLoadedEvent({ library, page: page.data, profiles: this._profiles, hasMore: page.nextCursor !== null }),
      );
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this._moreError = error;
      this.dispatchAfterRender(new TlErrorEvent(error));
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved within the page: pick up the load that leaving the page cancelled.
    if (this.#abortedOnDisconnect) {
      this.#abortedOnDisconnect = false;
      void this._load.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._load.status === TaskStatus.PENDING) {
      this.#abortedOnDisconnect = true;
      this._load.abort();
    }
    this._more.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterRender) {
      const card = this.renderRoot.querySelector<HTMLElement>(`[data-profile-id="${CSS.escape(this.#focusAfterRender)}"]`);
      this.#focusAfterRender = undefined;
      card?.focus();
    }
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const loadingMore = this._more.status === TaskStatus.PENDING;
    const loadError = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const loaded = this._load.status === TaskStatus.COMPLETE;
    const libraryName = this._library?.slug === this.library ? this._library.name : strings.libraryFallbackName;

    return html`
      <h2 class="heading" part="heading">${libraryName}</h2>
      <p class="status ${loading || loadingMore ? 'busy' : ''} ${loaded && this._profiles.length === 0 ? 'empty' : ''}"
        part="status" role="status" aria-live="polite">${this.#statusText(strings, loading, loadingMore, loaded)}</p>
      <div class="results" aria-busy=${loading || loadingMore ? 'true' : 'false'}>
        ${loaded && this._profiles.length > 0
          ? html`<ul class="list" part="list" role="list" aria-label=${strings.expertListLabel(libraryName)}>
              ${this._profiles.map((profile) => this.#renderCard(profile, strings))}
            </ul>`
          : nothing}
        ${loadError !== undefined ? this.#renderError(loadError, strings, () => void this._load.run()) : nothing}
        ${loaded && this._moreError !== undefined ? this.#renderError(this._moreError, strings, this.#showMore) : nothing}
        ${loaded && this._nextCursor !== null && this._moreError === undefined
          ? html`<div class="more">
              <button type="button" part="more-button" aria-disabled=${loadingMore ? 'true' : 'false'} @click=${this.#showMore}>
                ${strings.showMore}
              </button>
            </div>`
          : nothing}
      </div>
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, loadingMore: boolean, loaded: boolean): string {
    if (loading) return strings.loadingExperts;
    if (loadingMore) return strings.loadingMoreExperts;
    if (!loaded) return '';
    if (this._profiles.length === 0) return strings.noExperts;
    return strings.expertCount(this._profiles.length, this._nextCursor !== null);
  }

  // Every <ul> here says role="list": Safari drops list semantics from lists styled without bullets.
  #renderCard(profile: Profile, strings: TalkingLibraryStrings): TemplateResult {
    const nameId = `name-${profile.id}`;
    return html`
      <li>
        <article class="card" part="card" aria-labelledby=${nameId} tabindex="-1" data-profile-id=${profile.id}>
          <h3 class="card-name" part="card-name" id=${nameId}>${profile.displayName}</h3>
          ${profile.pronouns
            ? html`<p class="pronouns" part="pronouns">
                <span class="visually-hidden">${strings.pronounsLabel}: </span>${profile.pronouns}
              </p>`
            : nothing}
          <p class="headline" part="headline">${profile.headline}</p>
          <p class="stage" part="career-stage">
            <span class="visually-hidden">${strings.careerStageLabel}: </span>${strings.careerStages[profile.careerStage] ??
            profile.careerStage}
          </p>
          ${profile.skills.length > 0
            ? html`<ul class="skills" part="skills" role="list" aria-label=${strings.skillsLabel}>
                ${profile.skills.map((skill) => html`<li class="skill" part="skill">${skill.name}</li>`)}
              </ul>`
            : nothing}
          ${profile.categories.length > 0
            ? html`<ul class="categories" part="categories" role="list" aria-label=${strings.categoriesLabel}>
                ${profile.categories.map((category) => html`<li>${category.name}</li>`)}
              </ul>`
            : nothing}
        </article>
      </li>
    `;
  }

  #renderError(error: unknown, strings: TalkingLibraryStrings, retry: () => void): TemplateResult {
    const { message, requestId } = describeError(error, strings);
    return html`
      <div class="error" part="error">
        <div role="alert">
          <p class="error-title">${strings.loadFailed}</p>
          ${message ? html`<p class="error-message">${message}</p>` : nothing}
          ${requestId ? html`<p class="error-reference">${strings.errorReference(requestId)}</p>` : nothing}
        </div>
        <button type="button" part="retry-button" @click=${retry}>${strings.retry}</button>
      </div>
    `;
  }

  #showMore = (): void => {
    if (this._more.status === TaskStatus.PENDING) return;
    this._moreError = undefined;
    void this._more.run();
  };

  #moreButtonHasFocus(): boolean {
    return this.shadowRoot?.activeElement?.getAttribute('part') === 'more-button';
  }

  #limit(): number {
    const size = Math.trunc(this.pageSize);
    return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : 12;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'talking-library': TalkingLibraryElement;
  }
}
