import type { FieldError } from '@talking-library/sdk';
import type { TalkingLibraryStrings } from '../strings.js';
import { takeFirstRead } from './first-reads.js';

/** The page has not said which API or library to use. */
export class NotConfiguredError extends Error {
  override name = 'NotConfiguredError';
}

/** Nobody is signed in: an element that shows her own things has nothing to ask for. */
export class NotSignedInError extends Error {
  override name = 'NotSignedInError';
}

/**
 * The browser refused to let this page read the library's answers (CORS), while the API itself
 * is up: the page's origin is not on the partner site's list. The browser says no more than
 * "failed to fetch", so `fetchTellingRefusedOrigins` finds this out and throws it.
 */
export class OriginNotAllowedError extends Error {
  override name = 'OriginNotAllowedError';
  constructor(readonly origin: string) {
    super(origin);
  }
}

/** How long the check of `/v1/health` may take: it runs only after a request failed. */
const HEALTH_CHECK_TIMEOUT_MS = 3_000;

/**
 * `fetch` for the SDK that tells a refused origin from a network failure. When a request to an
 * API on another origin gets no answer, a plain GET of `/v1/health`, which every origin may read,
 * tells: if it answers, the network is fine and the library refused this page. A read the loader
 * already started for the element (`first-reads.ts`) is answered from that.
 */
export function fetchTellingRefusedOrigins(api: string): typeof fetch {
  return (input, init) =>
    (takeFirstRead(input, init) ?? fetch(input, init)).catch(async (error: unknown) => {
      const page = location.origin;
      const base = new URL(api, page);
      // A timeout is an API too slow to answer, not a refusal: asking it again would only wait again.
      if (isAbort(error) || isTimeout(init?.signal) || base.origin === page) throw error;
      // Bounded too: an API that hangs must not hang the element behind a check of its health.
      const health = await fetch(new URL('/v1/health', base), { signal: AbortSignal.timeout(HEALTH_CHECK_TIMEOUT_MS) }).catch(() => undefined);
      throw health?.ok ? new OriginNotAllowedError(page) : error;
    });
}

function isTimeout(signal: AbortSignal | null | undefined): boolean {
  return (signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

// Errors are read by shape, not `instanceof`: a `client` property may come from another copy of
// the SDK than the one bundled here.

export function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'UserAbortError' || name === 'AbortError';
}

/** The HTTP status of an `ApiError`, or nothing for any other error. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The problem's per-field messages (`body.email`, `body.code`), when the API sent any. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  const errors = (error as { problem?: { errors?: unknown } } | null)?.problem?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is FieldError => typeof e?.path === 'string' && typeof e?.message === 'string') : [];
}

/** Seconds the API asked us to wait (`Retry-After`), when it said. */
export function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { headers?: { get?: (name: string) => string | null } } | null)?.headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** What to tell a person about a failure, and whether trying the same thing again can help. */
export interface ErrorDescription {
  message: string;
  requestId?: string;
  /** A retry can help: the network, a timeout, a fault on our side, or a wait (429). Not a refusal. */
  retryable: boolean;
}

/**
 * What to tell the person, always in the page's wording: the API's `title` and `detail` are written
 * for developers (`query.limit: must be…`) and in English whatever the page's language, so they are
 * never shown. The status (and, for the few answers a person can act on, the problem's `code`) picks
 * one of the strings instead.
 */
export function describeError(error: unknown, strings: TalkingLibraryStrings): ErrorDescription {
  if (error instanceof NotConfiguredError) return { message: strings.notConfigured, retryable: false };
  const refused = refusedOrigin(error);
  if (refused) return { message: strings.originNotAllowed(refused), retryable: false };
  const status = statusOf(error);
  if (status !== undefined) {
    const requestId = (error as { requestId?: unknown }).requestId;
    const reference = typeof requestId === 'string' ? { requestId } : {};
    return { ...messageForStatus(status, problemCodeOf(error), error, strings), ...reference };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return { message: strings.timedOut, retryable: true };
  if (name === 'ConnectionError' || error instanceof TypeError) return { message: strings.connectionFailed, retryable: true };
  return { message: strings.somethingWentWrong, retryable: true };
}

function messageForStatus(status: number, code: string | undefined, error: unknown, strings: TalkingLibraryStrings): ErrorDescription {
  if (status === 429) return { message: strings.tooManyRequests(retryAfterOf(error)), retryable: true };
  if (status === 408 || status >= 500) return { message: strings.serverFailed, retryable: true };
  if (code === 'code_invalid' && strings.codeInvalid) return { message: strings.codeInvalid, retryable: false };
  if (status === 401) return { message: strings.sessionEnded, retryable: false };
  if (status === 403) return { message: strings.notAllowed, retryable: false };
  if (status === 404 || status === 410) return { message: strings.notFound, retryable: false };
  if (status === 409 && code === 'request_in_progress') return { message: strings.serverFailed, retryable: true };
  return { message: strings.requestRefused, retryable: false };
}

function problemCodeOf(error: unknown): string | undefined {
  const code = (error as { problem?: { code?: unknown } } | null)?.problem?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The page origin the library refused: said in its problem, or found out when the browser hid it. */
function refusedOrigin(error: unknown): string | undefined {
  const { problem, cause } = (error ?? {}) as { problem?: { code?: unknown }; cause?: unknown };
  if (problem?.code === 'origin_not_allowed') return location.origin;
  return cause instanceof OriginNotAllowedError ? cause.origin : undefined;
}
