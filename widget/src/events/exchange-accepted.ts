import type { Exchange } from '@talking-library/sdk';

/** An exchange was accepted in `<tl-my-exchanges>`, with a time and a place to meet: it is `scheduled`, and the member’s hour is held. */
export class TlExchangeAcceptedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-accepted', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-accepted': TlExchangeAcceptedEvent;
  }
}
