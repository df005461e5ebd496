import type { Exchange } from '@talking-library/sdk';

/** One party said in `<tl-my-exchanges>` that the hour did not happen as recorded: the library’s coordinators look into it. */
export class TlExchangeDisputedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-disputed', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-disputed': TlExchangeDisputedEvent;
  }
}
