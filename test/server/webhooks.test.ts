import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { DevOutbox, openDatabase, schema, silentLogger } from '@talking-library/server';
import { InvalidInputError } from '../../server/src/domain/errors.js';
import { createPartner } from '../../server/src/domain/partners.js';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { webhookUrlProblem } from '../../server/src/domain/webhook-urls.js';
import { deliverDueWebhooks, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS, webhookEventStatement, type WebhookDeliveryDeps } from '../../server/src/domain/webhooks.js';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { addLibrary, libraryId } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let dir: string;
let databaseUrl: string;
let server: TestServer;
let receiver: WebhookReceiver;
let coordinator: Record<string, string>;
let demoLibraryId: string;
let deps: WebhookDeliveryDeps;
let partnerCount = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-webhooks-'));
  databaseUrl = `file:${join(dir, 'library.db')}`;
  server = await startTestServer({ seed: true, databaseUrl, secretKey: SECRET_KEY, rateLimits: { writesPerMinute: 10_000, signInPerMinute: 10_000, readsPerMinute: 10_000 } });
  receiver = await startWebhookReceiver();
  coordinator = bearer(await demoSession(server, 'coordinator'));
  demoLibraryId = await libraryId(server.db);
  deps = { db: server.db, secretBox: secretBox(SECRET_KEY), logger: silentLogger, env: 'test' };
});
after(async () => {
  await receiver.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface HookedPartner {
  id: string;
  secretKey: string;
  webhookSecret: string;
  /** The receiver path this partner's messages arrive at. */
  path: string;
}

/**
 * A partner site whose webhook URL is a path of the receiver, removed when the test ends so the
 * library-wide events of later tests do not reach it.
 */
async function hookedPartner(t: TestContext): Promise<HookedPartner> {
  const path = `/partner-${++partnerCount}`;
  const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: `Hooked ${partnerCount}` }, coordinator));
  const hooked = await server.request(`/v1/libraries/demo/partners/${created.body.id}`, send('PATCH', { webhookUrl: receiver.url + path }, coordinator));
  assert.equal(hooked.status, 200, JSON.stringify(hooked.body));
  receiver.secret(path, hooked.body.webhookSecret);
  t.after(() => server.request(`/v1/libraries/demo/partners/${created.body.id}`, send('DELETE', undefined, coordinator)));
  return { id: created.body.id, secretKey: created.body.secretKey, webhookSecret: hooked.body.webhookSecret, path };
}

/** An event as exchange and request transitions write it: one statement in a write batch. */
async function emit(type: 'exchange.requested' | 'exchange.scheduled' | 'request.created', data: Record<string, unknown>, now: Date): Promise<string[]> {
  const [result] = await server.db.$client.batch([webhookEventStatement({ libraryId: demoLibraryId, type, data, now })], 'write');
  return result!.rows.map((r) => String(r.id));
}

const deliver = (now: Date, more: Partial<WebhookDeliveryDeps> = {}) => deliverDueWebhooks({ ...deps, ...more }, { now, owner: 'test-worker', limit: 100, leaseMs: MINUTE });

async function deliveryRow(id: string) {
  const [row] = await server.db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.id, id));
  return row!;
}

const logOf = (partnerId: string, query = '', headers = coordinator) => server.request(`/v1/libraries/demo/partners/${partnerId}/webhook-deliveries${query}`, { headers });

