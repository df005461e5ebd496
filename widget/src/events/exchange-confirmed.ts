import type { Exchange } from '@talking-library/sdk';

/** One party confirmed in `<tl-my-exchanges>` that the hour happened; once both have (or the other does not dispute in time) it is `completed`. */
export class TlExchangeConfirmedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-confirmed', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-confirmed': TlExchangeConfirmedEvent;
  }
}
