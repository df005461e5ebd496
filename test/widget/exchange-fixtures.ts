// People and exchanges for the exchange elements' tests, made through the real API as the people
// themselves (and a coordinator) would: nothing is written to a database behind the API's back.
import type { CreditBalance, Exchange, Profile, Session } from '@talking-library/sdk';
import { callApi, demoSession, moveClock, newMember, profileOf, type TestServer } from './support.js';

export interface Expert {
  session: Session;
  profile: Profile;
}

let experts = 0;

/**
 * A new expert with a published profile in `timeZone`, free every day from 08:00 to 20:00 on her
 * clock, who may be asked at no notice and as often as tests like: each test its own, so tests
 * running side by side never book each other's hours. `fields` change her profile (its skills).
 */
export async function bookableExpert(server: 'scratch' | 'exchanges', timeZone = 'Europe/London', fields: Record<string, unknown> = {}): Promise<Expert> {
  const n = ++experts;
  const session = await newMember(`expert${n}`, server);
  const displayName = `Expert ${n} ${Math.random().toString(36).slice(2, 6)}`;
  const draft = await profileOf(session, { displayName, timeZone, ...fields }, 'submitted', server);
  const coordinator = await demoSession('coordinator', server);
  await callApi('POST', `/profiles/${draft.id}/publish`, coordinator.sessionToken, undefined, server);
  const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  const profile = await callApi<Profile>('PUT', `/profiles/${draft.id}/availability`, session.sessionToken, { windows, minimumNoticeHours: 0, weeklyCap: 40 }, server);
  return { session, profile };
}

/** A member nobody has used before, with the hours the library starts everyone with. */
export function memberWithCredit(server: 'scratch' | 'exchanges'): Promise<Session> {
  return newMember('asker', server);
}

/** A member nobody has used before, who has given all her starting hours to the fund. */
export async function memberWithoutCredit(server: 'scratch' | 'exchanges'): Promise<Session> {
  const member = await newMember('spent', server);
  const balance = await callApi<CreditBalance>('GET', '/credits', member.sessionToken, undefined, server);
  if (balance.available > 0) await callApi('POST', '/credits/donations', member.sessionToken, { to: 'fund', hours: balance.available }, server);
  return member;
}

export function balanceOf(member: Session, server: TestServer): Promise<CreditBalance> {
  return callApi<CreditBalance>('GET', '/credits', member.sessionToken, undefined, server);
}

/** Whole hours from `now` (an ISO time), at :00, so the times read cleanly. */
export function hoursAfter(now: string, hours: number): string {
  const time = new Date(now);
  time.setUTCMinutes(0, 0, 0);
  return new Date(time.getTime() + hours * 3600_000).toISOString();
}

/** The member asks the expert for an hour at `times`, through the API. */
export function requestHour(member: Session, expert: Expert, times: string[], server: TestServer, message = 'Could you help with our discharge-letter project?'): Promise<Exchange> {
  return callApi<Exchange>('POST', '/exchanges', member.sessionToken, { profileId: expert.profile.id, message, proposedTimes: times, timeZone: 'Europe/London' }, server);
}

/** The expert accepts one of the times, through the API. */
export function accept(expert: Expert, exchange: Exchange, startsAt: string, server: TestServer, meetingPlace = 'https://meet.example.test/abc'): Promise<Exchange> {
  return callApi<Exchange>('POST', `/exchanges/${exchange.id}/accept`, expert.session.sessionToken, { startsAt, meetingPlace }, server);
}

/** 10:00 UTC `days` days after the server's now: inside every test expert's hours, on any clock. */
export async function tenOClock(days: number): Promise<string> {
  const { now } = await moveClock(0);
  const day = new Date(now);
  day.setUTCHours(10, 0, 0, 0);
  return new Date(day.getTime() + days * 24 * 3600_000).toISOString();
}

/** Moves the exchanges API's clock past the end of the hour that starts at `startsAt`. */
export async function pastTheHour(startsAt: string): Promise<void> {
  const { now } = await moveClock(0);
  await moveClock(Math.ceil((Date.parse(startsAt) - Date.parse(now)) / 60_000) + 90);
}
