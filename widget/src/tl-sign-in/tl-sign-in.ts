import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import type { Member, Session } from '@talking-library/sdk';
import type { Transport } from '@talking-library/sdk/transport';
import { EmailLinks, Sessions } from '@talking-library/sdk/resources/identity';
import { getMe } from '@talking-library/sdk/resources/me';
import { TlSignedInEvent } from '../events/signed-in.js';
import { TlSignedOutEvent } from '../events/signed-out.js';
import { ClientCache, sessionTokenOf, type ClientWith } from '../internal/client.js';
import { renderError } from '../internal/error-view.js';
import { NotConfiguredError, fieldErrorsOf, isAbort, statusOf } from '../internal/errors.js';
import { formStyles } from '../internal/form.styles.js';
import { LibraryElement } from '../internal/library-element.js';
import { themeStyles } from '../internal/theme.styles.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { styles } from './tl-sign-in.styles.js';
import { signInStrings } from './tl-sign-in.strings.js';

type Field = 'email' | 'code';
type Action = 'request' | 'verify' | 'sign-out';

/**
 * Email sign-in for sites without accounts of their own: the member asks for a code, then types it
 * (or follows the link in the email to this page, which signs them in by itself).
 *
 * The element keeps the session in memory only and announces it with `tl-signed-in`: hand
 * `event.session.sessionToken` to the page's other elements as their `member-token`. Given a
 * `member-token` or `getSessionToken` itself, it shows who is signed in and offers "Sign out".
 *
 * @tag tl-sign-in
 *
 * @fires {TlSignedInEvent} tl-signed-in - The code was right; `event.session` is `{ sessionToken, member, expiresAt }`.
 * @fires {TlSignedOutEvent} tl-signed-out - "Sign out" ended the session; `event.member` is who was signed in.
 * @fires {TlErrorEvent} tl-error - A request failed and the element says why; `event.error` is what the SDK threw.
 *
 * @csspart status - The polite live region: a code is on its way, signing in, "Signed in as …".
 * @csspart alert - The assertive live region that holds errors.
 * @csspart error - The box shown in the alert region when a request fails.
 * @csspart form - The form of the current step: email address, then code.
 * @csspart field - A label, its hint and error, and its input.
 * @csspart label - A field's label.
 * @csspart hint - Help below the code field's label.
 * @csspart field-error - A field's message from the API, such as an address that is not an email address.
 * @csspart input - Both text inputs.
 * @csspart email-input - The email address input.
 * @csspart code-input - The 6-digit code input.
 * @csspart button - Every button.
 * @csspart submit-button - "Email me a code" and "Sign in".
 * @csspart resend-button - "Send a new code".
 * @csspart change-email-button - "Use a different email address".
 * @csspart signed-in - The signed-in view around "Sign out".
 * @csspart sign-out-button - "Sign out".
 *
 * @cssproperty [--tl-font-family=inherit] - Font of all text; the page's own font by default.
 * @cssproperty [--tl-color-text=#1f2328] - Text and labels; input borders are this mixed with the surface, for contrast.
 * @cssproperty [--tl-color-muted=#545d68] - The hint under the code field's label.
 * @cssproperty [--tl-color-surface=#ffffff] - Input and error box background.
 * @cssproperty [--tl-color-accent=#5b3cc4] - Buttons, link-like buttons and the focus ring, unless the properties below part them.
 * @cssproperty [--tl-color-on-accent=#ffffff] - Text on accent-coloured buttons.
 * @cssproperty [--tl-button-color=var(--tl-color-accent)] - Background of the main buttons ("Email me a code", "Sign in").
 * @cssproperty [--tl-button-text-color=var(--tl-color-on-accent)] - Text on the main buttons.
 * @cssproperty [--tl-link-color=var(--tl-color-accent)] - The link-like buttons ("Send a new code", "Use a different email address").
 * @cssproperty [--tl-focus-color=var(--tl-color-accent)] - Colour of the keyboard focus ring (`--tl-focus-ring-color` is its older name).
 * @cssproperty [--tl-focus-shadow-color=transparent] - A dark ring around a light focus ring; none by default.
 * @cssproperty [--tl-color-danger=#b42318] - Field errors, invalid inputs and the error box.
 * @cssproperty [--tl-radius=0.5em] - Corner radius of inputs and buttons.
 * @cssproperty [--tl-space=1em] - Base spacing between fields.
 * @cssproperty [--tl-focus-ring-width=3px] - Width of the keyboard focus ring.
 */
export class TlSignInElement extends LibraryElement<'emailLinks' | 'me' | 'sessions'> {
  static override defaultText = signInStrings;
  static override styles = [themeStyles, formStyles, styles];

