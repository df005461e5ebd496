import { schema } from '@talking-library/server';
import { findLibrary } from '../../server/src/domain/libraries.js';
import { newId } from '../../server/src/ids.js';
import { grantRoles } from '../../server/src/domain/members.js';
import { createSession } from '../../server/src/domain/sessions.js';
import { bearer, send } from './callers.js';
import type { TestResponse, TestServer } from './server.js';

/** People for exchange tests, made through the domain: a member, or an expert with a published profile. */
export interface Person {
  id: string;
  name: string;
  email: string;
  headers: Record<string, string>;
}
export interface Expert extends Person {
  profileId: string;
}

let people = 0;

type Role = 'member' | 'expert' | 'coordinator';

/** A member with a session that starts at the server's `now` (tests move that clock by days). */
export async function member(server: TestServer, now: Date, roles: Role[] = ['member']): Promise<Person> {
  const n = ++people;
  const name = `Person ${n}`;
  const email = `exchange-person-${n}-${process.pid}@example.org`;
  const library = await findLibrary(server.db, server.library);
  const row = await grantRoles(server.db, library, { email, name }, roles);
  return { id: row.id, name, email, headers: bearer((await createSession(server.db, row, now)).sessionToken) };
}

/** The same person signed in afresh at `now`, after the clock has moved past her session. */
export async function signInAgain<P extends Person>(server: TestServer, person: P, now: Date): Promise<P> {
  const library = await findLibrary(server.db, server.library);
  const row = await grantRoles(server.db, library, { email: person.email, name: person.name }, []);
  return { ...person, headers: bearer((await createSession(server.db, row, now)).sessionToken) };
}

export async function expert(server: TestServer, now: Date, profile: { timeZone?: string; minimumNoticeMinutes?: number } = {}): Promise<Expert> {
  const person = await member(server, now, ['member', 'expert']);
  const library = await findLibrary(server.db, server.library);
  const profileId = newId('prf');
  await server.db.insert(schema.profiles).values({
    id: profileId,
    libraryId: library.id,
    memberId: person.id,
    displayName: person.name,
    headline: 'Helps with digital health',
    careerStage: 'mid',
    status: 'published',
    timeZone: profile.timeZone ?? 'Europe/London',
    minimumNoticeMinutes: profile.minimumNoticeMinutes ?? 2880,
  });
  return { ...person, profileId };
}

/** `hours` from `now`, on the minute, as the API takes it. */
export function hoursFrom(now: Date, hours: number): string {
  const ms = Math.floor(now.getTime() / 60_000) * 60_000 + hours * 3_600_000;
  return new Date(ms).toISOString();
}

/** The exchanges of the server's demo library, wherever that is (test-database.ts). */
const exchangesOf = (server: TestServer) => `${server.libraryPath}/exchanges`;

export function ask(server: TestServer, who: Person, to: Expert, proposedTimes: string[], extra: Record<string, unknown> = {}): Promise<TestResponse> {
  return server.request(exchangesOf(server), send('POST', { profileId: to.profileId, message: 'Could you help with our discharge-letter project?', proposedTimes, ...extra }, who.headers));
}

export function act(server: TestServer, who: Person, exchangeId: string, action: string, body: Record<string, unknown> = {}): Promise<TestResponse> {
  return server.request(`${exchangesOf(server)}/${exchangeId}/${action}`, send('POST', body, who.headers));
}

export async function credits(server: TestServer, who: Person): Promise<{ balanceMinutes: number; heldMinutes: number; availableMinutes: number }> {
  return (await server.request(`${server.libraryPath}/credits`, { headers: who.headers })).body;
}

export interface ScheduledHour {
  asker: Person;
  giver: Expert;
  id: string;
  startsAt: string;
}

/** A member's request to a fresh expert (in `expertTimeZone`), accepted at its time: a scheduled hour `hours` after `now`. */
export async function scheduledHour(server: TestServer, now: Date, options: { hours?: number; expertTimeZone?: string } = {}): Promise<ScheduledHour> {
  const asker = await member(server, now);
  const giver = await expert(server, now, options.expertTimeZone ? { timeZone: options.expertTimeZone } : {});
  const startsAt = hoursFrom(now, options.hours ?? 72);
  const made = await ask(server, asker, giver, [startsAt], { timeZone: 'Europe/London' });
  if (made.status !== 201) throw new Error(`the request was refused: ${made.status} ${JSON.stringify(made.body)}`);
  const accepted = await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'https://meet.example.org/hour' });
  if (accepted.status !== 200) throw new Error(`the accept was refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { asker, giver, id: made.body.id, startsAt };
}
