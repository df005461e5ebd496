import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CreditBalance, CreditTransfer, CreditTransferPage, GrantCreate } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { Credits } from '@talking-library/sdk/resources/credits';
import { getMe } from '@talking-library/sdk/resources/me';
import { TlCreditsGrantedEvent } from '../events/credits-granted.js';
import { sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, NotSignedInError, fieldErrorsOf, isAbort } from '../internal/errors.js';
import { figureStyles } from '../internal/figures.styles.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { below, heading, toHeadingLevel, type HeadingLevel } from '../internal/profile-view.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-credits.styles.js';
import { creditsStrings } from './tl-credits.strings.js';

type Account = 'own' | 'fund';
type GrantField = 'to' | 'hours' | 'reason';

/** One statement as far as it has been read: its transfers so far and where the next page starts. */
interface Statement {
  items: CreditTransfer[];
  nextCursor: string | null;
}

/**
 * Where a member sees her time: her balance, what exchanges hold and what she may still spend, and
 * her statement with the running balance. A coordinator also sees the library fund's statement and
 * can grant hours from the fund to a member. Needs a session: a `member-token` or `getSessionToken`.
 *
 * @tag tl-credits
 *
 * @fires {TlCreditsGrantedEvent} tl-credits-granted - A coordinator granted hours from the fund; `event.transfer` is the grant.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart heading - "Your time credits".
 * @csspart status - The polite live region: loading, what was just granted.
 * @csspart alert - The assertive live region for errors.
 * @csspart error - The box shown when a request fails for a reason no field explains.
 * @csspart balance - The list of balance, held and available hours.
 * @csspart no-credit - What to do when she has no hours to spend.
 * @csspart statement - A statement's table (hers, and for a coordinator the fund's).
 * @csspart statement-heading - A statement's heading.
 * @csspart statement-row - One transfer in a statement.
 * @csspart show-more-button - Loads the next page of a statement.
 * @csspart grant-form - The coordinator's form to grant hours from the fund.
 * @csspart button - Every button.
 * @csspart grant-button - "Grant hours".
 * @csspart field - A form field's label, hint, error and input.
 * @csspart field-error - The API's message about a field.
 * @csspart member-input - The member to grant hours to.
 * @csspart hours-input - How many hours to grant.
 * @csspart reason-input - Why the hours are granted.
 *
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons and the focus ring; every `--tl-*` property of `<talking-library>` applies.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of buttons, outline and text of secondary ones.
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on buttons filled with `--tl-button-color`.
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring.
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 */
export class TlCreditsElement extends LibraryElement<'credits' | 'me'> {
  static override defaultText = creditsStrings;
  static override styles = [themeStyles, formStyles, figureStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'credits' | 'me'> {
    return { credits: new Credits(transport), me: (library, options) => getMe(transport, library, options) };
  }

  /**
   * Level of the element's heading, to fit the page's outline; each statement's is one below it.
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

  /** How many transfers each page of a statement holds (1 to 100); "Show more" fetches the next. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** The page size the API accepts, whatever the attribute says. */
  get #limit(): number {
    return Number.isInteger(this.pageSize) ? Math.min(100, Math.max(1, this.pageSize)) : 20;
  }

  @state() private _statements: Partial<Record<Account, Statement>> = {};
  @state() private _moreLoading: Account | undefined;
  @state() private _moreFailure: unknown;
  @state() private _grant: Record<GrantField, string> = { to: '', hours: '', reason: '' };
  @state() private _grantErrors: Partial<Record<GrantField, string>> = {};
  @state() private _grantFailure: unknown;
  /** What the coordinator just did, said in the status region. */
  @state() private _notice = '';

