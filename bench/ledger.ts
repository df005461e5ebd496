/**
 * How fast the time-credit ledger moves credit, on one libSQL file, in one run:
 *
 *   npm run bench:ledger [-- --transfers 2000 --concurrency 16]
 *
 * 1. through the HTTP API, two-phase: exchanges (asked for through the domain, untimed) are
 *    accepted over HTTP, which holds the member's hour, and after the clock passes the hour both
 *    parties confirm over HTTP, the second confirmation posting it to the expert: completed
 *    exchanges per second over the three timed calls each, with --concurrency calls in flight;
 * 2. through the HTTP API, one-phase: POST /credits/donations, a guarded single-batch transfer;
 * 3. through the domain module: hold then post, one member paying another (a completed
 *    two-phase transfer, without HTTP, sessions or idempotency);
 * 4. the floor: a raw single-statement INSERT loop on the same file, on a client of its own (no
 *    group commit: every INSERT is its own commit);
 * 5. the framework's floor: `GET /v1/dev/clock`, our middleware and no database, with the same
 *    client and calls in flight: no exchange, at three calls each, completes faster than a third of it.
 * Prints per operation: operations per second, p50/p95, the process's CPU time (both cores'
 * worth: the bench's client, the server and its worker, which sends the mail the exchanges make
 * due), and the libSQL client calls and commits; then runs the books check.
 * Goal: ≥ 1,000 posted exchanges per second through the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '@libsql/client';
import { startServer } from '@talking-library/server';
import { groupCommitStats } from '../server/src/db/group-commit.js';
import { checkBooks, hold, memberAccountId, openAccount, postHold } from '../server/src/domain/ledger.js';
import { requestExchange } from '../server/src/domain/exchanges.js';
import { AdjustableClock } from '../server/src/clock.js';
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
const calls = countCalls(db.$client);
if (!(server.clock instanceof AdjustableClock)) throw new Error('the bench moves the clock past the hours it books: run it outside production');
const clock = server.clock;
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

  // Experts with no notice and no weekly cap, so every hour can be booked; pair n books hour n / PAIRS, so no two overlap.
  const PAIRS = 8;
  const experts: { id: string; token: string; profileId: string }[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const expert = await grantRoles(db, library, { email: `e${i}@bench.example`, name: `E${i}` }, ['member', 'expert']);
    await openAccount(db, { libraryId: library.id, memberId: expert.id, now: clock.now() });
    const profileId = `prf_bench${String(i).padStart(12, '0')}`;
    await db.$client.execute({
      sql: `INSERT INTO profiles (id, library_id, member_id, display_name, career_stage, status, minimum_notice_minutes, weekly_exchange_cap, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'mid', 'published', 0, 1000000, ?, ?)`,
      args: [profileId, library.id, expert.id, `E${i}`, clock.now().toISOString(), clock.now().toISOString()],
    });
    experts.push({ id: expert.id, token: (await createSession(db, expert, clock.now())).sessionToken, profileId });
  }
  const firstHour = Math.ceil(clock.now().getTime() / 3_600_000) * 3_600_000 + 24 * 3_600_000;
  const booked: { id: string; startsAt: string; member: string; expert: string }[] = [];
  for (let n = 0; n < TRANSFERS; n++) {
    const startsAt = new Date(firstHour + Math.floor(n / PAIRS) * 3_600_000).toISOString();
    const [member, expert] = [people[n % PAIRS]!, experts[n % PAIRS]!];
    const made = await requestExchange(db, { libraryId: library.id, memberId: member.id, profileId: expert.profileId, message: 'Bench', proposedTimes: [startsAt], now: clock.now() });
    booked.push({ id: made.id, startsAt, member: member.token, expert: expert.token });
  }
  const call = async (token: string, path: string, body: object, key: string) => {
    const res = await fetch(`${server.url}/v1/libraries/bench/exchanges/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const holds = await timed(TRANSFERS, CONCURRENCY, (n) => call(booked[n]!.expert, `${booked[n]!.id}/accept`, { startsAt: booked[n]!.startsAt, meetingPlace: 'Video' }, `hold-${n}`));
  clock.advance(Math.ceil((Date.parse(booked.at(-1)!.startsAt) - clock.now().getTime()) / 60_000) + 61);
  const posts = await timed(TRANSFERS, CONCURRENCY, async (n) => {
    await call(booked[n]!.member, `${booked[n]!.id}/complete`, {}, `confirm-member-${n}`);
    await call(booked[n]!.expert, `${booked[n]!.id}/complete`, {}, `confirm-expert-${n}`);
  });
  const twoPhase = combined(holds, posts, TRANSFERS);

  const api = await timed(TRANSFERS, CONCURRENCY, async (n) => {
    const from = people[n % 8]!;
    const res = await fetch(`${server.url}/v1/libraries/bench/credits/donations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${from.token}`, 'idempotency-key': `bench-${n}` },
      body: JSON.stringify({ to: people[(n + 1) % 8]!.id, hours: 0.5 }),
    });
    if (res.status !== 201) throw new Error(`donation ${n}: ${res.status} ${await res.text()}`);
  });
  // Straight after the other HTTP calls: kept-alive connections left idle longer than the server keeps them are reset.
  const framework = await timed(TRANSFERS * 3, CONCURRENCY, async () => {
    const res = await fetch(`${server.url}/v1/dev/clock`);
    if (res.status !== 200) throw new Error(`clock: ${res.status}`);
    await res.arrayBuffer();
  });
  const domain = await timed(TRANSFERS, CONCURRENCY, async (n) => {
    const now = new Date();
    const held = await hold(db, { libraryId: library.id, debitAccountId: memberAccountId(people[n % 8]!.id), creditAccountId: memberAccountId(people[(n + 3) % 8]!.id), amountMinutes: 60, kind: 'exchange', now });
    await postHold(db, { libraryId: library.id, holdId: held.id, now });
  });
  const raw = createClient({ url: `file:${join(dir, 'ledger.db')}`, timeout: 5000 });
  await raw.execute('CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)');
  const floor = await timed(TRANSFERS, 1, async (n) => {
    await raw.execute({ sql: 'INSERT INTO bench_floor (amount) VALUES (?)', args: [n] });
  });
  raw.close();

  const problems = await checkBooks(db);
  console.log(`ledger bench: ${TRANSFERS} of each, ${CONCURRENCY} in flight, on one libSQL file (WAL, synchronous=FULL), one process`);
  console.log(`  ${'what'.padEnd(52)} ${'per s'.padStart(6)}   ${'p50'.padStart(9)}   ${'p95'.padStart(9)}   ${'CPU/op'.padStart(8)}   client calls, commits per op`);
  console.log(row('API: exchange accepted (hold), both confirm (post)', twoPhase));
  console.log(row('  of which: POST …/accept, the hold', holds));
  console.log(row('  of which: two POST …/complete, the post', posts));
  console.log(row('API: POST /credits/donations (one-phase)', api));
  console.log(row('domain: hold + post (two-phase, completed)', domain));
  console.log(row('floor: raw single-statement INSERT, one at a time', floor));
  console.log(row('framework floor: GET /v1/dev/clock, no database', framework));
  console.log(`  ceiling at three calls per exchange: ${(framework.perSecond / 3).toFixed(0)} completed exchanges/s`);
  console.log(`API goal ≥ ${GOAL_PER_SECOND} completed exchanges/s: ${twoPhase.perSecond >= GOAL_PER_SECOND ? 'reached' : 'not reached'}; books ${problems.length === 0 ? 'balance' : `DO NOT balance: ${JSON.stringify(problems.slice(0, 5))}`}`);
  if (problems.length) process.exitCode = 1;
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

interface Timing {
  perSecond: number;
  p50: number;
  p95: number;
  /** Totals over the run, divided by `count` when printed. */
  count: number;
  cpuMs: number;
  calls: number;
  commits: number | undefined;
}

