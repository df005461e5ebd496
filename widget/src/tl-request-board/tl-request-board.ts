import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { Library, Me } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Libraries } from '@talking-library/sdk/resources/libraries';
import { getMe } from '@talking-library/sdk/resources/me';
import { ProfileReads } from '@talking-library/sdk/resources/profile-reads';
import { Requests } from '@talking-library/sdk/resources/requests';
import { TlExchangeScheduledEvent } from '../events/exchange-scheduled.js';
import { TlRequestRespondedEvent } from '../events/request-responded.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, fieldErrorsOf, isAbort, statusOf } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { NextPageRead } from '../internal/next-page.js';
import { profileStyles } from '../internal/profile.styles.js';
import { below, heading, renderTags, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import type { RequestListQuery, RequestResponse, SkillRequest } from '@talking-library/sdk';
import { requestStrings } from '../internal/request.strings.js';
import { renderSearchFilters } from '../internal/search-filters.js';
import { searchFiltersStyles } from '../internal/search-filters.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { formatInZone, relativeFromNow, viewerTimeZone, zoneLabel } from '../internal/zoned-time.js';
import type { TalkingLibraryStrings } from '../strings.js';
import type { Dialog, DialogValues } from './request-dialog.js';
import { styles } from './tl-request-board.styles.js';
import { requestBoardStrings } from './tl-request-board.strings.js';

type View = 'open' | 'mine';
type DialogView = typeof import('./request-dialog.js');

const blankValues = (): DialogValues => ({ message: '', times: [''], startsAt: '', meetingPlace: '', closeReason: '' });

/** The owner's view of one request's responses, once asked for; each expert's zone when known. */
interface Responses {
  items: RequestResponse[];
  zones: Record<string, string>;
}

/**
 * The request board. Experts browse members' open skill requests (those matching their skills
 * first, as the API orders them), search and filter them, and respond with a message and up to
 * three times, typed in their own time zone and sent in UTC. A member sees her own requests with
 * the responses they drew, accepts one (one of its times and where to meet), which schedules the
 * hour, and can renew or close them. A member who is not an expert is told, kindly, that
 * responding is for experts. Needs a signed-in member: a `member-token` or `getSessionToken`.
 *
 * @tag tl-request-board
 *
 * @fires {TlRequestRespondedEvent} tl-request-responded - An expert responded; `event.request` and `event.response`.
 * @fires {TlExchangeScheduledEvent} tl-exchange-scheduled - The owner accepted a response; `event.exchange` is the scheduled hour.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Skill requests".
 * @csspart status - The polite live region: loading, how many requests are shown, what was just done.
 * @csspart alert - The assertive live region for the board's own errors.
 * @csspart error - The box shown when a request fails for a reason no field explains.
 * @csspart experts-only - The note that responding is for experts.
 * @csspart views - "Open requests" and "Your requests".
 * @csspart view-button - One of those (`aria-pressed` says which is shown).
 * @csspart search - The search form.
 * @csspart search-input - The search box.
 * @csspart search-button - "Search".
 * @csspart category-select - The category filter.
 * @csspart skill-select - The skill filter.
 * @csspart list - The list of requests.
 * @csspart request - One request.
 * @csspart request-title - Its title.
 * @csspart request-meta - Who posted it, its category, and when it lapses (or its status).
 * @csspart need - The need, in the member's words.
 * @csspart project - The project's name, aim and stage.
 * @csspart skills - The skills wanted.
 * @csspart skill - One skill.
 * @csspart responded - An expert's note that she has responded, and what became of it.
 * @csspart responses - The owner's list of responses.
 * @csspart response - One response.
 * @csspart button - Every button.
 * @csspart respond-button - "Respond".
 * @csspart responses-button - Shows and hides the responses.
 * @csspart accept-button - "Accept", on a response.
 * @csspart renew-button - "Renew".
 * @csspart close-button - "Close request".
 * @csspart more-button - "Show more".
 * @csspart dialog - The dialog for responding, accepting or closing.
 * @csspart dialog-heading - Its heading.
 * @csspart field - A label, its hint and error, and its control.
 * @csspart field-error - The message about one field.
 * @csspart input - Every text box, text area and menu in the dialog.
 * @csspart time-option - One time to choose, when accepting.
 * @csspart submit-button - The dialog's main button.
 * @csspart cancel-button - Closes the dialog without doing anything.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, tags and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-chip-color=var(--tl-color-accent)] - Skill tags.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlRequestBoardElement extends LibraryElement<'libraries' | 'me' | 'profileReads' | 'requests'> {
  static override defaultText = { ...requestStrings, ...requestBoardStrings };
  static override styles = [themeStyles, profileStyles, formStyles, searchFiltersStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'libraries' | 'me' | 'profileReads' | 'requests'> {
    return { libraries: new Libraries(transport), me: (library, options) => getMe(transport, library, options), profiles: new ProfileReads(transport), requests: new Requests(transport) };
  }

  /**
   * Level of the board's heading, to fit the page's outline; each request's title is one below it.
   * Dialogs start again at h2. 2 to 6, by default 2; any other value counts as 2.
   */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  get headingLevel(): HeadingLevel {
    return this.#headingLevel;
  }
  set headingLevel(value: HeadingLevel) {
    this.#headingLevel = toHeadingLevel(value);
  }
  #headingLevel: HeadingLevel = 2;

  /** How many requests to load at a time, 1 to 100; "Show more" fetches the next. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 10;

  @state() private _view: View = 'open';
  /** What is in the search box; searched for when the search is sent. */
  @state() private _input = '';
  @state() private _query = '';
  @state() private _category = '';
  @state() private _skill = '';

  @state() private _items: SkillRequest[] = [];
  @state() private _nextCursor: string | null = null;
  @state() private _moreLoading = false;
  @state() private _moreFailure: unknown;
  @state() private _responses: Record<string, Responses | 'loading' | { failed: unknown }> = {};
  @state() private _expanded: string[] = [];
  /** What was just done, said in the status region. */
  @state() private _notice = '';
  /** What failed outside a dialog (renew), shown in the alert region. */
  @state() private _actionFailure: unknown;

  @state() private _dialog: Dialog | undefined;
  @state() private _values: DialogValues = blankValues();
  @state() private _dialogErrors: Map<string, string> = new Map();
  @state() private _dialogFailure: unknown;
  @state() private _dialogBusy = false;

  /** The dialogs' code, fetched when the first one opens. */
  #dialogView: DialogView | undefined;
  /** The control that opened the dialog, which gets focus back when it closes. */
  #opener: HTMLElement | undefined;
  #libraryCache: { client: ClientWith<'libraries' | 'me' | 'profileReads' | 'requests'>; slug: string; library: Library } | undefined;

  get #limit(): number {
    return Number.isInteger(this.pageSize) ? Math.min(100, Math.max(1, this.pageSize)) : 10;
  }

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken, this._view, this._query, this._category, this._skill, this.#limit] as const,
    task: async ([client, slug, , , view, q, category, skill, limit], { signal }) => {
      if (this.#nextPage.drop()) this._moreLoading = false;
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) return { signedIn: false as const };
      const cached = this.#libraryCache?.client === client && this.#libraryCache.slug === slug ? this.#libraryCache.library : undefined;
      try {
        const [me, library, page] = await Promise.all([
          client.me(slug, { signal }),
          cached ?? client.libraries.get(slug, { signal }),
          client.requests.list(slug, queryOf(view, q, category, skill, limit), { signal }),
        ]);
        this.#libraryCache = { client, slug, library };
        return { signedIn: true as const, me, library, page };
      } catch (error) {
        if (statusOf(error) === 401) return { signedIn: false as const };
        throw error;
      }
    },
    onComplete: (result) => {
      if (!result.signedIn) return;
      this._items = result.page.data;
      this._nextCursor = result.page.nextCursor;
      this._moreFailure = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  /** Reads the requests shown again: for a page that knows they changed elsewhere (a request just posted). */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const result = this._load.value;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedIn = result?.signedIn === true && error === undefined ? result : undefined;
    return html`
      ${heading(this.headingLevel, 'heading', strings.boardHeading)}
      <p class="status" part="status" role="status">${this.#statusText(strings, loading, result?.signedIn === false && !loading, signedIn !== undefined)}</p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined ? renderError(strings.requestsLoadFailed, error, strings, () => void this._load.run()) : nothing}
        ${this._moreFailure !== undefined ? renderError(strings.requestsLoadFailed, this._moreFailure, strings) : nothing}
        ${this._actionFailure !== undefined ? renderError(strings.requestActionFailed, this._actionFailure, strings) : nothing}
      </div>
      ${signedIn ? this.#renderBoard(strings, signedIn.me, signedIn.library, loading) : nothing}
      ${this.#renderDialog(strings)}
    `;
  }

  #statusText(strings: TalkingLibraryStrings, loading: boolean, signedOut: boolean, shown: boolean): string {
    if (signedOut) return strings.boardSignedOut;
    if (this._dialogBusy) {
      const kind = this._dialog?.kind;
      return kind === 'respond' ? strings.sendingResponse : kind === 'accept' ? strings.scheduling : strings.closing;
    }
    if (this._notice) return this._notice;
    if (loading) return strings.loadingRequests;
    if (this._moreLoading) return strings.loadingMoreRequests;
    if (!shown) return '';
    if (this._items.length === 0) {
      if (this._query || this._category || this._skill) return strings.noMatchingRequests;
      return this._view === 'mine' ? strings.noOwnRequests : strings.noOpenRequests;
    }
    return strings.requestsShown(this._items.length, this._nextCursor !== null);
  }

  #renderBoard(strings: TalkingLibraryStrings, me: Me, library: Library, loading: boolean): TemplateResult {
    const expert = me.roles.includes('expert');
    return html`
      ${!expert && this._view === 'open' ? html`<p class="note" part="experts-only">${strings.boardExpertsOnly}</p>` : nothing}
      <div class="views" part="views" role="group" aria-label=${strings.boardViewsLabel}>
        ${(['open', 'mine'] as const).map(
          (view) => html`<button type="button" class="secondary" part="button view-button" data-view=${view} aria-pressed=${this._view === view ? 'true' : 'false'}
            @click=${() => this.#chooseView(view)}>${view === 'open' ? strings.openRequestsView : strings.ownRequestsView}</button>`,
        )}
      </div>
      ${this.#renderFilters(strings, library)}
      <div class="results" aria-busy=${loading || this._moreLoading ? 'true' : 'false'}>
        ${this._items.length > 0
          ? html`<ul class="list" part="list" role="list" aria-label=${strings.requestListLabel}>
              ${this._items.map((request) => html`<li>${this.#renderRequest(request, me, strings)}</li>`)}
            </ul>`
          : nothing}
        ${this._nextCursor !== null
          ? html`<button type="button" class="secondary" part="button more-button" aria-disabled=${this._moreLoading ? 'true' : 'false'} @click=${this.#showMore}>
              ${strings.showMore}
            </button>`
          : nothing}
      </div>
    `;
  }

  #renderFilters(strings: TalkingLibraryStrings, library: Library): TemplateResult {
    return renderSearchFilters(
      library,
      {
        search: strings.requestSearchLabel,
        searchHint: strings.requestSearchHint,
        searchButton: strings.requestSearchButton,
        category: strings.requestCategoryLabel,
        anyCategory: strings.anyCategory,
        skill: strings.requestSkillFilterLabel,
        anySkill: strings.anySkill,
      },
      {
        input: this._input,
        category: this._category,
        skill: this._skill,
        onInput: (value) => (this._input = value),
        onSubmit: this.#onSearch,
        onFilter: (change) => this.#filter(change),
      },
    );
  }

  #renderRequest(request: SkillRequest, me: Me, strings: TalkingLibraryStrings): TemplateResult {
    const titleId = `request-${request.id}`;
    const own = request.mine;
    const open = isOpen(request);
    const expert = me.roles.includes('expert');
    const when = open ? strings.lapsesIn(relativeFromNow(request.lapsesAt, strings.locale)) : strings.requestStatus(effectiveStatus(request));
    const meta = [own ? '' : strings.postedBy(request.owner.name), request.category?.name ?? '', when].filter(Boolean).join(' · ');
    return html`
      <article class="request" part="request" aria-labelledby=${titleId} data-request-id=${request.id}>
        ${heading(below(this.headingLevel, 1), 'request-title', request.title, titleId, true)}
        <p class="meta" part="request-meta">${meta}</p>
        <p class="need prose" part="need">${request.need}</p>
        <dl class="project" part="project">
          <div><dt>${strings.projectLabel}</dt><dd>${request.project.name}</dd></div>
          ${request.project.aim ? html`<div><dt>${strings.projectAimLabel}</dt><dd>${request.project.aim}</dd></div>` : nothing}
          <div><dt>${strings.projectStageLabel}</dt><dd>${strings.projectStage(request.project.stage)}</dd></div>
        </dl>
        ${renderTags(request.skills, strings.wantedSkillsLabel, 'skills', 'skill')}
        ${own ? this.#renderOwnerActions(request, open, strings) : this.#renderExpertActions(request, open, expert, strings)}
      </article>
    `;
  }

  #renderExpertActions(request: SkillRequest, open: boolean, expert: boolean, strings: TalkingLibraryStrings): TemplateResult | typeof nothing {
    if (request.yourResponse) {
      return html`<p class="responded" part="responded" tabindex="-1">${strings.youResponded(strings.responseStatus(request.yourResponse.status))}</p>`;
    }
    if (!expert || !open) return nothing;
    return html`<div class="actions">
      <button type="button" part="button respond-button" @click=${(event: Event) => void this.#openDialog({ kind: 'respond', request }, event)}>
        ${strings.respond}<span class="visually-hidden">: ${request.title}</span>
      </button>
    </div>`;
  }

  #renderOwnerActions(request: SkillRequest, open: boolean, strings: TalkingLibraryStrings): TemplateResult {
    const expanded = this._expanded.includes(request.id);
    const responses = this._responses[request.id];
    const count = responses && typeof responses === 'object' && 'items' in responses ? responses.items.length : request.responseCount;
    const regionId = `responses-${request.id}`;
    return html`
      <div class="actions">
        <button type="button" class="secondary" part="button responses-button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${regionId}
          @click=${() => this.#toggleResponses(request)}>${expanded ? strings.hideResponses : strings.showResponses(count)}</button>
        ${open
          ? html`<button type="button" class="secondary" part="button renew-button" @click=${() => void this.#renew(request)}>
                ${strings.renewRequest}<span class="visually-hidden">: ${request.title}</span>
              </button>
              <button type="button" class="secondary" part="button close-button" @click=${(event: Event) => void this.#openDialog({ kind: 'close', request }, event)}>
                ${strings.closeRequest}<span class="visually-hidden">: ${request.title}</span>
              </button>`
          : nothing}
      </div>
      <section id=${regionId} class="responses-region" aria-label=${strings.responsesHeading} ?hidden=${!expanded}>
        ${expanded ? this.#renderResponses(request, responses, open, strings) : nothing}
      </section>
    `;
  }

  #renderResponses(request: SkillRequest, responses: TlRequestBoardElement['_responses'][string] | undefined, open: boolean, strings: TalkingLibraryStrings): TemplateResult {
    if (!responses || responses === 'loading') return html`<p>${strings.loadingResponses}</p>`;
    if ('failed' in responses) return renderError(strings.requestsLoadFailed, responses.failed, strings, () => void this.#loadResponses(request));
    if (responses.items.length === 0) return html`<p class="empty">${strings.noResponsesYet}</p>`;
    const zone = viewerTimeZone();
    return html`
      ${heading(below(this.headingLevel, 2), 'responses-heading', strings.responsesHeading)}
      <ul class="responses" part="responses" role="list">
        ${responses.items.map(
          (response) => html`<li class="response" part="response" data-response-id=${response.id}>
            <p class="from"><strong>${strings.responseFrom(response.expert.name)}</strong></p>
            <p class="prose">${response.message}</p>
            <p class="times-label">${strings.proposedTimesIn(zoneLabel(zone, strings.locale))}</p>
            <ul class="times">
              ${response.proposedTimes.map((time) => html`<li>${formatInZone(time, zone, strings.locale)}</li>`)}
            </ul>
            ${response.status !== 'open' ? html`<p class="response-status">${strings.responseStatus(response.status)}</p>` : nothing}
            ${open && response.status === 'open'
              ? html`<button type="button" part="button accept-button" @click=${(event: Event) => void this.#openDialog({ kind: 'accept', request, response }, event)}>
                  ${strings.acceptResponse}<span class="visually-hidden">: ${strings.acceptResponseNamed(response.expert.name)}</span>
                </button>`
              : nothing}
          </li>`,
        )}
      </ul>
    `;
  }

  // --- the dialog

  #renderDialog(strings: TalkingLibraryStrings): TemplateResult {
    const dialog = this._dialog;
    const view = this.#dialogView;
    return html`
      <dialog part="dialog" aria-labelledby="dialog-heading" @close=${this.#onDialogClose}>
        ${dialog && view
          ? view.renderDialogBody(
              {
                dialog,
                values: this._values,
                errors: this._dialogErrors,
                failure: this._dialogFailure,
                busy: this._dialogBusy,
                expertZone: dialog.kind === 'accept' ? this.#expertZone(dialog.response) : undefined,
                edit: (change) => (this._values = { ...this._values, ...change }),
                setTime: (i, value) => (this._values = { ...this._values, times: this._values.times.map((time, j) => (j === i ? value : time)) }),
                addTime: this.#addTime,
                removeTime: (i) => this.#removeTime(i),
                cancel: () => this.#closeDialog(),
                submit: this.#onDialogSubmit,
              },
              strings,
            )
          : nothing}
      </dialog>
    `;
  }

  #expertZone(response: RequestResponse): string | undefined {
    const responses = this._dialog ? this._responses[this._dialog.request.id] : undefined;
    return responses && typeof responses === 'object' && 'zones' in responses ? responses.zones[response.id] : undefined;
  }

  async #openDialog(dialog: Dialog, event: Event): Promise<void> {
    this.#opener = event.currentTarget as HTMLElement;
    this._notice = '';
    this._actionFailure = undefined;
    try {
      this.#dialogView ??= await import('./request-dialog.js');
    } catch (error) {
      this._actionFailure = error;
      this.reportError(error);
      return;
    }
    this._dialog = dialog;
    this._values = blankValues();
    this._dialogErrors = new Map();
    this._dialogFailure = undefined;
    const first = dialog.kind === 'respond' ? '#message' : dialog.kind === 'accept' ? 'input[name="startsAt"]' : '#closeReason';
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(first));
  }

  /** Closes the dialog; focus goes back to what opened it, or to `then` when that is gone. */
  #closeDialog(then?: () => HTMLElement | null | undefined): void {
    this._dialog = undefined;
    this._dialogBusy = false;
    const opener = this.#opener;
    this.#opener = undefined;
    this.focusAfterRender(() => then?.() ?? (opener?.isConnected ? opener : undefined));
  }

  /** Escape closes the native dialog by itself: the element follows. */
  #onDialogClose = (): void => {
    if (this._dialog) this.#closeDialog();
  };

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this._dialog && !dialog.open) dialog.showModal();
    if (dialog && !this._dialog && dialog.open) dialog.close();
    // After the dialog opens or closes, so focus lands inside it, or back on the page.
    super.updated(changed);
  }

  #onDialogSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const dialog = this._dialog;
    if (!dialog || this._dialogBusy) return;
    const errors = this.#dialogView!.dialogErrors(dialog, this._values, this.text);
    this._dialogErrors = errors;
    this._dialogFailure = undefined;
    if (errors.size > 0) {
      this.#focusFirstError(errors);
      return;
    }
    void this.#submit(dialog);
  };

  #focusFirstError(errors: Map<string, string>): void {
    const first = this.#dialogView?.FIELD_ORDER.find((id) => errors.has(id));
    if (!first) return;
    this.focusAfterRender(() => {
      const element = this.renderRoot.querySelector<HTMLElement>(`#${first}`);
      return element?.localName === 'fieldset' ? element.querySelector<HTMLElement>('input') : element;
    });
  }

  async #submit(dialog: Dialog): Promise<void> {
    const client = this.sdk;
    const slug = this.library;
    if (!client || !slug) return;
    const strings = this.text;
    const values = this._values;
    this._dialogBusy = true;
    try {
      if (dialog.kind === 'respond') {
        const proposedTimes = this.#dialogView!.proposedTimesOf(values.times);
        const response = await client.requests.respond(slug, dialog.request.id, { message: values.message.trim(), proposedTimes });
        const request = { ...dialog.request, yourResponse: response };
        this.#replace(request);
        this._notice = strings.responseSent(request.title);
        this.dispatchAfterRender(new TlRequestRespondedEvent(dialog.request, response));
        this.#closeDialog(() => this.#inRequest(request.id, '[part~="responded"]'));
      } else if (dialog.kind === 'accept') {
        const exchange = await client.requests.accept(slug, dialog.request.id, dialog.response.id, { startsAt: values.startsAt, meetingPlace: values.meetingPlace.trim() });
        this.#replace({ ...dialog.request, status: 'matched' });
        const responses = this._responses[dialog.request.id];
        if (responses && typeof responses === 'object' && 'items' in responses) {
          const items = responses.items.map((r) => ({ ...r, status: r.id === dialog.response.id ? ('accepted' as const) : r.status === 'open' ? ('not_chosen' as const) : r.status }));
          this._responses = { ...this._responses, [dialog.request.id]: { ...responses, items } };
        }
        const when = formatInZone(exchange.startsAt ?? values.startsAt, viewerTimeZone(), strings.locale);
        this._notice = strings.scheduled(dialog.response.expert.name, when);
        this.dispatchAfterRender(new TlExchangeScheduledEvent(exchange, dialog.request));
        this.#closeDialog(() => this.#inRequest(dialog.request.id, '[part~="request-title"]'));
      } else {
        const request = await client.requests.update(slug, dialog.request.id, { status: 'closed', ...(values.closeReason.trim() ? { closedReason: values.closeReason.trim() } : {}) }, { ifMatch: dialog.request.version });
        this.#replace(request);
        this._notice = strings.requestClosed(request.title);
        this.#closeDialog(() => this.#inRequest(request.id, '[part~="request-title"]'));
      }
    } catch (error) {
      this._dialogBusy = false;
      this.#dialogFailed(error);
    }
  }

  #dialogFailed(error: unknown): void {
    if (isAbort(error)) return;
    const strings = this.text;
    const errors = new Map<string, string>();
    for (const { path, message } of fieldErrorsOf(error)) {
      const id = this.#dialogView?.dialogFieldOf(path, this._values.times);
      if (!id || errors.has(id) || !this.renderRoot.querySelector(`#${id}`)) continue;
      const label = this.renderRoot.querySelector(`label[for="${id}"], #${id} > legend`)?.textContent?.trim() ?? '';
      errors.set(id, strings.fieldError(label, message));
    }
    this._dialogErrors = errors;
    if (errors.size > 0) this.#focusFirstError(errors);
    else this._dialogFailure = error;
    this.reportError(error);
  }

  #inRequest(id: string, selector: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-request-id="${id}"] ${selector}`);
  }

  #replace(request: SkillRequest): void {
    this._items = this._items.map((item) => (item.id === request.id ? { ...item, ...request } : item));
  }

  #addTime = (): void => {
    const next = this._values.times.length;
    this._values = { ...this._values, times: [...this._values.times, ''] };
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#time-${next}`));
  };

  #removeTime(i: number): void {
    this._values = { ...this._values, times: this._values.times.filter((_, j) => j !== i) };
    // Messages about times are by position, which has just changed.
    this._dialogErrors = new Map([...this._dialogErrors].filter(([id]) => !id.startsWith('time-')));
    this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('#add-time') ?? this.renderRoot.querySelector<HTMLElement>(`#time-${i - 1}`));
  }

  // --- what the viewer does on the board

  #chooseView(view: View): void {
    if (this._view === view) return;
    this._view = view;
    this._notice = '';
    this._expanded = [];
  }

  #onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    this._notice = '';
    const query = this._input.trim().replace(/\s+/g, ' ');
    // The same words again: search again, for what experts posted meanwhile.
    if (query === this._query) void this._load.run();
    else this._query = query;
  };

  #filter(change: { category?: string; skill?: string }): void {
    this._notice = '';
    if (change.category !== undefined) this._category = change.category;
    if (change.skill !== undefined) this._skill = change.skill;
  }

  #showMore = async (): Promise<void> => {
    const client = this.sdk;
    const slug = this.library;
    const cursor = this._nextCursor;
    if (!client || !slug || !cursor || this._moreLoading) return;
    this._moreLoading = true;
    this._moreFailure = undefined;
    this._notice = '';
    const shown = this._items.length;
    try {
      const page = await this.#nextPage.run((signal) => client.requests.list(slug, { ...queryOf(this._view, this._query, this._category, this._skill, this.#limit), cursor }, { signal }));
      if (!page) return;
      this._items = [...this._items, ...page.data];
      this._nextCursor = page.nextCursor;
      // Focus moves to the first new request, so a keyboard reads on from where the page ended.
      this.focusAfterRender(() => this.renderRoot.querySelectorAll<HTMLElement>('[part~="request-title"]')[shown]);
    } catch (error) {
      this._moreFailure = error;
      this.reportError(error);
    } finally {
      if (!this.#nextPage.busy) this._moreLoading = false;
    }
  };

  /** The "Show more" read on its way, dropped when a new search begins. */
  readonly #nextPage = new NextPageRead();

  #toggleResponses(request: SkillRequest): void {
    if (this._expanded.includes(request.id)) {
      this._expanded = this._expanded.filter((id) => id !== request.id);
      return;
    }
    this._expanded = [...this._expanded, request.id];
    if (!this._responses[request.id] || 'failed' in (this._responses[request.id] as object)) void this.#loadResponses(request);
  }

  async #loadResponses(request: SkillRequest): Promise<void> {
    const client = this.sdk;
    const slug = this.library;
    if (!client || !slug) return;
    this._responses = { ...this._responses, [request.id]: 'loading' };
    try {
      const full = await client.requests.get(slug, request.id);
      const items = full.responses ?? [];
      // The expert's zone, from her profile, so the owner sees each time as the expert will too.
      const zones: Record<string, string> = {};
      await Promise.all(
        items.map(async (response) => {
          const profile = await client.profiles.get(slug, response.expert.profileId).catch(() => undefined);
          if (profile?.timeZone) zones[response.id] = profile.timeZone;
        }),
      );
      this._responses = { ...this._responses, [request.id]: { items, zones } };
    } catch (error) {
      this._responses = { ...this._responses, [request.id]: { failed: error } };
      this.reportError(error);
    }
  }

  async #renew(request: SkillRequest): Promise<void> {
    const client = this.sdk;
    const slug = this.library;
    if (!client || !slug) return;
    const strings = this.text;
    this._notice = strings.renewing;
    this._actionFailure = undefined;
    try {
      const renewed = await client.requests.update(slug, request.id, { renew: true }, { ifMatch: request.version });
      this.#replace(renewed);
      this._notice = strings.requestRenewed(renewed.title, relativeFromNow(renewed.lapsesAt, strings.locale));
    } catch (error) {
      this._notice = '';
      this._actionFailure = error;
      this.reportError(error);
    }
  }
}

function queryOf(view: View, q: string, category: string, skill: string, limit: number): RequestListQuery {
  return {
    limit,
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    ...(skill ? { skill: [skill] } : {}),
    ...(view === 'mine' ? { mine: true } : {}),
  };
}

/** An open request past its lapse time reads as lapsed, as the API treats it. */
function effectiveStatus(request: SkillRequest): SkillRequest['status'] {
  return request.status === 'open' && new Date(request.lapsesAt).getTime() <= Date.now() ? 'lapsed' : request.status;
}

const isOpen = (request: SkillRequest) => effectiveStatus(request) === 'open';

declare global {
  interface HTMLElementTagNameMap {
    'tl-request-board': TlRequestBoardElement;
  }
}
