/**
 * Whether heavy listings stall everyone else: `/v1/health` latency while 20 listings with facet
 * counts run at once against one `serve` process on a 100,000-profile library.
 *
 *   npm run bench:stall [-- --profiles 100000 --seconds 10 --connections 20 --db /tmp/stall.db]
 *
 * Seeds synthetic published profiles (bench/synthetic-profiles.ts; --db keeps the file for the
 * next run), starts a `serve` process on it (after `npm run build`), times health alone, then
 * keeps `connections` listings in flight for `seconds` while one caller asks for health every
 * 10 ms. The listings take turns through filter combinations (none, a category, a skill, a
 * career stage, a weekday, and pairs of them), each with its facets, so most of them find no
 * counts kept from before. Prints p50/p95 of health idle and under load, and of the listings.
 * Issue 13's goal: health p95 ≤ 20 ms under that load.
 *
 * The load comes from this process, on the same cores as the server: the figures include its
 * own event loop's delays.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DEMO_PUBLISHABLE_KEY, migrateDatabase, openDatabase, seedDemoLibrary } from '@talking-library/server';
import { startServeProcesses, stopServeProcesses } from '../test/helpers/serve-processes.js';
import { seedSyntheticProfiles } from './synthetic-profiles.js';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    db: { type: 'string' },
  },
});
const PROFILES = Number(values.profiles);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const GOAL_HEALTH_P95_MS = 20;
const HEALTH_EVERY_MS = 10;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
};

async function timed(url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/** Health one request at a time, every HEALTH_EVERY_MS, until `until`. */
async function probeHealth(url: string, until: number): Promise<number[]> {
  const samples: number[] = [];
  while (performance.now() < until) {
    samples.push(await timed(`${url}/v1/health`));
    await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
  }
  return samples;
}

const dir = await mkdtemp(join(tmpdir(), 'tl-bench-stall-'));
try {
  const file = values.db ?? join(dir, 'library.db');
  if (values.db !== undefined && existsSync(file)) console.log(`listing the profiles already in ${file}`);
  else {
    const seeding = await openDatabase(`file:${file}`);
    await migrateDatabase(seeding.db);
    await seedDemoLibrary(seeding.db);
    await seedSyntheticProfiles(seeding.db, PROFILES);
    seeding.close();
  }
  const taxonomy = await openDatabase(`file:${file}`);
  const slugs = async (table: 'categories' | 'skills') => (await taxonomy.db.all<{ slug: string }>(sql`SELECT slug FROM ${sql.identifier(table)} WHERE retired_at IS NULL`)).map((r) => r.slug);
  const [categorySlugs, skillSlugs] = [await slugs('categories'), await slugs('skills')];
  taxonomy.close();
  const stages = ['entry', 'early', 'mid', 'senior', 'executive'];
  const filters = [
    '',
    ...categorySlugs.map((slug) => `&category=${slug}`),
    ...skillSlugs.map((slug) => `&skill=${slug}`),
    ...stages.map((stage) => `&careerStage=${stage}`),
    ...[1, 2, 3].map((days) => `&availableWithinDays=${days}`),
    ...categorySlugs.flatMap((slug) => stages.map((stage) => `&category=${slug}&careerStage=${stage}`)),
    ...skillSlugs.flatMap((slug) => stages.map((stage) => `&skill=${slug}&careerStage=${stage}`)),
  ];

  const [server] = await startServeProcesses(1, `file:${file}`);
  try {
    const url = server!.url;
    const read = { headers: { 'x-tl-key': DEMO_PUBLISHABLE_KEY } };
    const idle = summary(await probeHealth(url, performance.now() + 2000));

    const listings: number[] = [];
    let n = 0;
    const until = performance.now() + SECONDS * 1000;
    const [underLoad] = await Promise.all([
      probeHealth(url, until),
      ...Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) listings.push(await timed(`${url}/v1/libraries/demo/profiles?limit=12${filters[n++ % filters.length]}`, read));
      }),
    ]);
    const loaded = summary(underLoad);
    const heavy = summary(listings);

    const row = (name: string, s: ReturnType<typeof summary>) => `${name.padEnd(44)}${String(s.n).padStart(7)}${s.p50.toFixed(1).padStart(9)}${s.p95.toFixed(1).padStart(9)}${s.max.toFixed(1).padStart(9)}`;
    console.log(`\nstall at ${PROFILES.toLocaleString('en-GB')} profiles: ${CONNECTIONS} listings with facets in flight for ${SECONDS} s, one \`serve\` process (ms)`);
    console.log(`${'requests'.padEnd(44)}${'n'.padStart(7)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}`);
    console.log(row('GET /v1/health, idle', idle));
    console.log(row(`GET /v1/health, under ${CONNECTIONS} listings`, loaded));
    console.log(row(`the listings (${filters.length} filter combinations)`, heavy));
    console.log(`listings ${(heavy.n / SECONDS).toFixed(0)} req/s; health p95 under load ${loaded.p95.toFixed(1)} ms; goal ≤ ${GOAL_HEALTH_P95_MS} ms: ${loaded.p95 <= GOAL_HEALTH_P95_MS ? 'met' : 'NOT met'}`);
  } finally {
    await stopServeProcesses([server!]);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