  protected override composeClient(transport: Transport): ClientWith<'emailLinks' | 'me' | 'sessions'> {
    return { emailLinks: new EmailLinks(transport), me: (library, options) => getMe(transport, library, options), sessions: new Sessions(transport) };
  }

  @state() private _step: Field = 'email';
  /** The address typed, and where the code went. */
  @state() private _email = '';
  /** The code last tried, typed or brought by an emailed link, so the member sees what was checked. */
  @state() private _code = '';
  /** The session this element signed in; it wins over the page's token until sign-out. */
  @state() private _session: Session | undefined;
  /** A page token this element signed out, which the page may not have taken away yet. */
  @state() private _endedToken: string | undefined;
  @state() private _checking = false;
  @state() private _notice: 'code-sent' | 'signed-out' | undefined;
  @state() private _fieldErrors: Partial<Record<Field, string>> = {};
  @state() private _error: { action: Action; error: unknown } | undefined;

  /** Asking for and spending a code go without any token: a stale one would be refused. */
  readonly #anonymous = new ClientCache(this, (transport) => this.composeClient(transport), () => undefined);
  #link: { email: string; code: string } | undefined;
  #lookedForLink = false;
  #focusWasInside = false;
  #checks = 0;
  #checkAbortedOnDisconnect = false;

