import type { Profile } from '@talking-library/sdk';

/** The expert saved her profile with `<tl-profile-editor>`: created it, or changed it. */
export class TlProfileSavedEvent extends Event {
  /** The profile as the API now holds it. */
  readonly profile: Profile;

  constructor(profile: Profile) {
    super('tl-profile-saved', { bubbles: true, composed: true });
    this.profile = profile;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-profile-saved': TlProfileSavedEvent;
  }
}
