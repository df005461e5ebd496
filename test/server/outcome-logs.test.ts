import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, type Expert, type Person } from '../helpers/exchanges.js';
import { bookFromBoard } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
});
after(() => server.close());

const outcomesPath = (id: string) => `${server.libraryPath}/exchanges/${id}/outcomes`;
const logOf = (who: Person, id: string, body: unknown, headers: Record<string, string> = {}) => server.request(outcomesPath(id), send('POST', body, { ...who.headers, ...headers }));
const replace = (who: Person, id: string, outcomeId: string, body: unknown, headers: Record<string, string> = {}) =>
  server.request(`${outcomesPath(id)}/${outcomeId}`, send('PUT', body, { ...who.headers, ...headers }));
const readAll = (who: Person, id: string) => server.request(outcomesPath(id), { headers: who.headers });

const memberLog = {
  summary: 'We mapped the discharge letter to FHIR resources.',
  outputs: [{ title: 'Mapping sheet', url: 'https://example.org/mapping' }],
  learning: 'Composition holds the sections.\nEach section has a code.',
  nextSteps: 'Test with two GP practices.',
  share: 'library',
  valueRating: 4,
};
const expertLog = { summary: 'Walked through FHIR Composition with the team.', learning: 'Their letters are richer than I thought.', share: 'public', nameMeInPublic: true };

/** A scheduled hour between a fresh member and expert, both confirmed after it: completed. */
async function completed(): Promise<{ asker: Person; giver: Expert; id: string }> {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' })).status, 200);
  clock.advance(73 * HOUR);
  await finish(asker, giver, made.body.id);
  return { asker, giver, id: made.body.id };
}

async function finish(asker: Person, giver: Person, id: string) {
  assert.equal((await act(server, asker, id, 'complete')).status, 200);
  const done = await act(server, giver, id, 'complete');
  assert.equal(done.body.status, 'completed', JSON.stringify(done.body));
}

test('both parties log a completed exchange; each sees both logs, the member’s first, her rating on hers only', async () => {
  const { asker, giver, id } = await completed();
  const mine = await logOf(asker, id, memberLog);
  assert.equal(mine.status, 201, JSON.stringify(mine.body));
  assert.equal(mine.headers.get('location'), `${outcomesPath(id)}/${mine.body.id}`);
  assert.equal(mine.headers.get('etag'), `"${mine.body.id}.v1"`);
  assert.match(mine.body.id, /^out_/);
  assert.deepEqual(
    [mine.body.authorRole, mine.body.author, mine.body.mine, mine.body.summary, mine.body.outputs, mine.body.learning, mine.body.nextSteps, mine.body.share, mine.body.valueRating, mine.body.project, mine.body.version],
    ['member', { id: asker.id, name: asker.name }, true, memberLog.summary, memberLog.outputs, memberLog.learning, memberLog.nextSteps, 'library', 4, null, 1],
  );
  const theirs = await logOf(giver, id, expertLog);
  assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
  assert.deepEqual([theirs.body.authorRole, theirs.body.valueRating, theirs.body.outputs, theirs.body.nextSteps, theirs.body.nameMeInPublic], ['expert', null, [], '', true]);

  for (const reader of [asker, giver]) {
    const list = await readAll(reader, id);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.map((l: any) => [l.authorRole, l.mine]), [['member', reader === asker], ['expert', reader === giver]]);
    assert.equal(list.body.nextCursor, null);
  }
  const one = await server.request(mine.headers.get('location')!, { headers: giver.headers });
  assert.equal(one.status, 200);
  assert.equal(one.body.summary, memberLog.summary);
  assert.equal(one.headers.get('etag'), `"${mine.body.id}.v1"`);
});

test('a log left without a share level is private', async () => {
  const { asker, id } = await completed();
  const res = await logOf(asker, id, { summary: 'Short and private.' });
  assert.equal(res.status, 201);
  assert.deepEqual([res.body.share, res.body.outputs, res.body.learning, res.body.valueRating], ['private', [], '', null]);
});

test('an hour booked from the request board serves the request’s project unless the member names another', async () => {
  const owner = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const { requestId, exchange } = await bookFromBoard(server, owner, giver, hoursFrom(clock.now(), 80), { fields: { skills: [], category: 'digital-health' } });
  const id = exchange.id;
  clock.advance(81 * HOUR);
  await finish(owner, giver, id);

  const logged = await logOf(owner, id, { summary: 'Mapped the letter.', valueRating: 5 });
  assert.equal(logged.status, 201, JSON.stringify(logged.body));
  assert.deepEqual(logged.body.project, { name: 'Better discharge letters', requestId });
  const renamed = await replace(owner, id, logged.body.id, { summary: 'Mapped the letter.', valueRating: 5, project: { name: 'GP handover' } });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.deepEqual(renamed.body.project, { name: 'GP handover', requestId: null });
  const none = await replace(owner, id, logged.body.id, { summary: 'Mapped the letter.', project: null });
  assert.equal(none.body.project, null);
});

