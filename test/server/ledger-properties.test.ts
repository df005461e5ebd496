import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { schema } from '@talking-library/server';
import { eq } from 'drizzle-orm';
import { checkBooks, hold, HoldAlreadyResolvedError, InsufficientCreditError, memberAccountId, postHold, voidHold } from '../../server/src/domain/ledger.js';
import { send, sessionFor } from '../helpers/callers.js';
import { addLibrary, uniqueSlug } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Model-based: random sequences of join, grant, donate (and replays of donations), hold, post,
 * void and policy changes run against the real API over a libSQL file and against the small model
 * below. After every step the books balance, every member's balances equal the model's, and a
 * hold resolves once. Holds, posts and voids go through the domain module on the server's own
 * database: no route drives them until exchanges exist. On failure fast-check prints the seed and
 * the shrunk sequence; replay with LEDGER_PROPERTY_SEED and LEDGER_PROPERTY_PATH.
 * LEDGER_PROPERTY_RUNS runs more sequences (default 200).
 */
const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 200);

let server: TestServer;
before(async () => (server = await startTestServer({ rateLimits: { writesPerMinute: 1e9, readsPerMinute: 1e9, signInPerMinute: 1e9 } })));
after(() => server.close());

type Step =
  | { kind: 'join' }
  | { kind: 'grant'; to: number; halfHours: number }
  | { kind: 'donate'; from: number; to: number | 'fund'; halfHours: number }
  | { kind: 'replay'; donation: number }
  | { kind: 'hold'; from: number; to: number; halfHours: number }
  | { kind: 'resolve'; hold: number; outcome: 'post' | 'void' }
  | { kind: 'policy'; overdraftHalfHours: number; startingGrantHalfHours: number };

const who = fc.nat({ max: 5 });
const halfHours = fc.integer({ min: 1, max: 6 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'join' as const }),
  fc.record({ kind: fc.constant('grant' as const), to: who, halfHours }),
  fc.record({ kind: fc.constant('donate' as const), from: who, to: fc.oneof(who, fc.constant('fund' as const)), halfHours }),
  fc.record({ kind: fc.constant('replay' as const), donation: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('hold' as const), from: who, to: who, halfHours }),
  fc.record({ kind: fc.constant('resolve' as const), hold: fc.nat({ max: 5 }), outcome: fc.constantFrom('post' as const, 'void' as const) }),
  fc.record({ kind: fc.constant('policy' as const), overdraftHalfHours: fc.nat({ max: 4 }), startingGrantHalfHours: fc.nat({ max: 6 }) }),
);

interface ModelAccount {
  posted: number;
  pendingDebits: number;
}
class Model {
  fund: ModelAccount = { posted: 0, pendingDebits: 0 };
  members: ModelAccount[] = [];
  overdraft = 0;
  startingGrant = 120;
  readonly fundLimit = 6000;
  holds: { from: number; to: number; minutes: number; id: string; resolved: boolean }[] = [];
  donations: { init: RequestInit; id: string; from: number }[] = [];

  available(account: ModelAccount, isFund = false): number {
    return account.posted - account.pendingDebits + (isFund ? this.fundLimit : this.overdraft);
  }
}


