import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CreditBalance, Exchange, ExchangeCreate, Profile, Slot } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Credits } from '@talking-library/sdk/resources/credits';
import { Exchanges } from '@talking-library/sdk/resources/exchanges';
import { Profiles } from '@talking-library/sdk/resources/profiles';
import { TlExchangeRequestedEvent } from '../events/exchange-requested.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, fieldErrorsOf, isAbort } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { dayKey, formatClock, formatDay, formatDateTime, localInputToUtc, sameWallClock, viewerTimeZone, zoneLongName } from '../exchanges/times.js';
import { styles } from './tl-request-hour.styles.js';
import { requestHourStrings } from './tl-request-hour.strings.js';

/** How far ahead her free times are shown. */
const SLOT_DAYS = 21;
/** An hour, which is what every exchange is and what asking for one holds. */
const HOUR_MINUTES = 60;
const PROPOSALS = [1, 2, 3] as const;

type Mode = 'slot' | 'proposed';
type Field = 'when' | 'time-1' | 'time-2' | 'time-3' | 'message';

/** Nobody is signed in: there is no credit to show, and nobody to ask on behalf of. */
class NotSignedInError extends Error {
  override name = 'NotSignedInError';
  constructor(readonly profile: Profile) {
    super('Not signed in');
  }
}

/**
 * Asking an expert for a one-hour exchange: her free times in the viewer's time zone (naming both
 * zones), or up to three times of the member's own; a message; and the member's credit, which an
 * accepted request holds one hour of. `<talking-library>` shows it in its profile dialog when
 * "Request an hour" is pressed; a page can also show it itself with a `profile` or `profile-id`.
 *
 * @tag tl-request-hour
 *
 * @fires {TlExchangeRequestedEvent} tl-exchange-requested - The request was sent; `event.exchange` is the new exchange, `requested`.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Ask … for an hour".
 * @csspart status - The polite live region: loading, sending.
 * @csspart alert - The assertive live region for errors and the sign-in message.
 * @csspart signed-out - Says how to sign in, when nobody is.
 * @csspart error - The box shown when a request fails for a reason no field explains.
 * @csspart credit - Her balance, held and available hours, and what asking holds.
 * @csspart no-credit - What to do when she has no hours to spend.
 * @csspart form - The request form.
 * @csspart field - A form field or group: its label, hint, error and controls.
 * @csspart field-error - The API's message about a field.
 * @csspart mode-option - "One of her free times" or "Propose times of your own".
 * @csspart slots - The expert's free times, by day.
 * @csspart slot - One free time's radio button and label.
 * @csspart time-input - A proposed time (`datetime-local`, on the viewer's clock).
 * @csspart message-input - The message to the expert.
 * @csspart button - Every button.
 * @csspart submit-button - "Send request".
 * @csspart result - What was sent, once it has been.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 */
export class TlRequestHourElement extends LibraryElement<'credits' | 'exchanges' | 'profiles'> {
  static override defaultText = requestHourStrings;
  static override styles = [themeStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'credits' | 'exchanges' | 'profiles'> {
    return { credits: new Credits(transport), exchanges: new Exchanges(transport), profiles: new Profiles(transport) };
  }

  /** The expert's profile, as a page (or `<talking-library>`) already has it. Wins over `profile-id`. */
  @property({ attribute: false }) profile: Profile | undefined;

  /** The expert's profile id (`prf_…`), when the page has no profile object to give. */
  @property({ attribute: 'profile-id' }) profileId: string | null = null;

  /** Level of the element's heading; its sections are one below. 2 to 6, by default 2. */
  @property({ attribute: 'heading-level', type: Number, reflect: true })
  get headingLevel(): HeadingLevel {
    return this.#headingLevel;
  }
  set headingLevel(value: HeadingLevel) {
    this.#headingLevel = toHeadingLevel(value);
  }
  #headingLevel: HeadingLevel = 2;

  @state() private _mode: Mode | undefined;
  @state() private _slot = '';
  @state() private _times: [string, string, string] = ['', '', ''];
  @state() private _message = '';
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _failure: unknown;
  @state() private _sent: Exchange | undefined;

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.profile, this.profileId, this.memberToken, this.getSessionToken] as const,
    task: async ([client, slug, given, id], { signal }) => {
      if (!client || !slug || !(given || id)) throw new NotConfiguredError();
      const profile = given ?? (await client.profiles.get(slug, id!, { signal }));
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError(profile);
      const from = new Date();
      const to = new Date(from.getTime() + SLOT_DAYS * 24 * 3600_000);
      const [balance, slots] = await Promise.all([
        client.credits.balance(slug, { signal }),
        // Without her free times the member can still propose times: say so, do not fail the form.
        client.profiles.slots(slug, profile.id, { from: from.toISOString(), to: to.toISOString() }, { signal }).then(
          (page) => page.data,
          (error: unknown) => {
            if (isAbort(error)) throw error;
            this.reportError(error);
            return undefined;
          },
        ),
      ]);
      return { profile, balance, slots };
    },
    onComplete: () => {
      this._sent = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  private _send = new Task(this, {
    autoRun: false,
    task: async ([client, slug, body]: readonly [ClientWith<'credits' | 'exchanges' | 'profiles'> | undefined, string | null, ExchangeCreate], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      return client.exchanges.create(slug, body, { signal });
    },
    onComplete: (exchange) => {
      this._sent = exchange;
      this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('#result-heading'));
      this.dispatchAfterRender(new TlExchangeRequestedEvent(exchange));
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const errors = this.#fieldErrors(error);
      this._errors = errors;
      const first = (['when', 'time-1', 'time-2', 'time-3', 'message'] as const).find((field) => errors[field]);
      if (first) this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#${first === 'when' ? this.#whenTarget() : first}`));
      else this._failure = error;
      this.reportError(error);
    },
  });

