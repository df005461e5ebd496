import type { Member } from '@talking-library/sdk';

/** The member signed out with `<tl-sign-in>`: the session has ended and its token no longer works. */
export class TlSignedOutEvent extends Event {
  /** Who was signed in. */
  readonly member: Member;

  constructor(member: Member) {
    super('tl-signed-out', { bubbles: true, composed: true });
    this.member = member;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-signed-out': TlSignedOutEvent;
  }
}