test('the expert may not rate the hour, name its project or ask to name herself for the member; the member may not agree for the expert: 400 naming the field', async () => {
  const { asker, giver, id } = await completed();
  for (const [field, value] of [['valueRating', 3], ['project', { name: 'Mine' }], ['nameExpert', true]] as const) {
    const res = await logOf(giver, id, { summary: 'Expert log', [field]: value });
    assert.equal(res.status, 400, field);
    assert.equal(res.body.code, 'validation_failed');
    assert.deepEqual(res.body.errors.map((e: any) => e.path), [`body.${field}`]);
  }
  const res = await logOf(asker, id, { summary: 'Member log', nameMeInPublic: true });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e: any) => e.path), ['body.nameMeInPublic']);
  assert.equal((await readAll(asker, id)).body.data.length, 0, 'nothing was written');
});

test('a public log names the expert only when she agreed on her own log, and (on the member’s) the member asked', async () => {
  const { asker, giver, id } = await completed();
  const theirs = await logOf(asker, id, { summary: 'Public and grateful.', share: 'public', nameExpert: true });
  assert.equal(theirs.body.expertNamed, false, 'the expert has not agreed');
  const hers = await logOf(giver, id, { summary: 'My public log.', share: 'public' });
  assert.equal(hers.body.expertNamed, false, 'nor on her own log, until she agrees');
  const agreed = await replace(giver, id, hers.body.id, { summary: 'My public log.', share: 'public', nameMeInPublic: true }, { 'if-match': hers.headers.get('etag')! });
  assert.equal(agreed.status, 200, JSON.stringify(agreed.body));
  const list = (await readAll(asker, id)).body.data;
  assert.deepEqual(list.map((l: any) => [l.authorRole, l.expertNamed]), [['member', true], ['expert', true]]);
  await replace(asker, id, theirs.body.id, { summary: 'Public and grateful.', share: 'public', nameExpert: false });
  await replace(asker, id, theirs.body.id, { summary: 'Public but quiet.', share: 'public' });
  assert.equal((await readAll(asker, id)).body.data[0].expertNamed, false, 'the member did not ask');
  await replace(giver, id, hers.body.id, { summary: 'Now for the library.', share: 'library', nameMeInPublic: true });
  assert.equal((await readAll(asker, id)).body.data[1].expertNamed, false, 'a library log is not public');
});

test('private logs are read by the two parties and a coordinator; another member meets a 404, and no coordinator writes one', async () => {
  const { asker, giver, id } = await completed();
  const logged = await logOf(asker, id, { summary: 'Private notes.', share: 'private' });
  const coordinator = await member(server, clock.now(), ['member', 'coordinator']);
  const stranger = await member(server, clock.now());
  for (const reader of [asker, giver, coordinator]) {
    const res = await readAll(reader, id);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.map((l: any) => l.summary), ['Private notes.']);
  }
  assert.equal((await readAll(coordinator, id)).body.data[0].mine, false);
  const hidden = await readAll(stranger, id);
  assert.equal(hidden.status, 404);
  assert.equal(hidden.body.code, 'not_found');
  assert.equal((await server.request(`${outcomesPath(id)}/${logged.body.id}`, { headers: stranger.headers })).status, 404);
  assert.equal((await logOf(stranger, id, { summary: 'Me too' })).status, 404);
  const byCoordinator = await logOf(coordinator, id, { summary: 'Coordinator notes' });
  assert.equal(byCoordinator.status, 403);
});

test('only its author edits a log; an edit at a stale version is 412 and changes nothing', async () => {
  const { asker, giver, id } = await completed();
  const logged = await logOf(asker, id, memberLog);
  const etag = logged.headers.get('etag')!;
  const edited = await replace(asker, id, logged.body.id, { ...memberLog, summary: 'Edited summary.', valueRating: 5 }, { 'if-match': etag });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  assert.deepEqual([edited.body.summary, edited.body.valueRating, edited.body.version], ['Edited summary.', 5, 2]);
  assert.equal(edited.headers.get('etag'), `"${logged.body.id}.v2"`);

  const stale = await replace(asker, id, logged.body.id, { ...memberLog, summary: 'Stale edit.' }, { 'if-match': etag });
  assert.equal(stale.status, 412);
  assert.equal(stale.body.code, 'precondition_failed');
  const bare = await replace(asker, id, logged.body.id, { ...memberLog, summary: 'Edit at v2.' }, { 'if-match': '"v2"' });
  assert.equal(bare.status, 200, 'a bare "v2" read from the JSON counts');

  const byExpert = await replace(giver, id, logged.body.id, { summary: 'Not mine to edit.' });
  assert.equal(byExpert.status, 403);
  const coordinator = await member(server, clock.now(), ['member', 'coordinator']);
  assert.equal((await replace(coordinator, id, logged.body.id, { summary: 'Nor mine.' })).status, 403);
  const now = await readAll(asker, id);
  assert.deepEqual([now.body.data[0].summary, now.body.data[0].version], ['Edit at v2.', 3]);
});

