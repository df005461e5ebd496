import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConflictError, createClient } from '@talking-library/sdk';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
before(async () => (server = await startTestServer({ seed: true })));
after(() => server.close());

test('through the SDK a member reads her balance, donates half an hour, and pages her statement', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const member = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'member')).sessionToken });
  assert.equal((await member.credits.balance('demo')).available, 2);
  assert.equal((await member.me('demo')).credits.balanceMinutes, 120);
  const given = await member.credits.donate('demo', { to: 'fund', hours: 0.5 });
  assert.deepEqual([given.to, given.minutes, given.runningBalance], ['fund', 30, null]);
  const lines = [];
  for await (const line of member.credits.transfers('demo', { limit: 1 })) lines.push([line.kind, line.runningBalance]);
  assert.deepEqual(lines, [['starting_grant', 2], ['donation', 1.5]]);
  await assert.rejects(member.credits.donate('demo', { to: 'fund', hours: 10 }), (error) => error instanceof ConflictError && /1\.5 hours available/.test(error.message));
});

test('through the SDK a coordinator grants from the fund', async () => {
  const anonymous = createClient({ baseUrl: server.url });
  const expert = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'expert')).sessionToken });
  const coordinator = createClient({ baseUrl: server.url, sessionToken: (await anonymous.sessions.demo('demo', 'coordinator')).sessionToken });
  const { id } = await expert.me('demo');
  const made = await coordinator.credits.grant('demo', { to: id, hours: 1.5, reason: 'Mentoring circle' });
  assert.deepEqual([made.kind, made.from, made.minutes], ['grant', 'fund', 90]);
  assert.equal((await expert.credits.balance('demo')).balanceMinutes, 210);
});