  /** Who the page's own token belongs to, so the element can say who is signed in. */
  private _pageMember = new Task(this, {
    args: () => [this.sdk, this.library, this.memberToken, this.getSessionToken, this._session, this._endedToken] as const,
    task: async ([client, library, , , own, ended], { signal }): Promise<Member | undefined> => {
      if (own || !client || !library) return undefined;
      if (!this.client && !this.getSessionToken && (!this.memberToken || this.memberToken === ended)) return undefined;
      // Said before the first await, so the form never shows for a moment to a signed-in member.
      const check = ++this.#checks;
      this._checking = true;
      try {
        if (!this.client) {
          const token = await sessionTokenOf(this);
          if (!token || token === ended) return undefined;
        }
        return await client.me(library, { signal });
      } catch (error) {
        // An expired or ended token, or a page client without one: nobody is signed in.
        if (statusOf(error) === 401) return undefined;
        throw error;
      } finally {
        if (check === this.#checks) this._checking = false;
      }
    },
    onError: (error) => this.reportError(error),
  });

  private _request = new Task(this, {
    autoRun: false,
    task: async ([client, library, email]: readonly [ClientWith<'emailLinks' | 'me' | 'sessions'> | undefined, string | null, string], { signal }) => {
      if (!client || !library) throw new NotConfiguredError();
      // No retries: after a 429 the member should hear at once how long to wait.
      await client.emailLinks.request(library, { email, redirectUrl: pageUrlWithoutFragment() }, { signal, maxRetries: 0 });
    },
    onComplete: () => {
      this._step = 'code';
      this._code = '';
      this._notice = 'code-sent';
      this.#moveFocus('code');
    },
    onError: (error) => this.#fail('request', error),
  });

  private _verify = new Task(this, {
    autoRun: false,
    task: async ([client, library, email, code]: readonly [ClientWith<'emailLinks' | 'me' | 'sessions'> | undefined, string | null, string, string], { signal }) => {
      if (!client || !library) throw new NotConfiguredError();
      return client.emailLinks.verify(library, { email, code }, { signal, maxRetries: 0 });
    },
    onComplete: (session) => {
      this._session = session;
      this._step = 'email';
      this._code = '';
      this._notice = undefined;
      this.#moveFocus('sign-out');
      this.dispatchAfterRender(new TlSignedInEvent(session));
    },
    onError: (error) => this.#fail('verify', error),
  });

  private _signOut = new Task(this, {
    autoRun: false,
    task: async ([client, library]: readonly [ClientWith<'emailLinks' | 'me' | 'sessions'> | undefined, string | null], { signal }) => {
      if (!client || !library) throw new NotConfiguredError();
      const token = await this.currentSessionToken();
      try {
        await client.sessions.end(library, { signal });
      } catch (error) {
        // Already ended or expired: the member is signed out either way.
        if (statusOf(error) !== 401) throw error;
      }
      return token;
    },
    onComplete: (token) => {
      const member = this.#member();
      if (!this._session) this._endedToken = token;
      this._session = undefined;
      this._step = 'email';
      this._notice = 'signed-out';
      this.#moveFocus('email');
      if (member) this.dispatchAfterRender(new TlSignedOutEvent(member));
    },
    onError: (error) => this.#fail('sign-out', error),
  });

  /** The element's own session first, then whatever the page gave it. */
  protected override currentSessionToken(): Promise<string | undefined> {
    return this._session ? Promise.resolve(this._session.sessionToken) : sessionTokenOf(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#lookedForLink) {
      this.#lookedForLink = true;
      this.#link = takeSignInLinkFromUrl();
    }
    // Moved within the page: ask again who is signed in, which leaving the page cancelled.
    if (this.#checkAbortedOnDisconnect) {
      this.#checkAbortedOnDisconnect = false;
      void this._pageMember.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._pageMember.status === TaskStatus.PENDING) {
      this.#checkAbortedOnDisconnect = true;
      this._pageMember.abort();
    }
    for (const task of [this._request, this._verify, this._signOut]) task.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this._session && this.#pageChangedWhoIsSignedIn(changed)) this._session = undefined;
    const client = this.#anonymous.get();
    if (this.#link && client && this.library) {
      const { email, code } = this.#link;
      this.#link = undefined;
      this.#begin();
      this._step = 'code';
      this._email = email;
      this._code = code;
      void this._verify.run([client, this.library, email, code]);
    }
  }

  protected override render(): TemplateResult {
    const strings = this.text;
    const member = this.#member();
    return html`
      <p class="status" part="status" role="status">${this.#statusText(strings, member)}</p>
      <div class="alert" part="alert" role="alert">${this.#renderAlert(strings)}</div>
      ${member
        ? html`<div class="signed-in" part="signed-in">
            <button id="sign-out" type="button" part="button sign-out-button" aria-disabled=${this.#busy() ? 'true' : 'false'}
              @click=${this.#onSignOut}>${strings.signOut}</button>
          </div>`
        : this._checking
          ? nothing
          : this._step === 'email'
            ? this.#renderEmailStep(strings)
            : this.#renderCodeStep(strings)}
    `;
  }

  #renderEmailStep(strings: TalkingLibraryStrings): TemplateResult {
    return html`
      <form part="form" aria-label=${strings.signInFormLabel} novalidate @submit=${this.#onRequest}>
        ${this.#renderField('email', strings.emailLabel, strings, undefined, html`
          <input id="email" name="email" type="email" part="input email-input" autocomplete="email" spellcheck="false"
            autocapitalize="none" required .value=${this._email} aria-invalid=${this._fieldErrors.email ? 'true' : 'false'}
            aria-describedby=${ifDefined(this._fieldErrors.email ? 'email-error' : undefined)} />
        `)}
        <div class="actions">
          <button type="submit" part="button submit-button" aria-disabled=${this.#busy() ? 'true' : 'false'}>${strings.requestCode}</button>
        </div>
      </form>
    `;
  }

  #renderCodeStep(strings: TalkingLibraryStrings): TemplateResult {
    const busy = this.#busy() ? 'true' : 'false';
    const describedBy = this._fieldErrors.code ? 'code-hint code-error' : 'code-hint';
    return html`
      <form part="form" aria-label=${strings.signInFormLabel} novalidate @submit=${this.#onVerify}>
        ${this.#renderField('code', strings.codeLabel, strings, strings.codeHint, html`
          <input id="code" name="code" type="text" part="input code-input" inputmode="numeric" autocomplete="one-time-code"
            spellcheck="false" required .value=${this._code} aria-invalid=${this._fieldErrors.code ? 'true' : 'false'}
            aria-describedby=${describedBy} />
        `)}
        <div class="actions">
          <button type="submit" part="button submit-button" aria-disabled=${busy}>${strings.signIn}</button>
        </div>
        <div class="other-actions">
          <button type="button" class="secondary" part="button resend-button" aria-disabled=${busy} @click=${this.#onResend}>
            ${strings.resendCode}
          </button>
          <button type="button" class="secondary" part="button change-email-button" aria-disabled=${busy} @click=${this.#onChangeEmail}>
            ${strings.changeEmail}
          </button>
        </div>
      </form>
    `;
  }

  #renderField(name: Field, label: string, strings: TalkingLibraryStrings, hint: string | undefined, input: TemplateResult): TemplateResult {
    const error = this._fieldErrors[name];
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${name} part="label">${label}</label>
        ${hint ? html`<p class="hint" part="hint" id="${name}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="field-error" part="field-error" id="${name}-error">${strings.fieldError(label, error)}</p>` : nothing}
        ${input}
      </div>
    `;
  }

  #renderAlert(strings: TalkingLibraryStrings): TemplateResult | typeof nothing {
    const fieldMessages = this.#fieldMessages(strings);
    // Field errors show beside their fields; the alert only says them aloud.
    if (fieldMessages.length > 0) return html`<span class="visually-hidden">${fieldMessages.join(' ')}</span>`;
    if (!this._error) return nothing;
    const { action, error } = this._error;
    const title = { request: strings.requestCodeFailed, verify: strings.signInFailed, 'sign-out': strings.signOutFailed }[action];
    return renderError(title, error, strings);
  }

  #fieldMessages(strings: TalkingLibraryStrings): string[] {
    const labels: Record<Field, string> = { email: strings.emailLabel, code: strings.codeLabel };
    return (Object.keys(labels) as Field[]).flatMap((field) => {
      const message = this._fieldErrors[field];
      return message ? [strings.fieldError(labels[field], message)] : [];
    });
  }

  #statusText(strings: TalkingLibraryStrings, member: Member | undefined): string {
    if (this._signOut.status === TaskStatus.PENDING) return strings.signingOut;
    if (member) return strings.signedInAs(member.name);
    if (this._checking) return strings.checkingSignIn;
    if (this._verify.status === TaskStatus.PENDING) return strings.signingIn;
    if (this._request.status === TaskStatus.PENDING) return strings.requestingCode;
    if (this._notice === 'code-sent') return strings.codeSent(this._email);
    if (this._notice === 'signed-out') return strings.signedOut;
    return '';
  }

  #onRequest = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.#busy()) return;
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    this.#begin();
    this._email = email;
    void this._request.run([this.#anonymous.get(), this.library, email]);
  };

  #onResend = (): void => {
    if (this.#busy()) return;
    this.#begin();
    void this._request.run([this.#anonymous.get(), this.library, this._email]);
  };

  #onVerify = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.#busy()) return;
    // People paste codes as "123 456"; the API wants the six digits.
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get('code') ?? '').replace(/\s+/g, '');
    this.#begin();
    this._code = code;
    void this._verify.run([this.#anonymous.get(), this.library, this._email, code]);
  };

  #onChangeEmail = (): void => {
    if (this.#busy()) return;
    this.#begin();
    this._step = 'email';
    this.#moveFocus('email');
  };

  #onSignOut = (): void => {
    if (this.#busy()) return;
    this.#begin();
    void this._signOut.run([this.sdk, this.library]);
  };

  /**
   * The page handed over another member's token, or pointed the element at another library or API:
   * the session this element signed in no longer applies here.
   */
  #pageChangedWhoIsSignedIn(changed: PropertyValues<this>): boolean {
    if (changed.has('memberToken') && this.memberToken !== this._session?.sessionToken) return true;
    return (['getSessionToken', 'client', 'api', 'library'] as const).some((name) => changed.has(name));
  }

  /** Clears what the last attempt said, and notes whether the member is working inside the element. */
  #begin(): void {
    this.#focusWasInside = this.matches(':focus-within');
    this._error = undefined;
    this._fieldErrors = {};
    this._notice = undefined;
  }

  /** Focus follows the member when the control they used goes away; never taken from elsewhere on the page. */
  #moveFocus(target: 'email' | 'code' | 'sign-out'): void {
    if (this.#focusWasInside) this.focusAfterRender(() => this.renderRoot.querySelector<HTMLElement>(`#${target}`));
  }

