import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '@talking-library/server';
import { checkBooks } from '../../server/src/domain/ledger.js';
import { lapseDueRequests } from '../../server/src/domain/requests.js';
import { DevOutbox } from '../../server/src/mail/dev-outbox.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { hoursFrom, newExpert, newMember, requestBody, type Person } from '../helpers/requests.js';
import { sendDueMail } from '../helpers/mail.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const clock = manualClock();
const outbox = new DevOutbox();
let server: TestServer;
before(async () => {
  // No worker: these tests run the due sweeps by hand, and a worker's sweep would race them to each change.
  server = await startTestServer({ seed: true, clock, worker: false, mailer: outbox, rateLimits: { writesPerMinute: 1e6, readsPerMinute: 1e6, signInPerMinute: 1e6 } });
});
after(() => server.close());

const BOARD = '/v1/libraries/demo/requests';
const post = (person: Person, body: unknown) => server.request(BOARD, send('POST', body, person.headers));
const board = (person: Person, query = '') => server.request(`${BOARD}${query ? `?${query}` : ''}`, { headers: person.headers });
const requestCount = async () => (await server.db.select().from(schema.skillRequests)).length;

describe('posting a request', () => {
  test('a member posts a request: 201 with its Location, open for the library’s 30 days, with its skills and category', async () => {
    const member = await newMember(server, clock.now());
    const res = await post(member, requestBody({ skills: ['fhir', 'user-research'] }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('location'), `/v1/libraries/demo/requests/${res.body.id}`);
    assert.match(res.body.id, /^req_/);
    assert.equal(res.headers.get('etag'), `"${res.body.id}.v1"`);
    assert.equal(res.body.status, 'open');
    assert.deepEqual(res.body.skills.map((s: { slug: string }) => s.slug), ['fhir', 'user-research']);
    assert.equal(res.body.category.slug, 'digital-health');
    assert.deepEqual(res.body.project, { name: 'Better discharge letters', aim: 'GPs get what they need on day one', stage: 'planning' });
    assert.equal(Date.parse(res.body.lapsesAt) - clock.now().getTime(), 30 * DAY_MS);
    assert.deepEqual(res.body.owner, { id: member.id, name: res.body.owner.name });
    assert.equal(res.body.mine, true);
    const read = await server.request(res.headers.get('location')!, { headers: member.headers });
    assert.equal(read.body.title, 'Help with FHIR discharge letters');
  });

  test('each invalid field is named with its own message, and nothing is written', async () => {
    const member = await newMember(server, clock.now());
    const before = await requestCount();
    const res = await post(member, { need: '', project: { name: 'P', stage: 'dreaming' }, skills: ['fhir'] });
    assert.equal(res.status, 400);
    const messages = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    assert.equal(messages['body.title'], 'is required');
    assert.equal(messages['body.need'], 'is required');
    assert.match(messages['body.project.stage'], /must be one of idea, planning, testing, implementing, spreading/);
    assert.equal(await requestCount(), before);
  });

  test('an unknown skill is named by its place (body.skills.1) and an unknown category as body.category; nothing is written', async () => {
    const member = await newMember(server, clock.now());
    const before = await requestCount();
    const res = await post(member, requestBody({ skills: ['fhir', 'basket-weaving'], category: 'astrology' }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path).sort(), ['body.category', 'body.skills.1']);
    assert.match(res.body.errors.find((e: { path: string }) => e.path === 'body.skills.1').message, /basket-weaving/);
    assert.equal(await requestCount(), before);
  });

  test('a request names at least one skill or a category', async () => {
    const member = await newMember(server, clock.now());
    const res = await post(member, requestBody({ skills: [], category: undefined }));
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'body.skills');
  });
});

