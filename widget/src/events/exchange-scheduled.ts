import type { ExchangeDetail, SkillRequest } from '@talking-library/sdk';

/**
 * The owner of a skill request accepted an expert's response on `<tl-request-board>`: the hour is
 * scheduled, and one hour of her credit is held for it.
 */
export class TlExchangeScheduledEvent extends Event {
  /** The scheduled exchange: `startsAt` in UTC and `meetingPlace`, as the API holds them. */
  readonly exchange: ExchangeDetail;
  /** The request it came from, as the board showed it before it was matched. */
  readonly request: SkillRequest;

  constructor(exchange: ExchangeDetail, request: SkillRequest) {
    super('tl-exchange-scheduled', { bubbles: true, composed: true });
    this.exchange = exchange;
    this.request = request;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-exchange-scheduled': TlExchangeScheduledEvent;
  }
}