async function runSequence(steps: Step[]): Promise<void> {
  const slug = uniqueSlug('prop');
  const libraryId = await addLibrary(server.db, slug);
  const base = `/v1/libraries/${slug}`;
  const coordinator = await sessionFor(server, { email: `coordinator@${slug}.example`, name: 'Coordinator', roles: ['coordinator'], library: slug });
  const model = new Model();
  const people: { headers: Record<string, string>; id: string }[] = [];
  const now = new Date();
  const call = (path: string, init: RequestInit) => server.request(base + path, init);
  const as = (headers: Record<string, string>, init: RequestInit) => ({ ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const person = (i: number) => people[i % people.length]!;

  for (const [n, s] of steps.entries()) {
    const where = `step ${n} ${JSON.stringify(s)}`;
    if (s.kind === 'join' || people.length === 0) {
      const headers = await sessionFor(server, { email: `p${people.length}@${slug}.example`, name: `P${people.length}`, roles: ['member'], library: slug });
      const res = await call('/credits', { headers });
      assert.equal(res.status, 200, where);
      const me = await call('/me', { headers });
      people.push({ headers, id: me.body.id });
      const account = { posted: 0, pendingDebits: 0 };
      if (model.startingGrant > 0 && model.available(model.fund, true) >= model.startingGrant) {
        account.posted += model.startingGrant;
        model.fund.posted -= model.startingGrant;
      }
      model.members.push(account);
      if (s.kind === 'join') continue;
    }
    const minutes = 'halfHours' in s ? s.halfHours * 30 : 0;
    if (s.kind === 'grant') {
      const to = s.to % people.length;
      const res = await call('/credits/grants', as(coordinator, send('POST', { to: person(to).id, hours: minutes / 60, reason: 'Property' })));
      if (model.available(model.fund, true) >= minutes) {
        assert.equal(res.status, 201, where);
        model.fund.posted -= minutes;
        model.members[to]!.posted += minutes;
      } else assert.equal(res.body.code, 'insufficient_credit', where);
    } else if (s.kind === 'donate') {
      const from = s.from % people.length;
      const to = s.to === 'fund' ? 'fund' : s.to % people.length;
      if (to === from) continue;
      const init = as({ ...person(from).headers, 'idempotency-key': `${slug}-${n}` }, send('POST', { to: to === 'fund' ? 'fund' : person(to).id, hours: minutes / 60 }));
      const res = await call('/credits/donations', init);
      const payer = model.members[from]!;
      if (model.available(payer) >= minutes) {
        assert.equal(res.status, 201, where);
        payer.posted -= minutes;
        (to === 'fund' ? model.fund : model.members[to]!).posted += minutes;
        model.donations.push({ init, id: res.body.id, from });
      } else assert.equal(res.body.code, 'insufficient_credit', where);
    } else if (s.kind === 'replay') {
      const donation = model.donations[s.donation % Math.max(1, model.donations.length)];
      if (!donation) continue;
      const res = await call('/credits/donations', donation.init);
      assert.equal(res.status, 201, where);
      assert.equal(res.body.id, donation.id, where);
    } else if (s.kind === 'hold') {
      const from = s.from % people.length;
      const to = s.to % people.length;
      if (from === to) continue;
      const payer = model.members[from]!;
      const attempt = hold(server.db, { libraryId, debitAccountId: memberAccountId(person(from).id), creditAccountId: memberAccountId(person(to).id), amountMinutes: minutes, kind: 'exchange', now });
      if (model.available(payer) >= minutes) {
        const made = await attempt;
        payer.pendingDebits += minutes;
        model.holds.push({ from, to, minutes, id: made.id, resolved: false });
      } else await assert.rejects(attempt, InsufficientCreditError, where);
    } else if (s.kind === 'resolve') {
      const held = model.holds[s.hold % Math.max(1, model.holds.length)];
      if (!held) continue;
      const attempt = (s.outcome === 'post' ? postHold : voidHold)(server.db, { libraryId, holdId: held.id, now });
      if (held.resolved) {
        await assert.rejects(attempt, HoldAlreadyResolvedError, where);
        continue;
      }
      await attempt;
      held.resolved = true;
      model.members[held.from]!.pendingDebits -= held.minutes;
      if (s.outcome === 'post') {
        model.members[held.from]!.posted -= held.minutes;
        model.members[held.to]!.posted += held.minutes;
      }
    } else if (s.kind === 'policy') {
      const res = await call('', as(coordinator, send('PATCH', { credits: { overdraftHours: s.overdraftHalfHours / 2, startingGrantHours: s.startingGrantHalfHours / 2 } })));
      assert.equal(res.status, 200, where);
      model.overdraft = s.overdraftHalfHours * 30;
      model.startingGrant = s.startingGrantHalfHours * 30;
    }

    assert.deepEqual(await checkBooks(server.db), [], where);
    for (const [i, p] of people.entries()) {
      const res = await call('/credits', { headers: p.headers });
      const m = model.members[i]!;
      assert.deepEqual([res.body.balanceMinutes, res.body.heldMinutes, res.body.availableMinutes], [m.posted, m.pendingDebits, model.available(m)], `${where}: member ${i}`);
    }
    const resolutions = await server.db.select({ resolves: schema.creditTransfers.resolves }).from(schema.creditTransfers).where(eq(schema.creditTransfers.libraryId, libraryId));
    const resolved = resolutions.map((r) => r.resolves).filter((r) => r !== null);
    assert.equal(new Set(resolved).size, resolved.length, `${where}: a hold resolved twice`);
  }
}

test(`${RUNS} random sequences of ledger operations agree with the model, and the books balance after every step`, async () => {
  const seed = process.env.LEDGER_PROPERTY_SEED === undefined ? undefined : Number(process.env.LEDGER_PROPERTY_SEED);
  const path = process.env.LEDGER_PROPERTY_PATH;
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), runSequence), {
    numRuns: RUNS,
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined ? {} : { path }),
    // The seed, the path and the shrunk sequence, in the failure message.
    verbose: 1,
    includeErrorInReport: true,
  });
});
