import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import * as schema from '../../server/src/db/schema.js';
import { checkBooks } from '../../server/src/domain/ledger.js';
import { reindexProfiles } from '../../server/src/domain/search-index.js';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { deliverDueWebhooks } from '../../server/src/domain/webhooks.js';
import type { Logger } from '../../server/src/logger.js';
import { send } from '../helpers/callers.js';
import { manualClock } from '../helpers/clock.js';
import { act, ask, expert, hoursFrom, member, type Expert, type Person } from '../helpers/exchanges.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const HOUR = 3_600_000;
const SECRET_KEY = randomBytes(32).toString('base64');
const clock = manualClock(new Date(Math.floor(Date.now() / HOUR) * HOUR));
const lib = '/v1/libraries/demo';
const EQUALITY = 'equality_monitoring';
/** Answers no other data in the library would hold, so finding them anywhere else is a leak. */
const ANSWERS = { ethnicCategory: 'N', gender: 'in_another_way', disability: 'prefer_not_to_say' };
const logLines: string[] = [];
const logger: Logger = {
  info: (message, fields) => logLines.push(JSON.stringify({ message, ...fields })),
  error: (message, fields) => logLines.push(JSON.stringify({ message, ...fields })),
};
let server: TestServer;
let receiver: WebhookReceiver;

before(async () => {
  server = await startTestServer({ seed: true, clock, worker: false, logger, quiet: false, secretKey: SECRET_KEY, rateLimits: { writesPerMinute: 10_000, readsPerMinute: 10_000 } });
  receiver = await startWebhookReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});

const call = (who: Person, method: string, path: string, body?: unknown) => server.request(`${lib}${path}`, method === 'GET' ? { headers: who.headers } : send(method, body, who.headers));
const wording = async (who: Person) => (await call(who, 'GET', '/me/consents')).body.data.find((c: { purpose: string }) => c.purpose === EQUALITY);
const consent = async (who: Person) => call(who, 'PUT', `/me/consents/${EQUALITY}`, { wordingVersion: (await wording(who)).wording.version });

