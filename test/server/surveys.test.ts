import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '@talking-library/server';
import type { MailMessage } from '../../server/src/mail/mailer.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, signInAgain, type Expert, type Person } from '../helpers/exchanges.js';
import type { TestServer } from '../helpers/server.js';
import { serverOnFile, type ServerOnFile } from '../helpers/workers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;
/** A second connection to the server's database file, as another worker process would open. */
let other: Database;
let sent: MailMessage[];
let worker: ServerOnFile['worker'];
let shared: ServerOnFile;

before(async () => {
  shared = await serverOnFile('tl-surveys-', clock);
  ({ server, other, sent, worker } = shared);
});
after(() => shared.close());

/** Two workers, one on each connection to the file, ticking at once, twice. */
const sweepTwice = async () => {
  const workers = [worker('worker-a'), worker('worker-b', other)];
  await Promise.all([...workers, ...workers].map((w) => w.runOnce()));
};

const base = '/v1/libraries/demo';
/** A coordinator's session begun now: the clock moves past sessions. */
const coordinator = async () => bearer(await demoSession(server, 'coordinator'));
const due = async (who: Person) => {
  const res = await server.request(`${base}/surveys/due`, { headers: who.headers });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.data as any[];
};
const answer = (who: Person, id: string, answers: unknown) => server.request(`${base}/surveys/${id}/answers`, send('POST', { answers }, who.headers));
const fresh = <P extends Person>(who: P) => signInAgain(server, who, clock.now());

/** A scheduled hour between a fresh member and expert, both confirmed after it: completed. */
async function completed(pair?: { asker: Person; giver: Expert }): Promise<{ asker: Person; giver: Expert; id: string }> {
  const asker = pair ? await fresh(pair.asker) : await member(server, clock.now());
  const giver = pair ? await fresh(pair.giver) : await expert(server, clock.now());
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' })).status, 200);
  clock.advance(73 * HOUR);
  const [a, g] = [await fresh(asker), await fresh(giver)];
  assert.equal((await act(server, a, made.body.id, 'complete')).status, 200);
  assert.equal((await act(server, g, made.body.id, 'complete')).body.status, 'completed');
  return { asker: a, giver: g, id: made.body.id };
}

const AFTER_ANSWERS = { value: 4, learning: 5, would_recommend: true };

test('the seeded instruments are version 1 of each kind, with the questions the evaluation lists', async () => {
  const res = await server.request(`${base}/instruments`, { headers: await coordinator() });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.data.map((i: any) => [i.kind, i.version]), [['baseline', 1], ['after_exchange', 1], ['follow_up_3m', 1], ['follow_up_6m', 1]]);
  const ids = (kind: string) => res.body.data.find((i: any) => i.kind === kind).questions.map((q: any) => q.id);
  assert.deepEqual(ids('baseline'), ['career_stage', 'role_or_band', 'confidence', 'goals']);
  assert.deepEqual(ids('after_exchange'), ['value', 'learning', 'would_recommend']);
  assert.deepEqual(ids('follow_up_6m'), ['new_role', 'promotion', 'new_responsibilities', 'responsibilities', 'confidence']);
  const confidence = res.body.data[0].questions.find((q: any) => q.id === 'confidence');
  assert.deepEqual([confidence.type, confidence.min, confidence.max], ['scale', 1, 7]);
});

test('after a completed exchange each party owes one after-exchange survey, made once though two workers sweep twice', async () => {
  const { asker, giver, id } = await completed();
  assert.deepEqual(await due(asker), [], 'nothing until the worker sweeps');
  await sweepTwice();
  await sweepTwice();
  for (const who of [asker, giver]) {
    const after = (await due(who)).filter((s) => s.kind === 'after_exchange');
    assert.equal(after.length, 1);
    assert.equal(after[0].exchangeId, id);
    assert.equal(after[0].instrument.version, 1);
    assert.match(after[0].id, /^svy_/);
  }
  const rows = await server.db.$client.execute({ sql: `SELECT member_id FROM surveys WHERE exchange_id = ? ORDER BY member_id`, args: [id] });
  assert.deepEqual(rows.rows.map((r) => r.member_id).sort(), [asker.id, giver.id].sort());
});