describe('the signing secret', () => {
  test('the first webhook URL makes a whsec_ secret, shown in that answer only; later reads show its hint', async (t) => {
    const partner = await hookedPartner(t);
    assert.match(partner.webhookSecret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await server.request(`/v1/libraries/demo/partners/${partner.id}`, { headers: coordinator });
    assert.equal(read.body.webhookSecretHint, `…${partner.webhookSecret.slice(-4)}`);
    assert.equal(read.body.webhookSecret, undefined);
    const moved = await server.request(`/v1/libraries/demo/partners/${partner.id}`, send('PATCH', { webhookUrl: `${receiver.url}/moved` }, coordinator));
    assert.equal(moved.status, 200);
    assert.equal(moved.body.webhookSecret, undefined, 'a later URL keeps the secret and does not show it');
    const list = await server.request('/v1/libraries/demo/partners', { headers: coordinator });
    assert.ok(!JSON.stringify([read.body, moved.body, list.body]).includes(partner.webhookSecret));
  });

  test('the secret is stored sealed with the server key, never as given', async (t) => {
    const partner = await hookedPartner(t);
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, partner.id));
    assert.ok(!JSON.stringify(row).includes(partner.webhookSecret.slice('whsec_'.length)));
    assert.match(row!.webhookSecret!, /^v1:/);
    assert.equal(await deps.secretBox.open(row!.webhookSecret!), partner.webhookSecret);
  });

  test('a partner created with a webhook URL gets its secret in the creation answer', async () => {
    const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'Hooked from the start', webhookUrl: `${receiver.url}/from-start` }, coordinator));
    assert.equal(created.status, 201);
    assert.match(created.body.webhookSecret, /^whsec_/);
    assert.equal(created.body.webhookSecretHint, `…${created.body.webhookSecret.slice(-4)}`);
    await server.request(`/v1/libraries/demo/partners/${created.body.id}`, send('DELETE', undefined, coordinator));
  });

  test('rotation shows a new secret once; messages from then on verify with it and not with the old one', async (t) => {
    const partner = await hookedPartner(t);
    const rotated = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-secret`, send('POST', undefined, coordinator));
    assert.equal(rotated.status, 200);
    assert.match(rotated.body.webhookSecret, /^whsec_/);
    assert.notEqual(rotated.body.webhookSecret, partner.webhookSecret);
    assert.equal(rotated.body.webhookSecretHint, `…${rotated.body.webhookSecret.slice(-4)}`);
    const read = await server.request(`/v1/libraries/demo/partners/${partner.id}`, { headers: coordinator });
    assert.ok(!JSON.stringify(read.body).includes(rotated.body.webhookSecret));

    // The receiver still holds the old secret, as a partner that has not updated yet would.
    await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-test`, send('POST', undefined, coordinator));
    await deliver(new Date());
    const [message] = receiver.at(partner.path);
    assert.ok(message);
    assert.deepEqual(message.verified, { ok: false, error: 'No matching signature found' });
    const payload = new Webhook(rotated.body.webhookSecret).verify(message.body, message.headers as Record<string, string>) as { type: string };
    assert.equal(payload.type, 'webhook.test');
  });

  test('a partner’s own secret key may rotate its webhook secret; another partner’s is a 404', async (t) => {
    const mine = await hookedPartner(t);
    const theirs = await hookedPartner(t);
    const own = await server.request(`/v1/libraries/demo/partners/${mine.id}/webhook-secret`, send('POST', undefined, bearer(mine.secretKey)));
    assert.equal(own.status, 200);
    const other = await server.request(`/v1/libraries/demo/partners/${theirs.id}/webhook-secret`, send('POST', undefined, bearer(mine.secretKey)));
    assert.equal(other.status, 404);
  });
});

