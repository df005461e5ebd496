import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, ConflictError, createClient, NotFoundError, PermissionDeniedError, type TalkingLibraryClient } from '@talking-library/sdk';
import { makeSurveysDue } from '../../server/src/domain/survey-due.js';
import { manualClock } from '../helpers/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
let member: TalkingLibraryClient;
let expert: TalkingLibraryClient;
let coordinator: TalkingLibraryClient;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false });
  const anonymous = createClient({ baseUrl: server.url });
  const as = async (who: 'member' | 'expert' | 'coordinator') => createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', who)).sessionToken });
  [member, expert, coordinator] = [await as('member'), await as('expert'), await as('coordinator')];
});
after(() => server.close());

test('through the SDK the demo expert finds her baseline due, answers it once, and nobody else can read it', async () => {
  assert.deepEqual(await expert.surveys.due('demo'), [], 'nothing before the sweep');
  // What the worker does each tick, run here by hand.
  await makeSurveysDue(server.db, { now: clock.now() });
  const [baseline] = await expert.surveys.due('demo');
  assert.equal(baseline?.kind, 'baseline');
  assert.deepEqual(
    baseline!.instrument.questions.map((q) => [q.id, q.type]),
    [['career_stage', 'choice'], ['role_or_band', 'text'], ['confidence', 'scale'], ['goals', 'text']],
  );

  const refused = await expert.surveys.answer('demo', baseline!.id, { career_stage: 'Senior', role_or_band: 'Band 8a', confidence: 9 }).catch((error: unknown) => error);
  assert.ok(refused instanceof BadRequestError);
  assert.deepEqual(Object.keys(refused.fieldErrors), ['body.answers.confidence']);

  const answered = await expert.surveys.answer('demo', baseline!.id, { career_stage: 'Senior', role_or_band: 'Band 8a', confidence: 6, goals: 'Help a team ship' });
  assert.deepEqual([answered.instrument.version, answered.answers?.confidence], [1, 6]);
  assert.ok(answered.answeredAt);
  await assert.rejects(expert.surveys.answer('demo', baseline!.id, { career_stage: 'Senior', role_or_band: 'Band 8a', confidence: 6 }), (error) => error instanceof ConflictError && error.code === 'survey_answered');
  assert.deepEqual(await expert.surveys.due('demo'), []);
  assert.equal((await expert.surveys.get('demo', baseline!.id)).answers?.goals, 'Help a team ship');
  await assert.rejects(member.surveys.get('demo', baseline!.id), NotFoundError);
  await assert.rejects(coordinator.surveys.answer('demo', baseline!.id, { confidence: 1 }), NotFoundError);
});

test('through the SDK a coordinator lists the instruments and writes a new version of one; a member may not', async () => {
  const before = await coordinator.instruments.list('demo');
  assert.deepEqual(before.map((i) => i.kind), ['baseline', 'after_exchange', 'follow_up_3m', 'follow_up_6m']);
  const written = await coordinator.instruments.update('demo', 'after_exchange', {
    title: 'Your hour',
    questions: [
      { id: 'value', text: 'How valuable was it?', type: 'scale', min: 1, max: 5 },
      { id: 'topic', text: 'What was it about?', type: 'choice', options: ['Data', 'Design', 'Leadership'] },
      { id: 'would_recommend', text: 'Would you recommend it?', type: 'yes_no' },
    ],
  });
  assert.deepEqual([written.version, written.questions.map((q) => q.required)], [2, [true, true, true]]);
  assert.equal((await coordinator.instruments.list('demo')).find((i) => i.kind === 'after_exchange')?.version, 2);
  await assert.rejects(member.instruments.list('demo'), PermissionDeniedError);
});
