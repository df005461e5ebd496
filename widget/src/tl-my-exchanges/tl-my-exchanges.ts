import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { Exchange, ExchangeDetail, ExchangeEvent } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Exchanges } from '@talking-library/sdk/resources/exchanges';
import { getMe } from '@talking-library/sdk/resources/me';
import { TlExchangeAcceptedEvent } from '../events/exchange-accepted.js';
import { TlExchangeCancelledEvent } from '../events/exchange-cancelled.js';
import { TlExchangeConcernReportedEvent } from '../events/exchange-concern-reported.js';
import { TlExchangeConfirmedEvent } from '../events/exchange-confirmed.js';
import { TlExchangeDeclinedEvent } from '../events/exchange-declined.js';
import { TlExchangeDisputedEvent } from '../events/exchange-disputed.js';
import { TlExchangeNoShowEvent } from '../events/exchange-no-show.js';
import { TlExchangeRescheduledEvent } from '../events/exchange-rescheduled.js';
import { TlExchangeTimesProposedEvent } from '../events/exchange-times-proposed.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, NotSignedInError, fieldErrorsOf, isAbort } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, safeUrl, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { formatDateTime, localInputToUtc, sameWallClock, viewerTimeZone, zoneLongName } from '../exchanges/times.js';
import { actionsOf, partiesOf, sectionOf, SECTIONS, type Action, type Parties, type Section } from './exchange-view.js';
import { styles } from './tl-my-exchanges.styles.js';
import { myExchangesStrings } from './tl-my-exchanges.strings.js';

/** The form fields an action may have; each maps to the body field the API names in its problems. */
type Field = 'startsAt' | 'meetingPlace' | 'time-1' | 'time-2' | 'time-3' | 'reason' | 'party';

interface OpenAction {
  action: Action;
  exchange: Exchange;
}

/** Actions that end or mark an exchange for good: their button says so in the danger colour. */
const DESTRUCTIVE = new Set<Action>(['decline', 'cancel', 'dispute', 'noShow']);

