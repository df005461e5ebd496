/**
 * `talking-library-client.js`, beside the loader: the SDK for a page's own script, with no build
 * step — `createClient`, the error classes and `PagePromise`. The loader does not carry it, so a
 * page that only shows elements downloads just the resources they call.
 *
 * Named one by one: the error classes live in the chunk the elements share, and a star re-export
 * through it would come out empty.
 */
export {
  createClient,
  PagePromise,
  TalkingLibraryError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PreconditionFailedError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  UserAbortError,
} from '@talking-library/sdk';