/** Every row of every table but the equality answers' own and the search index's token blobs, as text. */
async function everythingElse(): Promise<string> {
  const tables = await server.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('equality_answers') AND name NOT LIKE 'profiles_fts_%'`);
  const rows = await Promise.all(tables.map(async ({ name }) => JSON.stringify(await server.db.all(sql.raw(`SELECT * FROM "${name}"`)))));
  return rows.join('\n');
}

/** A completed hour between a fresh member and a fresh expert (whose profile is in the search index), each with a log. */
async function completedHour(): Promise<{ asker: Person; giver: Expert; id: string }> {
  const asker = await member(server, clock.now());
  const giver = await expert(server, clock.now());
  await reindexProfiles(server.db, [giver.profileId]);
  const startsAt = hoursFrom(clock.now(), 72);
  const made = await ask(server, asker, giver, [startsAt]);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await act(server, giver, made.body.id, 'accept', { startsAt, meetingPlace: 'Video' })).status, 200);
  clock.advance(73 * HOUR);
  assert.equal((await act(server, asker, made.body.id, 'complete')).status, 200);
  assert.equal((await act(server, giver, made.body.id, 'complete')).body.status, 'completed');
  for (const [who, log] of [
    [asker, { summary: 'Mapped the letter.', share: 'public', nameExpert: true, valueRating: 5 }],
    [giver, { summary: 'Walked through FHIR.', share: 'public', nameMeInPublic: true }],
  ] as const) {
    assert.equal((await server.request(`${lib}/exchanges/${made.body.id}/outcomes`, send('POST', log, who.headers))).status, 201);
  }
  return { asker, giver, id: made.body.id };
}

describe('consent', () => {
  test('lists each purpose with its wording and version; given is false until she gives it', async () => {
    const who = await member(server, clock.now());
    const entry = await wording(who);
    assert.equal(entry.given, false);
    assert.equal(entry.givenAt, null);
    assert.match(entry.wording.text, /prefer not to say/);
    assert.ok(entry.wording.version);
  });

  test('is recorded with who, when and which wording; giving it again changes nothing; wording she was not shown is refused', async () => {
    const who = await member(server, clock.now());
    const stale = await call(who, 'PUT', `/me/consents/${EQUALITY}`, { wordingVersion: '1999-01-01' });
    assert.equal(stale.status, 422);
    assert.equal(stale.body.code, 'consent_wording_changed');
    assert.equal(stale.body.errors[0].path, 'body.wordingVersion');
    const given = await consent(who);
    assert.equal(given.status, 200, JSON.stringify(given.body));
    assert.equal(given.body.given, true);
    assert.equal(given.body.givenAt, clock.now().toISOString());
    clock.advance(60_000);
    assert.equal((await consent(who)).body.givenAt, given.body.givenAt);
    const rows = await server.db.select().from(schema.consents).where(eq(schema.consents.memberId, who.id));
    assert.deepEqual(
      rows.map((row) => [row.purpose, row.wordingVersion, row.givenAt]),
      [[EQUALITY, given.body.wordingVersion, given.body.givenAt]],
    );
  });

  test('equality questions are refused before consent, and nothing is stored', async () => {
    const who = await member(server, clock.now());
    const refused = await call(who, 'PUT', '/me/equality', ANSWERS);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'consent_required');
    assert.equal((await server.db.select().from(schema.equalityAnswers).where(eq(schema.equalityAnswers.memberId, who.id))).length, 0);
  });

  test('each question takes its codes, "prefer not to say" among them; anything else is a 400 naming the field', async () => {
    const who = await member(server, clock.now());
    await consent(who);
    for (const [field, value] of [['ethnicCategory', 'Q'], ['gender', 'female'], ['disability', true], ['ethnicCategory', undefined]] as const) {
      const res = await call(who, 'PUT', '/me/equality', { ...ANSWERS, [field]: value });
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(res.body.errors.some((e: { path: string }) => e.path === `body.${field}`), JSON.stringify(res.body));
    }
    const unknown = await call(who, 'PUT', '/me/consents/marketing', { wordingVersion: 'x' });
    assert.equal(unknown.status, 400);
    assert.ok(unknown.body.errors.some((e: { path: string }) => e.path === 'path.purpose'));
    const quiet = await call(who, 'PUT', '/me/equality', { ethnicCategory: 'Z', gender: 'prefer_not_to_say', disability: 'prefer_not_to_say' });
    assert.equal(quiet.status, 200, 'prefer not to say, to every question');
  });

  test('withdrawing deletes her answers at once; the consent history keeps when she gave and withdrew it', async () => {
    const who = await member(server, clock.now());
    await consent(who);
    assert.equal((await call(who, 'PUT', '/me/equality', ANSWERS)).status, 200);
    assert.deepEqual({ ...(await call(who, 'GET', '/me/equality')).body, answeredAt: undefined }, { ...ANSWERS, answeredAt: undefined });
    clock.advance(60_000);
    assert.equal((await call(who, 'DELETE', `/me/consents/${EQUALITY}`)).status, 204);
    assert.equal((await call(who, 'GET', '/me/equality')).status, 404);
    assert.equal((await server.db.select().from(schema.equalityAnswers).where(eq(schema.equalityAnswers.memberId, who.id))).length, 0);
    const entry = await wording(who);
    assert.equal(entry.given, false);
    assert.equal(entry.withdrawnAt, clock.now().toISOString());
    assert.equal((await call(who, 'PUT', '/me/equality', ANSWERS)).body.code, 'consent_required', 'withdrawn is as good as never given');
    assert.equal((await call(who, 'DELETE', `/me/consents/${EQUALITY}`)).status, 204, 'withdrawing twice is fine');
  });
});

test('equality answers never reach a profile, a search, a member list, a webhook, a log line, or any other table', async () => {
  const coordinator = await member(server, clock.now(), ['member', 'coordinator']);
  const partner = await server.request(`${lib}/partners`, send('POST', { name: 'Privacy listener', webhookUrl: `${receiver.url}/privacy` }, coordinator.headers));
  assert.equal(partner.status, 201, JSON.stringify(partner.body));
  receiver.secret('/privacy', partner.body.webhookSecret);
  const hour = await completedHour();
  for (const who of [hour.asker, hour.giver]) {
    await consent(who);
    assert.equal((await call(who, 'PUT', '/me/equality', ANSWERS)).status, 200);
  }
  // What others read of her after she answered, and what she does next.
  const reads = [
    await server.read(`${lib}/profiles/${hour.giver.profileId}`),
    await server.read(`${lib}/profiles?q=${encodeURIComponent(hour.giver.name)}`),
    await call(coordinator, 'GET', '/members'),
    await call(hour.giver, 'GET', '/me'),
    await call(coordinator, 'GET', `/exchanges/${hour.id}`),
    await server.read(`${lib}/learning`),
  ];
  const second = await ask(server, hour.asker, hour.giver, [hoursFrom(clock.now(), 96)]);
  assert.equal(second.status, 201);
  const deps = { db: server.db, secretBox: secretBox(SECRET_KEY), logger, env: 'test' as const };
  while ((await deliverDueWebhooks(deps, { now: clock.now(), owner: 'privacy' })) > 0);
  assert.ok(receiver.at('/privacy').length > 0, 'the partner heard of the exchanges');
  for (const res of reads) assert.equal(res.status, 200, JSON.stringify(res.body));
  const seen = [...reads.map((res) => JSON.stringify(res.body)), ...receiver.at('/privacy').map((m) => m.body), ...logLines, await everythingElse()].join('\n');
  for (const leak of ['in_another_way', 'ethnicCategory', 'ethnic_category']) assert.ok(!seen.includes(leak), `"${leak}" leaked`);
});

test('export: everything the library holds about her, as an attachment, with no token', async () => {
  const hour = await completedHour();
  await consent(hour.giver);
  await call(hour.giver, 'PUT', '/me/equality', ANSWERS);
  const res = await call(hour.giver, 'GET', '/me/export');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename=".+\.json"$/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const data = res.body;
  assert.equal(data.member.email, hour.giver.email);
  assert.equal(data.profile.id, hour.giver.profileId);
  assert.deepEqual(data.exchanges.map((e: { id: string }) => e.id), [hour.id]);
  assert.deepEqual(data.outcomeLogs.map((o: { summary: string }) => o.summary), ['Walked through FHIR.']);
  assert.ok(data.creditTransfers.some((t: { reference: string; state: string }) => t.reference === hour.id && t.state === 'posted'), 'the hour she earned');
  assert.equal(data.consents[0].purpose, EQUALITY);
  assert.equal(data.equalityAnswers.gender, ANSWERS.gender);
  assert.ok(data.sessions.length >= 1);
  assert.ok(!JSON.stringify(data).includes('token'), 'no session token or its hash');
  const other = await call(hour.asker, 'GET', '/me/export');
  assert.equal(other.body.equalityAnswers, null, 'each exports her own');
  assert.equal((await server.read(`${lib}/me/export`)).status, 401);
});

describe('erasure', () => {
  test('erases her: sessions end, her profile, logs, answers and every trace of her name and email go; her ledger rows stay and every book balances', async () => {
    const hour = await completedHour();
    const { giver } = hour;
    await consent(giver);
    await call(giver, 'PUT', '/me/equality', ANSWERS);
    assert.equal((await server.read(`${lib}/profiles?q=${encodeURIComponent(giver.name)}`)).body.data.length, 1, 'found before');
    const transfersBefore = (await server.db.select().from(schema.creditTransfers)).length;
    const balanceBefore = (await call(hour.asker, 'GET', '/credits')).body;

    assert.equal((await call(giver, 'DELETE', '/me')).status, 204);

    assert.equal((await call(giver, 'GET', '/me')).status, 401, 'her session ended');
    assert.equal((await server.read(`${lib}/profiles/${giver.profileId}`)).status, 404);
    assert.equal((await server.read(`${lib}/profiles?q=${encodeURIComponent(giver.name)}`)).body.data.length, 0);
    const logs = await server.request(`${lib}/exchanges/${hour.id}/outcomes`, { headers: hour.asker.headers });
    assert.deepEqual(logs.body.data.map((o: { summary: string }) => o.summary), ['Mapped the letter.'], 'the other party keeps her own log');
    const exchange = await server.request(`${lib}/exchanges/${hour.id}`, { headers: hour.asker.headers });
    assert.equal(exchange.status, 200, 'the other party keeps the exchange');
    assert.deepEqual(await checkBooks(server.db), []);
    assert.equal((await server.db.select().from(schema.creditTransfers)).length, transfersBefore, 'no ledger row went');
    assert.deepEqual((await call(hour.asker, 'GET', '/credits')).body, balanceBefore);
    const everything = await everythingElse();
    for (const trace of [giver.email, giver.name]) {
      const at = everything.indexOf(trace);
      assert.ok(at < 0, `"${trace}" is still in the database: …${everything.slice(Math.max(0, at - 300), at + 100)}…`);
    }
    assert.equal((await server.db.select().from(schema.equalityAnswers).where(eq(schema.equalityAnswers.memberId, giver.id))).length, 0);
  });

  test('is refused while an exchange of hers is under way, and nothing changes', async () => {
    const asker = await member(server, clock.now());
    const giver = await expert(server, clock.now());
    const made = await ask(server, asker, giver, [hoursFrom(clock.now(), 72)]);
    assert.equal(made.status, 201);
    const refused = await call(asker, 'DELETE', '/me');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'open_exchanges');
    assert.match(refused.body.detail, new RegExp(made.body.id));
    assert.equal((await call(asker, 'GET', '/me')).status, 200, 'still signed in, still herself');
    assert.equal((await call(asker, 'GET', '/me')).body.email, asker.email);
  });

  test('nobody signs in to an erased account again', async () => {
    const who = await member(server, clock.now());
    const [row] = await server.db.select().from(schema.members).where(eq(schema.members.id, who.id));
    assert.equal((await call(who, 'DELETE', '/me')).status, 204);
    const [erased] = await server.db.select().from(schema.members).where(eq(schema.members.id, who.id));
    assert.ok(erased!.erasedAt);
    assert.notEqual(erased!.email, row!.email);
    const { signInMember } = await import('../../server/src/domain/members.js');
    const { findLibrary } = await import('../../server/src/domain/libraries.js');
    const library = await findLibrary(server.db, 'demo');
    await assert.rejects(signInMember(server.db, { library, email: erased!.email, now: clock.now() }), /erased/);
    const again = await signInMember(server.db, { library, email: row!.email, now: clock.now() });
    assert.notEqual(again.id, who.id, 'her old address may join afresh, as a new member');
  });
});