  private _load = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken, this.#limit] as const,
    task: async ([client, slug, , , limit], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      if (!this.client && !(await sessionTokenOf(this))) throw new NotSignedInError();
      const [me, balance, own] = await Promise.all([
        client.me(slug, { signal }),
        client.credits.balance(slug, { signal }),
        client.credits.transfers(slug, { limit }, { signal }),
      ]);
      const coordinator = me.roles.includes('coordinator');
      const fund = coordinator ? await client.credits.transfers(slug, { account: 'fund', limit }, { signal }) : undefined;
      return { balance, coordinator, memberId: me.id, own, fund };
    },
    onComplete: ({ own, fund }) => {
      this._statements = { own: statementOf(own), ...(fund ? { fund: statementOf(fund) } : {}) };
      this._moreFailure = undefined;
    },
    onError: (error) => this.reportError(error),
  });

  /** Reads her balance and statements again: for a page that knows they changed elsewhere (an hour confirmed). */
  reload(): Promise<unknown> {
    return this._load.run();
  }

  private _grantTask = new Task(this, {
    autoRun: false,
    task: async ([client, slug, body]: readonly [ClientWith<'credits' | 'me'> | undefined, string | null, GrantCreate], { signal }) => {
      if (!client || !slug) throw new NotConfiguredError();
      return client.credits.grant(slug, body, { signal });
    },
    onComplete: (transfer) => {
      this._grant = { to: '', hours: '', reason: '' };
      this._notice = this.text.granted(transfer.hours);
      // The fund's statement now ends with this grant: read it again, and stay in the form for the next.
      void this._load.run();
      this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>('#grant-to'));
      this.dispatchAfterRender(new TlCreditsGrantedEvent(transfer));
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const errors: Partial<Record<GrantField, string>> = {};
      for (const { path, message } of fieldErrorsOf(error)) {
        const field = path.replace(/^body\./, '') as GrantField;
        if ((field === 'to' || field === 'hours' || field === 'reason') && !errors[field]) errors[field] = message;
      }
      this._grantErrors = errors;
      const first = (['to', 'hours', 'reason'] as const).find((field) => errors[field]);
      if (first) this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#grant-${first}`));
      else this._grantFailure = error;
      this.reportError(error);
    },
  });

  protected override render(): TemplateResult {
    const strings = this.text;
    // After a grant the statements reload quietly: the status keeps saying what was granted.
    const loading = this._load.status === TaskStatus.PENDING;
    const value = this._load.value;
    const error = this._load.status === TaskStatus.ERROR && !isAbort(this._load.error) ? this._load.error : undefined;
    const signedOut = error instanceof NotSignedInError;
    return html`
      ${heading(this.headingLevel, 'heading', strings.creditsHeading, undefined, true)}
      <p class="status" part="status" role="status">${loading && !this._notice ? strings.loadingCredits : this.#statusText(strings)}</p>
      <div class="alert" part="alert" role="alert">
        ${error !== undefined ? renderError(signedOut ? strings.creditsSignedOut : strings.creditsLoadFailed, error, strings) : nothing}
        ${this._moreFailure !== undefined ? renderError(strings.creditsLoadFailed, this._moreFailure, strings) : nothing}
      </div>
      ${error !== undefined && !signedOut
        ? html`<button type="button" part="button retry-button" @click=${() => void this._load.run()}>${strings.retry}</button>`
        : nothing}
      ${value && !error
        ? html`
            ${this.#renderBalance(value.balance, strings)}
            ${this.#renderStatement('own', strings.statementHeading, strings)}
            ${value.coordinator ? html`${this.#renderStatement('fund', strings.fundStatementHeading, strings)}${this.#renderGrantForm(strings)}` : nothing}
          `
        : nothing}
    `;
  }

  #statusText(strings: TalkingLibraryStrings): string {
    if (this._moreLoading) return strings.loadingMoreTransfers;
    if (this._grantTask.status === TaskStatus.PENDING) return strings.granting;
    return this._notice;
  }

  #renderBalance(balance: CreditBalance, strings: TalkingLibraryStrings): TemplateResult {
    return html`
      <dl class="figures" part="balance">
        <div class="figure"><dt>${strings.balanceLabel}</dt><dd data-figure="balance">${strings.hours(balance.balance)}</dd></div>
        <div class="figure"><dt>${strings.heldLabel}</dt><dd data-figure="held">${strings.hours(balance.held)}</dd></div>
        <div class="figure"><dt>${strings.availableLabel}</dt><dd data-figure="available">${strings.hours(balance.available)}</dd></div>
      </dl>
      ${balance.availableMinutes <= 0 ? html`<p class="empty" part="no-credit">${strings.noCredit}</p>` : nothing}
    `;
  }

  #renderStatement(account: Account, title: string, strings: TalkingLibraryStrings): TemplateResult {
    const statement = this._statements[account];
    if (!statement) return html``;
    const headingId = `statement-${account}`;
    const dates = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'medium' });
    return html`
      <section aria-labelledby=${headingId} data-account=${account}>
        ${heading(below(this.headingLevel, 1), 'statement-heading', title, headingId)}
        ${statement.items.length === 0
          ? html`<p class="empty" part="statement-empty">${strings.statementEmpty}</p>`
          : html`<table part="statement">
              <caption>${strings.statementCaption(statement.items.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">${strings.dateColumn}</th>
                  <th scope="col">${strings.whatColumn}</th>
                  <th scope="col" class="number">${strings.amountColumn}</th>
                  <th scope="col" class="number">${strings.runningBalanceColumn}</th>
                </tr>
              </thead>
              <tbody>
                ${statement.items.map((transfer) => this.#renderRow(transfer, account, dates, strings))}
              </tbody>
            </table>`}
        ${statement.nextCursor
          ? html`<button type="button" class="secondary" part="button show-more-button" aria-disabled=${this._moreLoading ? 'true' : 'false'}
              @click=${() => void this.#showMore(account)}>${strings.showMore}</button>`
          : nothing}
      </section>
    `;
  }

  #renderRow(transfer: CreditTransfer, account: Account, dates: Intl.DateTimeFormat, strings: TalkingLibraryStrings): TemplateResult {
    // Hours leaving the account read as negative: the fund's `from` is `fund`, hers is her id.
    const out = transfer.from === (account === 'fund' ? 'fund' : this._load.value?.memberId);
    const signed = out ? -transfer.hours : transfer.hours;
    const what = transfer.reason ? `${strings.transferKinds(transfer.kind)}: ${transfer.reason}` : strings.transferKinds(transfer.kind);
    return html`
      <!-- tabindex -1: "Show more" moves focus to the first new row, which a row takes only so. -->
      <tr part="statement-row" data-transfer-id=${transfer.id} tabindex="-1">
        <td>${dates.format(new Date(transfer.createdAt))}</td>
        <td>${what}</td>
        <td class="number">${strings.hours(signed)}</td>
        <td class="number">${transfer.runningBalance === null ? '' : strings.hours(transfer.runningBalance)}</td>
      </tr>
    `;
  }

  async #showMore(account: Account): Promise<void> {
    const client = this.sdk;
    const statement = this._statements[account];
    if (!client || !this.library || !statement?.nextCursor || this._moreLoading) return;
    this._moreLoading = account;
    this._moreFailure = undefined;
    const shown = statement.items.length;
    try {
      const query = account === 'fund' ? { account: 'fund' as const } : {};
      const page = await client.credits.transfers(this.library, { ...query, limit: this.#limit, cursor: statement.nextCursor });
      this._statements = { ...this._statements, [account]: { items: [...statement.items, ...page.data], nextCursor: page.nextCursor } };
      // Focus moves to the first new row, so a keyboard reads on from where the page ended.
      this.focusAfterRender(() => this.renderRoot.querySelectorAll<HTMLElement>(`[data-account="${account}"] [part~="statement-row"]`)[shown]);
    } catch (error) {
      this._moreFailure = error;
      this.reportError(error);
    } finally {
      this._moreLoading = undefined;
    }
  }

  #renderGrantForm(strings: TalkingLibraryStrings): TemplateResult {
    const busy = this._grantTask.status === TaskStatus.PENDING ? 'true' : 'false';
    return html`
      <form class="grant" part="grant-form" novalidate aria-labelledby="grant-heading" @submit=${this.#onGrant}>
        ${heading(below(this.headingLevel, 1), 'grant-heading', strings.grantHeading, 'grant-heading')}
        <div role="alert">${this._grantFailure !== undefined ? renderError(strings.grantFailed, this._grantFailure, strings) : nothing}</div>
        ${this.#renderField('to', strings.grantMemberLabel, strings.grantMemberHint, 'member-input', strings)}
        ${this.#renderField('hours', strings.grantHoursLabel, strings.grantHoursHint, 'hours-input', strings)}
        ${this.#renderField('reason', strings.grantReasonLabel, strings.grantReasonHint, 'reason-input', strings)}
        <button type="submit" part="button grant-button" aria-disabled=${busy}>${strings.grant}</button>
      </form>
    `;
  }

  #renderField(field: GrantField, label: string, hint: string, inputPart: string, strings: TalkingLibraryStrings): TemplateResult {
    const id = `grant-${field}`;
    const error = this._grantErrors[field];
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${id}>${label}</label>
        <p class="hint" id="${id}-hint">${hint}</p>
        ${error ? html`<p class="field-error" part="field-error" id="${id}-error">${strings.fieldError(label, error)}</p>` : nothing}
        <input id=${id} part=${inputPart} required autocomplete="off" inputmode=${field === 'hours' ? 'decimal' : 'text'}
          aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}" aria-invalid=${error ? 'true' : 'false'} .value=${this._grant[field]}
          @input=${(event: Event) => (this._grant = { ...this._grant, [field]: (event.target as HTMLInputElement).value })} />
      </div>
    `;
  }

  #onGrant = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this._grantTask.status === TaskStatus.PENDING) return;
    this._grantErrors = {};
    this._grantFailure = undefined;
    this._notice = '';
    const { to, hours, reason } = this._grant;
    // The API says what is wrong with each field, in the same words as every other rule it keeps;
    // a blank number goes as nothing, so it is "required", not "0".
    const amount = hours.trim() === '' ? undefined : Number(hours.trim().replace(',', '.'));
    const body = { to: to.trim(), hours: amount, reason } as GrantCreate;
    void this._grantTask.run([this.sdk, this.library, body]);
  };
}

const statementOf = (page: CreditTransferPage): Statement => ({ items: page.data, nextCursor: page.nextCursor });

declare global {
  interface HTMLElementTagNameMap {
    'tl-credits': TlCreditsElement;
  }
}