/** Counts the calls made to the libSQL client (statements one by one, or batches); the commits, where the client is group-committing, from its own count. */
function countCalls(client: Client) {
  const counted = { calls: 0 };
  for (const method of ['execute', 'batch'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      counted.calls++;
      return original(...args);
    };
  }
  return { now: () => ({ calls: counted.calls, commits: groupCommitStats(client)?.commits }) };
}

/** Runs `count` operations, `concurrency` at a time; latency per operation in milliseconds. */
async function timed(count: number, concurrency: number, op: (n: number) => Promise<void>): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  const before = calls.now();
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  const after = calls.now();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    perSecond: count / seconds,
    p50: at(0.5),
    p95: at(0.95),
    count,
    cpuMs: (used.user + used.system) / 1000,
    calls: after.calls - before.calls,
    commits: after.commits === undefined ? undefined : after.commits - before.commits!,
  };
}

/** A completed exchange takes both phases: its rate is over their summed time; latency, CPU and calls are the hold's plus the post's. */
function combined(first: Timing, second: Timing, count: number): Timing {
  const perSecond = 1 / (1 / first.perSecond + 1 / second.perSecond);
  const commits = first.commits === undefined || second.commits === undefined ? undefined : first.commits + second.commits;
  return { perSecond, p50: first.p50 + second.p50, p95: first.p95 + second.p95, count, cpuMs: first.cpuMs + second.cpuMs, calls: first.calls + second.calls, commits };
}

function row(label: string, t: Timing): string {
  const per = (total: number) => (total / t.count).toFixed(1);
  const db = t.calls === 0 ? '' : `${per(t.calls)} calls, ${t.commits === undefined ? '?' : per(t.commits)} commits`;
  return `  ${label.padEnd(52)} ${t.perSecond.toFixed(0).padStart(6)}/s   ${t.p50.toFixed(2).padStart(6)} ms   ${t.p95.toFixed(2).padStart(6)} ms   ${(t.cpuMs / t.count).toFixed(2).padStart(5)} ms   ${db}`;
}
