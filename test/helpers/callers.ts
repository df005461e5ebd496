import { DEMO_PEOPLE, DEMO_PUBLISHABLE_KEY, type Database } from '@talking-library/server';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { grantRoles } from '../../server/src/domain/members.js';
import { createSession } from '../../server/src/domain/sessions.js';
import type { TestServer } from './server.js';

type Role = 'member' | 'expert' | 'coordinator';

/** A session for one of the seeded demo people, through the development sign-in route. */
export async function demoSession(server: TestServer, as: keyof typeof DEMO_PEOPLE, library = server.library): Promise<string> {
  const res = await server.request(`/v1/libraries/${library}/dev/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as }),
  });
  if (res.status !== 201) throw new Error(`demo sign-in as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.sessionToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const demoKey = { 'x-tl-key': DEMO_PUBLISHABLE_KEY };

/** JSON request init with headers. */
export function send(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

export type { Database };

/**
 * A session for anyone, made through the domain rather than a sign-in route: for tests that need
 * many people, or have spent the sign-in budget on purpose.
 */
export async function sessionFor(
  server: Pick<TestServer, 'db'> & Partial<Pick<TestServer, 'library'>>,
  person: { email: string; name: string; roles: Role[]; library?: string },
): Promise<Record<string, string>> {
  const library = await findLibrary(server.db, person.library ?? server.library ?? 'demo');
  const member = await grantRoles(server.db, library, person, person.roles);
  return bearer((await createSession(server.db, member, new Date())).sessionToken);
}
