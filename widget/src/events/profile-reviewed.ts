import type { Profile } from '@talking-library/sdk';

export type ReviewDecision = 'published' | 'sent-back';

/** A coordinator published a submitted profile, or sent it back with a note, in `<tl-review-queue>`. */
export class TlProfileReviewedEvent extends Event {
  /** The profile in its new state: `published`, or `draft` with the note as `reviewNote`. */
  readonly profile: Profile;
  readonly decision: ReviewDecision;

  constructor(profile: Profile, decision: ReviewDecision) {
    super('tl-profile-reviewed', { bubbles: true, composed: true });
    this.profile = profile;
    this.decision = decision;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-profile-reviewed': TlProfileReviewedEvent;
  }
}
