import type { Exchange } from '@talking-library/sdk';

/** Other times were proposed for a requested exchange in `<tl-my-exchanges>`: the other party now chooses among them. */
export class TlExchangeTimesProposedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-times-proposed', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-times-proposed': TlExchangeTimesProposedEvent;
  }
}
