import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ConflictError, createClient } from '@talking-library/sdk';
import { silentLogger } from '@talking-library/server';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { deliverDueWebhooks } from '../../server/src/domain/webhooks.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET_KEY = randomBytes(32).toString('base64');
let server: TestServer;
let receiver: WebhookReceiver;
before(async () => {
  server = await startTestServer({ seed: true, secretKey: SECRET_KEY });
  receiver = await startWebhookReceiver();
});
after(async () => {
  await receiver.close();
  await server.close();
});

const deliver = () => deliverDueWebhooks({ db: server.db, secretBox: secretBox(SECRET_KEY), logger: silentLogger, env: 'test' }, { now: new Date(), owner: 'sdk-test' });

test('through the SDK a partner back end sets its webhook URL, tests it, reads its log, replays and rotates', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const coordinator = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'coordinator')).sessionToken });
  const created = await coordinator.partners.create('demo', { name: 'SDK partner' });
  const partner = createClient({ baseUrl: server.url, sessionToken: created.secretKey });

  await assert.rejects(partner.partners.sendTestWebhook('demo', created.id), (error) => error instanceof ConflictError && error.problem.code === 'webhook_url_missing');
  const hooked = await partner.partners.update('demo', created.id, { webhookUrl: `${receiver.url}/sdk` });
  assert.match(hooked.webhookSecret!, /^whsec_/);
  receiver.secret('/sdk', hooked.webhookSecret!);

  const queued = await partner.partners.sendTestWebhook('demo', created.id);
  assert.equal(queued.eventType, 'webhook.test');
  await deliver();
  assert.equal(receiver.at('/sdk')[0]?.verified.ok, true);

  const log = [];
  for await (const delivery of partner.partners.webhookDeliveries('demo', created.id, { status: 'delivered', limit: 1 })) log.push(delivery.id);
  assert.deepEqual(log, [queued.id]);

  const replayed = await partner.partners.replayWebhookDelivery('demo', created.id, queued.id);
  assert.deepEqual([replayed.id, replayed.status], [queued.id, 'pending']);

  const rotated = await partner.partners.rotateWebhookSecret('demo', created.id);
  assert.match(rotated.webhookSecret!, /^whsec_/);
  receiver.secret('/sdk', rotated.webhookSecret!);
  await deliver();
  const messages = receiver.at('/sdk');
  assert.deepEqual(messages.map((m) => m.headers['webhook-id']), [queued.id, queued.id]);
  assert.equal(messages[1]!.verified.ok, true, 'the replay is signed with the new secret');
});
