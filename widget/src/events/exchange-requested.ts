import type { Exchange } from '@talking-library/sdk';

/** A member asked an expert for an hour with `<tl-request-hour>`: the exchange is `requested`, waiting for her answer. */
export class TlExchangeRequestedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-requested', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-requested': TlExchangeRequestedEvent;
  }
}
