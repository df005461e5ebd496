import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { grantRoles } from '../../server/src/domain/members.js';
import { createSession } from '../../server/src/domain/sessions.js';
import { bearer, send } from './callers.js';
import type { TestServer } from './server.js';

let people = 0;

export interface Person {
  id: string;
  email: string;
  headers: Record<string, string>;
}

/** A new member of the demo library, signed in at the server's (test) clock. */
export async function newMember(server: TestServer, now: Date, roles: ('member' | 'coordinator')[] = ['member']): Promise<Person> {
  const n = ++people;
  const email = `board.person${n}.${process.pid}@example.org`;
  const member = await grantRoles(server.db, await findLibrary(server.db, server.library), { email, name: `Board Person ${n}` }, roles);
  return { id: member.id, email, headers: bearer((await createSession(server.db, member, now)).sessionToken) };
}

/** A new expert with a published profile of these skills and categories (the demo library needs no approval). */
export async function newExpert(server: TestServer, now: Date, profile: { skills: string[]; categories: string[]; requestAlerts?: 'instant' | 'weekly' | 'off' }): Promise<Person & { profileId: string }> {
  const person = await newMember(server, now);
  const created = await server.request(
    `${server.libraryPath}/profiles`,
    send('POST', { displayName: `Expert ${person.id.slice(-4)}`, careerStage: 'mid', headline: 'Helps projects', bio: 'Works in health and care.', skills: profile.skills, categories: profile.categories }, person.headers),
  );
  if (created.status !== 201) throw new Error(`create profile: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await server.request(`${server.libraryPath}/profiles/${created.body.id}/publish`, send('POST', undefined, person.headers));
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  await server.db.update(schema.members).set({ requestAlerts: profile.requestAlerts ?? 'off' }).where(eq(schema.members.id, person.id));
  return { ...person, profileId: created.body.id };
}

/** A request body with sensible defaults. */
export function requestBody(fields: Record<string, unknown> = {}) {
  return {
    title: 'Help with FHIR discharge letters',
    need: 'Our discharge letters are PDFs; we want them structured so GPs can use them.',
    project: { name: 'Better discharge letters', aim: 'GPs get what they need on day one', stage: 'planning' },
    skills: ['fhir'],
    category: 'digital-health',
    ...fields,
  };
}

/**
 * An hour booked from the request board: `owner` posts a request (`requestBody` with `fields`),
 * `giver` answers it at `startsAt`, and `owner` accepts. The request's id and the new exchange.
 */
export async function bookFromBoard(
  server: TestServer,
  owner: { headers: Record<string, string> },
  giver: { headers: Record<string, string> },
  startsAt: string,
  options: { fields?: Record<string, unknown>; meetingPlace?: string } = {},
): Promise<{ requestId: string; exchange: any }> {
  const request = await server.request(`${server.libraryPath}/requests`, send('POST', requestBody(options.fields), owner.headers));
  if (request.status !== 201) throw new Error(`post request: ${request.status} ${JSON.stringify(request.body)}`);
  const responses = `${server.libraryPath}/requests/${request.body.id}/responses`;
  const response = await server.request(responses, send('POST', { message: 'I can help.', proposedTimes: [startsAt] }, giver.headers));
  if (response.status !== 201) throw new Error(`respond: ${response.status} ${JSON.stringify(response.body)}`);
  const accepted = await server.request(`${responses}/${response.body.id}/accept`, send('POST', { startsAt, meetingPlace: options.meetingPlace ?? 'Video' }, owner.headers));
  if (accepted.status !== 201) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { requestId: request.body.id, exchange: accepted.body };
}

/** `hours` from `now`, on the minute, as ISO UTC. */
export function hoursFrom(now: Date, hours: number): string {
  const ms = now.getTime() + hours * 3_600_000;
  return new Date(ms - (ms % 60_000)).toISOString();
}
