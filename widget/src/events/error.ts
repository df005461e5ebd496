/** Loading failed and the element is showing an error; `error` is what the SDK threw. */
export class TlErrorEvent extends Event {
  /** Usually an `ApiError` (with `status`, `problem`, `requestId`) or a `ConnectionError` from the SDK. */
  readonly error: unknown;

  constructor(error: unknown) {
    super('tl-error', { bubbles: true, composed: true });
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-error': TlErrorEvent;
  }
}
