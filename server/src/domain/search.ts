import { and, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { CareerStage, FacetCount, ProfileHit } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, profiles, searchSnapshots, skills } from '../db/schema.js';
import { newId } from '../ids.js';
import { StaleSearchError } from './errors.js';
import { toProfiles } from './profiles.js';
import type { LibraryRow } from './libraries.js';
import { libraryRowids, searchTokens } from './search-index.js';
import { snippetFor } from './snippet.js';
import type { TtlCache } from './ttl-cache.js';

export interface ProfileSearch {
  /** Its `version` moves with every change to its taxonomy: cached facet counts are kept per version. */
  library: Pick<LibraryRow, 'id' | 'searchKey' | 'version' | 'listingVersion'>;
  /** Free text; every word must match, the last may be the start of a word. */
  q?: string | undefined;
  category?: string | undefined;
  /** Every one of these skills. */
  skills?: readonly string[] | undefined;
  careerStage?: CareerStage | undefined;
  language?: string | undefined;
  availableWithinDays?: number | undefined;
  limit: number;
  /** Where this page starts: a ranked search's snapshot and place in it, or the name and id after which an unranked list goes on. */
  after?: SearchCursor | undefined;
  /** Count matches per category and skill; the costliest part of a search, so it can be left out. */
  facets?: boolean;
  /** RANK_WINDOW unless a test needs a small one. */
  rankWindow?: number;
  /** DENSE_MATCHES unless a test needs a small one. */
  denseMatches?: number;
  /** Where listings (no words) keep their facet counts for a while; none recomputes each time. */
  listingFacets?: TtlCache<Facets> | undefined;
  now: Date;
}

/**
 * Where a page starts. Ranked: the search's snapshot, how far into its order, and (past the rank
 * window) the last older match seen. Unranked: the name and id after which the list goes on.
 */
export type SearchCursor = { snapshot: string; offset: number; afterRowid?: number | undefined } | { displayName: string; id: string };

/** How long a ranked search's later pages can be read: plenty for a person paging through. */
export const SEARCH_SNAPSHOT_TTL_MS = 60 * 60_000;

export type Facets = { categories: FacetCount[]; skills: FacetCount[] };

/**
 * A listing's facets count every published profile of the library: hundreds of milliseconds at a
 * hundred thousand. They change slowly, so they are kept this long.
 */
export const LISTING_FACETS_TTL_MS = 60_000;

export interface ProfileSearchResult {
  hits: ProfileHit[];
  total: number;
  /** True when the query matched more than RANK_WINDOW profiles and `total` is only that many. */
  totalIsLowerBound: boolean;
  facets: Facets;
  next: SearchCursor | null;
}

/**
 * Ranking by BM25 and counting visit every match, which at a hundred thousand profiles costs more
 * than a search should. A query matching more than this many orders its newest matches (this many
 * of them) by where the words matched, the rest follow newest first, and its total says "at least
 * this many". Refining the query brings it under the limit.
 */
export const RANK_WINDOW = 1000;

const TEXT_COLUMNS = '{display_name headline skills bio stories}';
const STRONG_COLUMNS = '{display_name headline skills}';

/**
 * Published profiles matching a query and filters. With words: ranked by relevance (BM25 over
 * name, headline, skills, bio and stories, weighted in that order; past RANK_WINDOW matches, by
 * field) with a snippet of where they matched, answered from the full-text index alone; without:
 * in name order. Always with the total (past RANK_WINDOW matches, a lower bound) and, unless left
 * out, facet counts over the matches it ranks.
 */