  #fail(action: Action, error: unknown): void {
    if (isAbort(error)) return;
    const visible: Field[] = this._step === 'email' ? ['email'] : ['code'];
    const fields: Partial<Record<Field, string>> = {};
    for (const { path, message } of fieldErrorsOf(error)) {
      const field = path.replace(/^body\./, '') as Field;
      if (visible.includes(field) && !fields[field]) fields[field] = message;
    }
    const [first] = Object.keys(fields) as Field[];
    if (action !== 'sign-out' && first) {
      this._fieldErrors = fields;
      this.#moveFocus(first);
    } else {
      this._error = { action, error };
    }
    this.reportError(error);
  }

  #member(): Member | undefined {
    if (this._session) return this._session.member;
    return this._pageMember.status === TaskStatus.COMPLETE ? this._pageMember.value : undefined;
  }

  #busy(): boolean {
    return [this._request, this._verify, this._signOut].some((task) => task.status === TaskStatus.PENDING);
  }
}

/** Where the emailed link should lead: back to this page, without any fragment. */
function pageUrlWithoutFragment(): string {
  return location.href.split('#')[0]!;
}

/**
 * Reads `#tl-email=…&tl-code=…` from an emailed link and takes it out of the address bar at once,
 * so the code is not left in the history or a bookmark, keeping any other fragment parameters.
 */
function takeSignInLinkFromUrl(): { email: string; code: string } | undefined {
  const fragment = location.hash.slice(1);
  if (!fragment.includes('tl-code=')) return undefined;
  const params = new URLSearchParams(fragment);
  const email = params.get('tl-email');
  const code = params.get('tl-code');
  params.delete('tl-email');
  params.delete('tl-code');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return email && code ? { email, code } : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-sign-in': TlSignInElement;
  }
}
