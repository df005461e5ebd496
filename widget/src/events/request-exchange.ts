import type { Profile } from '@talking-library/sdk';

/**
 * A member pressed "Request an hour" on an expert's profile. Unless the page calls
 * `preventDefault()` (to take the member to a booking flow of its own, say), the profile dialog
 * then shows `<tl-request-hour>`: her credit, the expert's free times, and the request form.
 */
export class TlRequestExchangeEvent extends Event {
  /** The expert's profile, as the member saw it. */
  readonly profile: Profile;

  constructor(profile: Profile) {
    super('tl-request-exchange', { bubbles: true, composed: true, cancelable: true });
    this.profile = profile;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-request-exchange': TlRequestExchangeEvent;
  }
}
