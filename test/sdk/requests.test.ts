import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ConflictError, createClient, PreconditionFailedError } from '@talking-library/sdk';
import { schema } from '@talking-library/server';
import { hoursFrom, newExpert, newMember } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
before(async () => (server = await startTestServer({ seed: true, rateLimits: { writesPerMinute: 1e6, readsPerMinute: 1e6 } })));
after(() => server.close());

const clientFor = (headers: Record<string, string>) => createClient({ baseUrl: server.url, sessionToken: headers.authorization!.replace('Bearer ', '') });

test('through the SDK a member posts a request, an expert finds it and responds, and the member accepts: an hour is scheduled', async () => {
  const member = clientFor((await newMember(server, new Date())).headers);
  const expertPerson = await newExpert(server, new Date(), { skills: ['fhir'], categories: ['digital-health'] });
  const expert = clientFor(expertPerson.headers);

  const posted = await member.requests.create('demo', {
    title: 'Ibis letters in FHIR',
    need: 'Structured discharge letters.',
    project: { name: 'Discharge', stage: 'idea' },
    skills: ['fhir'],
  });
  assert.equal(posted.status, 'open');
  const found = await expert.requests.list('demo', { q: 'ibis' });
  assert.deepEqual(found.data.map((r) => [r.id, r.matchesYourSkills]), [[posted.id, true]]);

  const response = await expert.requests.respond('demo', posted.id, { message: 'I can help.', proposedTimes: [hoursFrom(new Date(), 72)] });
  assert.deepEqual((await member.requests.responses('demo', posted.id)).data.map((r) => r.id), [response.id]);
  const exchange = await member.requests.accept('demo', posted.id, response.id, { startsAt: response.proposedTimes[0]!, meetingPlace: 'https://meet.example.org/ibis' });
  assert.deepEqual([exchange.status, exchange.requestId, exchange.hold?.state], ['scheduled', posted.id, 'pending']);
  assert.equal((await member.requests.get('demo', posted.id)).status, 'matched');
  await assert.rejects(expert.requests.respond('demo', posted.id, { message: 'Again', proposedTimes: [hoursFrom(new Date(), 90)] }), ConflictError);
});

test('the SDK walks the board as async pages, and closes and renews with If-Match', async () => {
  const person = await newMember(server, new Date());
  const member = clientFor(person.headers);
  const ids = [];
  for (const n of [1, 2, 3]) ids.push((await member.requests.create('demo', { title: `Heron ${n}`, need: 'Need', project: { name: 'P', stage: 'testing' }, category: 'leadership' })).id);
  const walked = [];
  for await (const request of member.requests.list('demo', { q: 'heron', limit: 1 })) walked.push(request.id);
  assert.deepEqual(walked, ids.reverse());

  const closed = await member.requests.close('demo', ids[0]!, 'Found help', { ifMatch: 1 });
  assert.deepEqual([closed.status, closed.closedReason, closed.version], ['closed', 'Found help', 2]);
  await assert.rejects(member.requests.update('demo', ids[1]!, { title: 'Stale' }, { ifMatch: 7 }), PreconditionFailedError);
  assert.equal((await member.requests.renew('demo', ids[1]!)).status, 'open');
});

test('a retried create with the same Idempotency-Key posts one request', async () => {
  const person = await newMember(server, new Date());
  const member = clientFor(person.headers);
  const body = { title: 'Plover once', need: 'Need', project: { name: 'P', stage: 'idea' as const }, category: 'leadership' };
  const first = await member.requests.create('demo', body, { idempotencyKey: 'plover-1' });
  const again = await member.requests.create('demo', body, { idempotencyKey: 'plover-1' });
  assert.equal(again.id, first.id);
  assert.equal((await server.db.select().from(schema.skillRequests).where(eq(schema.skillRequests.title, 'Plover once'))).length, 1);
});