export async function searchProfiles(db: Database, search: ProfileSearch): Promise<ProfileSearchResult> {
  const words = textQuery(search.q ?? '');
  const filters = await filterTokens(db, search);
  const empty = { hits: [], total: 0, totalIsLowerBound: false, facets: { categories: [], skills: [] }, next: null };
  if (filters === null) return empty;
  // Without searchable words (empty, or only punctuation) this is a plain listing.
  if (words === null) return namedListing(db, search, filters);
  // A library whose profiles were never indexed has no block of rows yet.
  if (search.library.searchKey === null) return empty;

  const library = inLibrary(search.library.searchKey);
  const match = sql`profiles_fts MATCH ${[`${TEXT_COLUMNS}: (${words})`, ...filters].join(' AND ')} AND ${library}`;
  // Matches naming any of the words in the name, headline or skills: the window's first rank.
  const strongMatch = sql`profiles_fts MATCH ${[`${TEXT_COLUMNS}: (${words})`, `${STRONG_COLUMNS}: (${words.split(' ').join(' OR ')})`, ...filters].join(' AND ')} AND ${library}`;
  const window = search.rankWindow ?? RANK_WINDOW;
  // The newest matches, one more than the window: how many there are (up to the window) and
  // which they are, in one pass that stops early.
  const newest = await rowidsOf(db, sql`SELECT rowid FROM profiles_fts WHERE ${match} ORDER BY rowid DESC LIMIT ${window + 1}`, sql`rowid DESC`);
  // Facets count the matches the search ranks: all of them, or past the window the window's.
  const counted = sql`SELECT id FROM profiles WHERE search_rowid IN (SELECT rowid FROM profiles_fts WHERE ${match} ORDER BY rowid DESC LIMIT ${window})`;
  await yieldToEventLoop();
  const facets = search.facets === false || newest.length === 0 ? await noFacets : await facetCounts(db, counted);
  await yieldToEventLoop();
  const ranked = newest.slice(0, window);
  const overflow = newest.length > window;
  const queryKey = snapshotKey(search);
  const after = search.after && 'snapshot' in search.after ? search.after : undefined;
  // Later pages read the order the first page ranked, so changes in between move nobody.
  const snapshot = after
    ? await readSnapshot(db, search, queryKey, after.snapshot)
    : { id: null, rowids: overflow ? await rankedByField(db, strongMatch, ranked) : await rankedByRelevance(db, match), overflow };
  await yieldToEventLoop();
  const page = await pageOf(db, match, snapshot, { offset: after?.offset ?? 0, afterRowid: after?.afterRowid, limit: search.limit });
  const id = page.next && (snapshot.id ?? (await saveSnapshot(db, search, queryKey, snapshot)));
  const hits = await toProfiles(db, await publishedBySearchRowid(db, search.library.id, page.rowids));
  return {
    hits: hits.map((profile) => ({ ...profile, snippet: snippetFor(profile, search.q ?? '') })),
    total: Math.min(newest.length, window),
    totalIsLowerBound: overflow,
    facets,
    next: page.next && id ? { snapshot: id, ...page.next } : null,
  };
}

function inLibrary(searchKey: number): SQL {
  const { first, last } = libraryRowids(searchKey);
  return sql`rowid BETWEEN ${first} AND ${last}`;
}

/** Up to the window's worth of matches, all of them: ranked by BM25 (name, headline, skills, bio, stories). */
async function rankedByRelevance(db: Database, match: SQL): Promise<number[]> {
  return rowidsOf(db, sql`SELECT rowid, rank FROM profiles_fts WHERE ${match}`, sql`rank, rowid`);
}

/**
 * More matches than the window: BM25 would have to visit every one, so the window (the newest
 * matches) is ordered by where they matched instead: those naming any of the words in their name,
 * headline or skills first, then the rest, newest first within each. Matches past the window
 * follow it, newest first (`pageOf`).
 */
async function rankedByField(db: Database, strongMatch: SQL, window: number[]): Promise<number[]> {
  const edge = window.at(-1)!;
  const strong = (
    await db.all<{ rowid: number }>(sql`SELECT rowid FROM profiles_fts WHERE ${strongMatch} AND rowid >= ${edge} ORDER BY rowid DESC LIMIT ${window.length}`)
  ).map((r) => r.rowid);
  const strongSet = new Set(strong);
  return [...strong, ...window.filter((rowid) => !strongSet.has(rowid))];
}