describe('sending', () => {
  test('a message is POSTed with the Standard Webhooks headers, and its body verifies with the partner’s secret', async (t) => {
    const partner = await hookedPartner(t);
    const now = new Date();
    const [id] = await emit('exchange.requested', { id: 'exc_example0001', status: 'requested' }, now);
    assert.match(id!, /^msg_[0-9a-f]{32}$/);
    await deliver(now);
    const [message] = receiver.at(partner.path);
    assert.ok(message, 'the receiver got the message');
    assert.equal(message.verified.ok, true, JSON.stringify(message.verified));
    assert.equal(message.headers['webhook-id'], id);
    assert.equal(message.headers['webhook-timestamp'], String(Math.floor(now.getTime() / 1000)));
    assert.match(String(message.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    assert.equal(message.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(message.body), { type: 'exchange.requested', timestamp: now.toISOString(), data: { id: 'exc_example0001', status: 'requested' } });
    const row = await deliveryRow(id!);
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 1);
    assert.equal(row.lastStatusCode, 200);
    assert.equal(row.deliveredAt, now.toISOString());
  });

  test('an event reaches each live partner of the library with a webhook URL, and no other', async (t) => {
    const first = await hookedPartner(t);
    const second = await hookedPartner(t);
    const removed = await hookedPartner(t);
    await server.request(`/v1/libraries/demo/partners/${removed.id}`, send('DELETE', undefined, coordinator));
    const noUrl = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'No URL' }, coordinator));
    const elsewhere = await addLibrary(server.db, `hooks-elsewhere-${partnerCount}`);
    await createPartner(server.db, elsewhere, { name: 'Elsewhere', allowedOrigins: [], webhookUrl: `${receiver.url}/elsewhere` }, deps.secretBox, 'test');

    const ids = await emit('request.created', { id: 'req_example0001' }, new Date());
    const rows = await Promise.all(ids.map(deliveryRow));
    assert.deepEqual(rows.map((r) => r.partnerId).sort(), [first.id, second.id].sort());
    assert.equal(new Set(ids).size, 2, 'one message id per partner');
    assert.ok(!rows.some((r) => r.partnerId === noUrl.body.id));
    await deliver(new Date());
    assert.equal(receiver.at(first.path).length, 1);
    assert.equal(receiver.at(second.path).length, 1);
    assert.equal(receiver.at(removed.path).length, 0);
    assert.equal(receiver.at('/elsewhere').length, 0);
  });

  test('a message queued before its partner was removed is not sent, and is marked failed', async (t) => {
    const partner = await hookedPartner(t);
    const [id] = await emit('exchange.scheduled', { id: 'exc_example0002' }, new Date());
    await server.request(`/v1/libraries/demo/partners/${partner.id}`, send('DELETE', undefined, coordinator));
    await deliver(new Date());
    assert.equal(receiver.at(partner.path).length, 0);
    const row = await deliveryRow(id!);
    assert.equal(row.status, 'failed');
    assert.equal(row.lastError, 'The partner site was removed.');
  });

  test('with onlyAfterChange, the event is queued only when the statement before it in the batch changed a row', async (t) => {
    const first = await hookedPartner(t);
    const second = await hookedPartner(t);
    const event = { libraryId: demoLibraryId, type: 'exchange.scheduled' as const, data: { id: 'exc_example0003' }, now: new Date(), onlyAfterChange: true };
    const touch = (partnerId: string) => ({ sql: 'UPDATE partners SET name = name WHERE id = ?', args: [partnerId] });
    const lost = await server.db.$client.batch([touch('ptn_nosuchpartner00'), webhookEventStatement(event)], 'write');
    assert.equal(lost[1]!.rows.length, 0, 'a transition that changed nothing reports nothing');
    const won = await server.db.$client.batch([touch(first.id), webhookEventStatement(event)], 'write');
    const rows = await Promise.all(won[1]!.rows.map((r) => deliveryRow(String(r.id))));
    assert.deepEqual(rows.map((r) => r.partnerId).sort(), [first.id, second.id].sort(), 'every partner gets it, not only the first');
    await deliver(new Date());
  });

  test('a receiver that fails twice is tried again after 5 s and 5 min, then delivered, with one webhook-id throughout', async (t) => {
    const partner = await hookedPartner(t);
    receiver.answer(partner.path, (nth) => (nth <= 2 ? 500 : 204));
    // standardwebhooks checks webhook-timestamp against the real time, 5 minutes either way: this
    // timeline starts 4 minutes back, so its third attempt (5 min 5 s later) is still inside.
    const start = new Date(Date.now() - 4 * MINUTE);
    const [id] = await emit('exchange.requested', { id: 'exc_example0004' }, start);
    const at = (ms: number) => new Date(start.getTime() + ms);

    await deliver(start);
    let row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.attempts, row.lastStatusCode, row.nextAttemptAt], ['pending', 1, 500, at(5 * SECOND).toISOString()]);
    assert.equal(row.lastError, 'The receiver answered 500.');
    await deliver(at(4 * SECOND));
    assert.equal(receiver.at(partner.path).length, 1, 'not due before its time');
    await deliver(at(5 * SECOND));
    row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.attempts, row.nextAttemptAt], ['pending', 2, at(5 * SECOND + 5 * MINUTE).toISOString()]);
    await deliver(at(5 * SECOND + 5 * MINUTE));
    row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.attempts, row.lastStatusCode, row.lastError, row.nextAttemptAt], ['delivered', 3, 204, null, null]);

    const messages = receiver.at(partner.path);
    assert.equal(messages.length, 3);
    assert.deepEqual(messages.map((m) => m.headers['webhook-id']), [id, id, id]);
    assert.ok(messages.every((m) => m.verified.ok), JSON.stringify(messages.map((m) => m.verified)));
    assert.equal(new Set(messages.map((m) => m.body)).size, 1, 'every attempt sends the same body');
    assert.equal(new Set(messages.map((m) => m.headers['webhook-timestamp'])).size, 3, 'each attempt is signed at its own time');
  });

  test('after the last attempt on the spec’s schedule a message is failed, and is not tried again', async (t) => {
    const partner = await hookedPartner(t);
    receiver.answer(partner.path, () => 503);
    let now = new Date();
    const [id] = await emit('exchange.scheduled', { id: 'exc_example0005' }, now);
    assert.deepEqual(WEBHOOK_RETRY_DELAYS_MS, [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 300 * MINUTE, 600 * MINUTE, 600 * MINUTE]);
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      await deliver(now);
      const row = await deliveryRow(id!);
      assert.equal(row.attempts, attempt);
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        assert.equal(row.status, 'pending');
        now = new Date(row.nextAttemptAt!);
      } else {
        assert.deepEqual([row.status, row.nextAttemptAt, row.lastStatusCode], ['failed', null, 503]);
      }
    }
    await deliver(new Date(now.getTime() + 100 * 3600 * SECOND));
    assert.equal(receiver.at(partner.path).length, WEBHOOK_MAX_ATTEMPTS);
  });

  test('a receiver that does not answer in time, or cannot be reached, is a failed attempt and never an exception', async (t) => {
    const partner = await hookedPartner(t);
    receiver.answer(partner.path, () => 'hang');
    const now = new Date();
    const [hung] = await emit('exchange.requested', { id: 'exc_example0006' }, now);
    assert.equal(await deliver(now, { timeoutMs: 200 }), 1);
    const row = await deliveryRow(hung!);
    assert.deepEqual([row.status, row.attempts, row.lastStatusCode, row.lastError], ['pending', 1, null, 'The receiver did not answer in time.']);

    const closed = await server.request(`/v1/libraries/demo/partners/${partner.id}`, send('PATCH', { webhookUrl: 'http://127.0.0.1:9/closed' }, coordinator));
    assert.equal(closed.status, 200);
    const [unreachable] = await emit('exchange.requested', { id: 'exc_example0007' }, now);
    await deliver(now);
    const refused = await deliveryRow(unreachable!);
    assert.equal(refused.status, 'pending');
    assert.match(refused.lastError!, /^The request failed: /);
  });

  test('a redirect is not followed: it is a failed attempt', async (t) => {
    const partner = await hookedPartner(t);
    receiver.answer(partner.path, () => 307);
    const now = new Date();
    const [id] = await emit('exchange.requested', { id: 'exc_example0008' }, now);
    await deliver(now);
    const row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.lastStatusCode], ['pending', 307]);
    assert.equal(receiver.at(partner.path).length, 1);
  });

  test('two workers on two connections at once send each message exactly once', async (t) => {
    const partners = [await hookedPartner(t), await hookedPartner(t), await hookedPartner(t)];
    const now = new Date();
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) for (const id of await emit('request.created', { id: `req_concurrent${i}` }, now)) ids.add(id);
    assert.equal(ids.size, 36);
    const second = await openDatabase(databaseUrl);
    try {
      const drain = async (db: WebhookDeliveryDeps['db'], owner: string) => {
        let tried = 0;
        for (let n; (n = await deliverDueWebhooks({ ...deps, db }, { now, owner, limit: 5, leaseMs: MINUTE })) > 0; ) tried += n;
        return tried;
      };
      const [a, b] = await Promise.all([drain(server.db, 'worker-a'), drain(second.db, 'worker-b')]);
      assert.equal(a + b, 36);
    } finally {
      second.close();
    }
    const received = partners.flatMap((p) => receiver.at(p.path)).map((m) => String(m.headers['webhook-id']));
    assert.equal(received.length, 36, 'no message was sent twice');
    assert.deepEqual(new Set(received), ids);
    const rows = await Promise.all([...ids].map(deliveryRow));
    assert.ok(rows.every((r) => r.status === 'delivered' && r.attempts === 1));
  });

  test('a message held by a worker that died is taken over once its lease runs out', async (t) => {
    const partner = await hookedPartner(t);
    const now = new Date();
    const [id] = await emit('exchange.requested', { id: 'exc_example0009' }, now);
    // What a worker that claimed the message and then crashed leaves behind.
    await server.db.update(schema.webhookDeliveries).set({ leaseOwner: 'crashed-worker', leaseExpiresAt: new Date(now.getTime() + MINUTE).toISOString() }).where(eq(schema.webhookDeliveries.id, id!));
    await deliver(now);
    assert.equal(receiver.at(partner.path).length, 0, 'not while the lease holds');
    assert.equal((await deliveryRow(id!)).leaseOwner, 'crashed-worker');
    await deliver(new Date(now.getTime() + MINUTE));
    assert.equal(receiver.at(partner.path).length, 1);
    assert.equal((await deliveryRow(id!)).status, 'delivered');
  });
});

