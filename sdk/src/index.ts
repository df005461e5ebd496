import { Transport, type ClientOptions, type RequestOptions } from './client.js';
import { Account, EmailLinks, Sessions } from './resources/identity.js';
import { Credits } from './resources/credits.js';
import { Exchanges, Safeguarding } from './resources/exchanges.js';
import { Learning } from './resources/learning.js';
import { Reports } from './resources/reports.js';
import { Libraries, getHealth } from './resources/libraries.js';
import { getMe } from './resources/me.js';
import { Members } from './resources/members.js';
import { Partners } from './resources/partners.js';
import { Profiles } from './resources/profiles.js';
import { Requests } from './resources/requests.js';
import { Instruments, Surveys } from './resources/surveys.js';
import { Taxonomy } from './resources/taxonomy.js';
import type { Health } from './schema/service.js';
import type { Me } from './schema/credits.js';

export type { ClientOptions, RequestOptions, TokenSource } from './client.js';
export * from './errors.js';
export { PagePromise } from './pagination.js';
export type { PartnerKeyKind } from './resources/partners.js';
export type * from './schema/index.js';

export interface TalkingLibraryClient {
  health(options?: RequestOptions): Promise<Health>;
  libraries: Libraries;
  profiles: Profiles;
  sessions: Sessions;
  emailLinks: EmailLinks;
  partners: Partners;
  members: Members;
  taxonomy: Taxonomy;
  /** Time credits: balances, statements, donations and grants. */
  credits: Credits;
  /** The request board: skill requests, experts' responses, accepting one. */
  requests: Requests;
  /** One-hour exchanges: ask, answer, and everything after. */
  exchanges: Exchanges;
  /** Coordinators: concerns about exchanges, and pauses on members' bookings. */
  safeguarding: Safeguarding;
  /** The shared learning feed: outcome logs shared with the library or in public. */
  learning: Learning;
  /** Surveys waiting for the signed-in member, and answering them. */
  surveys: Surveys;
  /** Coordinators: the evaluation instruments' questions, each edit a new version. */
  instruments: Instruments;
  /** Coordinators: the evaluation summary, small numbers suppressed. */
  reports: Reports;
  /** The signed-in member (needs a session token). */
  me(library: string, options?: RequestOptions): Promise<Me>;
  /** The signed-in member's own account: her name, and partner accounts she links. */
  account: Account;
}

/** A typed client for the Talking Library API. Carries no zod: types come from the contract. */
export function createClient(options: ClientOptions): TalkingLibraryClient {
  const transport = new Transport(options);
  return {
    health: (requestOptions) => getHealth(transport, requestOptions),
    libraries: new Libraries(transport),
    profiles: new Profiles(transport),
    sessions: new Sessions(transport),
    emailLinks: new EmailLinks(transport),
    partners: new Partners(transport),
    members: new Members(transport),
    taxonomy: new Taxonomy(transport),
    credits: new Credits(transport),
    requests: new Requests(transport),
    exchanges: new Exchanges(transport),
    safeguarding: new Safeguarding(transport),
    learning: new Learning(transport),
    surveys: new Surveys(transport),
    instruments: new Instruments(transport),
    reports: new Reports(transport),
    me: (library, requestOptions) => getMe(transport, library, requestOptions),
    account: new Account(transport),
  };
}