describe('the board', () => {
  let owner: Person;
  let fhirExpert: Person;
  const ids: Record<string, string> = {};
  before(async () => {
    // Requests of this block are told apart by a word only they use.
    owner = await newMember(server, clock.now());
    fhirExpert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const make = async (key: string, fields: Record<string, unknown>) => {
      const res = await post(owner, requestBody(fields));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids[key] = res.body.id;
      clock.advance(60_000);
    };
    await make('fhir', { title: 'Zebrafinch structured letters', skills: ['fhir'] });
    await make('coaching', { title: 'Zebrafinch confidence to lead', skills: ['coaching'], category: 'leadership' });
    await make('categoryOnly', { title: 'Zebrafinch anything digital', skills: [], category: 'digital-health', need: 'Someone to think out loud with about telehealth rotas.' });
    await make('leadershipOnly', { title: 'Zebrafinch board papers', skills: [], category: 'leadership', project: { name: 'Kingfisher ward huddles', stage: 'idea' } });
  });
  const titles = (res: { body: { data: { id: string }[] } }): string[] => res.body.data.flatMap((r) => Object.entries(ids).filter(([, id]) => id === r.id).map(([key]) => key));

  test('a member sees open requests newest first', async () => {
    const member = await newMember(server, clock.now());
    const res = await board(member, 'q=zebrafinch');
    assert.equal(res.status, 200);
    assert.deepEqual(titles(res), ['leadershipOnly', 'categoryOnly', 'coaching', 'fhir']);
    assert.ok(res.body.data.every((r: { matchesYourSkills: boolean }) => r.matchesYourSkills === false));
  });

  test('an expert sees first the requests wanting her skills (or, wanting none, in her category), then the rest, newest first in each', async () => {
    const res = await board(fhirExpert, 'q=zebrafinch');
    assert.deepEqual(titles(res), ['categoryOnly', 'fhir', 'leadershipOnly', 'coaching']);
    assert.deepEqual(res.body.data.map((r: { matchesYourSkills: boolean }) => r.matchesYourSkills), [true, true, false, false]);
  });

  test('pages follow the same order, each request once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await board(fhirExpert, `q=zebrafinch&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...titles(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['categoryOnly', 'fhir', 'leadershipOnly', 'coaching']);
  });

  test('words search the title, the need and the project, the last word as a prefix', async () => {
    const member = await newMember(server, clock.now());
    assert.deepEqual(titles(await board(member, 'q=telehealth')), ['categoryOnly']);
    assert.deepEqual(titles(await board(member, 'q=kingfish')), ['leadershipOnly']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch%20confidence')), ['coaching']);
    assert.deepEqual(titles(await board(member, 'q=nothing%20like%20this')), []);
  });

  test('category and skill filter; skill is repeatable and means any of them', async () => {
    const member = await newMember(server, clock.now());
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&category=leadership')), ['leadershipOnly', 'coaching']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&skill=fhir')), ['fhir']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&skill=fhir&skill=coaching')), ['coaching', 'fhir']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&skill=no-such-skill')), []);
  });

  test('mine lists the caller’s own requests in every status; status filters', async () => {
    const closed = await server.request(`${BOARD}/${ids.coaching}`, send('PATCH', { status: 'closed' }, owner.headers));
    assert.equal(closed.status, 200);
    const member = await newMember(server, clock.now());
    assert.deepEqual(titles(await board(member, 'q=zebrafinch')), ['leadershipOnly', 'categoryOnly', 'fhir']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&status=closed')), ['coaching']);
    assert.deepEqual(titles(await board(owner, 'q=zebrafinch&mine=true')), ['leadershipOnly', 'categoryOnly', 'coaching', 'fhir']);
    assert.deepEqual(titles(await board(member, 'q=zebrafinch&mine=true')), []);
  });

  test('a cursor that is not the board’s is a 400 naming query.cursor', async () => {
    const res = await board(fhirExpert, `cursor=${Buffer.from('["2","x","y"]').toString('base64url')}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'query.cursor');
  });
});

describe('editing, closing, renewing and lapsing', () => {
  test('the owner edits fields; the version moves, and an If-Match of an older version is refused with 412, changing nothing', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const edited = await server.request(`${BOARD}/${made.id}`, send('PATCH', { title: 'Structured letters', project: { stage: 'testing' }, skills: ['fhir', 'clinical-safety'] }, { ...owner.headers, 'if-match': `"${made.id}.v1"` }));
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.title, 'Structured letters');
    assert.deepEqual(edited.body.project, { ...made.project, stage: 'testing' });
    assert.deepEqual(edited.body.skills.map((s: { slug: string }) => s.slug), ['fhir', 'clinical-safety']);
    assert.equal(edited.body.version, 2);
    const stale = await server.request(`${BOARD}/${made.id}`, send('PATCH', { title: 'Lost edit', skills: ['coaching'] }, { ...owner.headers, 'if-match': '"v1"' }));
    assert.equal(stale.status, 412);
    const now = await server.request(`${BOARD}/${made.id}`, { headers: owner.headers });
    assert.equal(now.body.title, 'Structured letters');
    assert.deepEqual(now.body.skills.map((s: { slug: string }) => s.slug), ['fhir', 'clinical-safety']);
  });

  test('another member may not edit it (403); a coordinator may close it, with a reason', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const other = await newMember(server, clock.now());
    assert.equal((await server.request(`${BOARD}/${made.id}`, send('PATCH', { title: 'Mine now' }, other.headers))).status, 403);
    const coordinator = await newMember(server, clock.now(), ['coordinator']);
    const closed = await server.request(`${BOARD}/${made.id}`, send('PATCH', { status: 'closed', closedReason: 'Posted twice' }, coordinator.headers));
    assert.equal(closed.status, 200);
    assert.deepEqual([closed.body.status, closed.body.closedReason], ['closed', 'Posted twice']);
  });

  test('a closed request cannot be edited or renewed: 409 request_state_conflict naming its state', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    await server.request(`${BOARD}/${made.id}`, send('PATCH', { status: 'closed' }, owner.headers));
    for (const change of [{ title: 'Again' }, { renew: true }]) {
      const res = await server.request(`${BOARD}/${made.id}`, send('PATCH', change, owner.headers));
      assert.equal(res.status, 409);
      assert.equal(res.body.code, 'request_state_conflict');
      assert.match(res.body.detail, /closed/);
      assert.deepEqual(res.body.errors, [{ path: 'status', message: 'is "closed"' }]);
    }
  });

  test('an edit may not leave a request wanting neither a skill nor a category', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody({ skills: [], category: 'leadership' }))).body;
    const res = await server.request(`${BOARD}/${made.id}`, send('PATCH', { category: null }, owner.headers));
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'body.category');
    const moved = await server.request(`${BOARD}/${made.id}`, send('PATCH', { category: null, skills: ['coaching'] }, owner.headers));
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.body.category, moved.body.skills.map((s: { slug: string }) => s.slug)], [null, ['coaching']]);
  });

  test('a closedReason without closing is refused', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const res = await server.request(`${BOARD}/${made.id}`, send('PATCH', { closedReason: 'why' }, owner.headers));
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].path, 'body.closedReason');
  });

  test('past the library’s lapse days a request reads as lapsed and leaves the board; lapseDueRequests stores it; renewing reopens it for the days again', async () => {
    await server.db.update(schema.libraries).set({ requestLapseDays: 2 }).where(eq(schema.libraries.slug, 'demo'));
    try {
      const owner = await newMember(server, clock.now());
      const made = (await post(owner, requestBody({ title: 'Quetzal lapse check' }))).body;
      assert.equal(Date.parse(made.lapsesAt) - clock.now().getTime(), 2 * DAY_MS);
      clock.advance(2 * DAY_MS + 60_000);
      const read = await server.request(`${BOARD}/${made.id}`, { headers: owner.headers });
      assert.equal(read.body.status, 'lapsed');
      assert.equal((await board(owner, 'q=quetzal')).body.data.length, 0);
      assert.equal((await board(owner, 'q=quetzal&status=lapsed')).body.data.length, 1);

      const lapsed = await lapseDueRequests(server.db, { now: clock.now() });
      assert.ok(lapsed.includes(made.id));
      const [row] = await server.db.select().from(schema.skillRequests).where(eq(schema.skillRequests.id, made.id));
      assert.equal(row!.status, 'lapsed');
      assert.deepEqual(await lapseDueRequests(server.db, { now: clock.now() }), [], 'each lapse once');

      // The lapse job changed nothing a reader saw: the version she read still renews it.
      const renewed = await server.request(`${BOARD}/${made.id}`, send('PATCH', { renew: true }, { ...owner.headers, 'if-match': `"${made.id}.v1"` }));
      assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
      assert.equal(renewed.body.status, 'open');
      assert.equal(Date.parse(renewed.body.lapsesAt) - clock.now().getTime(), 2 * DAY_MS);
      assert.equal((await board(owner, 'q=quetzal')).body.data.length, 1);
    } finally {
      await server.db.update(schema.libraries).set({ requestLapseDays: 30 }).where(eq(schema.libraries.slug, 'demo'));
    }
  });
});

describe('responding', () => {
  test('an expert with a published profile responds with a message and times; the owner sees every response, the expert only her own', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const first = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const second = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const times = [hoursFrom(clock.now(), 72), hoursFrom(clock.now(), 96)];
    const res = await server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: 'I built FHIR letters at my trust.', proposedTimes: times }, first.headers));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.id, /^rsp_/);
    assert.deepEqual([res.body.status, res.body.proposedTimes, res.body.expert.id, res.body.expert.profileId], ['open', times, first.id, first.profileId]);
    // She is named as her profile names her, with her zone for reading the times on her clock.
    assert.deepEqual([res.body.expert.name, res.body.expert.timeZone], [`Expert ${first.id.slice(-4)}`, 'Europe/London']);
    clock.advance(1000);
    await server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: 'Happy to help.', proposedTimes: [hoursFrom(clock.now(), 50)] }, second.headers));

    const asOwner = (await server.request(`${BOARD}/${made.id}`, { headers: owner.headers })).body;
    assert.deepEqual(asOwner.responses.map((r: { expert: { id: string } }) => r.expert.id), [first.id, second.id]);
    assert.equal(asOwner.responseCount, 2);
    const asExpert = (await server.request(`${BOARD}/${made.id}`, { headers: first.headers })).body;
    assert.equal(asExpert.responses, undefined);
    assert.equal(asExpert.yourResponse.id, res.body.id);
    const asMember = (await server.request(`${BOARD}/${made.id}`, { headers: (await newMember(server, clock.now())).headers })).body;
    assert.deepEqual([asMember.responses, asMember.yourResponse, asMember.responseCount], [undefined, null, 2]);

    const listed = await server.request(`${BOARD}/${made.id}/responses?limit=1`, { headers: owner.headers });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.data[0].id, res.body.id);
    const rest = await server.request(`${BOARD}/${made.id}/responses?cursor=${listed.body.nextCursor}`, { headers: owner.headers });
    assert.deepEqual(rest.body.data.map((r: { expert: { id: string } }) => r.expert.id), [second.id]);
    assert.equal((await server.request(`${BOARD}/${made.id}/responses`, { headers: first.headers })).status, 403);
  });

  test('one response per expert: a second is 409 already_responded, and the first stands', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const body = { message: 'Me!', proposedTimes: [hoursFrom(clock.now(), 80)] };
    assert.equal((await server.request(`${BOARD}/${made.id}/responses`, send('POST', body, expert.headers))).status, 201);
    const again = await server.request(`${BOARD}/${made.id}/responses`, send('POST', { ...body, message: 'Me again' }, expert.headers));
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'already_responded');
    const rows = await server.db.select().from(schema.requestResponses).where(eq(schema.requestResponses.requestId, made.id));
    assert.deepEqual(rows.map((r) => r.message), ['Me!']);
  });

  test('the same expert responding five times at once is one response; the rest are 409 already_responded', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: `Try ${n}`, proposedTimes: [hoursFrom(clock.now(), 80)] }, expert.headers))),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409, 409]);
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.code === 'already_responded'));
    assert.equal((await server.db.select().from(schema.requestResponses).where(eq(schema.requestResponses.requestId, made.id))).length, 1);
  });

  test('a lapsed request takes no response', async () => {
    await server.db.update(schema.libraries).set({ requestLapseDays: 1 }).where(eq(schema.libraries.slug, 'demo'));
    try {
      const owner = await newMember(server, clock.now());
      const made = (await post(owner, requestBody())).body;
      const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
      clock.advance(DAY_MS);
      const res = await server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: 'Late', proposedTimes: [hoursFrom(clock.now(), 80)] }, expert.headers));
      assert.deepEqual([res.status, res.body.code, res.body.errors], [409, 'request_state_conflict', [{ path: 'status', message: 'is "lapsed"' }]]);
    } finally {
      await server.db.update(schema.libraries).set({ requestLapseDays: 30 }).where(eq(schema.libraries.slug, 'demo'));
    }
  });

  test('no response from a member without a published profile, nor on one’s own request, nor to a closed request', async () => {
    const expertOwner = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const own = (await post(expertOwner, requestBody())).body;
    const body = { message: 'Hello', proposedTimes: [hoursFrom(clock.now(), 80)] };
    const ownAnswer = await server.request(`${BOARD}/${own.id}/responses`, send('POST', body, expertOwner.headers));
    assert.deepEqual([ownAnswer.status, ownAnswer.body.code], [403, 'own_request']);
    const plain = await newMember(server, clock.now());
    const noProfile = await server.request(`${BOARD}/${own.id}/responses`, send('POST', body, plain.headers));
    assert.deepEqual([noProfile.status, noProfile.body.code], [403, 'published_profile_required']);
    await server.request(`${BOARD}/${own.id}`, send('PATCH', { status: 'closed' }, expertOwner.headers));
    const other = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const closed = await server.request(`${BOARD}/${own.id}/responses`, send('POST', body, other.headers));
    assert.deepEqual([closed.status, closed.body.code], [409, 'request_state_conflict']);
  });

  test('proposed times: one to three, distinct, on the minute, in the future, each named when wrong', async () => {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody())).body;
    const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
    const respond = (proposedTimes: unknown) => server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: 'Hi', proposedTimes }, expert.headers));
    const cases: [unknown, string][] = [
      [[], 'body.proposedTimes'],
      [[1, 2, 3, 4].map((h) => hoursFrom(clock.now(), 50 + h)), 'body.proposedTimes'],
      [[hoursFrom(clock.now(), 50), hoursFrom(clock.now(), 50)], 'body.proposedTimes'],
      [[hoursFrom(clock.now(), 50).replace(':00.000Z', ':30.000Z')], 'body.proposedTimes.0'],
      [[hoursFrom(clock.now(), 50), hoursFrom(clock.now(), -1)], 'body.proposedTimes.1'],
      [['tomorrow at nine'], 'body.proposedTimes.0'],
    ];
    for (const [times, path] of cases) {
      const res = await respond(times);
      assert.equal(res.status, 400, JSON.stringify(times));
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [path], JSON.stringify(times));
    }
    assert.equal((await server.db.select().from(schema.requestResponses).where(eq(schema.requestResponses.requestId, made.id))).length, 0);
  });
});

describe('accepting a response', () => {
  async function requestWithResponses(count: number, startsIn = 72) {
    const owner = await newMember(server, clock.now());
    const made = (await post(owner, requestBody({ title: 'Accept me' }))).body;
    const experts = [];
    const responses = [];
    for (let i = 0; i < count; i++) {
      const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
      const res = await server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: `Offer ${i}`, proposedTimes: [hoursFrom(clock.now(), startsIn + i), hoursFrom(clock.now(), startsIn + 24 + i)] }, expert.headers));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      experts.push(expert);
      responses.push(res.body);
      // Responses list oldest first: each a second after the last.
      clock.advance(1000);
    }
    return { owner, request: made, experts, responses };
  }
  const acceptPath = (requestId: string, responseId: string) => `${BOARD}/${requestId}/responses/${responseId}/accept`;

  test('accepting schedules the exchange with an hour of the owner’s credit held, accepts the response, marks the others not chosen and the request matched', async () => {
    const { owner, request, experts, responses } = await requestWithResponses(3);
    const startsAt = responses[1].proposedTimes[1];
    const res = await server.request(acceptPath(request.id, responses[1].id), send('POST', { startsAt, meetingPlace: 'https://meet.example.org/fhir' }, owner.headers));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('location'), `/v1/libraries/demo/exchanges/${res.body.id}`);
    assert.deepEqual(
      [res.body.status, res.body.startsAt, res.body.meetingPlace, res.body.member.id, res.body.expert.id, res.body.requestId, res.body.hold.state, res.body.yourRole],
      ['scheduled', startsAt, 'https://meet.example.org/fhir', owner.id, experts[1]!.id, request.id, 'pending', 'member'],
    );
    const credits = await server.request('/v1/libraries/demo/credits', { headers: owner.headers });
    assert.deepEqual([credits.body.heldMinutes, credits.body.availableMinutes], [60, 60]);

    const after = (await server.request(`${BOARD}/${request.id}`, { headers: owner.headers })).body;
    assert.equal(after.status, 'matched');
    assert.deepEqual(
      after.responses.map((r: { status: string; exchangeId: string | null }) => [r.status, r.exchangeId]),
      [['not_chosen', null], ['accepted', res.body.id], ['not_chosen', null]],
    );
    assert.equal((await board(owner, 'q=accept')).body.data.some((r: { id: string }) => r.id === request.id), false, 'off the open board');
    assert.deepEqual(await checkBooks(server.db), []);
  });

  test('the experts not chosen are thanked by email; the chosen one and the owner hear that the hour is booked', async () => {
    const { owner, request, experts, responses } = await requestWithResponses(3);
    const before = outbox.messages.length;
    const res = await server.request(acceptPath(request.id, responses[0].id), send('POST', { startsAt: responses[0].proposedTimes[0], meetingPlace: 'Room 4, Main Library' }, owner.headers));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const sent = outbox.messages.slice(0, outbox.messages.length - before);
    const thanks = sent.filter((m) => /Thank you for responding/.test(m.subject));
    assert.deepEqual(thanks.map((m) => m.to).sort(), [experts[1]!.email, experts[2]!.email].sort());
    for (const mail of thanks) {
      assert.equal(mail.subject, 'Thank you for responding to “Accept me”');
      assert.match(mail.text, /Your offer was valued/);
    }
    // The chosen expert and the owner hear that the hour is booked: mail jobs made in the booking's own write.
    const booked = (await sendDueMail(server, outbox)).filter((m) => /is booked/.test(m.subject) && m.text.includes(res.body.id));
    assert.deepEqual(booked.map((m) => m.to).sort(), [experts[0]!.email, owner.email].sort());
  });

  test('only the owner accepts, at one of the response’s own times', async () => {
    const { owner, request, experts, responses } = await requestWithResponses(1);
    const other = await newMember(server, clock.now());
    const body = { startsAt: responses[0].proposedTimes[0], meetingPlace: 'Online' };
    assert.equal((await server.request(acceptPath(request.id, responses[0].id), send('POST', body, other.headers))).status, 403);
    assert.equal((await server.request(acceptPath(request.id, responses[0].id), send('POST', body, experts[0]!.headers))).status, 403);
    const wrongTime = await server.request(acceptPath(request.id, responses[0].id), send('POST', { ...body, startsAt: hoursFrom(clock.now(), 200) }, owner.headers));
    assert.equal(wrongTime.status, 400);
    assert.equal(wrongTime.body.errors[0].path, 'body.startsAt');
    const noPlace = await server.request(acceptPath(request.id, responses[0].id), send('POST', { startsAt: body.startsAt }, owner.headers));
    assert.equal(noPlace.status, 400);
    assert.equal(noPlace.body.errors[0].path, 'body.meetingPlace');
    assert.equal((await server.db.select().from(schema.exchanges).where(eq(schema.exchanges.requestId, request.id))).length, 0);
  });

  test('a response of another request is not found under this one', async () => {
    const a = await requestWithResponses(1);
    const b = await requestWithResponses(1);
    const res = await server.request(acceptPath(a.request.id, b.responses[0].id), send('POST', { startsAt: b.responses[0].proposedTimes[0], meetingPlace: 'Online' }, a.owner.headers));
    assert.equal(res.status, 404);
  });

  test('without an hour of credit the accept is refused (409 insufficient_credit) and nothing is half done', async () => {
    const { owner, request, responses } = await requestWithResponses(2);
    await server.request('/v1/libraries/demo/credits/donations', send('POST', { to: 'fund', hours: 2 }, owner.headers));
    const res = await server.request(acceptPath(request.id, responses[0].id), send('POST', { startsAt: responses[0].proposedTimes[0], meetingPlace: 'Online' }, owner.headers));
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'insufficient_credit');
    const after = (await server.request(`${BOARD}/${request.id}`, { headers: owner.headers })).body;
    assert.equal(after.status, 'open');
    assert.deepEqual(after.responses.map((r: { status: string }) => r.status), ['open', 'open']);
    assert.equal((await server.db.select().from(schema.exchanges).where(eq(schema.exchanges.requestId, request.id))).length, 0);
  });

  test('a matched request accepts nothing more: 409 request_state_conflict', async () => {
    const { owner, request, responses } = await requestWithResponses(2);
    const first = await server.request(acceptPath(request.id, responses[0].id), send('POST', { startsAt: responses[0].proposedTimes[0], meetingPlace: 'Online' }, owner.headers));
    assert.equal(first.status, 201);
    const second = await server.request(acceptPath(request.id, responses[1].id), send('POST', { startsAt: responses[1].proposedTimes[0], meetingPlace: 'Online' }, owner.headers));
    assert.deepEqual([second.status, second.body.code], [409, 'request_state_conflict']);
  });

  test('accepts sent at once, of every response at every time, make exactly one exchange and one hold', async () => {
    const { owner, request, responses } = await requestWithResponses(4);
    const attempts = responses.flatMap((response) =>
      response.proposedTimes.flatMap((startsAt: string) =>
        [0, 1].map(() => server.request(acceptPath(request.id, response.id), send('POST', { startsAt, meetingPlace: 'Online' }, owner.headers))),
      ),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
    assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.headers.get('content-type') === 'application/problem+json')), statuses.join(','));
    const exchanges = await server.db.select().from(schema.exchanges).where(eq(schema.exchanges.requestId, request.id));
    assert.equal(exchanges.length, 1);
    const holds = await server.db.select().from(schema.creditTransfers).where(eq(schema.creditTransfers.reference, exchanges[0]!.id));
    assert.equal(holds.length, 1);
    const accepted = await server.db.select().from(schema.requestResponses).where(eq(schema.requestResponses.status, 'accepted'));
    assert.equal(accepted.filter((r) => r.requestId === request.id).length, 1);
    assert.deepEqual(await checkBooks(server.db), []);
  });
});

describe('webhooks', () => {
  test('a partner with a webhook hears of request.created and request.responded: one pending delivery each, with the request', async () => {
    const [partner] = await server.db.select().from(schema.partners).limit(1);
    // Loopback with nothing listening: nothing leaves this machine, whatever delivers.
    await server.db.update(schema.partners).set({ webhookUrl: 'http://127.0.0.1:9/hooks', webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).where(eq(schema.partners.id, partner!.id));
    try {
      const owner = await newMember(server, clock.now());
      const made = (await post(owner, requestBody({ title: 'Webhook heron' }))).body;
      const expert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['digital-health'] });
      const response = (await server.request(`${BOARD}/${made.id}/responses`, send('POST', { message: 'Yes', proposedTimes: [hoursFrom(clock.now(), 80)] }, expert.headers))).body;
      const deliveries = (await server.db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.partnerId, partner!.id))).filter((d) => d.payload.includes(made.id));
      assert.deepEqual(deliveries.map((d) => [d.eventType, d.status]).sort(), [['request.created', 'pending'], ['request.responded', 'pending']]);
      const created = JSON.parse(deliveries.find((d) => d.eventType === 'request.created')!.payload);
      assert.deepEqual([created.type, created.data.request.id, created.data.request.title], ['request.created', made.id, 'Webhook heron']);
      const responded = JSON.parse(deliveries.find((d) => d.eventType === 'request.responded')!.payload);
      assert.deepEqual([responded.data.request.id, responded.data.response.id], [made.id, response.id]);
    } finally {
      await server.db.update(schema.partners).set({ webhookUrl: null, webhookSecret: null }).where(eq(schema.partners.id, partner!.id));
    }
  });
});

describe('the taxonomy changing under requests', () => {
  test('when a coordinator merges a skill or a category, requests that wanted it want its successor, and still match its experts', async () => {
    const coordinator = await newMember(server, clock.now(), ['coordinator']);
    const skill = await server.request('/v1/libraries/demo/skills', send('POST', { name: 'Osprey records', category: 'digital-health' }, coordinator.headers));
    const category = await server.request('/v1/libraries/demo/categories', send('POST', { name: 'Osprey things' }, coordinator.headers));
    const owner = await newMember(server, clock.now());
    const bySkill = (await post(owner, requestBody({ title: 'Osprey by skill', skills: ['osprey-records'] }))).body;
    const byCategory = (await post(owner, requestBody({ title: 'Osprey by category', skills: [], category: 'osprey-things' }))).body;
    const fhirExpert = await newExpert(server, clock.now(), { skills: ['fhir'], categories: ['leadership'] });
    const [fhir] = await server.db.select().from(schema.skills).where(eq(schema.skills.slug, 'fhir'));
    const [leadership] = await server.db.select().from(schema.categories).where(eq(schema.categories.slug, 'leadership'));
    assert.equal((await server.request(`/v1/libraries/demo/skills/${skill.body.id}`, send('PATCH', { mergeInto: fhir!.id }, coordinator.headers))).status, 200);
    assert.equal((await server.request(`/v1/libraries/demo/categories/${category.body.id}`, send('PATCH', { mergeInto: leadership!.id }, coordinator.headers))).status, 200);

    // Both were posted at the same instant of the test's clock, so their order is not the point: that both match is.
    const seen = (await board(fhirExpert, 'q=osprey')).body.data.map((r: { id: string; matchesYourSkills: boolean }) => [r.id, r.matchesYourSkills]);
    assert.deepEqual(seen.sort(), [[byCategory.id, true], [bySkill.id, true]].sort());
    const read = (await server.request(`${BOARD}/${bySkill.id}`, { headers: owner.headers })).body;
    assert.deepEqual([read.skills.map((s: { slug: string }) => s.slug), read.version], [['fhir'], 2]);
    assert.equal((await server.request(`${BOARD}/${byCategory.id}`, { headers: owner.headers })).body.category.slug, 'leadership');
    assert.deepEqual((await board(owner, 'q=osprey&skill=fhir')).body.data.map((r: { id: string }) => r.id), [bySkill.id]);
  });
});
