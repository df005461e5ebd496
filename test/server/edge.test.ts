import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, migrateDatabase, openDatabase, type MailMessage } from '@talking-library/server';
import edge, { cloudflareClientIp, createEdgeHandler, mailerBinding } from '@talking-library/server/edge';
import { addLibrary } from '../helpers/fixtures.js';

const SECRET_KEY = 'cd'.repeat(32);
const askForCode = (email: string, address?: string) =>
  new Request('https://library.example/v1/libraries/edge-lib/email-links', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'cf-connecting-ip': address } : {}) },
    body: JSON.stringify({ email }),
  });

describe('the edge entry', () => {
  let dir: string;
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tl-edge-'));
    opened = await openDatabase(`file:${join(dir, 'edge.db')}`);
    await migrateDatabase(opened.db);
    await addLibrary(opened.db, 'edge-lib');
  });
  after(async () => {
    opened.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('refuses to start without a mailer binding, saying so on the first request', async () => {
    await assert.rejects(edge.fetch(askForCode('a@example.org', '192.0.2.1'), { SECRET_KEY, DATABASE_URL: 'https://db.invalid' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /MAILER/);
      return true;
    });
  });

  test('refuses to start without SECRET_KEY, which it has no disk to keep', async () => {
    const handler = createEdgeHandler({ mailer: { send: async () => {} }, clientIp: cloudflareClientIp, database: () => opened.db });
    await assert.rejects(handler.fetch(askForCode('a@example.org', '192.0.2.1'), {}), /SECRET_KEY is required/);
  });

  test('sends mail through the binding and counts each client address on its own', async () => {
    const sent: MailMessage[] = [];
    const handler = createEdgeHandler({ mailer: mailerBinding, clientIp: cloudflareClientIp, database: () => opened.db });
    const env = { SECRET_KEY, RATE_LIMIT_SIGN_IN_PER_MINUTE: '1', MAILER: { send: async (message: MailMessage) => void sent.push(message) } };
    assert.equal((await handler.fetch(askForCode('first@example.org', '198.51.100.1'), env)).status, 202);
    assert.match(sent[0]!.subject, /Your sign-in code/);
    assert.equal((await handler.fetch(askForCode('second@example.org', '198.51.100.1'), env)).status, 429, 'that address spent its budget');
    assert.equal((await handler.fetch(askForCode('third@example.org', '198.51.100.2'), env)).status, 202, 'another address has its own');
    assert.equal(sent.length, 2);
  });
});
