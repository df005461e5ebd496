/**
 * How fast the time-credit ledger moves credit, on one libSQL file, in one run:
 *
 *   npm run bench:ledger [-- --transfers 2000 --concurrency 16]
 *
 * 1. through the HTTP API: POST /credits/donations, each a guarded single-batch transfer between
 *    two members, with --concurrency requests in flight (holds and posts have no route until
 *    exchanges exist, so the API figure is a one-phase transfer: the same batch shape as a post);
 * 2. through the domain module: hold then post, one member paying another (a completed
 *    two-phase transfer);
 * 3. the floor: a raw single-statement INSERT loop on the same file.
 * Prints transfers per second and p50/p95 per operation, then runs the books check.
 * Goal: ≥ 1,000 posted exchanges per second through the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '@talking-library/server';
import { checkBooks, hold, memberAccountId, openAccount, postHold } from '../server/src/domain/ledger.js';
import { createSession } from '../server/src/domain/sessions.js';
import { grantRoles } from '../server/src/domain/members.js';
import { createLibrary } from '../server/src/domain/libraries.js';

const { values } = parseArgs({ options: { transfers: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' } } });
const TRANSFERS = Number(values.transfers);
const CONCURRENCY = Number(values.concurrency);
const GOAL_PER_SECOND = 1000;

const dir = await mkdtemp(join(tmpdir(), 'tl-bench-ledger-'));
const server = await startServer(
  { databaseUrl: `file:${join(dir, 'ledger.db')}`, port: 0, quiet: true, env: 'test', rateLimits: { writesPerMinute: 1e9, readsPerMinute: 1e9, signInPerMinute: 1e9 } },
  {},
);
const { db } = server;
try {
  const library = await createLibrary(db, { slug: 'bench', name: 'Bench', phase: 'open' });
  // Enough credit that no transfer is refused: the fund grants everyone plenty as they join.
  await db.$client.execute({ sql: 'UPDATE libraries SET starting_grant_minutes = ?, fund_negative_limit_minutes = ? WHERE id = ?', args: [TRANSFERS * 120, TRANSFERS * 1000, library.id] });
  const people: { id: string; token: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const member = await grantRoles(db, library, { email: `b${i}@bench.example`, name: `B${i}` }, ['member']);
    await openAccount(db, { libraryId: library.id, memberId: member.id, now: new Date() });
    people.push({ id: member.id, token: (await createSession(db, member, new Date())).sessionToken });
  }

  const api = await timed(TRANSFERS, CONCURRENCY, async (n) => {
    const from = people[n % 8]!;
    const res = await fetch(`${server.url}/v1/libraries/bench/credits/donations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${from.token}`, 'idempotency-key': `bench-${n}` },
      body: JSON.stringify({ to: people[(n + 1) % 8]!.id, hours: 0.5 }),
    });
    if (res.status !== 201) throw new Error(`donation ${n}: ${res.status} ${await res.text()}`);
  });
  const domain = await timed(TRANSFERS, CONCURRENCY, async (n) => {
    const now = new Date();
    const held = await hold(db, { libraryId: library.id, debitAccountId: memberAccountId(people[n % 8]!.id), creditAccountId: memberAccountId(people[(n + 3) % 8]!.id), amountMinutes: 60, kind: 'exchange', now });
    await postHold(db, { libraryId: library.id, holdId: held.id, now });
  });
  await db.$client.execute('CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)');
  const floor = await timed(TRANSFERS, 1, async (n) => {
    await db.$client.execute({ sql: 'INSERT INTO bench_floor (amount) VALUES (?)', args: [n] });
  });

  const problems = await checkBooks(db);
  console.log(`ledger bench: ${TRANSFERS} of each, ${CONCURRENCY} in flight, on one libSQL file (WAL, synchronous=FULL)`);
  console.log(row('API: POST /credits/donations (one-phase)', api));
  console.log(row('domain: hold + post (two-phase, completed)', domain));
  console.log(row('floor: raw single-statement INSERT, one at a time', floor));
  console.log(`API goal ≥ ${GOAL_PER_SECOND}/s: ${api.perSecond >= GOAL_PER_SECOND ? 'reached' : 'not reached'}; books ${problems.length === 0 ? 'balance' : `DO NOT balance: ${JSON.stringify(problems.slice(0, 5))}`}`);
  if (problems.length) process.exitCode = 1;
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

interface Timing {
  perSecond: number;
  p50: number;
  p95: number;
}

/** Runs `count` operations, `concurrency` at a time; latency per operation in milliseconds. */
async function timed(count: number, concurrency: number, op: (n: number) => Promise<void>): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const t = performance.now();
        await op(n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p95: at(0.95) };
}

function row(label: string, t: Timing): string {
  return `  ${label.padEnd(52)} ${t.perSecond.toFixed(0).padStart(6)}/s   p50 ${t.p50.toFixed(2)} ms   p95 ${t.p95.toFixed(2)} ms`;
}
