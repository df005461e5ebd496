/**
 * What domain modules throw. They know nothing of HTTP; the app maps each kind to a problem
 * response in one place (`http/problem.ts`).
 */
export class DomainError extends Error {
  override name = 'DomainError';
}

/** The thing asked for does not exist, or the caller may not know that it does. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(readonly entity: string, readonly key: string) {
    super(`No ${entity} "${key}"`);
  }
}
