import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { PageQuery } from '../schema/common.js';
import type { Invite, InviteList, Member, Role } from '../schema/identity.js';

/** Coordinators: the people in a library, their roles, and invitations. */
export class Members {
  constructor(private readonly transport: Transport) {}

  /** Await for one page, or `for await` over every member. */
  list(library: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<Member> {
    return new PagePromise(
      (cursor) => this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/members`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  setRoles(library: string, id: string, roles: Role[], options?: RequestOptions): Promise<Member> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/members/${id}`, body: { roles } }, options);
  }

  invite(library: string, email: string, options?: RequestOptions): Promise<Invite> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/invites`, body: { email } }, options);
  }

  /** Oldest first: await for one page, or `for await` over every invitation. */
  invites(library: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<Invite, InviteList> {
    return new PagePromise(
      (cursor) => this.transport.request<InviteList>({ method: 'GET', path: path`/v1/libraries/${library}/invites`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }
}
