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
    super(origin);
  }
}

/**
 * `fetch` for the SDK that tells a refused origin from a network failure. When a request to an
 * API on another origin gets no answer, a plain GET of `/v1/health`, which every origin may read,
 * tells: if it answers, the network is fine and the library refused this page.
 */
export function fetchTellingRefusedOrigins(api: string): typeof fetch {
  return (input, init) =>
    fetch(input, init).catch(async (error: unknown) => {
      const page = location.origin;
      const base = new URL(api, page);
      if (isAbort(error) || base.origin === page) throw error;
      const health = await fetch(new URL('/v1/health', base)).catch(() => undefined);
      throw health?.ok ? new OriginNotAllowedError(page) : error;
    });
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

/** The page origin the library refused: said in its problem, or found out when the browser hid it. */
function refusedOrigin(error: unknown): string | undefined {
  const { problem, cause } = (error ?? {}) as { problem?: { code?: unknown }; cause?: unknown };
  if (problem?.code === 'origin_not_allowed') return location.origin;
  return cause instanceof OriginNotAllowedError ? cause.origin : undefined;
}
