import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isNotNull } from 'drizzle-orm';
import { DEMO_PUBLISHABLE_KEY, schema } from '@talking-library/server';
import { BadRequestError, createClient, type LearningItem, type TalkingLibraryClient } from '@talking-library/sdk';
import { manualClock } from '../helpers/clock.js';
import { hoursFrom } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
let member: TalkingLibraryClient;
let visitor: TalkingLibraryClient;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false });
  const anonymous = createClient({ baseUrl: server.url });
  const as = async (who: 'member' | 'expert') => createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', who)).sessionToken });
  const [asker, expert] = [await as('member'), await as('expert')];
  const [owned] = await server.db.select().from(schema.profiles).where(isNotNull(schema.profiles.memberId));
  // Two completed hours, each logged by both: one log of each share level, and one more public.
  for (const [mine, theirs] of [
    [{ summary: 'Public from the member', share: 'public', nameExpert: true }, { summary: 'Public from the expert', share: 'public', nameMeInPublic: true }],
    [{ summary: 'For the library', share: 'library' }, { summary: 'Kept private', share: 'private' }],
  ] as const) {
    const startsAt = hoursFrom(clock.now(), 72);
    const asked = await asker.exchanges.create('demo', { profileId: owned!.id, message: 'Feed?', proposedTimes: [startsAt] });
    await expert.exchanges.accept('demo', asked.id, { startsAt, meetingPlace: 'Video' });
    clock.advance(73 * HOUR);
    await asker.exchanges.complete('demo', asked.id);
    await expert.exchanges.complete('demo', asked.id);
    await asker.exchanges.logOutcome('demo', asked.id, mine);
    clock.advance(60_000);
    await expert.exchanges.logOutcome('demo', asked.id, theirs);
  }
  member = await as('member');
  visitor = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY });
});
after(() => server.close());

test('through the SDK a visitor with the key reads the public items, a member the library’s too, and for await walks every page', async () => {
  const page = await visitor.learning.list('demo');
  assert.deepEqual(page.data.map((i) => i.summary), ['Public from the expert', 'Public from the member']);
  assert.ok(page.data[0]!.expert, 'the expert agreed to be named');

  const seen: LearningItem[] = [];
  for await (const item of member.learning.list('demo', { limit: 1 })) seen.push(item);
  assert.deepEqual(seen.map((i) => [i.summary, i.share]), [['For the library', 'library'], ['Public from the expert', 'public'], ['Public from the member', 'public']]);

  assert.deepEqual((await member.learning.list('demo', { q: 'library' })).data.map((i) => i.summary), ['For the library']);
  await assert.rejects(async () => visitor.learning.list('demo', { category: 'no-such-category' }), (error) => error instanceof BadRequestError && 'query.category' in error.fieldErrors);
});