interface RankedOrder {
  /** The snapshot row holding this order, once saved. */
  id: string | null;
  rowids: number[];
  overflow: boolean;
}

/**
 * One page: from the ranked order while it lasts, then (past the window) the older matches,
 * newest first, after the last rowid seen, so none is repeated or skipped as others change.
 */
async function pageOf(db: Database, match: SQL, order: RankedOrder, page: { offset: number; afterRowid: number | undefined; limit: number }) {
  const fromOrder = order.rowids.slice(page.offset, page.offset + page.limit);
  const offset = Math.min(page.offset + fromOrder.length, order.rowids.length);
  const rest = page.limit - fromOrder.length;
  if (rest === 0 || !order.overflow) {
    const more = offset < order.rowids.length || order.overflow;
    return { rowids: fromOrder, next: more ? { offset, afterRowid: page.afterRowid } : null };
  }
  const below = page.afterRowid ?? Math.min(...order.rowids);
  const tail = (await db.all<{ rowid: number }>(sql`SELECT rowid FROM profiles_fts WHERE ${match} AND rowid < ${below} ORDER BY rowid DESC LIMIT ${rest + 1}`)).map(
    (r) => r.rowid,
  );
  const taken = tail.slice(0, rest);
  const more = tail.length > rest;
  return { rowids: [...fromOrder, ...taken], next: more ? { offset, afterRowid: taken.at(-1) ?? below } : null };
}

/** The words and filters of a search, as its snapshot's key. */
function snapshotKey(search: ProfileSearch): string {
  const { q, category, skills, careerStage, language, availableWithinDays } = search;
  return JSON.stringify([q?.normalize('NFKC') ?? '', category ?? null, skills ?? [], careerStage ?? null, language ?? null, availableWithinDays ?? null]);
}

/** A ranked order kept while its pages are read; expired ones are cleared as new ones are made. */
async function saveSnapshot(db: Database, search: ProfileSearch, queryKey: string, order: RankedOrder): Promise<string> {
  const id = newId('srch');
  const now = search.now.getTime();
  await db.batch([
    db.delete(searchSnapshots).where(lt(searchSnapshots.expiresAt, new Date(now).toISOString())),
    db.insert(searchSnapshots).values({
      id,
      libraryId: search.library.id,
      queryKey,
      rowids: order.rowids,
      overflow: order.overflow,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SEARCH_SNAPSHOT_TTL_MS).toISOString(),
    }),
  ]);
  return id;
}

async function readSnapshot(db: Database, search: ProfileSearch, queryKey: string, id: string): Promise<RankedOrder> {
  const [row] = await db
    .select()
    .from(searchSnapshots)
    .where(and(eq(searchSnapshots.id, id), eq(searchSnapshots.libraryId, search.library.id), eq(searchSnapshots.queryKey, queryKey), gt(searchSnapshots.expiresAt, search.now.toISOString())))
    .limit(1);
  if (!row) throw new StaleSearchError();
  return { id: row.id, rowids: row.rowids, overflow: row.overflow };
}

const noFacets = Promise.resolve({ categories: [] as FacetCount[], skills: [] as FacetCount[] });

/** How many matching profiles have each live category and skill: two statements, with a turn for others between. */
async function facetCounts(db: Database, matchingIds: SQL) {
  const categoryFacets = await db.all<FacetCount>(sql`
      SELECT c.slug, c.name, count(*) AS count FROM profile_categories pc JOIN categories c ON c.id = pc.category_id
      WHERE c.retired_at IS NULL AND pc.profile_id IN (${matchingIds})
      GROUP BY c.id ORDER BY count DESC, c.position, c.name`);
  await yieldToEventLoop();
  const skillFacets = await db.all<FacetCount>(sql`
      SELECT s.slug, s.name, count(*) AS count FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id
      WHERE s.retired_at IS NULL AND ps.profile_id IN (${matchingIds})
      GROUP BY s.id ORDER BY count DESC, s.name`);
  return { categories: categoryFacets, skills: skillFacets };
}

