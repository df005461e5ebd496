import type { Profile } from '@talking-library/sdk';

/**
 * The expert sent her profile on from `<tl-profile-editor>`: for review (`profile.status` is
 * `submitted`) or, in a library that needs no approval, straight into the library (`published`).
 */
export class TlProfileSubmittedEvent extends Event {
  readonly profile: Profile;

  constructor(profile: Profile) {
    super('tl-profile-submitted', { bubbles: true, composed: true });
    this.profile = profile;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-profile-submitted': TlProfileSubmittedEvent;
  }
}