describe('the delivery log, replays and the test message', () => {
  test('the log lists a partner’s messages newest first, paged by cursor, and filters by status', async (t) => {
    const partner = await hookedPartner(t);
    const base = Date.now();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [id] = await emit('exchange.requested', { id: `exc_paged${i}` }, new Date(base + i * SECOND));
      sent.push(id!);
      if (i === 2) await deliver(new Date(base + i * SECOND));
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await logOf(partner.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      pages.push(page.body.data.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [[sent[4], sent[3]], [sent[2], sent[1]], [sent[0]]]);

    const delivered = await logOf(partner.id, '?status=delivered');
    assert.deepEqual(delivered.body.data.map((d: { id: string }) => d.id), [sent[2], sent[1], sent[0]]);
    const pending = await logOf(partner.id, '?status=pending');
    assert.deepEqual(pending.body.data.map((d: { id: string }) => d.id), [sent[4], sent[3]]);
    const [entry] = delivered.body.data;
    assert.deepEqual(
      { ...entry, createdAt: undefined, deliveredAt: undefined },
      {
        id: sent[2],
        partnerId: partner.id,
        eventType: 'exchange.requested',
        payload: { type: 'exchange.requested', timestamp: new Date(base + 2 * SECOND).toISOString(), data: { id: 'exc_paged2' } },
        status: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        lastStatusCode: 200,
        lastError: null,
        createdAt: undefined,
        deliveredAt: undefined,
      },
    );
    await deliver(new Date(base + 10 * SECOND));
  });

  test('a partner’s own secret key reads its own log; another partner’s is a 404, a member’s session a 403, no credentials a 401', async (t) => {
    const mine = await hookedPartner(t);
    const theirs = await hookedPartner(t);
    await server.request(`/v1/libraries/demo/partners/${mine.id}/webhook-test`, send('POST', undefined, coordinator));
    const own = await logOf(mine.id, '', bearer(mine.secretKey));
    assert.equal(own.status, 200);
    assert.equal(own.body.data.length, 1);
    const other = await logOf(theirs.id, '', bearer(mine.secretKey));
    assert.equal(other.status, 404);
    assert.ok(!JSON.stringify(other.body).includes(theirs.path));
    assert.equal((await logOf(mine.id, '', bearer(await demoSession(server, 'member')))).status, 403);
    assert.equal((await logOf(mine.id, '', {})).status, 401);
    await deliver(new Date());
  });

  test('the test message goes to that partner only, as webhook.test, and verifies', async (t) => {
    const partner = await hookedPartner(t);
    const bystander = await hookedPartner(t);
    const queued = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-test`, send('POST', undefined, bearer(partner.secretKey)));
    assert.equal(queued.status, 202);
    assert.equal(queued.body.status, 'pending');
    assert.equal(queued.body.eventType, 'webhook.test');
    await deliver(new Date());
    const [message] = receiver.at(partner.path);
    assert.equal(message?.verified.ok, true);
    assert.equal(message?.headers['webhook-id'], queued.body.id);
    assert.equal(receiver.at(bystander.path).length, 0);
  });

  test('the test message needs a webhook URL: 409 webhook_url_missing', async () => {
    const created = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'No hook' }, coordinator));
    const res = await server.request(`/v1/libraries/demo/partners/${created.body.id}/webhook-test`, send('POST', undefined, coordinator));
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'webhook_url_missing');
    assert.equal((await logOf(created.body.id)).body.data.length, 0);
  });

  test('a replay sends a delivered message again now, with the same webhook-id and body, and it verifies', async (t) => {
    const partner = await hookedPartner(t);
    const [id] = await emit('exchange.scheduled', { id: 'exc_replayed' }, new Date());
    await deliver(new Date());
    const replay = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-deliveries/${id}/replay`, send('POST', undefined, coordinator));
    assert.equal(replay.status, 202);
    assert.deepEqual([replay.body.id, replay.body.status, replay.body.attempts], [id, 'pending', 0]);
    await deliver(new Date());
    const messages = receiver.at(partner.path);
    assert.equal(messages.length, 2);
    assert.deepEqual(messages.map((m) => m.headers['webhook-id']), [id, id]);
    assert.equal(messages[1]!.body, messages[0]!.body);
    assert.equal(messages[1]!.verified.ok, true);
    const row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.attempts], ['delivered', 1]);
  });

  test('a failed message can be replayed by the partner itself, and gets a fresh schedule', async (t) => {
    const partner = await hookedPartner(t);
    const [id] = await emit('exchange.scheduled', { id: 'exc_replay_failed' }, new Date());
    await server.db.update(schema.webhookDeliveries).set({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, nextAttemptAt: null }).where(eq(schema.webhookDeliveries.id, id!));
    receiver.answer(partner.path, () => 500);
    const replay = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-deliveries/${id}/replay`, send('POST', undefined, bearer(partner.secretKey)));
    assert.equal(replay.status, 202);
    const now = new Date();
    await deliver(now);
    const row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.attempts, row.nextAttemptAt], ['pending', 1, new Date(now.getTime() + 5 * SECOND).toISOString()]);
    receiver.answer(partner.path, () => 200);
    await deliver(new Date(now.getTime() + 5 * SECOND));
  });

  test('a replay of a message being sent right now is refused with 409, and of an unknown one with 404', async (t) => {
    const partner = await hookedPartner(t);
    const now = new Date();
    const [id] = await emit('exchange.scheduled', { id: 'exc_in_flight' }, now);
    await server.db.update(schema.webhookDeliveries).set({ leaseOwner: 'busy-worker', leaseExpiresAt: new Date(Date.now() + 10 * MINUTE).toISOString() }).where(eq(schema.webhookDeliveries.id, id!));
    const busy = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-deliveries/${id}/replay`, send('POST', undefined, coordinator));
    assert.equal(busy.status, 409);
    assert.equal(busy.body.code, 'delivery_in_flight');
    assert.equal((await deliveryRow(id!)).leaseOwner, 'busy-worker', 'the worker keeps its lease');
    const unknown = await server.request(`/v1/libraries/demo/partners/${partner.id}/webhook-deliveries/msg_00000000000000000000000000000000/replay`, send('POST', undefined, coordinator));
    assert.equal(unknown.status, 404);
    await server.db.update(schema.webhookDeliveries).set({ leaseOwner: null, leaseExpiresAt: null }).where(eq(schema.webhookDeliveries.id, id!));
    await deliver(new Date());
  });

  test('another partner’s message cannot be replayed through one’s own id', async (t) => {
    const mine = await hookedPartner(t);
    const theirs = await hookedPartner(t);
    const ids = await emit('exchange.scheduled', { id: 'exc_theirs' }, new Date());
    const [theirMessage] = (await Promise.all(ids.map(deliveryRow))).filter((r) => r.partnerId === theirs.id);
    const res = await server.request(`/v1/libraries/demo/partners/${mine.id}/webhook-deliveries/${theirMessage!.id}/replay`, send('POST', undefined, bearer(mine.secretKey)));
    assert.equal(res.status, 404);
    await deliver(new Date());
  });
});