/**
 * Name order, page by page after the last name and id seen, filtered by the same tokens. Counted
 * as a ranked search is, whatever the library's size: the newest RANK_WINDOW + 1 matches, read
 * from the index (which holds exactly the published profiles), give the total (past the window,
 * "at least this many") and the profiles the facets count. Counting every match took a hundred
 * thousand profiles 10 ms for the total and a second for the facets, each one statement that
 * holds the event loop.
 */
async function namedListing(db: Database, search: ProfileSearch, filters: string[]): Promise<ProfileSearchResult> {
  // A library whose profiles were never indexed has none published.
  if (search.library.searchKey === null) return { hits: [], total: 0, totalIsLowerBound: false, facets: { categories: [], skills: [] }, next: null };
  const window = search.rankWindow ?? RANK_WINDOW;
  const match = filters.length ? sql`profiles_fts MATCH ${filters.join(' AND ')} AND ${inLibrary(search.library.searchKey)}` : inLibrary(search.library.searchKey);
  const newest = (limit: number) => sql`SELECT rowid FROM profiles_fts WHERE ${match} ORDER BY rowid DESC LIMIT ${limit}`;
  // Counted up to DENSE_MATCHES + 1, which also tells how the page is best found.
  const dense = search.denseMatches ?? DENSE_MATCHES;
  const [{ matches } = { matches: 0 }] = await db.all<{ matches: number }>(sql`SELECT count(*) AS matches FROM (${newest(Math.max(window, dense) + 1)})`);
  const overflow = matches > window;
  await yieldToEventLoop();
  const facetsOf = (rowids: SQL) => facetCounts(db, sql`SELECT id FROM profiles WHERE search_rowid IN (${rowids})`);
  const facets =
    search.facets === false || matches === 0
      ? await noFacets
      : await (search.listingFacets?.get(`${search.library.id}|v${search.library.version}|l${search.library.listingVersion}|${filters.join(' ')}`, search.now.getTime(), () => facetsOf(newest(window))) ?? facetsOf(newest(window)));
  await yieldToEventLoop();
  const after = search.after && 'id' in search.after ? search.after : undefined;
  const published = sql`p.library_id = ${search.library.id} AND p.status = 'published'`;
  // Up to DENSE_MATCHES matches, the page is sorted from all of them; past that, one in twenty
  // profiles or more match, and the name index (every published profile, in order) read a slice
  // at a time finds a page soon. Nothing filtering, every profile matches.
  const page = (among: SQL) =>
    db.all<{ id: string; displayName: string }>(
      sql`SELECT p.id, p.display_name AS displayName FROM profiles p WHERE ${published} ${among} ${afterName(after)} ORDER BY p.display_name, p.id LIMIT ${search.limit + 1}`,
    );
  const rows = !filters.length
    ? await page(sql``)
    : matches <= dense
      ? await page(sql`AND p.search_rowid IN (SELECT rowid FROM profiles_fts WHERE ${match})`)
      : await matchingInNameOrder(db, published, match, after, search.limit + 1);
  await yieldToEventLoop();
  const hits = await toProfiles(db, rows.slice(0, search.limit));
  const last = hits.at(-1);
  return {
    hits: hits.map((profile) => ({ ...profile, snippet: null })),
    total: Math.min(matches, window),
    totalIsLowerBound: overflow,
    facets,
    next: rows.length > search.limit && last ? { displayName: last.displayName, id: last.id } : null,
  };
}

const afterName = (after: { displayName: string; id: string } | undefined) =>
  after ? sql`AND (p.display_name > ${after.displayName} OR (p.display_name = ${after.displayName} AND p.id > ${after.id}))` : sql``;

/**
 * The rowids a query selects, in `order`, as one JSON array: the client library builds an object
 * for every row it hands back, which for a window of a thousand cost ten times the query.
 */
async function rowidsOf(db: Database, query: SQL, order: SQL): Promise<number[]> {
  const [row] = await db.all<{ rowids: string }>(sql`SELECT json_group_array(rowid ORDER BY ${order}) AS rowids FROM (${query})`);
  return JSON.parse(row?.rowids ?? '[]') as number[];
}

