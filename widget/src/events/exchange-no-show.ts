import type { Exchange } from '@talking-library/sdk';

/** A no-show was reported in `<tl-my-exchanges>`: `event.party` says who missed the hour. */
export class TlExchangeNoShowEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;
  /** Who missed the hour. */
  readonly party: 'member' | 'expert';

  constructor(exchange: Exchange, party: 'member' | 'expert') {
    super('tl-exchange-no-show', { bubbles: true, composed: true });
    this.exchange = exchange;
    this.party = party;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-no-show': TlExchangeNoShowEvent;
  }
}
