import { path, type RequestOptions, type Transport } from '../client.js';
import { getMe } from './me.js';
import type { Me } from '../schema/credits.js';
import type { Accepted, EmailCodeVerify, EmailLinkRequest, Member, MemberIdentity, MemberUpdate, Role, Session } from '../schema/identity.js';
import type { Consent, ConsentList, ConsentPurpose, EqualityAnswers, EqualityAnswersWrite, MemberExport } from '../schema/privacy.js';

/** Signing members in and out. */
export class Sessions {
  constructor(private readonly transport: Transport) {}

  /** Trades a JWT your back end signed for the member into a session (server side, or from your page). */
  exchange(library: string, token: string, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/sessions`, body: { token } }, options);
  }

  /** Signs the current session out; its token stops working. */
  end(library: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/sessions/current` }, options);
  }

  /** Development servers only: a session as the demo member, expert or coordinator. */
  demo(library: string, as: Role, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/dev/sessions`, body: { as } }, options);
  }
}

/** Email sign-in for sites without accounts of their own. */
export class EmailLinks {
  constructor(private readonly transport: Transport) {}

  /** Emails a one-time code (and a link to `redirectUrl` carrying it). Always 202, whoever asks. */
  request(library: string, body: EmailLinkRequest, options?: RequestOptions): Promise<Accepted> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/email-links`, body }, options);
  }

  /** Trades the emailed code for a session. */
  verify(library: string, body: EmailCodeVerify, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/email-links/verify`, body }, options);
  }
}

/** The signed-in member's own account (needs a session token). */
export class Account {
  constructor(private readonly transport: Transport) {}

  /** The signed-in member, roles and credit balance. */
  get(library: string, options?: RequestOptions): Promise<Me> {
    return getMe(this.transport, library, options);
  }

  /** Sets the name she goes by (from then on no sign-in changes it) and how she hears of new skill requests (`requestAlerts`). */
  update(library: string, body: MemberUpdate, options?: RequestOptions): Promise<Member> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/me`, body }, options);
  }

  /**
   * Ties a partner site's account to this membership: pass a token the partner signed for her
   * (as for `sessions.exchange`). From then on that partner's sign-in works for her, whatever her roles.
   */
  linkIdentity(library: string, token: string, options?: RequestOptions): Promise<MemberIdentity> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/me/identities`, body: { token } }, options);
  }

  /** Everything the library holds about her, as one JSON document (never a session's token). */
  exportData(library: string, options?: RequestOptions): Promise<MemberExport> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me/export` }, options);
  }

  /**
   * Erases her account: profile, stories, logs, equality answers, consents and sessions go; her
   * credit transfers stay on an account that no longer names her. Refused (409 `open_exchanges`)
   * while an exchange of hers is under way.
   */
  erase(library: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/me` }, options);
  }

  /** Each purpose she may consent to, its wording now, and whether her consent stands. */
  consents(library: string, options?: RequestOptions): Promise<ConsentList> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me/consents` }, options);
  }

  /** Gives her consent to a purpose, naming the version of the wording she was shown. */
  giveConsent(library: string, purpose: ConsentPurpose, wordingVersion: string, options?: RequestOptions): Promise<Consent> {
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/me/consents/${purpose}`, body: { wordingVersion } }, options);
  }

  /** Withdraws it; for `equality_monitoring` her answers are deleted at once. */
  withdrawConsent(library: string, purpose: ConsentPurpose, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/me/consents/${purpose}` }, options);
  }

  /** Her equality-monitoring answers (404 when she has given none). */
  equalityAnswers(library: string, options?: RequestOptions): Promise<EqualityAnswers> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me/equality` }, options);
  }

  /** Answers the equality-monitoring questions; needs her consent to `equality_monitoring` (409 `consent_required`). */
  answerEquality(library: string, answers: EqualityAnswersWrite, options?: RequestOptions): Promise<EqualityAnswers> {
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/me/equality`, body: answers }, options);
  }
}
