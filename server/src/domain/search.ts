import { sql, type SQL } from 'drizzle-orm';
import type { CareerStage, FacetCount, ProfileHit, SnippetSegment } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { profiles } from '../db/schema.js';
import { toProfiles, type ProfileRow } from './profiles.js';

export interface ProfileSearch {
  libraryId: string;
  /** Free text; every word must match, the last may be the start of a word. */
  q?: string | undefined;
  category?: string | undefined;
  /** Every one of these skills. */
  skills?: readonly string[] | undefined;
  careerStage?: CareerStage | undefined;
  language?: string | undefined;
  availableWithinDays?: number | undefined;
  limit: number;
  /** Where this page starts: an offset into ranked results, or the name and id after which an unranked list goes on. */
  after?: { offset: number } | { displayName: string; id: string } | undefined;
  now: Date;
}

export interface ProfileSearchResult {
  hits: ProfileHit[];
  total: number;
  facets: { categories: FacetCount[]; skills: FacetCount[] };
  next: { offset: number } | { displayName: string; id: string } | null;
}

// Private-use characters mark matches inside snippets; they cannot occur in what people type.
const MARK_START = '\uE000';
const MARK_END = '\uE001';

/**
 * Published profiles matching a query and filters. With words: ranked by relevance (BM25 over
 * name, headline, skills, bio and stories, weighted in that order) with a snippet of where they
 * matched; without: in name order. Always with the total and facet counts for the whole match.
 */
export async function searchProfiles(db: Database, search: ProfileSearch): Promise<ProfileSearchResult> {
  const match = ftsQuery(search.q ?? '');
  const filters = filterConditions(search);
  // Without searchable words (empty, or only punctuation) this is a plain listing.
  const ranked = match !== null;
  const from = ranked
    ? sql`profiles_fts f JOIN profiles p ON p.id = f.profile_id WHERE profiles_fts MATCH ${match} AND f.library_id = ${search.libraryId} AND ${filters}`
    : sql`profiles p WHERE ${filters}`;

  const page = ranked ? await rankedPage(db, from, search) : await namedPage(db, from, search);
  const [[counted], categoryFacets, skillFacets] = await Promise.all([
    db.all<{ total: number }>(sql`SELECT count(*) AS total FROM ${from}`),
    db.all<FacetCount>(sql`
      SELECT c.slug, c.name, count(*) AS count FROM profile_categories pc JOIN categories c ON c.id = pc.category_id
      WHERE c.retired_at IS NULL AND pc.profile_id IN (SELECT p.id FROM ${from})
      GROUP BY c.id ORDER BY count DESC, c.position, c.name`),
    db.all<FacetCount>(sql`
      SELECT s.slug, s.name, count(*) AS count FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id
      WHERE s.retired_at IS NULL AND ps.profile_id IN (SELECT p.id FROM ${from})
      GROUP BY s.id ORDER BY count DESC, s.name`),
  ]);
  return { ...page, total: counted?.total ?? 0, facets: { categories: categoryFacets, skills: skillFacets } };
}

async function rankedPage(db: Database, from: SQL, search: ProfileSearch) {
  const offset = search.after && 'offset' in search.after ? search.after.offset : 0;
  const rows = await db.all<{ id: string; snippet: string }>(sql`
    SELECT p.id AS id, snippet(profiles_fts, -1, ${MARK_START}, ${MARK_END}, '…', 16) AS snippet
    FROM ${from} ORDER BY f.rank, p.id LIMIT ${search.limit + 1} OFFSET ${offset}`);
  const pageRows = rows.slice(0, search.limit);
  const profileRows = await loadRows(db, pageRows.map((r) => r.id));
  const hits = await toProfiles(db, profileRows);
  return {
    hits: hits.map((profile, i) => ({ ...profile, snippet: toSegments(pageRows[i]!.snippet) })),
    next: rows.length > search.limit ? { offset: offset + search.limit } : null,
  };
}

async function namedPage(db: Database, from: SQL, search: ProfileSearch) {
  const after = search.after && 'id' in search.after ? search.after : undefined;
  const keyset = after ? sql`AND (p.display_name > ${after.displayName} OR (p.display_name = ${after.displayName} AND p.id > ${after.id}))` : sql``;
  const rows = await db.all<{ id: string }>(sql`SELECT p.id AS id FROM ${from} ${keyset} ORDER BY p.display_name, p.id LIMIT ${search.limit + 1}`);
  const pageRows = rows.slice(0, search.limit);
  const hits = await toProfiles(db, await loadRows(db, pageRows.map((r) => r.id)));
  const last = hits.at(-1);
  return {
    hits: hits.map((profile) => ({ ...profile, snippet: null })),
    next: rows.length > search.limit && last ? { displayName: last.displayName, id: last.id } : null,
  };
}

/** Profile rows in the order of `ids`. */
async function loadRows(db: Database, ids: string[]): Promise<ProfileRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(profiles).where(sql`${profiles.id} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

function filterConditions(search: ProfileSearch): SQL {
  const conditions: SQL[] = [sql`p.library_id = ${search.libraryId}`, sql`p.status = 'published'`];
  if (search.category) {
    conditions.push(sql`EXISTS (SELECT 1 FROM profile_categories pc JOIN categories c ON c.id = pc.category_id
      WHERE pc.profile_id = p.id AND c.library_id = ${search.libraryId} AND c.slug = ${search.category})`);
  }
  for (const skill of search.skills ?? []) {
    conditions.push(sql`EXISTS (SELECT 1 FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id
      WHERE ps.profile_id = p.id AND s.library_id = ${search.libraryId} AND s.slug = ${skill})`);
  }
  if (search.careerStage) conditions.push(sql`p.career_stage = ${search.careerStage}`);
  if (search.language) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(p.languages) l WHERE lower(l.value) = lower(${search.language}))`);
  if (search.availableWithinDays) {
    const weekdays = weekdaysWithin(search.now, search.availableWithinDays);
    conditions.push(sql`EXISTS (SELECT 1 FROM availability_windows aw WHERE aw.profile_id = p.id
      AND aw.weekday IN (${sql.join(weekdays.map((d) => sql`${d}`), sql`, `)}))`);
  }
  return sql.join(conditions, sql` AND `);
}

/**
 * The ISO weekdays that fall in the next `days` days. Windows are in each expert's time zone, up
 * to a day away from UTC, so the range takes one day more rather than miss someone.
 */
export function weekdaysWithin(now: Date, days: number): number[] {
  const found = new Set<number>();
  for (let i = 0; i <= Math.min(days, 7); i++) found.add(((now.getUTCDay() + i + 6) % 7) + 1);
  return [...found].sort();
}

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so nothing they type is query
 * syntax), every word required, and the last one matched as a prefix for search-as-you-type.
 * Null when nothing searchable is left.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word, i, all) => `"${word}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

/** Splits an FTS5 snippet into plain-text segments; matches are marked, never as HTML. */
function toSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  for (const [i, part] of snippet.split(MARK_START).entries()) {
    if (i === 0) {
      if (part) segments.push({ text: part, match: false });
      continue;
    }
    const [matched = '', rest = ''] = part.split(MARK_END);
    if (matched) segments.push({ text: matched, match: true });
    if (rest) segments.push({ text: rest, match: false });
  }
  return segments;
}
