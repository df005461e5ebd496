import type { Exchange } from '@talking-library/sdk';

/** A concern about an exchange was reported to the library’s coordinators in `<tl-my-exchanges>`; it is kept private. */
export class TlExchangeConcernReportedEvent extends Event {
  /** The exchange as the API now holds it. */
  readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    super('tl-exchange-concern-reported', { bubbles: true, composed: true });
    this.exchange = exchange;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-concern-reported': TlExchangeConcernReportedEvent;
  }
}