test('an expert owes a baseline once she is an expert, and only one', async () => {
  const giver = await expert(server, clock.now());
  const plain = await member(server, clock.now());
  await sweepTwice();
  await sweepTwice();
  const baselines = (await due(giver)).filter((s) => s.kind === 'baseline');
  assert.equal(baselines.length, 1);
  assert.equal(baselines[0].exchangeId, null);
  assert.deepEqual(await due(plain), [], 'a member who is no expert owes none');
});

test('an edit writes a new version; a survey already due keeps its version, and one falling due later asks the new one', async () => {
  const first = await completed();
  await sweepTwice();
  const before = (await due(first.asker)).find((s) => s.kind === 'after_exchange');
  const edit = {
    title: 'Your hour, briefly',
    questions: [
      { id: 'value', text: 'How valuable was it?', type: 'scale', min: 0, max: 10 },
      { id: 'comment', text: 'Anything else?', type: 'text', maxLength: 200, required: false },
    ],
  };
  const written = await server.request(`${base}/instruments/after_exchange`, send('PUT', edit, await coordinator()));
  assert.equal(written.status, 200, JSON.stringify(written.body));
  assert.equal(written.body.version, 2);
  assert.equal(written.body.questions[0].required, true, 'required unless it says not');
  const listed = await server.request(`${base}/instruments`, { headers: await coordinator() });
  assert.equal(listed.body.data.find((i: any) => i.kind === 'after_exchange').version, 2);

  const stillOld = (await due(first.asker)).find((s) => s.id === before.id);
  assert.equal(stillOld.instrument.version, 1);
  const old = await answer(first.asker, before.id, AFTER_ANSWERS);
  assert.equal(old.status, 200, JSON.stringify(old.body));
  assert.deepEqual([old.body.instrument.version, old.body.answers], [1, AFTER_ANSWERS]);

  const second = await completed();
  await sweepTwice();
  const later = (await due(second.asker)).find((s) => s.kind === 'after_exchange');
  assert.equal(later.instrument.version, 2);
  assert.equal((await answer(second.asker, later.id, AFTER_ANSWERS)).status, 400, 'the old questions are not this version’s');
  assert.equal((await answer(second.asker, later.id, { value: 9 })).status, 200);
  const reread = await server.request(`${base}/surveys/${before.id}`, { headers: (await fresh(first.asker)).headers });
  assert.deepEqual([reread.body.instrument.version, reread.body.answers], [1, AFTER_ANSWERS], 'the old answer keeps its version');

  // The seeded questions again, as version 3, so later tests answer them.
  const seeded = (listed.body.data as any[]).find((i) => i.kind === 'after_exchange');
  const back = await server.request(`${base}/instruments/after_exchange`, send('PUT', { title: 'Your hour', questions: stillOld.instrument.questions }, await coordinator()));
  assert.deepEqual([back.body.version, seeded.version], [3, 2], JSON.stringify(back.body));
});

test('answers are checked against each question’s type, each problem named body.answers.<questionId>', async () => {
  const giver = await expert(server, clock.now());
  await sweepTwice();
  const baseline = (await due(giver)).find((s) => s.kind === 'baseline');
  const res = await answer(giver, baseline.id, { career_stage: 'Astronaut', role_or_band: 'x'.repeat(201), confidence: 8, goals: 'ok', surprise: 1 });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), ['body.answers.career_stage', 'body.answers.confidence', 'body.answers.role_or_band', 'body.answers.surprise']);
  const wrongTypes = await answer(giver, baseline.id, { career_stage: 3, role_or_band: true, confidence: 2.5 });
  assert.deepEqual(wrongTypes.body.errors.map((e: any) => e.path).sort(), ['body.answers.career_stage', 'body.answers.confidence', 'body.answers.role_or_band']);
  const missing = await answer(giver, baseline.id, { goals: 'To give back' });
  assert.deepEqual(missing.body.errors.map((e: any) => [e.path, e.message]).sort(), [
    ['body.answers.career_stage', 'is required'],
    ['body.answers.confidence', 'is required'],
    ['body.answers.role_or_band', 'is required'],
  ]);
  const nul = await answer(giver, baseline.id, { career_stage: 'Senior', role_or_band: 'Band\u00007', confidence: 3 });
  assert.deepEqual(nul.body.errors.map((e: any) => e.path), ['body.answers.role_or_band']);
  const good = await answer(giver, baseline.id, { career_stage: 'Senior', role_or_band: 'Band 8a', confidence: 3 });
  assert.equal(good.status, 200, JSON.stringify(good.body));
  assert.deepEqual(good.body.answers, { career_stage: 'Senior', role_or_band: 'Band 8a', confidence: 3 }, 'an optional question may be left out');
  assert.ok(!(await due(giver)).some((s) => s.id === baseline.id), 'an answered survey is no longer due');
});

