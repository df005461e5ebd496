import type { Exchange } from '@talking-library/sdk';

/** A requested exchange was declined in `<tl-my-exchanges>`, with an optional note; nothing is held. */
export class TlExchangeDeclinedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-declined', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-declined': TlExchangeDeclinedEvent;
  }
}
