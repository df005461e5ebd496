import type { Session } from '@talking-library/sdk';

/**
 * Someone signed in with `<tl-sign-in>`. The element keeps the session only in memory: to stay
 * signed in, hand `session.sessionToken` to the page's elements (`member-token`) and keep it where
 * your site keeps such things.
 */
export class TlSignedInEvent extends Event {
  /** `{ sessionToken, member, expiresAt }`, as `POST /email-links/verify` returned it. */
  readonly session: Session;

  constructor(session: Session) {
    super('tl-signed-in', { bubbles: true, composed: true });
    this.session = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-signed-in': TlSignedInEvent;
  }
}
