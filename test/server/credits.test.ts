import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bearer, demoSession, send, sessionFor } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let member: Record<string, string>;
let expert: Record<string, string>;
let coordinator: Record<string, string>;
let expertId: string;

before(async () => {
  server = await startTestServer({ seed: true });
  member = bearer(await demoSession(server, 'member'));
  expert = bearer(await demoSession(server, 'expert'));
  coordinator = bearer(await demoSession(server, 'coordinator'));
  expertId = (await server.request(`${server.libraryPath}/me`, { headers: expert })).body.id;
});
after(() => server.close());

const withHeaders = (init: RequestInit, headers: Record<string, string>) => ({ ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });

test('a demo member who existed before the ledger sees her two-hour starting grant, in hours and minutes', async () => {
  const res = await server.request(`${server.libraryPath}/credits`, { headers: member });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { balance: 2, held: 0, available: 2, balanceMinutes: 120, heldMinutes: 0, availableMinutes: 120, overdraftMinutes: 0 });
});

test('a donation of half an hour to another member moves 30 minutes, and replaying its Idempotency-Key moves nothing again', async () => {
  const init = withHeaders(send('POST', { to: expertId, hours: 0.5 }), { ...member, 'idempotency-key': 'donate-half-1' });
  const [first, second] = await Promise.all([server.request(`${server.libraryPath}/credits/donations`, init), server.request(`${server.libraryPath}/credits/donations`, init)]);
  const statuses = [first.status, second.status].sort();
  // The replay racing the original hears 409 "in progress" or the stored 201; it never moves credit twice.
  assert.ok(statuses[0] === 201 && (statuses[1] === 201 || statuses[1] === 409), String(statuses));
  const replay = await server.request(`${server.libraryPath}/credits/donations`, init);
  assert.equal(replay.status, 201);
  assert.equal(replay.body.id, first.status === 201 ? first.body.id : second.body.id);
  assert.equal((await server.request(`${server.libraryPath}/credits`, { headers: member })).body.balanceMinutes, 90);
  assert.equal((await server.request(`${server.libraryPath}/credits`, { headers: expert })).body.balanceMinutes, 150);
});

test('a statement lists the member’s own transfers with the running balance, page by page', async () => {
  const one = await server.request(`${server.libraryPath}/credits/transfers?limit=1`, { headers: member });
  assert.equal(one.status, 200);
  assert.deepEqual(one.body.data.map((t: any) => [t.kind, t.to, t.runningBalance]), [['starting_grant', one.body.data[0].to, 2]]);
  const two = await server.request(`${server.libraryPath}/credits/transfers?limit=5&cursor=${one.body.nextCursor}`, { headers: member });
  assert.deepEqual(two.body.data.map((t: any) => [t.kind, t.to, t.minutes, t.runningBalanceMinutes]), [['donation', expertId, 30, 90]]);
  assert.equal(two.body.nextCursor, null);
});

test('hours that are not whole or half, and unknown fields, are refused naming the field', async () => {
  const res = await server.request(`${server.libraryPath}/credits/donations`, withHeaders(send('POST', { to: 'fund', hours: 0.25 }), member));
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors, [{ path: 'body.hours', message: 'must be whole or half hours (1, 1.5, 2 …)' }]);
});

test('giving more than is available is insufficient_credit, saying what is available', async () => {
  const res = await server.request(`${server.libraryPath}/credits/donations`, withHeaders(send('POST', { to: 'fund', hours: 5 }), member));
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'insufficient_credit');
  assert.match(res.body.detail, /1\.5 hours available, 5 hours asked for/);
});

test('a donation to someone outside the library is account_not_found', async () => {
  const res = await server.request(`${server.libraryPath}/credits/donations`, withHeaders(send('POST', { to: 'mem_nobodyhere12345', hours: 1 }), member));
  assert.equal(res.status, 404);
  assert.equal(res.body.code, 'account_not_found');
});

test('a coordinator grants from the fund with a reason, and reads the fund’s statement; a member may not', async () => {
  const made = await server.request(`${server.libraryPath}/credits/grants`, withHeaders(send('POST', { to: expertId, hours: 1, reason: 'Ran the launch workshop' }), coordinator));
  assert.equal(made.status, 201);
  assert.deepEqual([made.body.from, made.body.to, made.body.kind, made.body.reason], ['fund', expertId, 'grant', 'Ran the launch workshop']);
  const fund = await server.request(`${server.libraryPath}/credits/transfers?account=fund&limit=100`, { headers: coordinator });
  assert.equal(fund.status, 200);
  assert.equal(fund.body.data.at(-1).id, made.body.id);
  assert.equal((await server.request(`${server.libraryPath}/credits/transfers?account=fund`, { headers: member })).status, 403);
  assert.equal((await server.request(`${server.libraryPath}/credits/grants`, withHeaders(send('POST', { to: expertId, hours: 1, reason: 'Mine' }), member))).status, 403);
  const all = await server.request(`${server.libraryPath}/credits/transfers?account=all&limit=100`, { headers: coordinator });
  assert.ok(all.body.data.some((t: any) => t.kind === 'donation'));
});

test('/me shows the signed-in member’s credit balance', async () => {
  const me = await server.request(`${server.libraryPath}/me`, { headers: expert });
  assert.equal(me.status, 200);
  assert.equal(me.body.credits.balance, (await server.request(`${server.libraryPath}/credits`, { headers: expert })).body.balance);
});

test('a coordinator sets the credit policy in the library’s settings; the next member’s starting grant follows it', async () => {
  const library = await server.request(`${server.libraryPath}`, { headers: coordinator });
  assert.deepEqual(library.body.credits, { startingGrantHours: 2, overdraftHours: 0, fundNegativeLimitHours: 100, lateCancel: 'keep', lateCancelWindowHours: 24 });
  const refused = await server.request(`${server.libraryPath}`, withHeaders(send('PATCH', { credits: { overdraftHours: 0.2 } }), coordinator));
  assert.equal(refused.status, 400);
  assert.equal(refused.body.errors[0].path, 'body.credits.overdraftHours');
  const changed = await server.request(`${server.libraryPath}`, withHeaders(send('PATCH', { credits: { startingGrantHours: 3, overdraftHours: 1, lateCancel: 'release' } }), coordinator));
  assert.equal(changed.status, 200);
  assert.deepEqual(changed.body.credits, { startingGrantHours: 3, overdraftHours: 1, fundNegativeLimitHours: 100, lateCancel: 'release', lateCancelWindowHours: 24 });
  const newcomer = await sessionFor(server, { email: 'newcomer@example.org', name: 'Newcomer', roles: ['member'] });
  assert.deepEqual((await server.request(`${server.libraryPath}/credits`, { headers: newcomer })).body, { balance: 3, held: 0, available: 4, balanceMinutes: 180, heldMinutes: 0, availableMinutes: 240, overdraftMinutes: 60 });
  assert.equal((await server.request(`${server.libraryPath}`, withHeaders(send('PATCH', { credits: { startingGrantHours: 2 } }), member))).status, 403);
});

test('a donation to oneself is refused naming body.to', async () => {
  const me = (await server.request(`${server.libraryPath}/me`, { headers: member })).body.id;
  const res = await server.request(`${server.libraryPath}/credits/donations`, withHeaders(send('POST', { to: me, hours: 1 }), member));
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors, [{ path: 'body.to', message: 'must be the fund or another member' }]);
});
