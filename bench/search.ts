/**
 * How fast ranked search answers through the HTTP API at 100,000 published profiles.
 *
 *   npm run bench:search [-- --profiles 100000 --requests 300]
 *
 * Seeds synthetic profiles straight into a temp-file database (with the real migrations and the
 * real search index), starts the real server, then times GET /profiles?q=… for rare, common,
 * prefix and multi-word queries, and GET /v1/health as a floor, all in one run. Prints p50/p95 in
 * milliseconds and the ratio to the floor. Goal: p95 ≤ 15 ms for ranked search at 100k.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DEMO_PUBLISHABLE_KEY, startServer, type Database } from '@talking-library/server';
import { libraryRowids, searchTokens } from '../server/src/domain/search-index.js';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '300' },
    // Seeding 100k profiles takes about a minute: --db keeps the database to time again with --db.
    db: { type: 'string' },
  },
});
const PROFILES = Number(values.profiles);
const REQUESTS = Number(values.requests);
const GOAL_P95_MS = 15;

const FIRST = ['Amara', 'Priya', 'Ngozi', 'Mei', 'Zainab', 'Keisha', 'Farah', 'Adaeze', 'Sunita', 'Yetunde', 'Hana', 'Rukhsana', 'Imani', 'Leila', 'Chiamaka'];
const LAST = ['Okafor', 'Patel', 'Mensah', 'Chen', 'Hussain', 'Campbell', 'Ahmed', 'Nwosu', 'Sharma', 'Adebayo', 'Kim', 'Begum', 'Johnson', 'Osei', 'Khan'];
// Words by how often English prose uses them: function words first, then the trade's vocabulary,
// then a long tail. Drawn with Zipf's law, so "data" sits in roughly a fifth of profiles, as in
// real bios, and "the" in nearly all.
const STOPWORDS = `the and of to in a with for on my i as at is was that it we by from this our have be are an who into about more`.split(' ');
const DOMAIN = `data health digital clinical care patients safety research team improvement nhs services design user quality
  leadership analysis community nursing product teams systems records interoperability hospital primary pharmacy measurement
  projects training strategy governance inclusion accessibility coaching mentoring workshops dashboards charts discharge
  letters wards carers informatics transformation consent privacy usability interviews testing roadmaps messaging hazard
  logs fhir standards integration pathways outcomes equity engagement evaluation commissioning operations redesign`.split(/\s+/);
const VOCABULARY = [...STOPWORDS, ...DOMAIN, ...Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`)];
// Each rare word appears in about one profile in 10,000.
const RARE = ['quokka', 'pangolin', 'axolotl', 'narwhal', 'okapi', 'tarsier', 'saiga', 'fossa'];

function* rng(seed: number): Generator<number> {
  // Mulberry32: the same library every run.
  let a = seed;
  for (;;) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    yield ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A sampler of word ranks by Zipf's law (P(rank r) proportional to 1/r). */
function zipf(next: () => number, size: number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 1; r <= size; r++) cdf.push((sum += 1 / r));
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