/**
 * Past this many matches, a filtered listing finds its page by reading the name index a slice at
 * a time (matchingInNameOrder) rather than sorting every match: both stay within a few
 * milliseconds a statement at a hundred thousand profiles.
 */
const DENSE_MATCHES = 5000;

/** How many profiles of the name index one statement checks against the filters. */
const NAME_SLICE = 100;

/**
 * The next `count` profiles in name order that match the filters, a slice of the name index at a
 * time: each slice is one short statement, and the event loop is let go between them.
 */
async function matchingInNameOrder(db: Database, published: SQL, match: SQL, after: { displayName: string; id: string } | undefined, count: number) {
  const found: { id: string; displayName: string }[] = [];
  for (let from = after; ; ) {
    const slice = await db.all<{ id: string; displayName: string; matches: number }>(sql`
      SELECT p.id, p.display_name AS displayName, EXISTS (SELECT 1 FROM profiles_fts WHERE ${match} AND rowid = p.search_rowid) AS matches
      FROM profiles p WHERE ${published} ${afterName(from)} ORDER BY p.display_name, p.id LIMIT ${NAME_SLICE}`);
    found.push(...slice.filter((row) => row.matches));
    if (found.length >= count || slice.length < NAME_SLICE) return found.slice(0, count);
    from = slice.at(-1);
    await yieldToEventLoop();
  }
}

/**
 * The embedded libSQL client runs each statement synchronously, and awaiting its answer does not
 * give the event loop a turn: without this, a request's statements run back to back, and every
 * other request (a health check) waits for all of them. Edge runtimes have no setImmediate and
 * no need: their database is remote, every statement a real wait.
 */
function yieldToEventLoop(): Promise<void> {
  return typeof setImmediate === 'function' ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
}

/**
 * The filters as index terms. Null when a named category or skill does not exist (nothing can
 * match); slugs of merged entries lead to their successors.
 */
async function filterTokens(db: Database, search: ProfileSearch): Promise<string[] | null> {
  const terms: string[] = [];
  if (search.category) {
    const [row] = await db.select().from(categories).where(and(eq(categories.libraryId, search.library.id), eq(categories.slug, search.category))).limit(1);
    if (!row) return null;
    terms.push(`tags:${searchTokens.category(row.mergedIntoId ?? row.id)}`);
  }
  if (search.skills?.length) {
    const rows = await db.select().from(skills).where(and(eq(skills.libraryId, search.library.id), inArray(skills.slug, [...search.skills])));
    for (const slug of search.skills) {
      const row = rows.find((s) => s.slug === slug);
      if (!row) return null;
      terms.push(`tags:${searchTokens.skill(row.mergedIntoId ?? row.id)}`);
    }
  }
  if (search.careerStage) terms.push(`tags:${searchTokens.careerStage(search.careerStage)}`);
  if (search.language) terms.push(`tags:${searchTokens.language(search.language)}`);
  if (search.availableWithinDays) {
    terms.push(`tags:(${weekdaysWithin(search.now, search.availableWithinDays).map(searchTokens.weekday).join(' OR ')})`);
  }
  return terms;
}

/** The library's published profiles behind these index rowids, in their order. */
async function publishedBySearchRowid(db: Database, libraryId: string, rowids: number[]): Promise<{ id: string }[]> {
  if (rowids.length === 0) return [];
  const rows = await db
    .select({ id: profiles.id, searchRowid: profiles.searchRowid })
    .from(profiles)
    .where(and(inArray(profiles.searchRowid, rowids), eq(profiles.libraryId, libraryId), eq(profiles.status, 'published')));
  const byRowid = new Map(rows.map((r) => [r.searchRowid, r]));
  return rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
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
 * Turns what a person typed into FTS5 phrases: each word quoted (so nothing they type is query
 * syntax), every word required, and the last one matched as a prefix for search-as-you-type.
 * Null when nothing searchable is left.
 */
export function textQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word, i, all) => `"${word}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}
