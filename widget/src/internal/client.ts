import type { TalkingLibraryClient } from '@talking-library/sdk';
import type { ProfileReads } from '@talking-library/sdk/resources/profile-reads';
import { Transport } from '@talking-library/sdk/transport';
import { fetchTellingRefusedOrigins } from './errors.js';

/** How long an element waits for each try of a request, unless the page sets `request-timeout`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;

/** Returns the signed-in member's session token, or nothing when nobody is signed in. */
export type SessionTokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

/**
 * A part of an SDK client an element calls: a resource, or `profileReads`, which is `profiles` for an
 * element that only reads them (so its chunks carry no more of `Profiles` than the reads).
 */
export type ClientPart = keyof TalkingLibraryClient | 'profileReads';

/** The parts of an SDK client an element calls, such as `ClientWith<'libraries' | 'profiles'>`. */
export type ClientWith<Parts extends ClientPart> = Pick<TalkingLibraryClient, Exclude<Parts, 'profileReads'>> &
  ('profileReads' extends Parts ? { profiles: ProfileReads } : unknown);

/**
 * Builds those parts on one transport, from the SDK's resource modules
 * (`@talking-library/sdk/resources/profiles`): each element's chunk then carries the resources it
 * calls, not the whole client.
 */
export type ComposeClient<Parts extends ClientPart> = (transport: Transport) => ClientWith<Parts>;

/** How a page tells an element which API to call and who is calling. */
export interface ClientSettings {
  api: string | null;
  publishableKey: string | null;
  memberToken: string | null;
  getSessionToken: SessionTokenGetter | undefined;
  /** Milliseconds each try of a request may take before it counts as failed. */
  requestTimeout: number;
  /** A client the page built itself; when set, the other settings are not used. */
  client: TalkingLibraryClient | undefined;
}

/**
 * The session token in force now. A `getSessionToken` callback wins over the `member-token`
 * attribute, even when it returns nothing: a site's own sign-in knows best that nobody is signed in.
 */
export async function sessionTokenOf(settings: Pick<ClientSettings, 'memberToken' | 'getSessionToken'>): Promise<string | undefined> {
  if (settings.getSessionToken) return (await settings.getSessionToken()) || undefined;
  return settings.memberToken || undefined;
}

/**
 * Builds an element's SDK client from its settings, once per API and publishable key. The token is
 * read again for every request, so a new `member-token` needs no new client; elements re-run their
 * loads when it changes because the token is among their tasks' arguments.
 */
export class ClientCache<Parts extends ClientPart> {
  #built: { key: string; client: ClientWith<Parts> } | undefined;

  constructor(
    private readonly settings: ClientSettings,
    private readonly compose: ComposeClient<Parts>,
    private readonly sessionToken: () => Promise<string | undefined> | string | undefined = () => sessionTokenOf(settings),
  ) {}

  /** The page's own client, one built from `api` and `publishable-key`, or nothing without an `api`. */
  get(): ClientWith<Parts> | undefined {
    const { client, api, publishableKey, requestTimeout } = this.settings;
    if (client) return client;
    if (!api) return undefined;
    const timeout = Number.isFinite(requestTimeout) && requestTimeout > 0 ? requestTimeout : DEFAULT_REQUEST_TIMEOUT_MS;
    const key = `${api}\n${publishableKey ?? ''}\n${timeout}`;
    if (this.#built?.key !== key) {
      this.#built = {
        key,
        client: this.compose(
          new Transport({
            baseUrl: api,
            publishableKey: publishableKey || undefined,
            // Reads with no custom header: no CORS preflight before each search (issue 9).
            keyInQuery: true,
            sessionToken: () => this.sessionToken(),
            fetch: fetchTellingRefusedOrigins(api),
            // Someone is looking at a spinner: a few seconds and one more try, not the SDK's 30 s × 3.
            timeout,
            maxRetries: 1,
          }),
        ),
      };
    }
    return this.#built.client;
  }
}
