import type { Profile } from '@talking-library/sdk';

/**
 * A member pressed "Request an hour" on an expert's profile. The element only asks: the page (or,
 * later, the exchanges feature) decides what happens next, such as asking the member to sign in.
 */
export class TlRequestExchangeEvent extends Event {
  /** The expert's profile, as the member saw it. */
  readonly profile: Profile;

  constructor(profile: Profile) {
    super('tl-request-exchange', { bubbles: true, composed: true });
    this.profile = profile;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-request-exchange': TlRequestExchangeEvent;
  }
}