async function seedSyntheticProfiles(db: Database, count: number): Promise<void> {
  const random = rng(42);
  const next = () => random.next().value as number;
  const rank = zipf(next, VOCABULARY.length);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => VOCABULARY[rank()]).join(' ');
  const [library] = await db.all<{ id: string; searchKey: number }>(sql`SELECT id, search_key AS searchKey FROM libraries WHERE slug = 'demo'`);
  // Rows after the demo profiles' in the library's block of the index.
  const firstRowid = libraryRowids(library!.searchKey).first + 1000;
  const skills = await db.all<{ id: string; name: string; category_id: string }>(sql`SELECT id, name, category_id FROM skills`);
  const stages = ['entry', 'early', 'mid', 'senior', 'executive'] as const;
  const client = db.$client;
  const started = performance.now();
  for (let start = 0; start < count; start += 2000) {
    const statements: { sql: string; args: (string | number)[] }[] = [];
    for (let i = start; i < Math.min(count, start + 2000); i++) {
      const id = `prf_bench${String(i).padStart(12, '0')}`;
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const headline = `${sentence(8)}${next() < RARE.length / 10_000 ? ` ${pick(RARE)}` : ''}`;
      const bio = sentence(60);
      const story = sentence(50);
      const stage = pick(stages);
      const weekday = 1 + Math.floor(next() * 7);
      const own = [pick(skills), pick(skills), pick(skills)].filter((s, j, all) => all.findIndex((t) => t.id === s.id) === j);
      statements.push({
        sql: `INSERT INTO profiles (id, library_id, display_name, headline, bio, career_stage, languages, status, published_at, search_rowid) VALUES (?, ?, ?, ?, ?, ?, '["en"]', 'published', '2026-01-01T00:00:00Z', ?)`,
        args: [id, library!.id, name, headline, bio, stage, firstRowid + i],
      });
      for (const [position, skill] of own.entries()) {
        statements.push({ sql: 'INSERT INTO profile_skills (profile_id, skill_id, position) VALUES (?, ?, ?)', args: [id, skill.id, position] });
      }
      statements.push({ sql: 'INSERT OR IGNORE INTO profile_categories (profile_id, category_id, position) VALUES (?, ?, 0)', args: [id, own[0]!.category_id] });
      statements.push({ sql: 'INSERT INTO availability_windows (profile_id, weekday, start_minute, end_minute) VALUES (?, ?, 540, 720)', args: [id, weekday] });
      const tags = [
        ...own.map((s) => searchTokens.skill(s.id)),
        searchTokens.category(own[0]!.category_id),
        searchTokens.careerStage(stage),
        searchTokens.language('en'),
        searchTokens.weekday(weekday),
      ];
      statements.push({
        sql: 'INSERT INTO profiles_fts (rowid, profile_id, display_name, headline, skills, bio, stories, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        args: [firstRowid + i, id, name, headline, own.map((s) => s.name).join(' · '), bio, story, tags.join(' ')],
      });
    }
    await client.batch(statements, 'write');
  }
  await client.execute(`INSERT INTO profiles_fts (profiles_fts) VALUES ('optimize')`);
  await client.execute('ANALYZE');
  console.log(`seeded ${count.toLocaleString('en-GB')} profiles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function time(url: string): Promise<number[]> {
  const headers = { 'x-tl-key': DEMO_PUBLISHABLE_KEY };
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
  }
  return samples.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const dir = await mkdtemp(join(tmpdir(), 'tl-bench-search-'));
try {
  const file = values.db ?? join(dir, 'bench.db');
  const reuse = values.db !== undefined && existsSync(file);
  const server = await startServer({ databaseUrl: `file:${file}`, port: 0, seed: true, quiet: true, rateLimits: { readsPerMinute: 1_000_000 } }, {});
  if (reuse) console.log(`timing the profiles already in ${file}`);
  else await seedSyntheticProfiles(server.db, PROFILES);
  const base = `${server.url}/v1/libraries/demo/profiles?limit=20`;
  // "Ranked search" is the page of results with its total; facet counts are timed on their own.
  const ranked = `${base}&facets=false`;
  const cases: [string, string][] = [
    ['static route (GET /v1/health)', `${server.url}/v1/health`],
    ['rare word (q=quokka)', `${ranked}&q=quokka`],
    ['common word (q=data)', `${ranked}&q=data`],
    ['prefix as typed (q=inter)', `${ranked}&q=inter`],
    ['two words (q=clinical safety)', `${ranked}&q=clinical%20safety`],
    ['three words (q=data quality charts)', `${ranked}&q=data%20quality%20charts`],
    ['word + filters (q=coaching, senior, Mon-Wed)', `${ranked}&q=coaching&careerStage=senior&availableWithinDays=2`],
    ['a word in every profile (q=the)', `${ranked}&q=the`],
    ['with facets: rare word (q=quokka)', `${base}&q=quokka`],
    ['with facets: common word (q=data)', `${base}&q=data`],
    ['with facets: two words (q=clinical safety)', `${base}&q=clinical%20safety`],
    // The widget's first view: no words, facets kept for a minute after the first request.
    ['listing, no words, with facets', `${base}`],
    ['listing by skill, with facets (skill=fhir)', `${base}&skill=fhir`],
    ['listing, no words, no facets', `${ranked}`],
  ];
  const results: { name: string; p50: number; p95: number; total: string }[] = [];
  for (const [name, url] of cases) {
    const page = url.includes('/profiles') ? await (await fetch(url, { headers: { 'x-tl-key': DEMO_PUBLISHABLE_KEY } })).json() : undefined;
    const total = page ? `${page.total}${page.totalIsLowerBound ? '+' : ''}` : '';
    const samples = await time(url);
    results.push({ name, p50: percentile(samples, 50), p95: percentile(samples, 95), total });
  }
  await server.close();

  const floor = results[0]!;
  console.log(`\nranked search at ${PROFILES.toLocaleString('en-GB')} profiles, ${REQUESTS} requests each (ms; ratio to the static route's p50)`);
  console.log('query'.padEnd(48) + 'matches'.padStart(9) + 'p50'.padStart(9) + 'p95'.padStart(9) + 'p50 ratio'.padStart(11));
  for (const r of results) {
    console.log(r.name.padEnd(48) + r.total.padStart(9) + r.p50.toFixed(2).padStart(9) + r.p95.toFixed(2).padStart(9) + `${(r.p50 / floor.p50).toFixed(1)}×`.padStart(11));
  }
  const goalRows = results.filter((r) => r !== floor && !r.name.startsWith('with facets') && !r.name.startsWith('listing') && !r.name.includes('every profile'));
  const worst = Math.max(...goalRows.map((r) => r.p95));
  console.log(`\nworst p95 of ranked search (rare, common, prefix, multi-word, filtered) ${worst.toFixed(2)} ms; goal ≤ ${GOAL_P95_MS} ms: ${worst <= GOAL_P95_MS ? 'met' : 'NOT met'}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
