import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isNotNull } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { BadRequestError, ConflictError, createClient, NotFoundError, PreconditionFailedError, type TalkingLibraryClient } from '@talking-library/sdk';
import { manualClock } from '../helpers/clock.js';
import { hoursFrom, member as newMember } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
let member: TalkingLibraryClient;
let expert: TalkingLibraryClient;
let profileId: string;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false });
  const anonymous = createClient({ baseUrl: server.url });
  const as = async (who: 'member' | 'expert') => createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', who)).sessionToken });
  [member, expert] = [await as('member'), await as('expert')];
  const [owned] = await server.db.select().from(schema.profiles).where(isNotNull(schema.profiles.memberId));
  profileId = owned!.id;
});
after(() => server.close());

test('through the SDK both parties log a completed hour, read both logs, and the member replaces hers at the version she read', async () => {
  const startsAt = hoursFrom(clock.now(), 72);
  const asked = await member.exchanges.create('demo', { profileId, message: 'Outcomes?', proposedTimes: [startsAt] });
  await assert.rejects(member.exchanges.logOutcome('demo', asked.id, { summary: 'Too soon' }), (error) => error instanceof ConflictError && error.code === 'exchange_state_conflict');
  await expert.exchanges.accept('demo', asked.id, { startsAt, meetingPlace: 'Video' });
  clock.advance(73 * HOUR);
  await member.exchanges.complete('demo', asked.id);
  await expert.exchanges.complete('demo', asked.id);

  const mine = await member.exchanges.logOutcome('demo', asked.id, { summary: 'Mapped the letter', outputs: [{ title: 'Sheet', url: 'https://example.org/sheet' }], valueRating: 4, share: 'library' });
  assert.deepEqual([mine.authorRole, mine.valueRating, mine.share, mine.version, mine.mine], ['member', 4, 'library', 1, true]);
  const theirs = await expert.exchanges.logOutcome('demo', asked.id, { summary: 'Taught Composition', share: 'public', nameMeInPublic: true });
  assert.equal(theirs.expertNamed, true);
  await assert.rejects(expert.exchanges.logOutcome('demo', asked.id, { summary: 'Rated', valueRating: 5 }), (error) => error instanceof BadRequestError);

  const logs = await expert.exchanges.outcomes('demo', asked.id);
  assert.deepEqual(logs.map((l) => [l.authorRole, l.mine]), [['member', false], ['expert', true]]);
  assert.equal((await expert.exchanges.outcome('demo', asked.id, mine.id)).summary, 'Mapped the letter');

  const edited = await member.exchanges.replaceOutcome('demo', asked.id, mine.id, { summary: 'Mapped the whole letter', valueRating: 5 }, { ifMatch: mine.version });
  assert.deepEqual([edited.summary, edited.valueRating, edited.share, edited.version], ['Mapped the whole letter', 5, 'private', 2]);
  await assert.rejects(member.exchanges.replaceOutcome('demo', asked.id, mine.id, { summary: 'Stale' }, { ifMatch: mine.version }), (error) => error instanceof PreconditionFailedError);

  const stranger = await newMember(server, clock.now());
  const strangerClient = createClient({ baseUrl: server.url, sessionToken: stranger.headers.authorization!.replace('Bearer ', '') });
  await assert.rejects(strangerClient.exchanges.outcomes('demo', asked.id), (error) => error instanceof NotFoundError);
});