describe('where webhooks may go', () => {
  test('production allows only https URLs on public hosts', () => {
    for (const url of ['https://partner.example/hooks', 'https://93.184.215.14/hook', 'https://[2606:4700::1]/hook']) assert.equal(webhookUrlProblem(url, 'production'), null, url);
    assert.equal(webhookUrlProblem('http://partner.example/hooks', 'production'), 'must be an https URL');
    for (const url of [
      'https://localhost/hook',
      'https://api.localhost/hook',
      'https://127.0.0.1/hook',
      'https://2130706433/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::1]/hook',
      'https://intranet/hook',
      'https://printer.local/hook',
    ]) {
      assert.equal(webhookUrlProblem(url, 'production'), 'must be a public host, not a loopback, private or link-local address', url);
    }
    assert.equal(webhookUrlProblem('https://user:pass@partner.example/', 'production'), 'must not carry a user name or password');
  });

  test('outside production, local http receivers are allowed', () => {
    assert.equal(webhookUrlProblem('http://localhost:3000/hooks', 'development'), null);
    assert.equal(webhookUrlProblem('http://127.0.0.1:3000/hooks', 'test'), null);
  });

  test('a production server refuses an http or private webhook URL with a 400 naming webhookUrl, and changes nothing', async () => {
    const production = await startTestServer({ env: 'production', host: '127.0.0.1', mailer: new DevOutbox(), publicUrl: 'https://library.example', secretKey: SECRET_KEY });
    try {
      const library = await addLibrary(production.db, 'production-hooks');
      const headers = await sessionFor(production, { email: 'coordinator@production.example', name: 'Coordinator', roles: ['coordinator'], library: 'production-hooks' });
      const partner = await createPartner(production.db, library, { name: 'Prod partner', allowedOrigins: [] }, deps.secretBox, 'production');
      for (const webhookUrl of ['http://partner.example/hook', 'https://10.0.0.8/hook']) {
        const res = await production.request(`/v1/libraries/production-hooks/partners/${partner.id}`, send('PATCH', { webhookUrl }, headers));
        assert.equal(res.status, 400, webhookUrl);
        assert.equal(res.body.errors[0].path, 'body.webhookUrl');
      }
      const created = await production.request('/v1/libraries/production-hooks/partners', send('POST', { name: 'Prod 2', webhookUrl: 'https://localhost/hook' }, headers));
      assert.equal(created.status, 400);
      assert.equal(created.body.errors[0].path, 'body.webhookUrl');
      const [row] = await production.db.select().from(schema.partners).where(eq(schema.partners.id, partner.id));
      assert.deepEqual([row!.webhookUrl, row!.webhookSecret], [null, null]);
      const ok = await production.request(`/v1/libraries/production-hooks/partners/${partner.id}`, send('PATCH', { webhookUrl: 'https://partner.example/hook' }, headers));
      assert.equal(ok.status, 200);
      assert.match(ok.body.webhookSecret, /^whsec_/);
    } finally {
      await production.close();
    }
  });

  test('a production worker does not send to an http URL stored earlier: the message fails unsent', async (t) => {
    const partner = await hookedPartner(t);
    const now = new Date();
    const [id] = await emit('exchange.requested', { id: 'exc_production' }, now);
    await deliver(now, { env: 'production' });
    assert.equal(receiver.at(partner.path).length, 0);
    const row = await deliveryRow(id!);
    assert.deepEqual([row.status, row.lastError], ['failed', 'Not sent: the webhook URL must be an https URL.']);
  });

  test('createPartner in production refuses a private webhook URL as an input error on webhookUrl', async () => {
    await assert.rejects(
      createPartner(server.db, demoLibraryId, { name: 'x', allowedOrigins: [], webhookUrl: 'https://192.168.0.2/hook' }, deps.secretBox, 'production'),
      (error: unknown) => error instanceof InvalidInputError && error.fields[0]!.field === 'webhookUrl',
    );
  });
});
