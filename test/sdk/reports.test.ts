import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, PermissionDeniedError } from '@talking-library/sdk';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: true, worker: false });
});
after(() => server.close());

test('SDK: a coordinator reads the evaluation summary for a period; a member meets a 403', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const as = async (who: 'member' | 'coordinator') => createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', who)).sessionToken });
  const summary = await (await as('coordinator')).reports.summary('demo', { from: '2020-01-01', to: '2020-01-31' });
  assert.equal(summary.exchanges.requested, 0);
  assert.deepEqual(summary.period, { from: '2020-01-01', to: '2020-01-31' });
  await assert.rejects((await as('member')).reports.summary('demo'), PermissionDeniedError);
});

test('SDK: the export as JSON with its dictionary, and as CSV text', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const coordinator = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'coordinator')).sessionToken });
  const json = await coordinator.reports.exportJson('demo', { from: '2020-01-01', to: '2020-01-31' });
  assert.deepEqual(json.rows, []);
  assert.ok(json.dictionary.some((column) => column.name === 'value_rating'));
  const csv = await coordinator.reports.exportCsv('demo', { part: 'dictionary' });
  assert.match(csv, /^\ufeff?name,type,description\r\n/);
});
