import { path, type RequestOptions, type Transport } from '../client.js';
import type { Accepted, EmailCodeVerify, EmailLinkRequest, Member, Role, Session } from '../schema/identity.js';

/** Signing members in and out. */
export class Sessions {
  constructor(private readonly transport: Transport) {}

  /** Trades a JWT your back end signed for the member into a session (server side, or from your page). */
  exchange(library: string, token: string, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/sessions`, body: { token } }, options);
  }

  /** Signs the current session out; its token stops working. */
  end(library: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/sessions/current` }, options);
  }

  /** Development servers only: a session as the demo member, expert or coordinator. */
  demo(library: string, as: Role, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/dev/sessions`, body: { as } }, options);
  }
}

/** Email sign-in for sites without accounts of their own. */
export class EmailLinks {
  constructor(private readonly transport: Transport) {}

  /** Emails a one-time code (and a link to `redirectUrl` carrying it). Always 202, whoever asks. */
  request(library: string, body: EmailLinkRequest, options?: RequestOptions): Promise<Accepted> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/email-links`, body }, options);
  }

  /** Trades the emailed code for a session. */
  verify(library: string, body: EmailCodeVerify, options?: RequestOptions): Promise<Session> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/email-links/verify`, body }, options);
  }
}

export function getMe(transport: Transport, library: string, options?: RequestOptions): Promise<Member> {
  return transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me` }, options);
}
