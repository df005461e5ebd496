import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { schema } from '@talking-library/server';
import { eq, inArray } from 'drizzle-orm';
import { accountBalances, checkBooks, hold, HoldAlreadyResolvedError, InsufficientCreditError, memberAccountId, openAccount, postHold, voidHold } from '../../server/src/domain/ledger.js';
import { send, sessionFor } from '../helpers/callers.js';
import { addLibrary, uniqueSlug } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
before(async () => (server = await startTestServer({ rateLimits: { writesPerMinute: 1e9, readsPerMinute: 1e9, signInPerMinute: 1e9 } })));
after(() => server.close());

test('200 concurrent donations, replays, holds, posts and voids on one file: no 5xx, every acknowledged transfer there exactly once, the books balance', async () => {
  const slug = uniqueSlug('concurrency');
  const libraryId = await addLibrary(server.db, slug);
  const people = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const headers = await sessionFor(server, { email: `c${i}@concurrency.example`, name: `C${i}`, roles: ['member'], library: slug });
      const me = await server.request(`/v1/libraries/${slug}/me`, { headers });
      return { headers, id: me.body.id as string };
    }),
  );
  const now = new Date();
  for (const p of people) await openAccount(server.db, { libraryId, memberId: p.id, now });
  // Holds made beforehand, so that posts and voids race each other over them.
  const holds = await Promise.all(
    people.map((p, i) => hold(server.db, { libraryId, debitAccountId: memberAccountId(p.id), creditAccountId: memberAccountId(people[(i + 1) % 8]!.id), amountMinutes: 30, kind: 'exchange', now })),
  );

  const acknowledged: string[] = [];
  const statuses: number[] = [];
  const resolvedOnce = new Map<string, number>();
  const work = Array.from({ length: 200 }, async (_, n) => {
    const from = people[n % 8]!;
    const to = people[(n * 3 + 1) % 8]!;
    switch (n % 5) {
      case 0:
      case 1: {
        // Requests n and n + 1 of every five share a key and a body: one of them is a replay racing the original.
        const round = Math.floor(n / 5);
        const payer = people[round % 8]!;
        const target = round % 3 === 0 ? 'fund' : people[(round + 1) % 8]!.id;
        const res = await server.request(`/v1/libraries/${slug}/credits/donations`, send('POST', { to: target, hours: 0.5 }, { ...payer.headers, 'idempotency-key': `concurrent-${round}` }));
        statuses.push(res.status);
        if (res.status === 201) acknowledged.push(res.body.id);
        else if (res.status === 409) assert.ok(['insufficient_credit', 'request_in_progress'].includes(res.body.code), JSON.stringify(res.body));
        return;
      }
      case 2: {
        if (from.id === to.id) return;
        try {
          acknowledged.push((await hold(server.db, { libraryId, debitAccountId: memberAccountId(from.id), creditAccountId: memberAccountId(to.id), amountMinutes: 30, kind: 'exchange', now })).id);
        } catch (error) {
          assert.ok(error instanceof InsufficientCreditError, String(error));
        }
        return;
      }
      default: {
        const target = holds[n % holds.length]!;
        try {
          const resolution = await (n % 2 ? postHold : voidHold)(server.db, { libraryId, holdId: target.id, now });
          acknowledged.push(resolution.id);
          resolvedOnce.set(target.id, (resolvedOnce.get(target.id) ?? 0) + 1);
        } catch (error) {
          assert.ok(error instanceof HoldAlreadyResolvedError, String(error));
        }
      }
    }
  });
  await Promise.all(work);

  assert.ok(statuses.every((s) => s < 500), `statuses: ${statuses.join(',')}`);
  for (const count of resolvedOnce.values()) assert.equal(count, 1);
  // Replays return the same transfer: distinct ids, each in the database once.
  const distinct = [...new Set(acknowledged)];
  const rows = await server.db.select({ id: schema.creditTransfers.id }).from(schema.creditTransfers).where(inArray(schema.creditTransfers.id, distinct));
  assert.equal(rows.length, distinct.length);
  assert.deepEqual(await checkBooks(server.db), []);
  const accounts = await server.db.select({ id: schema.creditAccounts.id }).from(schema.creditAccounts).where(eq(schema.creditAccounts.libraryId, libraryId));
  for (const account of accounts) assert.ok((await accountBalances(server.db, libraryId, account.id)).availableMinutes >= 0, account.id);
});
