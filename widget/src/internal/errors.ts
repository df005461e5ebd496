import type { FieldError } from '@talking-library/sdk';
import type { TalkingLibraryStrings } from '../strings.js';

/** The page has not said which API or library to use. */
export class NotConfiguredError extends Error {
  override name = 'NotConfiguredError';
}

/**
 * The browser refused to let this page read the library's answers (CORS), while the API itself
 * is up: the page's origin is not on the partner site's list. The browser says no more than
 * "failed to fetch", so `fetchTellingRefusedOrigins` finds this out and throws it.
 */
export class OriginNotAllowedError extends Error {
  override name = 'OriginNotAllowedError';
  constructor(readonly origin: string) {
    super(`The library does not allow ${origin}`);
  }
}

/**
 * `fetch` for the SDK that tells a refused origin from a network failure. A request to another
 * origin that fails without an answer is followed by a plain GET of `/v1/health`, which every
 * origin may read: if that answers, the network is fine and the library refused this page.
 */
export function fetchTellingRefusedOrigins(api: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      const page = globalThis.location?.origin;
      const target = new URL(input instanceof Request ? input.url : String(input), page);
      if (isAbort(error) || !page || target.origin === page) throw error;
      const health = await fetch(new URL('/v1/health', new URL(api, page)), { signal: init?.signal ?? null }).catch(() => undefined);
      throw health?.ok ? new OriginNotAllowedError(page) : error;
    }
  };
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

/** What to tell the person: the API's own explanation, or ours when it never answered. */
export function describeError(error: unknown, strings: TalkingLibraryStrings): { message: string; requestId?: string } {
  if (error instanceof NotConfiguredError) return { message: strings.notConfigured };
  const refused = refusedOrigin(error);
  if (refused) return { message: strings.originNotAllowed(refused) };
  const problem = (error as { problem?: { title?: unknown; detail?: unknown } } | null)?.problem;
  if (problem && typeof problem === 'object') {
    const requestId = (error as { requestId?: unknown }).requestId;
    const reference = typeof requestId === 'string' ? { requestId } : {};
    if (statusOf(error) === 429) return { message: strings.tooManyRequests(retryAfterOf(error)), ...reference };
    const text = typeof problem.detail === 'string' && problem.detail ? problem.detail : problem.title;
    return { message: typeof text === 'string' ? text : '', ...reference };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'ConnectionError' || name === 'TimeoutError' || error instanceof TypeError) {
    return { message: strings.connectionFailed };
  }
  return { message: '' };
}

/**
 * The page origin the library refused: from its `origin_not_allowed` problem (readable when another
 * partner of the library lists the page), or from a refusal the browser hid (see above).
 */
function refusedOrigin(error: unknown): string | undefined {
  const code = (error as { problem?: { code?: unknown } } | null)?.problem?.code;
  if (code === 'origin_not_allowed') return globalThis.location?.origin;
  const cause = (error as { cause?: unknown } | null)?.cause;
  const name = (cause as { name?: unknown } | null)?.name;
  return name === 'OriginNotAllowedError' ? (cause as OriginNotAllowedError).origin : undefined;
}
