import type { Exchange } from '@talking-library/sdk';

/** An exchange was cancelled in `<tl-my-exchanges>`, with a reason. */
export class TlExchangeCancelledEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-cancelled', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-cancelled': TlExchangeCancelledEvent;
  }
}
