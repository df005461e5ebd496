import type { RequestResponse, SkillRequest } from '@talking-library/sdk';

/** An expert answered a skill request on `<tl-request-board>`, with a message and the times she proposes. */
export class TlRequestRespondedEvent extends Event {
  /** The request she answered, as the board showed it. */
  readonly request: SkillRequest;
  /** Her response as the API holds it; `proposedTimes` are ISO times in UTC. */
  readonly response: RequestResponse;

  constructor(request: SkillRequest, response: RequestResponse) {
    super('tl-request-responded', { bubbles: true, composed: true });
    this.request = request;
    this.response = response;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-request-responded': TlRequestRespondedEvent;
  }
}