test('a second log by the same party is 409 outcome_exists naming the first', async () => {
  const { asker, id } = await completed();
  const first = await logOf(asker, id, { summary: 'First.' });
  const second = await logOf(asker, id, { summary: 'Second.' });
  assert.equal(second.status, 409);
  assert.equal(second.body.code, 'outcome_exists');
  assert.match(second.body.detail, new RegExp(first.body.id));
});

test('logging before the exchange is completed is 409 naming its state', async () => {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  const requested = await logOf(asker, made.body.id, { summary: 'Too soon.' });
  assert.equal(requested.status, 409);
  assert.equal(requested.body.code, 'exchange_state_conflict');
  assert.deepEqual(requested.body.errors, [{ path: 'status', message: 'is "requested"' }]);
  await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' });
  clock.advance(73 * HOUR);
  await act(server, asker, made.body.id, 'complete');
  const halfway = await logOf(giver, made.body.id, { summary: 'Only one of us confirmed.' });
  assert.equal(halfway.status, 409);
  assert.deepEqual(halfway.body.errors, [{ path: 'status', message: 'is "scheduled"' }]);
  assert.equal((await readAll(asker, made.body.id)).body.data.length, 0);
});

test('bad input is a 400 naming the field: required summary, http(s) URLs, limits, unknown fields, share levels, ratings', async () => {
  const { asker, id } = await completed();
  const cases: [unknown, string][] = [
    [{}, 'body.summary'],
    [{ summary: '   ' }, 'body.summary'],
    [{ summary: 'x'.repeat(4001) }, 'body.summary'],
    [{ summary: 'NUL\u0000' }, 'body.summary'],
    [{ summary: 'Ok', outputs: [{ title: 'Script', url: 'javascript:alert(1)' }] }, 'body.outputs.0.url'],
    [{ summary: 'Ok', outputs: [{ title: 'Ftp', url: 'ftp://example.org/x' }] }, 'body.outputs.0.url'],
    [{ summary: 'Ok', outputs: [{ title: '', url: 'https://example.org' }] }, 'body.outputs.0.title'],
    [{ summary: 'Ok', outputs: [{ title: 'A', url: 'https://example.org', extra: 1 }] }, 'body.outputs.0.extra'],
    [{ summary: 'Ok', outputs: Array.from({ length: 11 }, (_, i) => ({ title: `O${i}`, url: `https://example.org/${i}` })) }, 'body.outputs'],
    [{ summary: 'Ok', share: 'everyone' }, 'body.share'],
    [{ summary: 'Ok', valueRating: 6 }, 'body.valueRating'],
    [{ summary: 'Ok', valueRating: 2.5 }, 'body.valueRating'],
    [{ summary: 'Ok', project: { name: 'P', stage: 'idea' } }, 'body.project.stage'],
    [{ summary: 'Ok', rating: 3 }, 'body.rating'],
  ];
  for (const [body, path] of cases) {
    const res = await logOf(asker, id, body);
    assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${res.status}`);
    assert.ok(
      res.body.errors.some((e: any) => e.path === path),
      `${JSON.stringify(body).slice(0, 80)} names ${path}: ${JSON.stringify(res.body.errors)}`,
    );
  }
  assert.equal((await readAll(asker, id)).body.data.length, 0, 'nothing was written');
});

test('two logs sent at once by the same party make one: the other is 409 outcome_exists, and a retry with the same Idempotency-Key replays the first', async () => {
  const { asker, id } = await completed();
  const both = await Promise.all([logOf(asker, id, { summary: 'One' }), logOf(asker, id, { summary: 'Two' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  assert.equal(both.find((r) => r.status === 409)!.body.code, 'outcome_exists');
  assert.equal((await readAll(asker, id)).body.data.length, 1);

  const { giver, id: other } = await completed();
  const first = await logOf(giver, other, { summary: 'Once' }, { 'idempotency-key': 'outcome-retry-1' });
  const again = await logOf(giver, other, { summary: 'Once' }, { 'idempotency-key': 'outcome-retry-1' });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, first.body);
});