  /** Focuses the heading, so a member who pressed "Request an hour" hears where she is. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#heading')?.focus(options));
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const loading = this._load.status === TaskStatus.PENDING;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedOut = error instanceof NotSignedInError;
    const name = this.profile?.displayName ?? (signedOut ? error.profile.displayName : this._load.value?.profile.displayName) ?? '';
    const value = error ? undefined : this._load.value;
    return html`
      ${heading(this.headingLevel, 'heading', strings.requestHourHeading(name), 'heading', true)}
      <p class="status" part="status" role="status">${loading ? strings.loadingRequestHour : this._send.status === TaskStatus.PENDING ? strings.sendingRequest : ''}</p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined ? (signedOut ? html`<p class="signed-out" part="signed-out">${strings.requestHourSignedOut(name)}</p>` : renderError(strings.requestHourLoadFailed, error, strings)) : nothing}
      </div>
      ${error !== undefined && !signedOut
        ? html`<button type="button" part="button retry-button" @click=${() => void this._load.run()}>${strings.retry}</button>`
        : nothing}
      ${value ? (this._sent ? this.#renderSent(this._sent, value.profile, strings) : this.#renderReady(value.profile, value.balance, value.slots, strings)) : nothing}
    `;
  }

  #renderReady(profile: Profile, balance: CreditBalance, slots: Slot[] | undefined, strings: TalkingLibraryStrings): TemplateResult {
    const canPay = balance.availableMinutes >= HOUR_MINUTES;
    return html`
      <section class="credit" part="credit" aria-labelledby="credit-heading">
        ${heading(below(this.headingLevel, 1), 'section-heading', strings.yourCreditHeading, 'credit-heading')}
        <dl class="figures">
          <div class="figure"><dt>${strings.balanceLabel}</dt><dd data-figure="balance">${strings.hours(balance.balance)}</dd></div>
          <div class="figure"><dt>${strings.heldLabel}</dt><dd data-figure="held">${strings.hours(balance.held)}</dd></div>
          <div class="figure"><dt>${strings.availableLabel}</dt><dd data-figure="available">${strings.hours(balance.available)}</dd></div>
        </dl>
        ${canPay
          ? html`<p class="note" part="holds">${strings.holdsOneHour(profile.displayName)}</p>`
          : html`<p class="empty" part="no-credit">${strings.noCreditToRequest}</p>`}
      </section>
      ${canPay ? this.#renderForm(profile, slots, strings) : nothing}
    `;
  }

  #renderForm(profile: Profile, slots: Slot[] | undefined, strings: TalkingLibraryStrings): TemplateResult {
    const mode = this.#mode(slots);
    const busy = this._send.status === TaskStatus.PENDING ? 'true' : 'false';
    const viewerZone = this.#zoneLabel(viewerTimeZone(), strings);
    const expertZone = this.#zoneLabel(profile.timeZone, strings);
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${(event: SubmitEvent) => this.#onSubmit(event, profile, slots)}>
        <div role="alert">${this._failure !== undefined ? renderError(strings.requestFailed, this._failure, strings) : nothing}</div>
        ${slots && slots.length > 0
          ? html`<fieldset part="field" class="modes">
              <legend>${strings.whenLegend}</legend>
              <div class="options">
                ${(['slot', 'proposed'] as const).map(
                  (option) => html`<label class="option" part="mode-option">
                    <input type="radio" name="mode" value=${option} .checked=${mode === option} @change=${() => (this._mode = option)} />
                    ${option === 'slot' ? strings.chooseSlot : strings.chooseProposed}
                  </label>`,
                )}
              </div>
            </fieldset>`
          : html`<p class="note" part="no-slots">${slots ? strings.noSlots(profile.displayName) : strings.slotsUnavailable}</p>`}
        ${mode === 'slot' && slots ? this.#renderSlots(profile, slots, viewerZone, expertZone, strings) : this.#renderProposed(viewerZone, expertZone, strings)}
        ${this.#renderMessage(strings)}
        <button type="submit" part="button submit-button" aria-disabled=${busy}>${strings.sendRequest}</button>
      </form>
    `;
  }

  #renderSlots(profile: Profile, slots: Slot[], viewerZone: string, expertZone: string, strings: TalkingLibraryStrings): TemplateResult {
    const zone = viewerTimeZone();
    const locale = strings.locale;
    const days = new Map<string, Slot[]>();
    for (const slot of slots) days.set(dayKey(slot.startsAt, zone), [...(days.get(dayKey(slot.startsAt, zone)) ?? []), slot]);
    const error = this._errors.when;
    return html`
      <fieldset id="slots" part="field slots" class=${error ? 'invalid' : ''} aria-describedby="slots-hint${error ? ' slots-error' : ''}">
        <legend>${strings.slotsLegend(profile.displayName)}</legend>
        <p class="hint" id="slots-hint">${strings.slotsHint(viewerZone, expertZone)}</p>
        ${error ? html`<p class="field-error" part="field-error" id="slots-error">${strings.fieldError(strings.slotsLegend(profile.displayName), error)}</p>` : nothing}
        ${[...days.values()].map(
          (day, d) => html`<div class="day" role="group" aria-labelledby="day-${d}">
            <p class="day-name" id="day-${d}">${formatDay(day[0]!.startsAt, zone, locale)}</p>
            <div class="options">
              ${day.map((slot) => {
                const hers = sameWallClock(slot.startsAt, zone, profile.timeZone) ? undefined : formatClock(slot.startsAt, profile.timeZone, locale);
                return html`<label class="option" part="slot" data-starts-at=${slot.startsAt}>
                  <input type="radio" name="slot" value=${slot.startsAt} .checked=${this._slot === slot.startsAt} aria-invalid=${error ? 'true' : 'false'}
                    @change=${() => (this._slot = slot.startsAt)} />
                  ${strings.slotLabel(formatClock(slot.startsAt, zone, locale), formatClock(slot.endsAt, zone, locale), hers)}
                </label>`;
              })}
            </div>
          </div>`,
        )}
      </fieldset>
    `;
  }

  #renderProposed(viewerZone: string, expertZone: string, strings: TalkingLibraryStrings): TemplateResult {
    const whenError = this._errors.when;
    return html`
      <fieldset part="field" class=${whenError ? 'invalid' : ''} aria-describedby="proposed-hint${whenError ? ' proposed-error' : ''}">
        <legend>${strings.proposedLegend}</legend>
        <p class="hint" id="proposed-hint">${strings.proposedHint(viewerZone, expertZone)}</p>
        ${whenError ? html`<p class="field-error" part="field-error" id="proposed-error">${strings.fieldError(strings.proposedLegend, whenError)}</p>` : nothing}
        ${PROPOSALS.map((n) => {
          const id = `time-${n}` as const;
          const error = this._errors[id];
          const label = strings.proposedTimeLabel(n);
          return html`<div class="field ${error ? 'invalid' : ''}">
            <label for=${id}>${label}</label>
            ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${strings.fieldError(label, error)}</p>` : nothing}
            <input id=${id} part="time-input" type="datetime-local" step="900" .value=${this._times[n - 1]}
              aria-describedby="proposed-hint${error ? ` ${id}-error` : ''}" aria-invalid=${error || whenError ? 'true' : 'false'}
              @input=${(event: Event) => this.#setTime(n - 1, (event.target as HTMLInputElement).value)} />
          </div>`;
        })}
      </fieldset>
    `;
  }

  #renderMessage(strings: TalkingLibraryStrings): TemplateResult {
    const error = this._errors.message;
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for="message">${strings.messageLabel}</label>
        <p class="hint" id="message-hint">${strings.messageHint}</p>
        ${error ? html`<p class="field-error" part="field-error" id="message-error">${strings.fieldError(strings.messageLabel, error)}</p>` : nothing}
        <textarea id="message" part="message-input" maxlength="4000" aria-describedby="message-hint${error ? ' message-error' : ''}"
          aria-invalid=${error ? 'true' : 'false'} .value=${this._message}
          @input=${(event: Event) => (this._message = (event.target as HTMLTextAreaElement).value)}></textarea>
      </div>
    `;
  }

  #renderSent(exchange: Exchange, profile: Profile, strings: TalkingLibraryStrings): TemplateResult {
    const zone = viewerTimeZone();
    return html`
      <section class="result" part="result" aria-labelledby="result-heading" data-exchange-id=${exchange.id}>
        ${heading(below(this.headingLevel, 1), 'section-heading', strings.requestSentHeading, 'result-heading', true)}
        <p>${strings.requestSent(profile.displayName)}</p>
        ${exchange.proposedTimes.length
          ? html`<p>${strings.requestedTimesLabel}</p>
              <ul>
                ${exchange.proposedTimes.map((time) => html`<li>${formatDateTime(time, zone, strings.locale)}</li>`)}
              </ul>
              <p class="note">${this.#zoneLabel(zone, strings)}</p>`
          : nothing}
      </section>
    `;
  }

  /** Free times first, when she has any; her own times otherwise. */
  #mode(slots: Slot[] | undefined): Mode {
    return this._mode ?? (slots && slots.length > 0 ? 'slot' : 'proposed');
  }

  #whenTarget(): string {
    if (this.#mode(this._load.value?.slots) === 'proposed') return 'time-1';
    return this.renderRoot.querySelector('input[name="slot"]:checked') ? 'slots input:checked' : 'slots input';
  }

  #zoneLabel(timeZone: string, strings: TalkingLibraryStrings): string {
    const name = zoneLongName(timeZone, strings.locale);
    return name === timeZone ? timeZone : `${name} (${timeZone})`;
  }

  #setTime(index: number, value: string): void {
    const times = [...this._times] as [string, string, string];
    times[index] = value;
    this._times = times;
  }

  #onSubmit(event: SubmitEvent, profile: Profile, slots: Slot[] | undefined): void {
    event.preventDefault();
    if (this._send.status === TaskStatus.PENDING) return;
    this._errors = {};
    this._failure = undefined;
    // The API says what is wrong, in the words of every other rule it keeps: a time not chosen is
    // sent as none, so the answer is "choose a time", not a guess made here.
    const proposedTimes =
      this.#mode(slots) === 'slot'
        ? this._slot
          ? [this._slot]
          : []
        : this._times.map((value) => localInputToUtc(value)).filter((time): time is string => time !== undefined);
    const body: ExchangeCreate = { profileId: profile.id, message: this._message.trim(), proposedTimes, timeZone: viewerTimeZone() };
    void this._send.run([this.sdk, this.library, body]);
  }

  /** The problem's messages by the field each is about: `body.proposedTimes.1` is the second time box. */
  #fieldErrors(error: unknown): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    const proposing = this.#mode(this._load.value?.slots) === 'proposed';
    for (const { path, message } of fieldErrorsOf(error)) {
      const field = path.replace(/^body\./, '');
      const index = /^proposedTimes\.(\d)$/.exec(field)?.[1];
      let target: Field | undefined;
      if (field === 'message') target = 'message';
      else if (index !== undefined && proposing) target = `time-${this.#boxOf(Number(index))}` as Field;
      else if (field.startsWith('proposedTimes') || field === 'startsAt' || field === 'slot') target = 'when';
      if (target && !errors[target]) errors[target] = message;
    }
    return errors;
  }

  /** Which box (1 to 3) the `index`th time sent came from: empty boxes are not sent. */
  #boxOf(index: number): number {
    let seen = -1;
    for (const [i, value] of this._times.entries()) {
      if (localInputToUtc(value) !== undefined && ++seen === index) return i + 1;
    }
    return 1;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-request-hour': TlRequestHourElement;
  }
}
