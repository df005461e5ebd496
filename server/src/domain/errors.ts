/**
 * What domain modules throw. They know nothing of HTTP; the app maps each kind to a problem
 * response in one place (`http/problem.ts`). `code` is the stable, machine-readable reason.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(message: string, readonly code: string = 'conflict') {
    super(message);
  }
}

/** The thing asked for does not exist, or the caller may not know that it does. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(readonly entity: string, readonly key: string) {
    super(`No ${entity} "${key}"`, 'not_found');
  }
}

/** The caller did not prove who they are, or the proof is bad (an invalid token, a wrong code). */
export class UnauthenticatedError extends DomainError {
  override name = 'UnauthenticatedError';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  override name = 'TooManyRequestsError';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, 'rate_limited');
  }
}

/**
 * Input that passed the schema but not the library's rules (a skill it does not offer, a profile
 * too incomplete to submit). `fields` name the input fields, as the caller sent them, in `source`.
 */
export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError';
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[],
    code = 'validation_failed',
    /** Where the fields were sent: a request's body, or its query (a filter naming something the library lacks). */
    readonly source: 'body' | 'query' = 'body',
  ) {
    super(message, code);
  }
}

/**
 * The caller changed a resource as it was at a version it is no longer at (someone else changed
 * it meanwhile): nothing was written.
 */
export class StaleVersionError extends DomainError {
  override name = 'StaleVersionError';
  constructor(readonly entity: string, readonly key: string) {
    super(`The ${entity} "${key}" has changed since you read it; read it again and redo your change.`, 'precondition_failed');
  }
}

/** A page of a ranked search whose snapshot is gone (expired, or another library's or query's). */
export class StaleSearchError extends DomainError {
  override name = 'StaleSearchError';
  constructor() {
    super('This page belongs to a search that has expired or that asked for something else; start the search again.', 'stale_cursor');
  }
}

/**
 * The thing is in a state that does not allow this (an exchange already scheduled, a request
 * already answered): nothing was written. `state` is the state it is in now.
 */
export class StateConflictError extends DomainError {
  override name = 'StateConflictError';
  constructor(message: string, readonly state: string, code = 'state_conflict') {
    super(message, code);
  }
}
