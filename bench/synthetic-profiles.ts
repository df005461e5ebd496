/**
 * Synthetic published profiles in the demo library, for the benches that need a big library:
 * names, Zipf-distributed prose, one to three skills, a category, a weekly window, indexed.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@talking-library/server';
import { libraryRowids, searchTokens } from '../server/src/domain/search-index.js';

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

export async function seedSyntheticProfiles(db: Database, count: number): Promise<void> {
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
