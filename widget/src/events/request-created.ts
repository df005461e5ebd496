import type { SkillRequest } from '@talking-library/sdk';

/** A member posted a skill request with `<tl-request-form>`; it is on the request board now. */
export class TlRequestCreatedEvent extends Event {
  /** The request as the API now holds it: its `id`, `status` (`open`) and when it lapses. */
  readonly request: SkillRequest;

  constructor(request: SkillRequest) {
    super('tl-request-created', { bubbles: true, composed: true });
    this.request = request;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-request-created': TlRequestCreatedEvent;
  }
}
