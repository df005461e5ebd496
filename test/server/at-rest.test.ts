import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Logger } from '@talking-library/server';
import { bearer, demoKey, demoSession, send } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('tokens and personal data at rest and in transit', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('the database file and its WAL are readable by their owner only', async () => {
    const rows = await server.db.$client.execute('PRAGMA database_list');
    const file = String(rows.rows[0]!.file);
    assert.ok(file.endsWith('library.db'), file);
    await demoSession(server, 'member'); // a write, so the WAL exists
    for (const path of [file, `${file}-wal`]) assert.equal((await stat(path)).mode & 0o777, 0o600, path);
  });

  test('answers carrying tokens or personal data say no-store; public reads stay cacheable', async () => {
    const coordinator = bearer(await demoSession(server, 'coordinator'));
    const email = 'no.store@example.org';
    const asked = await server.request('/v1/libraries/demo/email-links', send('POST', { email }));
    const code = /\b(\d{6})\b/.exec(server.outbox!.messages.find((m) => m.to === email)!.subject)![1];
    const answers = {
      'email sign-in (a session token)': await server.request('/v1/libraries/demo/email-links/verify', send('POST', { email, code })),
      'demo sign-in (a session token)': await server.request('/v1/libraries/demo/dev/sessions', send('POST', { as: 'member' })),
      'a new partner (its keys)': await server.request('/v1/libraries/demo/partners', send('POST', { name: 'No store' }, coordinator)),
      'me (personal data)': await server.request('/v1/libraries/demo/me', { headers: coordinator }),
      'the member list': await server.request('/v1/libraries/demo/members', { headers: coordinator }),
      'the development outbox (codes)': await server.request('/dev/outbox'),
      'a refused sign-in': await server.request('/v1/libraries/demo/sessions', send('POST', { token: 'not.a.jwt' })),
      'asking for a code': asked,
    };
    for (const [what, res] of Object.entries(answers)) assert.equal(res.headers.get('cache-control'), 'no-store', what);
    const profiles = await server.request('/v1/libraries/demo/profiles', { headers: demoKey });
    assert.equal(profiles.status, 200);
    assert.notEqual(profiles.headers.get('cache-control'), 'no-store', 'published profiles read with a publishable key');
  });
});

test('a failed query is logged with its SQL but without the words the user sent', async () => {
  const logged: string[] = [];
  const logger: Logger = { info() {}, error: (message, fields) => logged.push(JSON.stringify({ message, ...fields })) };
  const server = await startTestServer({ seed: true, logger });
  try {
    // A database that lost a table, so the insert of a sign-in code fails with its parameters.
    await server.db.$client.execute('DROP TABLE email_codes');
    const email = 'private.words.zebra@example.org';
    const res = await server.request('/v1/libraries/demo/email-links', send('POST', { email }));
    assert.equal(res.status, 500);
    const line = logged.find((l) => l.includes('request failed'));
    assert.ok(line, 'the failure is logged');
    assert.match(line!, /Failed query: insert into \\"email_codes\\"/);
    assert.ok(!line!.includes('private.words.zebra'), line);
  } finally {
    await server.close();
  }
});

