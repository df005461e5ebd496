import { ApiError, ConnectionError, TimeoutError, UserAbortError } from '@talking-library/sdk';
import type {
  ConcernCreate,
  ConcernReceipt,
  ExchangeAccept,
  ExchangeCancel,
  ExchangeCreate,
  ExchangeDecline,
  ExchangeDetail,
  ExchangeDispute,
  ExchangeNoShow,
  ExchangePage,
  ExchangePropose,
  ExchangeReschedule,
  ExchangesQuery,
  Problem,
  TalkingLibraryClient,
} from '@talking-library/sdk';

type Options = { signal?: AbortSignal };

/** The exchange calls the two exchange elements make, as the SDK's `client.exchanges` will name them. */
export interface ExchangesApi {
  create(library: string, body: ExchangeCreate, options?: Options): Promise<ExchangeDetail>;
  list(library: string, query?: ExchangesQuery, options?: Options): Promise<ExchangePage>;
  get(library: string, id: string, options?: Options): Promise<ExchangeDetail>;
  accept(library: string, id: string, body: ExchangeAccept, options?: Options): Promise<ExchangeDetail>;
  propose(library: string, id: string, body: ExchangePropose, options?: Options): Promise<ExchangeDetail>;
  decline(library: string, id: string, body: ExchangeDecline, options?: Options): Promise<ExchangeDetail>;
  cancel(library: string, id: string, body: ExchangeCancel, options?: Options): Promise<ExchangeDetail>;
  reschedule(library: string, id: string, body: ExchangeReschedule, options?: Options): Promise<ExchangeDetail>;
  noShow(library: string, id: string, body: ExchangeNoShow, options?: Options): Promise<ExchangeDetail>;
  complete(library: string, id: string, options?: Options): Promise<ExchangeDetail>;
  dispute(library: string, id: string, body: ExchangeDispute, options?: Options): Promise<ExchangeDetail>;
  reportConcern(library: string, id: string, body: ConcernCreate, options?: Options): Promise<ConcernReceipt>;
}

/** How to reach the API without the SDK: what the element's own client is built from. */
export interface DirectSettings {
  api: string;
  publishableKey: string | null;
  sessionToken(): Promise<string | undefined>;
  timeoutMs: number;
}

/**
 * The SDK's `client.exchanges` when it has one (a page's own client, or a later SDK). Until the SDK
 * carries the exchange routes, the same requests its transport would send: JSON, the publishable
 * key, the session, an Idempotency-Key on every write, the API's problem as a typed `ApiError`.
 */
export function exchangesApi(client: TalkingLibraryClient, direct: DirectSettings | undefined): ExchangesApi | undefined {
  const own = (client as TalkingLibraryClient & { exchanges?: ExchangesApi }).exchanges;
  if (own) return own;
  if (!direct) return undefined;
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown, options?: Options, query?: Record<string, string | number | undefined>) =>
    send<T>(direct, method, path, body, options, query);
  const base = (library: string, id?: string, action?: string) =>
    `/v1/libraries/${encodeURIComponent(library)}/exchanges${id ? `/${encodeURIComponent(id)}` : ''}${action ? `/${action}` : ''}`;
  return {
    create: (library, body, options) => call('POST', base(library), body, options),
    list: (library, query = {}, options) => call('GET', base(library), undefined, options, { limit: query.limit, cursor: query.cursor, role: query.role }),
    get: (library, id, options) => call('GET', base(library, id), undefined, options),
    accept: (library, id, body, options) => call('POST', base(library, id, 'accept'), body, options),
    propose: (library, id, body, options) => call('POST', base(library, id, 'propose'), body, options),
    decline: (library, id, body, options) => call('POST', base(library, id, 'decline'), body, options),
    cancel: (library, id, body, options) => call('POST', base(library, id, 'cancel'), body, options),
    reschedule: (library, id, body, options) => call('POST', base(library, id, 'reschedule'), body, options),
    noShow: (library, id, body, options) => call('POST', base(library, id, 'no-show'), body, options),
    complete: (library, id, options) => call('POST', base(library, id, 'complete'), {}, options),
    dispute: (library, id, body, options) => call('POST', base(library, id, 'dispute'), body, options),
    reportConcern: (library, id, body, options) => call('POST', base(library, id, 'concerns'), body, options),
  };
}

async function send<T>(
  settings: DirectSettings,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  options: Options = {},
  query: Record<string, string | number | undefined> = {},
): Promise<T> {
  const base = new URL(settings.api, document.baseURI);
  const url = new URL(path.slice(1), base.href.endsWith('/') ? base : `${base.href}/`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  const headers = new Headers({ accept: 'application/json' });
  // As the SDK does for the elements: the key in the query on reads, so they need no CORS preflight.
  if (settings.publishableKey && method === 'GET') url.searchParams.set('key', settings.publishableKey);
  else if (settings.publishableKey) headers.set('x-tl-key', settings.publishableKey);
  const token = await settings.sessionToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (method !== 'GET') {
    headers.set('content-type', 'application/json');
    headers.set('idempotency-key', crypto.randomUUID());
  }
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, signal, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (error) {
    if (options.signal?.aborted) throw new UserAbortError();
    if (timeout.aborted) throw new TimeoutError(settings.timeoutMs);
    throw new ConnectionError(undefined, { cause: error });
  }
  if (!response.ok) {
    const fallback: Problem = { type: 'about:blank', title: `HTTP ${response.status}`, status: response.status, code: `http_${response.status}` };
    const problem = await response.json().then((value: unknown) => ({ ...fallback, ...(value as Partial<Problem>) }), () => fallback);
    throw ApiError.from(response.status, problem, response.headers);
  }
  return (await response.json()) as T;
}
