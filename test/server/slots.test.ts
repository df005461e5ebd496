import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { requireFreeSlot, SlotUnavailableError } from '../../server/src/domain/profile-slots.js';
import { freeSlots, isFreeSlot, weekOf, whyNotFree, type Availability, type WeeklyWindow } from '../../server/src/domain/slots.js';
import { send, sessionFor } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const window = (weekday: number, start: string, end: string): WeeklyWindow => ({ weekday, startMinute: minutes(start), endMinute: minutes(end) });

/** An expert with no notice, no cap to speak of and nothing booked, unless a test says otherwise. */
function expert(overrides: Partial<Availability>): Availability {
  return { windows: [], timeZone: 'Europe/London', minimumNoticeMinutes: 0, weeklyCap: 40, busy: [], scheduledStarts: [], ...overrides };
}
/** Slot starts over a range, as ISO strings, with "now" long before it. */
function startsBetween(availability: Availability, from: string, to: string, now = '2020-01-01T00:00:00Z'): string[] {
  return freeSlots({ ...availability, from: at(from), to: at(to), now: at(now) }).map((slot) => slot.startsAt);
}
/** How a London viewer's clock shows an instant. */
const inLondon = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at(iso));

describe('freeSlots: wall-clock windows placed in UTC by her zone', () => {
  const mondayMorning = expert({ windows: [window(1, '09:00', '12:00')] });

  test('a 09:00–12:00 London window is 08:00–11:00Z in summer and 09:00–12:00Z in winter, in whole hours from its start', () => {
    assert.deepEqual(startsBetween(mondayMorning, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z'), ['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z', '2026-06-01T10:00:00.000Z']);
    assert.deepEqual(startsBetween(mondayMorning, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'), ['2026-01-05T09:00:00.000Z', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z']);
  });

  test('each slot lasts one hour, and a window that is not a whole number of hours ends with its last whole hour', () => {
    const slots = freeSlots({ ...expert({ windows: [window(1, '09:30', '12:00')] }), from: at('2026-01-05T00:00:00Z'), to: at('2026-01-06T00:00:00Z'), now: at('2020-01-01T00:00:00Z') });
    assert.deepEqual(slots, [
      { startsAt: '2026-01-05T09:30:00.000Z', endsAt: '2026-01-05T10:30:00.000Z' },
      { startsAt: '2026-01-05T10:30:00.000Z', endsAt: '2026-01-05T11:30:00.000Z' },
    ]);
  });

  test('the Monday after the UK’s spring change, her 09:00 is an hour earlier in UTC than the Monday before', () => {
    assert.deepEqual(startsBetween(expert({ windows: [window(1, '09:00', '10:00')] }), '2026-03-23T00:00:00Z', '2026-03-31T00:00:00Z'), [
      '2026-03-23T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
    ]);
  });

  test('on the spring-forward Sunday (29 March 2026) a 00:30–02:30 window loses the hour the clocks skip', () => {
    // 01:00 GMT becomes 02:00 BST: 01:30 never shows on her clock, and 00:30 GMT to 02:30 BST is one hour.
    const slots = freeSlots({ ...expert({ windows: [window(7, '00:30', '02:30')] }), from: at('2026-03-28T12:00:00Z'), to: at('2026-03-29T12:00:00Z'), now: at('2020-01-01T00:00:00Z') });
    assert.deepEqual(slots, [{ startsAt: '2026-03-29T00:30:00.000Z', endsAt: '2026-03-29T01:30:00.000Z' }]);
    // The Sunday before, the same window is two hours.
    assert.equal(startsBetween(expert({ windows: [window(7, '00:30', '02:30')] }), '2026-03-21T12:00:00Z', '2026-03-22T12:00:00Z').length, 2);
  });

  test('on the spring-forward Sunday a window starting inside the skipped hour begins when the clocks resume', () => {
    assert.deepEqual(startsBetween(expert({ windows: [window(7, '01:00', '03:00')] }), '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'), ['2026-03-29T01:00:00.000Z']);
  });

  test('on the autumn Sunday (25 October 2026) the hour her clock shows twice is offered once, at its first showing', () => {
    // 02:00 BST becomes 01:00 GMT: 01:00–02:00 happens twice, from 00:00Z and from 01:00Z.
    assert.deepEqual(startsBetween(expert({ windows: [window(7, '01:00', '02:00')] }), '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'), ['2026-10-25T00:00:00.000Z']);
    // 00:30–02:30 is three real hours that day; it gives her two wall-clock hours, 00:30 BST and the first 01:30.
    assert.deepEqual(startsBetween(expert({ windows: [window(7, '00:30', '02:30')] }), '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'), [
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
    ]);
  });

  test('after the autumn change her morning window is back on GMT', () => {
    assert.deepEqual(startsBetween(expert({ windows: [window(7, '09:00', '10:00')] }), '2026-10-18T00:00:00Z', '2026-10-26T00:00:00Z'), [
      '2026-10-18T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
    ]);
  });

  test('a window that runs to midnight (24:00) gives its last hour, 23:00', () => {
    assert.deepEqual(startsBetween(expert({ windows: [window(5, '22:00', '24:00')] }), '2026-01-09T00:00:00Z', '2026-01-10T12:00:00Z'), ['2026-01-09T22:00:00.000Z', '2026-01-09T23:00:00.000Z']);
  });

  test('overlapping windows on one day offer each hour once, earliest first', () => {
    assert.deepEqual(startsBetween(expert({ windows: [window(1, '10:00', '12:00'), window(1, '09:00', '11:00')] }), '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'), [
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
    ]);
  });

  test('slots are those starting in [from, to): one starting at `to` belongs to the next range', () => {
    assert.deepEqual(startsBetween(mondayMorning, '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'), ['2026-01-05T10:00:00.000Z']);
  });
});

describe('freeSlots: an expert in Africa/Lagos (UTC+1 all year) seen from London', () => {
  const lagos = expert({ timeZone: 'Africa/Lagos', windows: [window(1, '09:00', '11:00')] });

  test('her 09:00–11:00 is 08:00–10:00Z in winter and in summer: Lagos keeps no summer time', () => {
    assert.deepEqual(startsBetween(lagos, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'), ['2026-01-05T08:00:00.000Z', '2026-01-05T09:00:00.000Z']);
    assert.deepEqual(startsBetween(lagos, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z'), ['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z']);
  });

  test('a London viewer sees her 09:00 as 08:00 in winter and as 09:00 in summer', () => {
    assert.deepEqual(startsBetween(lagos, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z').map(inLondon), ['Mon 08:00', 'Mon 09:00']);
    assert.deepEqual(startsBetween(lagos, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z').map(inLondon), ['Mon 09:00', 'Mon 10:00']);
  });

  test('the UK’s clock changes do not move her slots', () => {
    assert.deepEqual(startsBetween(lagos, '2026-03-23T00:00:00Z', '2026-03-31T00:00:00Z'), [
      '2026-03-23T08:00:00.000Z',
      '2026-03-23T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-03-30T09:00:00.000Z',
    ]);
  });
});

describe('freeSlots: notice, busy hours and the weekly cap', () => {
  const weekdays = expert({ windows: [1, 2, 3, 4, 5].map((day) => window(day, '09:00', '12:00')) });

  test('nothing starts sooner than now plus her minimum notice (48 hours by default)', () => {
    // Monday 09:30Z + 48 h = Wednesday 09:30Z: Wednesday's 09:00 is too soon, its 10:00 is not.
    const starts = startsBetween({ ...weekdays, minimumNoticeMinutes: 2880 }, '2026-01-05T00:00:00Z', '2026-01-08T00:00:00Z', '2026-01-05T09:30:00Z');
    assert.deepEqual(starts, ['2026-01-07T10:00:00.000Z', '2026-01-07T11:00:00.000Z']);
  });

  test('with no notice, the next hour that has not started yet is free', () => {
    assert.deepEqual(startsBetween(weekdays, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z', '2026-01-05T09:30:00Z'), ['2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z']);
  });

  test('an hour overlapping a scheduled exchange is not free, even by half an hour', () => {
    const busy = [{ start: at('2026-01-05T10:30:00Z'), end: at('2026-01-05T11:30:00Z') }];
    assert.deepEqual(startsBetween({ ...weekdays, busy }, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'), ['2026-01-05T09:00:00.000Z']);
  });

  test('an exchange that ends as a slot starts leaves it free', () => {
    const busy = [{ start: at('2026-01-05T08:00:00Z'), end: at('2026-01-05T09:00:00Z') }];
    assert.equal(startsBetween({ ...weekdays, busy }, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z')[0], '2026-01-05T09:00:00.000Z');
  });

  test('a week at her cap offers nothing; the weeks either side still do', () => {
    const starts = startsBetween({ ...weekdays, weeklyCap: 2, scheduledStarts: [at('2026-01-13T14:00:00Z'), at('2026-01-15T14:00:00Z')] }, '2026-01-09T00:00:00Z', '2026-01-20T00:00:00Z');
    assert.deepEqual(
      starts.map((iso) => iso.slice(0, 10)),
      ['2026-01-09', '2026-01-09', '2026-01-09', '2026-01-19', '2026-01-19', '2026-01-19'],
    );
  });

  test('a week below her cap keeps its free hours', () => {
    const starts = startsBetween({ ...weekdays, weeklyCap: 2, scheduledStarts: [at('2026-01-13T14:00:00Z')] }, '2026-01-12T00:00:00Z', '2026-01-13T00:00:00Z');
    assert.equal(starts.length, 3);
  });

  test('her week is Monday to Sunday on her own clock: in Lagos, Sunday 23:30Z is already Monday', () => {
    const lagos = expert({ timeZone: 'Africa/Lagos', windows: [window(1, '09:00', '10:00'), window(7, '09:00', '10:00')], weeklyCap: 1 });
    // Sunday 11 January 23:30Z is Monday 12 January 00:30 in Lagos: it fills the week of the 12th, not the week of the 5th.
    const starts = startsBetween({ ...lagos, scheduledStarts: [at('2026-01-11T23:30:00Z')] }, '2026-01-11T00:00:00Z', '2026-01-19T00:00:00Z');
    assert.deepEqual(starts, ['2026-01-11T08:00:00.000Z']);
  });

  test('weekOf gives her week in UTC: in London the week of the spring change is an hour short', () => {
    assert.deepEqual(weekOf(at('2026-03-25T12:00:00Z'), 'Europe/London'), { start: at('2026-03-23T00:00:00Z'), end: at('2026-03-29T23:00:00Z') });
    assert.deepEqual(weekOf(at('2026-03-29T23:30:00Z'), 'Europe/London'), { start: at('2026-03-29T23:00:00Z'), end: at('2026-04-05T23:00:00Z') });
    assert.deepEqual(weekOf(at('2026-01-11T23:30:00Z'), 'Africa/Lagos'), { start: at('2026-01-11T23:00:00Z'), end: at('2026-01-18T23:00:00Z') });
  });
});

describe('whyNotFree and isFreeSlot: checking a slot a member picked', () => {
  const monday = expert({ windows: [window(1, '09:00', '12:00')], minimumNoticeMinutes: 2880, weeklyCap: 1 });
  const check = (startsAt: string, extra: Partial<Availability> = {}, now = '2026-01-01T00:00:00Z') => whyNotFree({ ...monday, ...extra, startsAt: at(startsAt), now: at(now) });

  test('a slot she offers is free', () => {
    assert.equal(check('2026-01-05T10:00:00Z'), null);
    assert.equal(isFreeSlot({ ...monday, startsAt: at('2026-01-05T10:00:00Z'), now: at('2026-01-01T00:00:00Z') }), true);
  });

  test('a time that is not one of her slots (off the hour, or outside her windows) is outside_availability', () => {
    assert.equal(check('2026-01-05T10:30:00Z'), 'outside_availability');
    assert.equal(check('2026-01-06T10:00:00Z'), 'outside_availability');
    assert.equal(isFreeSlot({ ...monday, startsAt: at('2026-01-05T12:00:00Z'), now: at('2026-01-01T00:00:00Z') }), false);
  });

  test('a slot inside her notice is too_soon, a booked one busy, one in a full week week_full', () => {
    assert.equal(check('2026-01-05T10:00:00Z', {}, '2026-01-04T00:00:00Z'), 'too_soon');
    assert.equal(check('2026-01-05T10:00:00Z', { busy: [{ start: at('2026-01-05T10:00:00Z'), end: at('2026-01-05T11:00:00Z') }] }), 'busy');
    assert.equal(check('2026-01-05T10:00:00Z', { scheduledStarts: [at('2026-01-08T15:00:00Z')] }), 'week_full');
  });

  test('on the spring-forward Sunday, the skipped hour is no slot of hers', () => {
    const sunday = expert({ windows: [window(7, '00:30', '02:30')] });
    assert.equal(whyNotFree({ ...sunday, startsAt: at('2026-03-29T00:30:00Z'), now: at('2026-01-01T00:00:00Z') }), null);
    assert.equal(whyNotFree({ ...sunday, startsAt: at('2026-03-29T01:30:00Z'), now: at('2026-01-01T00:00:00Z') }), 'outside_availability');
  });
});

// ---- over HTTP -----------------------------------------------------------------------------

describe('GET /v1/libraries/{lib}/profiles/{id}/slots', () => {
  // A Monday morning in winter, London time equal to UTC.
  const clock = manualClock(at('2026-01-05T08:00:00Z'));
  let server: TestServer;
  let profileId: string;
  let expertHeaders: Record<string, string>;
  let expertMemberId: string;
  let memberId: string;
  let otherMemberId: string;
  const slotsPath = (query = '') => `/v1/libraries/demo/profiles/${profileId}/slots${query}`;

  before(async () => {
    server = await startTestServer({ seed: true, clock });
    const made = await expertWithProfile(server, { timeZone: 'Africa/Lagos' });
    profileId = made.profile.id;
    expertHeaders = made.expert;
    const windows = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
    const set = await server.request(`/v1/libraries/demo/profiles/${profileId}/availability`, send('PUT', { windows }, expertHeaders));
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const [row] = await server.db.select().from(schema.profiles).where(eq(schema.profiles.id, profileId));
    expertMemberId = row!.memberId!;
    const member = await sessionFor(server, { email: 'slots.member@example.org', name: 'Slots Member', roles: ['member'] });
    memberId = (await server.request('/v1/libraries/demo/me', { headers: member })).body.id;
    const other = await sessionFor(server, { email: 'slots.other@example.org', name: 'Slots Other', roles: ['member'] });
    otherMemberId = (await server.request('/v1/libraries/demo/me', { headers: other })).body.id;
  });
  after(() => server.close());

  let exchangeCount = 0;
  /** A scheduled exchange straight into the table, as the exchanges module will write it. */
  async function scheduled(startsAt: string, parties: { member: string; expert: string } = { member: memberId, expert: expertMemberId }) {
    const [library] = await server.db.select().from(schema.libraries).where(eq(schema.libraries.slug, 'demo'));
    const id = `exc_slotstest${String(++exchangeCount).padStart(4, '0')}`;
    await server.db.insert(schema.exchanges).values({
      id,
      libraryId: library!.id,
      memberId: parties.member,
      expertMemberId: parties.expert,
      profileId,
      status: 'scheduled',
      startsAt,
      endsAt: new Date(at(startsAt).getTime() + HOUR).toISOString(),
    });
    return id;
  }
  const removeExchanges = () => server.db.delete(schema.exchanges);

  test('answers her free slots in UTC with her time zone, notice and cap, earliest first, and is not cached', async () => {
    const res = await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      // Lagos 09:00–12:00 is 08:00–11:00Z.
      data: [
        { startsAt: '2026-01-12T08:00:00.000Z', endsAt: '2026-01-12T09:00:00.000Z' },
        { startsAt: '2026-01-12T09:00:00.000Z', endsAt: '2026-01-12T10:00:00.000Z' },
        { startsAt: '2026-01-12T10:00:00.000Z', endsAt: '2026-01-12T11:00:00.000Z' },
      ],
      from: '2026-01-12T00:00:00.000Z',
      to: '2026-01-13T00:00:00.000Z',
      timeZone: 'Africa/Lagos',
      minimumNoticeHours: 48,
      weeklyCap: 3,
    });
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('by default the range is from now for 14 days, and nothing inside the 48-hour notice is offered', async () => {
    const res = await server.read(slotsPath());
    assert.equal(res.status, 200);
    assert.equal(res.body.from, '2026-01-05T08:00:00.000Z');
    assert.equal(res.body.to, '2026-01-19T08:00:00.000Z');
    // Monday 08:00Z + 48 h: Wednesday 08:00Z is the first slot; ten weekdays less Monday and Tuesday, three hours each.
    assert.equal(res.body.data[0].startsAt, '2026-01-07T08:00:00.000Z');
    assert.equal(res.body.data.length, 8 * 3);
    assert.equal(res.body.data.at(-1).startsAt, '2026-01-16T10:00:00.000Z');
  });

  test('`to` alone counts from now', async () => {
    const res = await server.read(slotsPath('?to=2026-01-08T00:00:00Z'));
    assert.equal(res.status, 200);
    assert.equal(res.body.from, '2026-01-05T08:00:00.000Z');
    assert.deepEqual(res.body.data.map((s: { startsAt: string }) => s.startsAt), ['2026-01-07T08:00:00.000Z', '2026-01-07T09:00:00.000Z', '2026-01-07T10:00:00.000Z']);
  });

  test('moving the clock on moves the first slot offered', async () => {
    clock.advance(24 * HOUR);
    try {
      const res = await server.read(slotsPath());
      assert.equal(res.body.data[0].startsAt, '2026-01-08T08:00:00.000Z');
    } finally {
      clock.advance(-24 * HOUR);
    }
  });

  test('a scheduled exchange takes its hour out, whether she gives it or receives it', async () => {
    await scheduled('2026-01-12T09:00:00.000Z');
    // She booked someone else's hour, as a member, at 10:00Z: she is busy then too.
    await scheduled('2026-01-12T10:00:00Z', { member: expertMemberId, expert: otherMemberId });
    try {
      const res = await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z'));
      assert.deepEqual(res.body.data.map((s: { startsAt: string }) => s.startsAt), ['2026-01-12T08:00:00.000Z']);
    } finally {
      await removeExchanges();
    }
  });

  test('a week that holds her cap of exchanges offers no slots; an hour she receives does not count towards it', async () => {
    const cap = await server.request(`/v1/libraries/demo/profiles/${profileId}/availability`, send('PUT', { weeklyCap: 1 }, expertHeaders));
    assert.equal(cap.status, 200);
    await scheduled('2026-01-20T08:00:00Z', { member: expertMemberId, expert: otherMemberId });
    try {
      const before = await server.read(slotsPath('?from=2026-01-19T00:00:00Z&to=2026-01-24T00:00:00Z'));
      assert.equal(before.body.data.length, 5 * 3 - 1);
      await scheduled('2026-01-21T09:00:00Z');
      const full = await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-01-31T00:00:00Z'));
      assert.equal(full.body.weeklyCap, 1);
      const weeks = new Set(full.body.data.map((s: { startsAt: string }) => s.startsAt.slice(0, 10)));
      assert.deepEqual([...weeks], ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30']);
    } finally {
      await removeExchanges();
      await server.request(`/v1/libraries/demo/profiles/${profileId}/availability`, send('PUT', { weeklyCap: 3 }, expertHeaders));
    }
  });

  test('exchanges that are not scheduled (requested, cancelled) leave her hours free', async () => {
    const id = await scheduled('2026-01-12T09:00:00Z');
    await server.db.update(schema.exchanges).set({ status: 'cancelled' }).where(eq(schema.exchanges.id, id));
    try {
      const res = await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z'));
      assert.equal(res.body.data.length, 3);
    } finally {
      await removeExchanges();
    }
  });

  test('requireFreeSlot lets booking check a picked hour against the database, leaving out the exchange being moved', async () => {
    const [library] = await server.db.select().from(schema.libraries).where(eq(schema.libraries.slug, 'demo'));
    const check = (startsAt: string, exceptExchangeId?: string) => requireFreeSlot(server.db, { libraryId: library!.id, profileId, startsAt: at(startsAt), now: clock.now(), exceptExchangeId });
    const refusedFor = (reason: string) => (error: unknown) => error instanceof SlotUnavailableError && error.reason === reason && error.code === 'slot_unavailable';
    await check('2026-01-12T09:00:00Z');
    await assert.rejects(check('2026-01-12T09:30:00Z'), refusedFor('outside_availability'));
    await assert.rejects(check('2026-01-06T09:00:00Z'), refusedFor('too_soon'));
    const id = await scheduled('2026-01-12T09:00:00Z');
    try {
      await assert.rejects(check('2026-01-12T09:00:00Z'), refusedFor('busy'));
      await check('2026-01-12T09:00:00Z', id);
    } finally {
      await removeExchanges();
    }
  });

  test('`to` not after `from` is a 400 naming query.to', async () => {
    for (const query of ['?from=2026-01-12T00:00:00Z&to=2026-01-12T00:00:00Z', '?from=2026-01-12T00:00:00Z&to=2026-01-11T00:00:00Z', '?to=2026-01-01T00:00:00Z']) {
      const res = await server.read(slotsPath(query));
      assert.equal(res.status, 400, query);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['query.to'], query);
    }
  });

  test('a range longer than 62 days is a 400 naming query.to; exactly 62 days is fine', async () => {
    const long = await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-03-15T00:00:01Z'));
    assert.equal(long.status, 400);
    assert.deepEqual(long.body.errors, [{ path: 'query.to', message: 'must be at most 62 days after from' }]);
    assert.equal((await server.read(slotsPath('?from=2026-01-12T00:00:00Z&to=2026-03-15T00:00:00Z'))).status, 200);
  });

  test('times that are not ISO 8601 with a zone, or not real dates, are 400s naming their field', async () => {
    for (const [query, field] of [
      ['?from=2026-01-12', 'query.from'],
      ['?from=2026-01-12T09:00:00', 'query.from'],
      ['?from=2026-02-30T09:00:00Z', 'query.from'],
      ['?to=tomorrow', 'query.to'],
      ['?to=%00', 'query.to'],
    ] as const) {
      const res = await server.read(slotsPath(query));
      assert.equal(res.status, 400, query);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [field], query);
    }
  });

  test('an offset is read as the instant it names', async () => {
    const res = await server.read(slotsPath(`?from=${encodeURIComponent('2026-01-12T09:00:00+01:00')}&to=2026-01-13T00:00:00Z`));
    assert.equal(res.status, 200);
    assert.equal(res.body.from, '2026-01-12T08:00:00.000Z');
    assert.equal(res.body.data[0].startsAt, '2026-01-12T08:00:00.000Z');
  });

  test('a draft or paused profile, or one that does not exist, is a 404 even to its owner', async () => {
    const draft = await expertWithProfile(server, {}, { publish: false });
    const res = await server.request(`/v1/libraries/demo/profiles/${draft.profile.id}/slots`, { headers: draft.expert });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'not_found');
    assert.equal((await server.read('/v1/libraries/demo/profiles/prf_doesnotexist000/slots')).status, 404);
    const paused = await expertWithProfile(server);
    assert.equal((await server.request(`/v1/libraries/demo/profiles/${paused.profile.id}/pause`, send('POST', undefined, paused.expert))).status, 200);
    assert.equal((await server.read(`/v1/libraries/demo/profiles/${paused.profile.id}/slots`)).status, 404);
  });

  test('a published expert with no windows has no slots, and says so with an empty list', async () => {
    const bare = await expertWithProfile(server);
    const res = await server.read(`/v1/libraries/demo/profiles/${bare.profile.id}/slots`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, []);
    assert.equal(res.body.timeZone, 'Europe/London');
  });
});

describe('PUT …/availability: minimum notice and weekly cap', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: true });
  });
  after(() => server.close());

  test('a new profile shows the defaults, 48 hours’ notice and 3 a week, to the public too', async () => {
    const { profile } = await expertWithProfile(server);
    assert.equal(profile.minimumNoticeHours, 48);
    assert.equal(profile.weeklyCap, 3);
    const seen = await server.read(`/v1/libraries/demo/profiles/${profile.id}`);
    assert.deepEqual([seen.body.minimumNoticeHours, seen.body.weeklyCap], [48, 3]);
  });

  test('she sets her notice and cap; windows sent alone, as before, leave them as they are', async () => {
    const { profile, expert: headers } = await expertWithProfile(server);
    const path = `/v1/libraries/demo/profiles/${profile.id}/availability`;
    const set = await server.request(path, send('PUT', { minimumNoticeHours: 0, weeklyCap: 10 }, headers));
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual([set.body.minimumNoticeHours, set.body.weeklyCap, set.body.availability], [0, 10, []]);
    const windows = await server.request(path, send('PUT', { windows: [{ weekday: 3, start: '14:00', end: '16:00' }] }, headers));
    assert.equal(windows.status, 200);
    assert.deepEqual([windows.body.minimumNoticeHours, windows.body.weeklyCap, windows.body.availability], [0, 10, [{ weekday: 3, start: '14:00', end: '16:00' }]]);
    const settingsOnly = await server.request(path, send('PUT', { minimumNoticeHours: 24 }, headers));
    assert.deepEqual([settingsOnly.body.minimumNoticeHours, settingsOnly.body.weeklyCap, settingsOnly.body.availability.length], [24, 10, 1]);
    const slots = await server.read(`/v1/libraries/demo/profiles/${profile.id}/slots`);
    assert.deepEqual([slots.body.minimumNoticeHours, slots.body.weeklyCap], [24, 10]);
  });

  test('a notice outside 0–336 whole hours, or a cap outside 1–40, is a 400 naming the field, and changes nothing', async () => {
    const { profile, expert: headers } = await expertWithProfile(server);
    const path = `/v1/libraries/demo/profiles/${profile.id}/availability`;
    for (const [body, field] of [
      [{ minimumNoticeHours: 337 }, 'body.minimumNoticeHours'],
      [{ minimumNoticeHours: -1 }, 'body.minimumNoticeHours'],
      [{ minimumNoticeHours: 1.5 }, 'body.minimumNoticeHours'],
      [{ minimumNoticeHours: '48' }, 'body.minimumNoticeHours'],
      [{ weeklyCap: 0 }, 'body.weeklyCap'],
      [{ weeklyCap: 41 }, 'body.weeklyCap'],
      [{ weeklyCap: 2, minimumNoticeHours: null }, 'body.minimumNoticeHours'],
    ] as const) {
      const res = await server.request(path, send('PUT', body, headers));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [field], JSON.stringify(body));
    }
    const empty = await server.request(path, send('PUT', {}, headers));
    assert.equal(empty.status, 400);
    const mine = await server.request('/v1/libraries/demo/me/profile', { headers });
    assert.deepEqual([mine.body.minimumNoticeHours, mine.body.weeklyCap, mine.body.version], [48, 3, profile.version + 1]);
  });
});