/**
 * A member's (and an expert's) one-hour exchanges: upcoming, waiting for her answer, to confirm,
 * and history. Each shows the other party, the time on the viewer's clock and the other's (naming
 * both zones), where they meet, its status and its history, and offers only what the API says may
 * be done with it now (`allowedActions`). Needs a session: a `member-token` or `getSessionToken`.
 *
 * @tag tl-my-exchanges
 *
 * @fires {TlExchangeAcceptedEvent} tl-exchange-accepted - Accepted with a time and a place: now `scheduled`.
 * @fires {TlExchangeTimesProposedEvent} tl-exchange-times-proposed - Other times were proposed for a requested exchange.
 * @fires {TlExchangeDeclinedEvent} tl-exchange-declined - A request was declined.
 * @fires {TlExchangeRescheduledEvent} tl-exchange-rescheduled - A scheduled exchange moved to a new time.
 * @fires {TlExchangeCancelledEvent} tl-exchange-cancelled - An exchange was cancelled, with a reason.
 * @fires {TlExchangeConfirmedEvent} tl-exchange-confirmed - She confirmed the hour happened.
 * @fires {TlExchangeDisputedEvent} tl-exchange-disputed - She said the hour did not happen.
 * @fires {TlExchangeNoShowEvent} tl-exchange-no-show - A no-show was reported; `event.party` says whose.
 * @fires {TlExchangeConcernReportedEvent} tl-exchange-concern-reported - A concern went to the coordinators.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Your exchanges".
 * @csspart status - The polite live region: loading, what was just done.
 * @csspart alert - The assertive live region for errors and the sign-in message.
 * @csspart error - The box shown when a request fails for a reason no field explains.
 * @csspart section - One of upcoming, waiting for you, to confirm, history (`data-section`).
 * @csspart section-heading - A section's heading, with its count.
 * @csspart empty - What a section says when it has no exchanges.
 * @csspart exchange - One exchange (`data-exchange-id`, `data-status`).
 * @csspart exchange-heading - "With …", the other party.
 * @csspart exchange-status - The exchange's status.
 * @csspart exchange-time - When it is, in both zones, or the times proposed.
 * @csspart exchange-place - Where they meet.
 * @csspart exchange-actions - The buttons for what may be done now.
 * @csspart action-button - One action's button (`data-action`).
 * @csspart calendar-button - "Add to calendar" on a scheduled exchange: downloads its `.ics` file, which calendars add (or update, after a reschedule).
 * @csspart history - The disclosure holding what has happened to the exchange.
 * @csspart action-dialog - The dialog that asks what an action needs, and confirms it.
 * @csspart field - A form field or group in the dialog.
 * @csspart field-error - The API's message about a field.
 * @csspart button - Every button.
 * @csspart submit-button - The dialog's button that does the action.
 * @csspart back-button - The dialog's "Go back".
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-color-danger=#b42318] - Buttons that end an exchange (cancel, decline, dispute, no-show).
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 */
export class TlMyExchangesElement extends LibraryElement<'exchanges' | 'me'> {
  static override defaultText = myExchangesStrings;
  static override styles = [themeStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'exchanges' | 'me'> {
    return { exchanges: new Exchanges(transport), me: (library, options) => getMe(transport, library, options) };
  }

  /** Level of the element's heading; each section's is one below, each exchange's two. 2 to 6, by default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  get headingLevel(): HeadingLevel {
    return this.#headingLevel;
  }
  set headingLevel(value: HeadingLevel) {
    this.#headingLevel = toHeadingLevel(value);
  }
  #headingLevel: HeadingLevel = 2;

  @state() private _exchanges: Exchange[] = [];
  @state() private _open: OpenAction | undefined;
  @state() private _fields: Partial<Record<Field, string>> = {};
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _failure: unknown;
  /** What was just done, said in the status region. */
  @state() private _notice = '';
  @state() private _history: Record<string, ExchangeEvent[] | 'loading' | { failed: unknown }> = {};
  /** The exchange whose calendar file is being fetched, and why the last one could not be. */
  @state() private _calendarBusy: string | undefined;
  @state() private _calendarFailure: unknown;

  /** Where focus goes back to when the dialog closes: the button that opened it, if it is still there. */
  #returnTo: { exchangeId: string; action: Action } | undefined;

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError();
      const [me, exchanges] = await Promise.all([client.me(slug, { signal }), all(client, slug, signal)]);
      return { memberId: me.id, exchanges };
    },
    onComplete: ({ exchanges }) => {
      this._exchanges = exchanges;
    },
    onError: (error) => this.reportError(error),
  });

  private _act = new Task(this, {
    autoRun: false,
    task: async ([client, slug, open, fields]: readonly [ClientWith<'exchanges' | 'me'> | undefined, string | null, OpenAction, Partial<Record<Field, string>>], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      return { open, exchange: await perform(client, slug, open, fields, this.#parties(open.exchange), signal) };
    },
    onComplete: ({ open, exchange }) => {
      const parties = this.#parties(exchange);
      this._exchanges = this._exchanges.map((x) => (x.id === exchange.id ? exchange : x));
      // What happened is now part of its history: read it again when next unfolded.
      const { [exchange.id]: _, ...history } = this._history;
      this._history = history;
      this._notice = this.text.actionDone(open.action, parties.otherName);
      // Focus moves with this render, not on the dialog's `close` a task later: by the time the
      // page hears the event, focus is where the member carries on.
      this.#leaveDialog();
      this.dispatchAfterRender(eventFor(open.action, exchange, parties.otherRole));
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const errors = this.#fieldErrors(error);
      this._errors = errors;
      const first = (['startsAt', 'time-1', 'time-2', 'time-3', 'meetingPlace', 'reason', 'party'] as const).find((field) => errors[field]);
      if (first) this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`[data-field="${first}"]`));
      else this._failure = error;
      this.reportError(error);
    },
  });

  /** Reads her exchanges again: for a page that knows something changed elsewhere (a request just sent). */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  /**
   * The other party acts in her own browser, and nothing tells this one: coming back to the page
   * (another tab, the phone unlocked) reads the exchanges again, unless a dialog is open in them,
   * whose exchange must not change under her.
   */
  readonly #onVisible = () => {
    if (document.visibilityState !== 'visible' || this._open || this._load.status === TaskStatus.PENDING) return;
    if (this._load.status === TaskStatus.COMPLETE) void this._load.run();
  };

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING && this._exchanges.length === 0;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedOut = error instanceof NotSignedInError;
    const ready = this._load.value !== undefined && !error;
    return html`
      ${heading(this.headingLevel, 'heading', strings.myExchangesHeading)}
      <p class="status" part="status" role="status">${loading ? strings.loadingExchanges : this._notice}</p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined
          ? renderError(signedOut ? strings.myExchangesSignedOut : strings.exchangesLoadFailed, error, strings)
          : this._calendarFailure !== undefined
            ? renderError(strings.calendarFileFailed, this._calendarFailure, strings)
            : nothing}
      </div>
      ${error !== undefined && !signedOut
        ? html`<button type="button" part="button retry-button" @click=${() => void this._load.run()}>${strings.retry}</button>`
        : nothing}
      ${ready ? SECTIONS.map((section) => this.#renderSection(section, strings)) : nothing}
      ${this.#renderDialog(strings)}
    `;
  }

  #renderSection(section: Section, strings: TalkingLibraryStrings): TemplateResult {
    const exchanges = this._exchanges.filter((exchange) => sectionOf(exchange) === section);
    exchanges.sort((a, b) => (section === 'history' ? -1 : 1) * timeOf(a).localeCompare(timeOf(b)));
    const headingId = `section-${section}`;
    return html`
      <section part="section" data-section=${section} aria-labelledby=${headingId}>
        ${heading(below(this.headingLevel, 1), 'section-heading', html`${strings.exchangeSection(section)} <span class="count">(${strings.exchangeCount(exchanges.length)})</span>`, headingId)}
        ${exchanges.length === 0
          ? html`<p class="empty" part="empty">${strings.exchangeSectionEmpty(section)}</p>`
          : html`<ul class="exchanges" role="list">
              ${exchanges.map((exchange) => html`<li>${this.#renderExchange(exchange, strings)}</li>`)}
            </ul>`}
      </section>
    `;
  }

  #renderExchange(exchange: Exchange, strings: TalkingLibraryStrings): TemplateResult {
    const parties = this.#parties(exchange);
    const headingId = `exchange-${exchange.id}`;
    const actions = actionsOf(exchange);
    const calendar = exchange.status === 'scheduled' && !!exchange.startsAt;
    return html`
      <article class="exchange" part="exchange" data-exchange-id=${exchange.id} data-status=${exchange.status} aria-labelledby=${headingId}>
        ${heading(below(this.headingLevel, 2), 'exchange-heading', strings.exchangeWith(parties.otherName), headingId, true)}
        <p class="who">${parties.myRole === 'member' ? strings.youAskedLabel : strings.theyAskedLabel(parties.otherName)}</p>
        <dl class="facts">
          <div><dt>${strings.exchangeStatusLabel}</dt><dd part="exchange-status">${strings.exchangeStatus(exchange.status)}</dd></div>
          <div><dt>${strings.whenLabel}</dt><dd part="exchange-time">${this.#renderWhen(exchange, parties, strings)}</dd></div>
          ${exchange.status === 'scheduled' || exchange.meetingPlace
            ? html`<div><dt>${strings.whereLabel}</dt><dd part="exchange-place">${renderPlace(exchange.meetingPlace, strings)}</dd></div>`
            : nothing}
          ${exchange.message ? html`<div><dt>${strings.exchangeMessageLabel}</dt><dd class="prose">${exchange.message}</dd></div>` : nothing}
          ${exchange.reason ? html`<div><dt>${strings.reasonGiven}</dt><dd class="prose">${exchange.reason}</dd></div>` : nothing}
        </dl>
        ${actions.length > 0 || calendar
          ? html`<div class="actions" part="exchange-actions">
              ${actions.map(
                (action) => html`<button type="button" class=${DESTRUCTIVE.has(action) ? 'secondary danger' : action === 'accept' || action === 'confirm' ? '' : 'secondary'}
                  part="button action-button" data-action=${action} aria-haspopup="dialog" aria-describedby=${headingId}
                  @click=${() => this.#openDialog(action, exchange)}>${strings.exchangeAction(action)}</button>`,
              )}
              ${calendar
                ? html`<button type="button" class="secondary" part="button calendar-button" aria-describedby=${headingId}
                    aria-disabled=${this._calendarBusy === exchange.id ? 'true' : 'false'} @click=${() => void this.#downloadCalendar(exchange)}>${strings.addToCalendar}</button>`
                : nothing}
            </div>`
          : nothing}
        <details class="history" part="history" @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && this.#loadHistory(exchange)}>
          <summary>${strings.historyLabel}</summary>
          ${this.#renderHistory(exchange, parties, strings)}
        </details>
      </article>
    `;
  }

  #renderWhen(exchange: Exchange, parties: Parties, strings: TalkingLibraryStrings): TemplateResult | string {
    if (exchange.startsAt) return this.#timeWithZones(exchange.startsAt, parties, strings);
    if (exchange.proposedTimes.length === 0) return '';
    const byMe = exchange.proposedBy === parties.myRole;
    return html`${strings.proposedTimesLabel(byMe, parties.otherName)}:
      <ul class="times">
        ${exchange.proposedTimes.map((time) => html`<li>${this.#timeWithZones(time, parties, strings)}</li>`)}
      </ul>`;
  }

  /** The time on her clock and on the other party's, naming both zones; once when the clocks agree. */
  #timeWithZones(iso: string, parties: Parties, strings: TalkingLibraryStrings): string {
    const mine = viewerTimeZone();
    const locale = strings.locale;
    const other = sameWallClock(iso, mine, parties.otherTimeZone) ? undefined : formatDateTime(iso, parties.otherTimeZone, locale);
    return strings.timeWithZones(formatDateTime(iso, mine, locale), zoneLabel(mine, locale, iso), other, zoneLabel(parties.otherTimeZone, locale, iso), parties.otherName);
  }

  #renderHistory(exchange: Exchange, parties: Parties, strings: TalkingLibraryStrings): TemplateResult {
    const history = eventsOf(exchange) ?? this._history[exchange.id];
    if (history === undefined || history === 'loading') return html`<p class="note" role="status">${strings.loadingExchanges}</p>`;
    if (!Array.isArray(history)) return renderError(strings.exchangesLoadFailed, history.failed, strings, () => this.#loadHistory(exchange, true));
    const locale = strings.locale;
    const zone = viewerTimeZone();
    return html`<ol class="events">
      ${history.map((event) => {
        const who = event.actor === null ? strings.historyWhoSystem : event.actor.id === this._load.value?.memberId ? strings.historyWhoYou : event.actor.name || parties.otherName;
        return html`<li data-kind=${event.kind}>${strings.historyEvent(formatDateTime(event.at, zone, locale), who, strings.historyKind(event.kind))}</li>`;
      })}
    </ol>`;
  }

  #loadHistory(exchange: Exchange, again = false): void {
    const client = this.sdk;
    if (!client || !this.library || eventsOf(exchange) || (this._history[exchange.id] && !again)) return;
    this._history = { ...this._history, [exchange.id]: 'loading' };
    client.exchanges.get(this.library, exchange.id).then(
      (detail) => (this._history = { ...this._history, [exchange.id]: detail.events }),
      (error: unknown) => {
        this._history = { ...this._history, [exchange.id]: { failed: error } };
        this.reportError(error);
      },
    );
  }

  /**
   * The API wants the session in a header, so a plain link to calendar.ics cannot carry it: the
   * SDK fetches the file and a link to it as a Blob is clicked, which the browser saves as the file.
   */
  async #downloadCalendar(exchange: Exchange): Promise<void> {
    const client = this.sdk;
    if (!client || !this.library || this._calendarBusy) return;
    this._calendarBusy = exchange.id;
    this._calendarFailure = undefined;
    this._notice = '';
    try {
      const ics = await client.exchanges.calendar(this.library, exchange.id);
      const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `exchange-${exchange.id}.ics`;
      link.hidden = true;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      // Long enough for the browser to have read it; the page may stay open for hours.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this._notice = this.text.calendarFileReady(this.#parties(exchange).otherName);
    } catch (error) {
      this._calendarFailure = error;
      this.reportError(error);
    } finally {
      this._calendarBusy = undefined;
    }
  }

  // --- the action dialog

  #renderDialog(strings: TalkingLibraryStrings): TemplateResult {
    const open = this._open;
    const busy = this._act.status === TaskStatus.PENDING ? 'true' : 'false';
    return html`
      <dialog part="action-dialog" aria-labelledby=${open ? 'action-heading' : nothing} @close=${this.#onDialogClose}>
        ${open
          ? html`<form novalidate @submit=${this.#onSubmit}>
              ${heading(below(this.headingLevel, 1), 'dialog-heading', strings.actionHeading(open.action), 'action-heading')}
              <p class="intro">${strings.exchangeWith(this.#parties(open.exchange).otherName)}. ${strings.actionIntro(open.action)}</p>
              ${this.#renderFields(open, strings)}
              <div role="alert">${this._failure !== undefined ? renderError(strings.actionFailed, this._failure, strings) : nothing}</div>
              <p class="status" role="status">${this._act.status === TaskStatus.PENDING ? strings.savingAction : ''}</p>
              <div class="actions">
                <button type="submit" class=${DESTRUCTIVE.has(open.action) ? 'danger' : ''} part="button submit-button" aria-disabled=${busy}>${strings.actionSubmit(open.action)}</button>
                <button type="button" class="secondary" part="button back-button" @click=${this.#closeDialog}>${strings.keepExchange}</button>
              </div>
            </form>`
          : nothing}
      </dialog>
    `;
  }

  #renderFields(open: OpenAction, strings: TalkingLibraryStrings): TemplateResult | typeof nothing {
    const parties = this.#parties(open.exchange);
    const zone = zoneLabel(viewerTimeZone(), strings.locale, new Date().toISOString());
    switch (open.action) {
      case 'accept':
        return html`
          ${this.#renderChoice('startsAt', strings.chooseTimeLabel, open.exchange.proposedTimes.map((time) => ({ value: time, label: this.#timeWithZones(time, parties, strings) })), strings)}
          ${this.#renderInput('meetingPlace', strings.meetingPlaceLabel, strings.meetingPlaceHint, strings)}
        `;
      case 'propose':
        return html`<fieldset part="field">
          <legend>${strings.proposedTimesLabel(true, parties.otherName)}</legend>
          <p class="hint" id="propose-hint">${strings.timeInYourZone(zone)}</p>
          ${[1, 2, 3].map((n) => this.#renderInput(`time-${n}` as Field, strings.proposedTimeLabel(n), undefined, strings, 'datetime-local', 'propose-hint'))}
        </fieldset>`;
      case 'reschedule':
        return html`
          ${this.#renderInput('startsAt', strings.newTimeLabel, strings.timeInYourZone(zone), strings, 'datetime-local')}
          ${this.#renderInput('reason', strings.reasonLabel, undefined, strings, 'textarea')}
        `;
      case 'cancel':
      case 'dispute':
        return this.#renderInput('reason', strings.reasonLabel, undefined, strings, 'textarea');
      case 'decline':
        return this.#renderInput('reason', strings.noteLabel, undefined, strings, 'textarea');
      case 'concern':
        return this.#renderInput('reason', strings.concernLabel, undefined, strings, 'textarea');
      case 'noShow':
        // Only the other party's: one who could not come herself cancels, or says so to the other.
        return html`
          <p class="field" data-field="party">${strings.noShowParty('other', parties.otherName)}</p>
          ${this._errors.party ? html`<p class="field-error" part="field-error">${strings.fieldError(strings.noShowPartyLabel, this._errors.party)}</p>` : nothing}
          ${this.#renderInput('reason', strings.noteLabel, undefined, strings, 'textarea')}
        `;
      default:
        return nothing;
    }
  }

  #renderChoice(field: Field, legend: string, options: { value: string; label: string }[], strings: TalkingLibraryStrings): TemplateResult {
    const error = this._errors[field];
    return html`
      <fieldset part="field" class=${error ? 'invalid' : ''} aria-describedby=${error ? `${field}-error` : nothing}>
        <legend>${legend}</legend>
        ${error ? html`<p class="field-error" part="field-error" id="${field}-error">${strings.fieldError(legend, error)}</p>` : nothing}
        ${options.map(
          (option, i) => html`<label class="option">
            <input type="radio" name=${field} value=${option.value} data-field=${i === 0 ? field : nothing} .checked=${this._fields[field] === option.value}
              aria-invalid=${error ? 'true' : 'false'} @change=${() => this.#set(field, option.value)} />
            ${option.label}
          </label>`,
        )}
      </fieldset>
    `;
  }

  #renderInput(field: Field, label: string, hint: string | undefined, strings: TalkingLibraryStrings, type: 'text' | 'textarea' | 'datetime-local' = 'text', sharedHint?: string): TemplateResult {
    const id = `field-${field}`;
    const error = this._errors[field];
    const describedBy = [hint ? `${id}-hint` : sharedHint, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
    const onInput = (event: Event) => this.#set(field, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${id}>${label}</label>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${strings.fieldError(label, error)}</p>` : nothing}
        ${type === 'textarea'
          ? html`<textarea id=${id} data-field=${field} maxlength="2000" aria-describedby=${describedBy || nothing} aria-invalid=${error ? 'true' : 'false'}
              .value=${this._fields[field] ?? ''} @input=${onInput}></textarea>`
          : html`<input id=${id} data-field=${field} type=${type} step=${type === 'datetime-local' ? '900' : nothing} autocomplete="off"
              aria-describedby=${describedBy || nothing} aria-invalid=${error ? 'true' : 'false'} .value=${this._fields[field] ?? ''} @input=${onInput} />`}
      </div>
    `;
  }

  #set(field: Field, value: string): void {
    this._fields = { ...this._fields, [field]: value };
  }

  #openDialog(action: Action, exchange: Exchange): void {
    this._open = { action, exchange };
    this._fields = action === 'accept' && exchange.proposedTimes.length === 1 ? { startsAt: exchange.proposedTimes[0]! } : {};
    this._errors = {};
    this._failure = undefined;
    this._notice = '';
    this.#returnTo = { exchangeId: exchange.id, action };
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog');
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  #closeDialog = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  /** Closed by "Go back" or Escape: nothing was done, and focus goes back where the member was. */
  #onDialogClose = (): void => {
    if (this._act.status === TaskStatus.PENDING) this._act.abort();
    this.#leaveDialog();
  };

  /** Closes the dialog and gives focus back: to the button that opened it, or its exchange once that button has gone. */
  #leaveDialog(): void {
    this._open = undefined;
    const back = this.#returnTo;
    this.#returnTo = undefined;
    this.renderRoot.querySelector('dialog')?.close();
    if (!back) return;
    this.focusAfterRender(
      () =>
        this.renderRoot.querySelector<HTMLElement>(`[data-exchange-id="${back.exchangeId}"] [data-action="${back.action}"]`) ??
        this.renderRoot.querySelector<HTMLElement>(`#exchange-${back.exchangeId}`),
    );
  }

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const open = this._open;
    if (!open || this._act.status === TaskStatus.PENDING) return;
    this._errors = {};
    this._failure = undefined;
    void this._act.run([this.sdk, this.library, open, this._fields]);
  };

  /** The problem's messages by the dialog field each is about. */
  #fieldErrors(error: unknown): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    const action = this._open?.action;
    for (const { path, message } of fieldErrorsOf(error)) {
      const field = path.replace(/^body\./, '');
      const index = /^proposedTimes\.(\d)$/.exec(field)?.[1];
      let target: Field | undefined;
      if (field === 'startsAt' || field === 'meetingPlace' || field === 'reason' || field === 'party') target = field;
      else if (field === 'note' || field === 'body') target = 'reason';
      else if (field.startsWith('proposedTimes')) target = action === 'propose' ? (`time-${Number(index ?? 0) + 1}` as Field) : 'startsAt';
      if (target && !errors[target]) errors[target] = message;
    }
    return errors;
  }

  #parties(exchange: Exchange): Parties {
    return partiesOf(exchange);
  }
}

/** Every exchange she is a party to, as member or as expert, page after page. */
async function all(client: ClientWith<'exchanges' | 'me'>, slug: string, signal: AbortSignal): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  for await (const exchange of client.exchanges.list(slug, { limit: 100 }, { signal })) exchanges.push(exchange);
  return exchanges;
}

/** The SDK call for an action, with the dialog's fields as its body. */
function perform(
  client: ClientWith<'exchanges' | 'me'>,
  slug: string,
  { action, exchange }: OpenAction,
  fields: Partial<Record<Field, string>>,
  parties: Parties,
  signal: AbortSignal,
): Promise<Exchange> {
  const options = { signal };
  const reason = fields.reason?.trim() || undefined;
  const id = exchange.id;
  switch (action) {
    case 'accept':
      return client.exchanges.accept(slug, id, { startsAt: fields.startsAt ?? '', meetingPlace: fields.meetingPlace?.trim() ?? '' }, options);
    case 'propose':
      return client.exchanges.propose(slug, id, { proposedTimes: [fields['time-1'], fields['time-2'], fields['time-3']].map((v) => localInputToUtc(v ?? '')).filter((t): t is string => !!t) }, options);
    case 'decline':
      return client.exchanges.decline(slug, id, { reason }, options);
    case 'reschedule':
      return client.exchanges.reschedule(slug, id, { startsAt: localInputToUtc(fields.startsAt ?? '') ?? '', reason }, options);
    case 'cancel':
      return client.exchanges.cancel(slug, id, { reason: reason ?? '' }, options);
    case 'confirm':
      return client.exchanges.complete(slug, id, options);
    case 'dispute':
      return client.exchanges.dispute(slug, id, { reason: reason ?? '' }, options);
    case 'noShow':
      return client.exchanges.noShow(slug, id, { party: parties.otherRole, reason }, options);
    case 'concern':
      return client.exchanges.reportConcern(slug, id, { body: reason ?? '' }, options).then(() => exchange);
  }
}

function eventFor(action: Action, exchange: Exchange, party: 'member' | 'expert'): Event {
  switch (action) {
    case 'accept':
      return new TlExchangeAcceptedEvent(exchange);
    case 'propose':
      return new TlExchangeTimesProposedEvent(exchange);
    case 'decline':
      return new TlExchangeDeclinedEvent(exchange);
    case 'reschedule':
      return new TlExchangeRescheduledEvent(exchange);
    case 'cancel':
      return new TlExchangeCancelledEvent(exchange);
    case 'confirm':
      return new TlExchangeConfirmedEvent(exchange);
    case 'dispute':
      return new TlExchangeDisputedEvent(exchange);
    case 'noShow':
      return new TlExchangeNoShowEvent(exchange, party);
    case 'concern':
      return new TlExchangeConcernReportedEvent(exchange);
  }
}

function renderPlace(place: string | null, strings: TalkingLibraryStrings): TemplateResult | string {
  if (!place) return strings.noPlaceYet;
  const href = safeUrl(place);
  // Only a web address becomes a link; anything else is a place, shown as text.
  return href ? html`<a href=${href} rel="noopener noreferrer" target="_blank">${place}<span class="visually-hidden"> ${strings.opensInNewTab}</span></a>` : place;
}

function zoneLabel(timeZone: string, locale: string, at: string): string {
  const name = zoneLongName(timeZone, locale, new Date(at));
  return name === timeZone ? timeZone : `${timeZone}, ${name}`;
}

/** What has happened to it, when the API sent that along (an exchange read alone, or just changed). */
function eventsOf(exchange: Exchange): ExchangeEvent[] | undefined {
  return (exchange as Partial<ExchangeDetail>).events;
}

/** When it is (or was first proposed), for ordering. */
function timeOf(exchange: Exchange): string {
  return exchange.startsAt ?? exchange.proposedTimes[0] ?? exchange.createdAt;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-my-exchanges': TlMyExchangesElement;
  }
}
