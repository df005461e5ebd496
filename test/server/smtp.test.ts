import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startServer, type RunningServer } from '@talking-library/server';
import { send } from '../helpers/callers.js';

/** A real SMTP server on loopback, keeping every message it is given. */
const received: { from: string; to: string[]; data: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let data = '';
    stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    stream.on('end', () => {
      received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
      callback();
    });
  },
});

let api: RunningServer;
let dir: string;
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  dir = await mkdtemp(join(tmpdir(), 'tl-smtp-'));
  api = await startServer(
    { databaseUrl: `file:${join(dir, 'smtp.db')}`, port: 0, seed: true, quiet: true },
    { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Talking Library <library@example.org>' },
  );
});
after(async () => {
  await api.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

test('with SMTP_URL, the sign-in code goes out over SMTP, and no development outbox exists', async () => {
  const res = await fetch(`${api.url}/v1/libraries/demo/email-links`, send('POST', { email: 'smtp.person@example.org' }));
  assert.equal(res.status, 202);
  assert.equal(received.length, 1);
  const [mail] = received;
  assert.deepEqual(mail!.to, ['smtp.person@example.org']);
  assert.equal(mail!.from, 'library@example.org');
  const code = /sign in to Talking Library is (\d{6})/.exec(mail!.data.replace(/=\r?\n/g, ''))?.[1];
  assert.ok(code, 'the message carries the code');
  const verified = await fetch(`${api.url}/v1/libraries/demo/email-links/verify`, send('POST', { email: 'smtp.person@example.org', code }));
  assert.equal(verified.status, 201);
  assert.equal(api.outbox, undefined);
  assert.equal((await fetch(`${api.url}/dev/outbox`)).status, 404);
});
