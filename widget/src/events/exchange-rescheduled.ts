import type { Exchange } from '@talking-library/sdk';

/** A scheduled exchange was moved to a new time in `<tl-my-exchanges>`: the same exchange, both told. */
export class TlExchangeRescheduledEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-rescheduled', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-rescheduled': TlExchangeRescheduledEvent;
  }
}
