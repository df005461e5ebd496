import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import * as schema from '../../server/src/db/schema.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, signInAgain, type Expert, type Person } from '../helpers/exchanges.js';
import { requestBody } from '../helpers/requests.js';
import { EXPORT_DICTIONARY } from '../../server/src/domain/report-export.js';
import { makeSurveysDue } from '../../server/src/domain/survey-due.js';
const EXPORT_COLUMNS = EXPORT_DICTIONARY.length;
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A seeded scenario with answers worked out by hand, in March 2031 (away from the seed's own
 * data), all about a category of its own:
 *
 *   7 experts in "Evaluation" (E1–E6 offer "Eval skill"), 12 members asking:
 *   12 exchanges asked for: 7 completed (E1 gives 4 of them, one to E5 as a member; E2, E3, E4 one
 *   each), 1 no-show, 2 cancelled (one before and one after it was scheduled), 1 declined, 1 still
 *   open. 9 were scheduled. Experts answered 9 after 2 hours and 1 after 6: median 2.
 *   The members rated the 7 completed hours 5, 5, 5, 4, 4, 4, 2.
 *   5 skill requests asking for "Eval skill"; 3 answered, after 1, 3 and 5 hours.
 */
const HOUR = 3_600_000;
const T0 = new Date('2031-03-02T09:00:00Z');
const clock = manualClock(T0);
const reportPath = '/v1/libraries/demo/reports/summary';
const march = 'from=2031-03-01&to=2031-03-31&category=evaluation';
const PUBLIC_SUMMARY = '=HYPERLINK("https://example.org", "Our, new ""letter""")';
let server: TestServer;
let coordinator: Person;
let experts: Expert[];
let everyone: Person[];
let exchangeIds: string[];

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
  coordinator = await member(server, clock.now(), ['member', 'coordinator']);
  assert.equal((await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Evaluation' }, coordinator.headers))).status, 201);
  const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Eval skill', category: 'evaluation' }, coordinator.headers));
  assert.equal(skill.status, 201, JSON.stringify(skill.body));
  const [category] = await server.db.select().from(schema.categories).where(eq(schema.categories.slug, 'evaluation'));
  experts = [];
  for (let i = 0; i < 7; i++) {
    const e = await expert(server, clock.now());
    await server.db.insert(schema.profileCategories).values({ profileId: e.profileId, categoryId: category!.id });
    if (i < 6) await server.db.insert(schema.profileSkills).values({ profileId: e.profileId, skillId: skill.body.id });
    experts.push(e);
  }
  await server.db.update(schema.profiles).set({ weeklyExchangeCap: 50 }).where(inArray(schema.profiles.id, experts.map((e) => e.profileId)));
  const [e1, e2, e3, e4, e5, e6] = experts as [Expert, Expert, Expert, Expert, Expert, Expert, Expert];
  const members = await Promise.all(Array.from({ length: 11 }, () => member(server, clock.now())));
  const [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = members as Person[] as [Person, Person, Person, Person, Person, Person, Person, Person, Person, Person, Person];

  // The hours, each at its own time three days on.
  const plan: [Person, Expert, 'complete' | 'no-show' | 'cancel-scheduled' | 'cancel-requested' | 'decline' | 'open'][] = [
    [m1, e1, 'complete'], [m2, e1, 'complete'], [m3, e1, 'complete'], [e5, e1, 'complete'],
    [m4, e2, 'complete'], [m5, e3, 'complete'], [m6, e4, 'complete'],
    [m7, e2, 'no-show'], [m8, e3, 'cancel-requested'], [m9, e4, 'cancel-scheduled'], [m10, e5, 'decline'], [m11, e6, 'open'],
  ];
  const hours = [];
  for (const [k, [asker, giver, fate]] of plan.entries()) {
    const startsAt = hoursFrom(T0, 72 + 2 * k);
    const made = await ask(server, asker, giver, [startsAt]);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    hours.push({ asker, giver, fate, startsAt, id: made.body.id as string });
  }
  const requests = [];
  for (const asker of [m1, m2, m3, m4, m5]) {
    const posted = await server.request('/v1/libraries/demo/requests', send('POST', requestBody({ category: 'evaluation', skills: ['eval-skill'] }), asker.headers));
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    requests.push(posted.body.id as string);
  }
  const respond = async (requestId: string, giver: Expert) => {
    const res = await server.request(`/v1/libraries/demo/requests/${requestId}/responses`, send('POST', { message: 'I can help.', proposedTimes: [hoursFrom(T0, 200)] }, giver.headers));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };

  clock.advance(HOUR);
  await respond(requests[0]!, e6);
  clock.advance(HOUR); // T0 + 2h: the experts answer
  for (const hour of hours.filter((h) => ['complete', 'no-show', 'cancel-scheduled'].includes(h.fate))) {
    assert.equal((await act(server, hour.giver, hour.id, 'accept', { startsAt: hour.startsAt, meetingPlace: 'Video' })).status, 200);
  }
  for (const hour of hours.filter((h) => h.fate.startsWith('cancel'))) assert.equal((await act(server, hour.asker, hour.id, 'cancel', { reason: 'Plans changed' })).status, 200);
  clock.advance(HOUR);
  await respond(requests[1]!, e6);
  clock.advance(2 * HOUR);
  await respond(requests[2]!, e6);
  clock.advance(HOUR); // T0 + 6h
  const declined = hours.find((h) => h.fate === 'decline')!;
  assert.equal((await act(server, declined.giver, declined.id, 'decline', {})).status, 200);

  clock.advance(100 * HOUR - 6 * HOUR); // every hour is over
  const ratings = [5, 5, 5, 4, 4, 4, 2];
  for (const hour of hours.filter((h) => h.fate === 'complete')) {
    assert.equal((await act(server, hour.asker, hour.id, 'complete')).status, 200);
    assert.equal((await act(server, hour.giver, hour.id, 'complete')).body.status, 'completed');
    // The first member shares hers in public, written as a spreadsheet would take for a formula.
    const log = hour === hours[0] ? { summary: PUBLIC_SUMMARY, share: 'public' } : { summary: 'Done.' };
    const logged = await server.request(`/v1/libraries/demo/exchanges/${hour.id}/outcomes`, send('POST', { ...log, valueRating: ratings.shift() }, hour.asker.headers));
    assert.equal(logged.status, 201, JSON.stringify(logged.body));
  }
  everyone = [...members, ...experts];
  exchangeIds = hours.map((h) => h.id);
  const missed = hours.find((h) => h.fate === 'no-show')!;
  assert.equal((await act(server, missed.asker, missed.id, 'no-show', { party: 'expert' })).status, 200);
});
after(() => server.close());

const report = (query: string) => server.request(`${reportPath}?${query}`, { headers: coordinator.headers });

test('every figure of the seeded scenario, with what is about fewer than 5 people hidden', async () => {
  const res = await report(march);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const r = res.body;
  assert.deepEqual(r.period, { from: '2031-03-01', to: '2031-03-31' });
  assert.equal(r.category, 'evaluation');
  assert.deepEqual(r.exchanges, {
    requested: 12,
    scheduled: 9,
    completed: 7,
    byOutcome: { completed: 7, cancelled: 'fewer than 5', declined: 'fewer than 5', lapsed: 0, no_show: 'fewer than 5', disputed: 0, open: 'fewer than 5' },
    hoursExchanged: 7,
    completionRate: 0.778,
    // One no-show of 9, two cancelled of 12: a rate would give the hidden count back.
    noShowRate: 'fewer than 5',
    cancellationRate: 'fewer than 5',
  });
  assert.deepEqual(r.firstResponseHours, { exchanges: 2, requests: 'fewer than 5' });
  assert.deepEqual(r.supplyAndDemand, {
    categories: [{ slug: 'evaluation', name: 'Evaluation', profilesOffering: 7, requestsAsking: 5 }],
    skills: [{ slug: 'eval-skill', name: 'Eval skill', profilesOffering: 6, requestsAsking: 5 }],
  });
  assert.deepEqual(r.valueToProject, { ratings: 7, byRating: { 1: 0, 2: 'fewer than 5', 3: 0, 4: 'fewer than 5', 5: 'fewer than 5' }, mean: 4.14 });
  assert.equal(r.careerOutcomes.threeMonths.experts, 0, 'no follow-up answered in March');
  // Hours given 4, 1, 1, 1, 0, 0, 0: the top tenth (one expert) gave 4 of 7; Gini 30/49.
  assert.equal(r.creditEquity.experts, 7);
  assert.equal(r.creditEquity.topTenthShare, 0.571);
  assert.equal(r.creditEquity.gini, 0.612);
  const flows = Object.fromEntries(r.creditEquity.byExpert.map((f: { profileId: string; hoursGiven: number; hoursReceived: number; net: number }) => [f.profileId, [f.hoursGiven, f.hoursReceived, f.net]]));
  assert.deepEqual(
    experts.map((e) => flows[e.profileId]),
    [[4, 0, 4], [1, 0, 1], [1, 0, 1], [1, 0, 1], [0, 1, -1], [0, 0, 0], [0, 0, 0]],
  );
  assert.equal(r.creditEquity.byExpert[0].profileId, experts[0]!.profileId, 'most given first');
});

test('the period is by when each exchange was asked for: a period after it holds none of it', async () => {
  const r = (await report('from=2031-04-01&to=2031-04-30&category=evaluation')).body;
  assert.equal(r.exchanges.requested, 0);
  assert.equal(r.exchanges.completionRate, null, 'nothing to work a rate out from');
  assert.equal(r.firstResponseHours.exchanges, null);
  assert.equal(r.creditEquity.gini, 0, 'no hours posted in April');
  assert.equal(r.supplyAndDemand.categories[0].requestsAsking, 0);
  assert.equal(r.supplyAndDemand.categories[0].profilesOffering, 7, 'supply is what profiles offer now');
});

test('bad filters are a 400 naming the field; only coordinators read reports', async () => {
  for (const [query, field] of [
    ['from=2031-13-01', 'query.from'],
    ['from=yesterday', 'query.from'],
    ['to=2031-02-30', 'query.to'],
    ['from=2031-03-10&to=2031-03-01', 'query.to'],
    ['category=no-such-category', 'query.category'],
    ['from=%00', 'query.from'],
    ['from=2031-03-01&from=2031-03-02', 'query.from'],
    ['category=%ED%A0%80', 'query.category'],
    [`category=${'x'.repeat(5000)}`, 'query.category'],
  ] as const) {
    const res = await report(query);
    assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
    assert.ok(res.body.errors.some((e: { path: string }) => e.path === field), `${query}: ${JSON.stringify(res.body.errors)}`);
  }
  assert.equal((await server.request(`${reportPath}?${march}`, { headers: experts[0]!.headers })).status, 403);
});

const exportOf = (query: string, headers = coordinator.headers) => server.request(`/v1/libraries/demo/reports/export?${query}`, { headers });

test('export as JSON: a row per exchange under pseudonyms, no name, email or id of ours, free text only where shared in public, and a dictionary of every column', async () => {
  const res = await exportOf(`format=json&${march}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="talking-library-demo-export-\d{4}-\d{2}-\d{2}\.json"$/);
  const { rows, dictionary } = res.body;
  assert.equal(rows.length, 12);
  assert.deepEqual(Object.keys(rows[0]).sort(), dictionary.map((c: { name: string }) => c.name).sort(), 'the dictionary describes every column');
  assert.ok(dictionary.every((c: { description: string }) => c.description.length > 10));
  const text = JSON.stringify(rows);
  for (const person of everyone) for (const trace of [person.name, person.email, person.id]) assert.ok(!text.includes(trace), `${trace} is in the export`);
  for (const id of [...exchangeIds, ...experts.map((e) => e.profileId)]) assert.ok(!text.includes(id), `${id} is in the export`);
  type Row = Record<string, string | number | boolean | null>;
  // The same person is one pseudonym throughout: E1 was asked for four hours;
  // E5 asked E1 for one and was asked for one: her pseudonym is on both sides.
  const asExpert = new Map<unknown, number>();
  for (const row of rows as Row[]) asExpert.set(row.expert, (asExpert.get(row.expert) ?? 0) + 1);
  assert.deepEqual([...asExpert.values()].sort(), [1, 1, 2, 2, 2, 4]);
  const both = (rows as Row[]).filter((row) => asExpert.has(row.member));
  assert.equal(both.length, 1, 'one row where an expert asked');
  const statuses = (rows as Row[]).map((row) => row.status).sort();
  assert.deepEqual(statuses, ['cancelled', 'cancelled', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'declined', 'no_show', 'requested']);
  const completed = (rows as Row[]).filter((row) => row.status === 'completed');
  assert.deepEqual(completed.map((row) => row.value_rating).sort(), [2, 4, 4, 4, 5, 5, 5]);
  assert.deepEqual(completed.map((row) => row.member_summary).filter(Boolean), [PUBLIC_SUMMARY], 'only the log shared in public');
  assert.ok(completed.every((row) => row.expert_summary === null && row.completed_on === '2031-03-06' && row.was_scheduled === true && row.first_answer_hours === 2));
  assert.ok((rows as Row[]).every((row) => row.asked_on === '2031-03-02' && row.categories === 'evaluation' && row.record_type === 'exchange' && row.from_request === false));
  assert.deepEqual((rows as Row[]).filter((row) => row.skills === 'eval-skill').length, 12, 'E1–E6 offer the skill; E7 was asked for nothing');
  const again = (await exportOf(`format=json&${march}`)).body.rows as Row[];
  assert.ok(again.every((row) => !asExpert.has(row.expert)), 'each export makes its own pseudonyms');
});

test('export as CSV opens in a spreadsheet: a BOM, a header from the dictionary, CRLF rows, quoting, and no formula from free text', async () => {
  // The bytes as sent: fetch's text() would drop the byte-order mark.
  const res = await fetch(`${server.url}/v1/libraries/demo/reports/export?format=csv&${march}`, { headers: coordinator.headers });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
  const csv = bytes.subarray(3).toString('utf8');
  assert.ok(csv.startsWith('record_type,exchange,member,expert,asked_on,'));
  const lines = csv.split('\r\n');
  assert.equal(lines.length, 12 + 2, 'header, 12 rows, and the final line end');
  assert.ok(csv.includes(`"'=HYPERLINK(""https://example.org"", ""Our, new """"letter"""""")"`), 'quoted, quotes doubled, the formula made text');
  const dictionary = await exportOf('format=csv&part=dictionary');
  assert.equal(dictionary.body.split('\r\n')[0], 'name,type,description');
  assert.equal(dictionary.body.split('\r\n').length, EXPORT_COLUMNS + 2);
  assert.match(dictionary.headers.get('content-disposition') ?? '', /dictionary/);
});

test('export: a partner back end with its secret key may take it; a member may not; a bad format is a 400 naming it', async () => {
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Evaluation team' }, coordinator.headers));
  assert.equal((await exportOf(`format=json&${march}`, { authorization: `Bearer ${partner.body.secretKey}` })).status, 200);
  assert.equal((await exportOf('format=json', experts[0]!.headers)).status, 403);
  for (const [query, field] of [['format=xlsx', 'query.format'], ['', 'query.format'], ['format=csv&part=all', 'query.part'], ['format=csv&from=2031-02-31', 'query.from']] as const) {
    const res = await exportOf(query);
    assert.equal(res.status, 400, query);
    assert.ok(res.body.errors.some((e: { path: string }) => e.path === field), `${query}: ${JSON.stringify(res.body.errors)}`);
  }
});

/** Her due survey of `kind`, answered through the API as she would. */
async function answerDue(who: Person, kind: string, answers: Record<string, unknown>) {
  const due = await server.request('/v1/libraries/demo/surveys/due', { headers: who.headers });
  const survey = due.body.data.find((s: { kind: string }) => s.kind === kind);
  assert.ok(survey, `a ${kind} survey is due for ${who.name}: ${JSON.stringify(due.body.data.map((s: { kind: string }) => s.kind))}`);
  const res = await server.request(`/v1/libraries/demo/surveys/${survey.id}/answers`, send('POST', { answers }, who.headers));
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

// Last: it moves the clock three months on.
test('career outcomes: experts’ 3-month follow-ups against their baselines, small counts hidden with their complements', async () => {
  // Sessions last a week: the experts sign in again, and again after the three months.
  const again = async () => Promise.all(experts.slice(0, 5).map((e) => signInAgain(server, e, clock.now())));
  let [e1, e2, e3, e4, e5] = (await again()) as [Expert, Expert, Expert, Expert, Expert];
  // E5 gives her first hour too, so five experts are three months on from one.
  const asker = await member(server, clock.now());
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, e5, [startsAt]);
  assert.equal((await act(server, e5, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' })).status, 200);
  clock.advance(74 * HOUR);
  await act(server, asker, made.body.id, 'complete');
  assert.equal((await act(server, e5, made.body.id, 'complete')).body.status, 'completed');

  await makeSurveysDue(server.db, { now: clock.now() });
  const baseline = (confidence: number) => ({ career_stage: 'Mid career', role_or_band: 'Band 7', confidence });
  for (const [expertN, confidence] of [[e1, 3], [e2, 4], [e3, 2], [e4, 5], [e5, 3]] as const) await answerDue(expertN, 'baseline', baseline(confidence));

  clock.advance(100 * 24 * HOUR); // mid-June 2031
  await makeSurveysDue(server.db, { now: clock.now() });
  [e1, e2, e3, e4, e5] = (await again()) as [Expert, Expert, Expert, Expert, Expert];
  const followUp = (confidence: number, promotion: boolean) => ({ new_role: false, promotion, new_responsibilities: true, confidence });
  for (const [expertN, confidence, promotion] of [[e1, 5, true], [e2, 5, true], [e3, 4, false], [e4, 5, false], [e5, 6, false]] as const) {
    await answerDue(expertN, 'follow_up_3m', followUp(confidence, promotion));
  }

  coordinator = await signInAgain(server, coordinator, clock.now());
  const res = await report(`from=2031-06-01&to=2031-06-30&category=evaluation`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const r = res.body;
  assert.deepEqual(r.careerOutcomes.threeMonths, {
    experts: 5,
    // Changes 2, 1, 2, 0, 3.
    confidenceChange: 1.6,
    // Two said yes and three no: each side is about fewer than 5, so both are hidden.
    promotion: { yes: 'fewer than 5', no: 'fewer than 5' },
    newRole: { yes: 0, no: 5 },
    newResponsibilities: { yes: 5, no: 0 },
  });
  assert.deepEqual(r.careerOutcomes.sixMonths, { experts: 0, confidenceChange: null, promotion: { yes: 0, no: 0 }, newRole: { yes: 0, no: 0 }, newResponsibilities: { yes: 0, no: 0 } });
  assert.equal((await report('from=2031-07-01&to=2031-07-31&category=evaluation')).body.careerOutcomes.threeMonths.experts, 0, 'by when the follow-up was answered');

  // The export: one row per answer, under the same pseudonyms as the exchanges; never free text.
  const exported = (await exportOf('format=json&from=2031-03-01&to=2031-06-30&category=evaluation')).body.rows as Record<string, unknown>[];
  const answers = exported.filter((row) => row.record_type === 'survey_answer');
  const byInstrument = (kind: string) => answers.filter((row) => row.instrument === kind);
  assert.deepEqual([...new Set(byInstrument('follow_up_3m').map((row) => row.question))].sort(), ['confidence', 'new_responsibilities', 'new_role', 'promotion']);
  assert.equal(byInstrument('follow_up_3m').length, 20);
  assert.deepEqual([...new Set(byInstrument('baseline').map((row) => row.question))].sort(), ['career_stage', 'confidence'], 'her role or band is free text: not exported');
  assert.ok(answers.every((row) => row.respondent_role === 'expert' && row.instrument_version === 1 && row.member === null));
  const asExperts = new Set(exported.filter((row) => row.record_type === 'exchange').map((row) => row.expert));
  assert.ok(answers.every((row) => asExperts.has(row.respondent)), 'a respondent is the same pseudonym as on her exchanges');
  assert.ok(!JSON.stringify(answers).includes('Band 7'));
});
