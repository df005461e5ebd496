import type { Problem } from './schema/common.js';

/** Every error the client throws is a TalkingLibraryError. */
export class TalkingLibraryError extends Error {
  override name = 'TalkingLibraryError';
}

/** The API answered with an error status; `problem` is its RFC 9457 body. */
export class ApiError extends TalkingLibraryError {
  override name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(status: number, problem: Problem, headers: Headers) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
    this.requestId = problem.requestId ?? headers.get('x-request-id') ?? undefined;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Per-field messages, keyed by path (`query.limit`, `body.title`). */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.path, e.message]));
  }

  static from(status: number, problem: Problem, headers: Headers): ApiError {
    const Kind = errorClassByStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
    return new Kind(status, problem, headers);
  }
}

export class BadRequestError extends ApiError { override name = 'BadRequestError'; }
export class AuthenticationError extends ApiError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends ApiError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends ApiError { override name = 'NotFoundError'; }
export class ConflictError extends ApiError { override name = 'ConflictError'; }
/** 412: the resource changed since the version given as `ifMatch`; nothing was changed. */
export class PreconditionFailedError extends ApiError { override name = 'PreconditionFailedError'; }
export class UnprocessableEntityError extends ApiError { override name = 'UnprocessableEntityError'; }
export class RateLimitError extends ApiError { override name = 'RateLimitError'; }
export class InternalServerError extends ApiError { override name = 'InternalServerError'; }

const errorClassByStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The request never got an answer: the network failed or the server was unreachable. */
export class ConnectionError extends TalkingLibraryError {
  override name = 'ConnectionError';
  constructor(message = 'Could not reach the Talking Library API', options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
  constructor(timeoutMs: number) {
    super(`The request took longer than ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal fired. */
export class UserAbortError extends TalkingLibraryError {
  override name = 'UserAbortError';
  constructor() {
    super('The request was aborted');
  }
}
