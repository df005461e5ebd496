import { DEMO_PEOPLE, DEMO_PUBLISHABLE_KEY, type Database } from '@talking-library/server';
import type { TestServer } from './server.js';

/** A session for one of the seeded demo people, through the development sign-in route. */
export async function demoSession(server: TestServer, as: keyof typeof DEMO_PEOPLE, library = 'demo'): Promise<string> {
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
