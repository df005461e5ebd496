import { ApiError, ConnectionError, TimeoutError, UserAbortError } from './errors.js';
import type { Problem } from './schema/common.js';

export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface ClientOptions {
  /** Where the API lives, such as `https://library.example.org`. Relative URLs resolve against the page. */
  baseUrl: string;
  /** A partner site's `pk_…` key, for browsers on the site's allowed origins. */
  publishableKey?: string;
  /**
   * Send the publishable key on GETs as the `key` query parameter rather than the `X-TL-Key`
   * header, so a browser's cross-origin read is a "simple" request with no CORS preflight before
   * it. For browsers; the server checks the page's origin either way. Default false.
   */
  keyInQuery?: boolean;
  /** A member's session token, or a function that returns the current one. */
  sessionToken?: TokenSource;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned; default 30 000. */
  timeout?: number;
  /** How many times to retry a request after a network error, 408, 409 `request_in_progress`, 429 or 5xx; default 2. */
  maxRetries?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
  /** Sent with unsafe requests so a retry never does the work twice; generated when absent. */
  idempotencyKey?: string;
  /**
   * Change the resource only if it is still at this version (its `version`, or its `ETag`):
   * otherwise the call fails with a PreconditionFailedError and nothing changes.
   */
  ifMatch?: number | string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface ApiRequest {
  method: Method;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The media type to ask for; anything but JSON (an iCalendar file) is answered as its text. Default `application/json`. */
  accept?: string;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_RETRY_DELAY_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** Sends requests, maps errors, retries what is safe to retry. Resources build on `request`. */
export class Transport {
  readonly #options: Required<Pick<ClientOptions, 'timeout' | 'maxRetries'>> & ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = { timeout: 30_000, maxRetries: 2, ...options };
  }

  async request<T>(req: ApiRequest, options: RequestOptions = {}): Promise<T> {
    const maxRetries = options.maxRetries ?? this.#options.maxRetries;
    const headers = await this.#headers(req, options);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(req, headers, options);
      const delay = attempt < maxRetries && (await isRetryable(outcome)) ? retryDelay(attempt, outcome instanceof Response ? outcome.headers : undefined) : null;
      if (delay !== null) {
        await sleep(delay, options.signal);
        continue;
      }
      if (!(outcome instanceof Response)) throw outcome;
      if (!outcome.ok) throw ApiError.from(outcome.status, await readProblem(outcome), outcome.headers);
      if (outcome.status === 204) return undefined as T;
      if (req.accept && !/json/.test(req.accept)) return (await outcome.text()) as T;
      return (await outcome.json()) as T;
    }
  }

  /** One try: a Response, or the error that stopped it from arriving. User aborts are thrown. */
  async #attempt(req: ApiRequest, headers: Headers, options: RequestOptions): Promise<Response | ConnectionError> {
    const timeoutMs = options.timeout ?? this.#options.timeout;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
    const onUserAbort = () => controller.abort(new UserAbortError());
    if (options.signal?.aborted) throw new UserAbortError();
    options.signal?.addEventListener('abort', onUserAbort, { once: true });
    try {
      const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
      const init: RequestInit = { method: req.method, headers, signal: controller.signal };
      if (req.body !== undefined) init.body = JSON.stringify(req.body);
      return await doFetch(this.#url(req), init);
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      if (reason instanceof UserAbortError) throw reason;
      if (reason instanceof TimeoutError) return reason;
      return new ConnectionError(undefined, { cause: error });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  async #headers(req: ApiRequest, options: RequestOptions): Promise<Headers> {
    // Problems are JSON whatever was asked for, so a client that asks for a file still reads why it failed.
    const headers = new Headers({ accept: req.accept ? `${req.accept}, application/problem+json` : 'application/json' });
    if (req.body !== undefined) headers.set('content-type', 'application/json');
    if (this.#options.publishableKey && !this.#keyInUrl(req)) headers.set('x-tl-key', this.#options.publishableKey);
    const token = await resolveToken(this.#options.sessionToken);
    if (token) headers.set('authorization', `Bearer ${token}`);
    // One key for every attempt: the server then runs the request at most once, however often it is sent.
    if (req.method !== 'GET') headers.set('idempotency-key', options.idempotencyKey ?? crypto.randomUUID());
    if (options.ifMatch !== undefined) headers.set('if-match', typeof options.ifMatch === 'number' ? `"v${options.ifMatch}"` : options.ifMatch);
    return headers;
  }

  #url(req: ApiRequest): string {
    const base = resolveBaseUrl(this.#options.baseUrl);
    const url = new URL(req.path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    if (this.#keyInUrl(req)) url.searchParams.set('key', this.#options.publishableKey!);
    return url.toString();
  }

  /** Whether this request carries the publishable key in its URL (reads, with `keyInQuery`). */
  #keyInUrl(req: ApiRequest): boolean {
    return !!this.#options.keyInQuery && !!this.#options.publishableKey && req.method === 'GET';
  }
}

/** Builds a path from literal parts and values, escaping each value as one segment. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

function resolveBaseUrl(baseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(baseUrl)) return baseUrl;
  const here = globalThis.document?.baseURI ?? globalThis.location?.href;
  if (!here) throw new TypeError(`baseUrl must be an absolute URL outside a browser, got "${baseUrl}"`);
  return new URL(baseUrl, here).toString();
}

async function resolveToken(source: TokenSource | undefined): Promise<string | null | undefined> {
  return typeof source === 'function' ? source() : source;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `http_${response.status}`,
  };
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' && 'title' in body ? { ...fallback, ...(body as Partial<Problem>) } : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Any request may be retried after a passing failure: reads are safe, and every write carries an
 * Idempotency-Key that the server honours, so a repeat of a write that did happen only replays its
 * answer. A 409 is retried only when it says the first attempt with this key is still running.
 */
async function isRetryable(outcome: Response | ConnectionError): Promise<boolean> {
  if (!(outcome instanceof Response)) return true;
  if (RETRYABLE_STATUSES.has(outcome.status)) return true;
  if (outcome.status !== 409) return false;
  const problem = await readProblem(outcome.clone());
  return problem.code === 'request_in_progress';
}

/**
 * Exponential backoff with full jitter, unless the server said when to come back; null when that
 * is more than a minute away, which is no longer a retry but a wait the caller should decide on.
 */
function retryDelay(attempt: number, headers: Headers | undefined): number | null {
  const retryAfter = headers?.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (ms > MAX_RETRY_AFTER_MS) return null;
    if (ms >= 0) return ms;
  }
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UserAbortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UserAbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