test('a yes/no answer must be true or false', async () => {
  const { asker } = await completed();
  await sweepTwice();
  const survey = (await due(asker)).find((s) => s.kind === 'after_exchange');
  const res = await answer(asker, survey.id, { ...AFTER_ANSWERS, would_recommend: 'yes' });
  assert.deepEqual(res.body.errors.map((e: any) => e.path), ['body.answers.would_recommend']);
});

test('answering a second time is 409 survey_answered, and the first answers stay', async () => {
  const { giver } = await completed();
  await sweepTwice();
  const survey = (await due(giver)).find((s) => s.kind === 'after_exchange');
  const both = await Promise.all([answer(giver, survey.id, AFTER_ANSWERS), answer(giver, survey.id, { ...AFTER_ANSWERS, value: 1 })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  const again = await answer(giver, survey.id, AFTER_ANSWERS);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'survey_answered');
  const kept = both.find((r) => r.status === 200)!.body.answers;
  assert.deepEqual((await server.request(`${base}/surveys/${survey.id}`, { headers: giver.headers })).body.answers, kept);
});

test('another member’s survey is not found, to read or to answer, even for a coordinator', async () => {
  const { asker, giver } = await completed();
  await sweepTwice();
  const survey = (await due(asker)).find((s) => s.kind === 'after_exchange');
  for (const headers of [giver.headers, await coordinator()]) {
    assert.equal((await server.request(`${base}/surveys/${survey.id}`, { headers })).status, 404);
    assert.equal((await server.request(`${base}/surveys/${survey.id}/answers`, send('POST', { answers: AFTER_ANSWERS }, headers))).status, 404);
  }
  assert.equal((await server.request(`${base}/surveys/${survey.id}`, { headers: asker.headers })).status, 200);
});

test('an unanswered survey is reminded by email once, a week after it fell due, however many workers sweep', async () => {
  const { asker, giver } = await completed();
  await sweepTwice();
  const mine = (to: string) => sent.filter((m) => m.to === to && m.subject.endsWith('a survey is waiting for you'));
  const answered = (await due(giver)).find((s) => s.kind === 'after_exchange');
  assert.equal((await answer(giver, answered.id, AFTER_ANSWERS)).status, 200);
  clock.advance(7 * DAY - HOUR);
  await sweepTwice();
  assert.equal(mine(asker.email).length, 0, 'not yet');
  clock.advance(2 * HOUR);
  await sweepTwice();
  await sweepTwice();
  assert.equal(mine(asker.email).length, 1, 'once');
  assert.match(mine(asker.email)[0]!.text, /your recent hour/);
  clock.advance(30 * DAY);
  await sweepTwice();
  assert.equal(mine(asker.email).length, 1, 'and never again');
  assert.equal(sent.filter((m) => m.to === giver.email && m.text.includes(`Survey ${answered.id}.`)).length, 0, 'an answered survey is not reminded');
});

test('an expert owes follow-ups 3 and 6 months after her first completed exchange as expert, each once', async () => {
  const { giver } = await completed();
  await sweepTwice();
  const followUps = async () => (await due(await fresh(giver))).filter((s) => s.kind.startsWith('follow_up')).map((s) => s.kind);
  // Another hour a month later does not move her follow-ups: they count from her first.
  clock.advance(30 * DAY);
  await completed({ asker: await member(server, clock.now()), giver });
  clock.advance(50 * DAY);
  await sweepTwice();
  assert.deepEqual(await followUps(), [], 'not before 3 months');
  clock.advance(10 * DAY);
  await sweepTwice();
  await sweepTwice();
  assert.deepEqual(await followUps(), ['follow_up_3m']);
  clock.advance(92 * DAY);
  await sweepTwice();
  await sweepTwice();
  assert.deepEqual(await followUps(), ['follow_up_3m', 'follow_up_6m']);
  const rows = await server.db.$client.execute({ sql: `SELECT kind FROM surveys WHERE member_id = ? AND kind LIKE 'follow_up%'`, args: [giver.id] });
  assert.equal(rows.rows.length, 2);
});

test('a member’s own surveys are hers to read; surveys and instruments need the right caller', async () => {
  const plain = await member(server, clock.now());
  assert.equal((await server.request(`${base}/surveys/due`)).status, 401);
  assert.equal((await server.request(`${base}/instruments`, { headers: plain.headers })).status, 403);
  assert.equal((await server.request(`${base}/instruments/baseline`, send('PUT', { title: 'x', questions: [{ id: 'a', text: 'A?', type: 'yes_no' }] }, plain.headers))).status, 403);
});

test('an instrument edit is checked: question types, ranges and repeated ids', async () => {
  const put = async (body: unknown) => server.request(`${base}/instruments/follow_up_3m`, send('PUT', body, await coordinator()));
  const bad = await put({
    title: 'Follow-up',
    questions: [
      { id: 'a', text: 'A?', type: 'scale', min: 5, max: 3 },
      { id: 'a', text: 'B?', type: 'yes_no' },
      { id: 'c', text: 'C?', type: 'choice', options: ['Only'] },
      { id: 'd', text: 'D?', type: 'essay' },
    ],
  });
  assert.equal(bad.status, 400);
  const paths = bad.body.errors.map((e: any) => e.path);
  for (const path of ['body.questions.0.max', 'body.questions.2.options', 'body.questions.3']) assert.ok(paths.some((p: string) => p.startsWith(path)), `${path} in ${paths}`);
  const repeated = await put({ title: 'Follow-up', questions: [{ id: 'a', text: 'A?', type: 'yes_no' }, { id: 'a', text: 'B?', type: 'yes_no' }] });
  assert.deepEqual(repeated.body.errors.map((e: any) => e.path), ['body.questions.1.id']);
  assert.equal((await server.request(`${base}/instruments/sometime`, send('PUT', { title: 'x', questions: [] }, await coordinator()))).status, 400);
});

test('her surveys and answers are in her export, and go when she erases her account', async () => {
  const giver = await expert(server, clock.now());
  await sweepTwice();
  const baseline = (await due(giver)).find((s) => s.kind === 'baseline');
  assert.equal((await answer(giver, baseline.id, { career_stage: 'Mid career', role_or_band: 'Band 6', confidence: 5 })).status, 200);
  const exported = await server.request(`${base}/me/export`, { headers: giver.headers });
  assert.deepEqual(
    exported.body.surveys.map((s: any) => [s.id, s.kind, s.instrumentVersion, s.answers]),
    [[baseline.id, 'baseline', 1, { career_stage: 'Mid career', role_or_band: 'Band 6', confidence: 5 }]],
  );
  assert.equal((await server.request(`${base}/me`, { method: 'DELETE', headers: giver.headers })).status, 204);
  const left = await server.db.$client.execute({ sql: 'SELECT count(*) AS n FROM surveys WHERE member_id = ?', args: [giver.id] });
  assert.equal(Number(left.rows[0]!.n), 0);
  await sweepTwice();
  const again = await server.db.$client.execute({ sql: 'SELECT count(*) AS n FROM surveys WHERE member_id = ?', args: [giver.id] });
  assert.equal(Number(again.rows[0]!.n), 0, 'an erased member is owed nothing again');
});
