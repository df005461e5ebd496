import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError, Problem } from '@talking-library/sdk/schema';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, StaleSearchError, StaleVersionError, StateConflictError, TooManyRequestsError, UnauthenticatedError } from '../domain/errors.js';

const PROBLEM_BASE = 'https://talking-library.dev/problems/';

export interface ProblemInit {
  status: ContentfulStatusCode;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** Thrown anywhere in a request; `onError` turns it into an RFC 9457 response. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(readonly init: ProblemInit) {
    super(init.detail ?? init.title);
  }
}

export const validationProblem = (errors: FieldError[]): HttpProblem =>
  new HttpProblem({
    status: 400,
    code: 'validation_failed',
    title: 'Invalid request',
    detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  });

export const notFoundProblem = (detail: string): HttpProblem =>
  new HttpProblem({ status: 404, code: 'not_found', title: 'Not found', detail });

/** Maps anything thrown to a problem. Unknown errors become a 500 that reveals nothing. */
export function toProblem(error: unknown): ProblemInit {
  if (error instanceof HttpProblem) return error.init;
  if (error instanceof NotFoundError) return { status: 404, code: error.code, title: 'Not found', detail: `${capitalise(error.entity)} "${error.key}" was not found.` };
  if (error instanceof InvalidInputError) {
    // Valid JSON that breaks a rule of the library is 422; the field paths point into the body (or the query).
    const errors = error.fields.map((f) => ({ path: `${error.source}.${f.field}`, message: f.message }));
    return { status: error.code === 'validation_failed' ? 400 : 422, code: error.code, title: error.code === 'validation_failed' ? 'Invalid request' : 'Cannot do that yet', detail: error.message, errors };
  }
  if (error instanceof UnauthenticatedError) return { status: 401, code: error.code, title: 'Not signed in', detail: error.message };
  if (error instanceof ForbiddenError) return { status: 403, code: error.code, title: 'Forbidden', detail: error.message };
  if (error instanceof TooManyRequestsError) {
    return { status: 429, code: error.code, title: 'Too many requests', detail: error.message, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (error instanceof StaleSearchError) return validationProblem([{ path: 'query.cursor', message: 'belongs to a search that has expired or asked for something else; start again without it' }]).init;
  if (error instanceof StaleVersionError) return { status: 412, code: error.code, title: 'Changed meanwhile', detail: error.message };
  if (error instanceof StateConflictError) {
    return { status: 409, code: error.code, title: 'Conflict', detail: error.message, errors: [{ path: 'status', message: `is "${error.state}"` }] };
  }
  if (error instanceof DomainError) return { status: 409, code: error.code, title: 'Conflict', detail: error.message };
  if (error instanceof HTTPException) return fromHttpException(error);
  return { status: 500, code: 'internal_error', title: 'Something went wrong', detail: 'An unexpected error occurred. Quote the request id if you report it.' };
}

export function problemResponse(c: Context, init: ProblemInit): Response {
  const body: Problem = {
    type: PROBLEM_BASE + init.code.replaceAll('_', '-'),
    title: init.title,
    status: init.status,
    ...(init.detail ? { detail: init.detail } : {}),
    code: init.code,
    requestId: c.get('requestId'),
    ...(init.errors ? { errors: init.errors } : {}),
  };
  return c.body(JSON.stringify(body), init.status, { ...init.headers, 'content-type': 'application/problem+json' });
}

const KNOWN_HTTP_EXCEPTIONS: Partial<Record<number, Pick<ProblemInit, 'code' | 'title'>>> = {
  401: { code: 'unauthenticated', title: 'Sign-in required' },
  403: { code: 'forbidden', title: 'Forbidden' },
  413: { code: 'payload_too_large', title: 'Request body too large' },
};

/**
 * Hono's own middleware and validators throw HTTPException (it never sets `name`, hence
 * `instanceof`): keep their status, use our body. Its JSON validator throws a 400 when the body
 * does not parse, which is the caller's mistake in `body`.
 */
function fromHttpException(error: HTTPException): ProblemInit {
  if (error.status === 400) return validationProblem([{ path: 'body', message: 'is not valid JSON' }]).init;
  const known = KNOWN_HTTP_EXCEPTIONS[error.status];
  if (!known) return toProblem(new Error(error.message));
  return { status: error.status as ContentfulStatusCode, ...known, detail: error.message || known.title };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
