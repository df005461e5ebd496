import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, createClient, NotFoundError } from '@talking-library/sdk';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
// A Monday in winter: London is on GMT.
const clock = manualClock(new Date('2026-01-05T08:00:00Z'));
before(async () => (server = await startTestServer({ seed: true, clock })));
after(() => server.close());

test('through the SDK an expert sets her windows, notice and cap, and a page with the publishable key reads her slots', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const expert = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'expert')).sessionToken });
  const mine = await expert.profiles.mine('demo');
  // Windows alone, as a list, as callers have always sent them; then the settings on their own.
  await expert.profiles.setAvailability('demo', mine.id, [{ weekday: 2, start: '09:00', end: '11:00' }]);
  const set = await expert.profiles.setAvailability('demo', mine.id, { minimumNoticeHours: 0, weeklyCap: 5 });
  assert.deepEqual([set.availability, set.minimumNoticeHours, set.weeklyCap], [[{ weekday: 2, start: '09:00', end: '11:00' }], 0, 5]);

  const page = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
  const slots = await page.profiles.slots('demo', mine.id, { from: new Date('2026-01-06T00:00:00Z'), to: '2026-01-07T00:00:00Z' });
  assert.equal(slots.timeZone, mine.timeZone);
  assert.deepEqual([slots.minimumNoticeHours, slots.weeklyCap], [0, 5]);
  // Her Tuesday 09:00–11:00 on her own clock, whatever zone the demo expert keeps.
  const onHerClock = new Intl.DateTimeFormat('en-GB', { timeZone: slots.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  assert.deepEqual(slots.data.map((slot) => onHerClock.format(new Date(slot.startsAt))), ['Tue 09:00', 'Tue 10:00']);
  assert.ok(slots.data.every((slot) => new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime() === 3_600_000));

  const byDefault = await page.profiles.slots('demo', mine.id);
  assert.deepEqual([byDefault.from, byDefault.to], ['2026-01-05T08:00:00.000Z', '2026-01-19T08:00:00.000Z']);
});

test('through the SDK a bad range is a BadRequestError naming query.to, and a profile that is not there a NotFoundError', async () => {
  const page = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
  const { data } = await page.profiles.list('demo', { limit: 1 });
  await assert.rejects(page.profiles.slots('demo', data[0]!.id, { from: '2026-01-06T00:00:00Z', to: '2026-01-05T00:00:00Z' }), (error) => {
    assert.ok(error instanceof BadRequestError);
    assert.deepEqual(error.problem?.errors?.map((e) => e.path), ['query.to']);
    return true;
  });
  await assert.rejects(page.profiles.slots('demo', 'prf_notthereatall00'), (error) => error instanceof NotFoundError);
});
