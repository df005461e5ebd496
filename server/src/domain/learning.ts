import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { categories, profileCategories, profileSkills, requestSkills, skillRequests, skills } from '../db/schema.js';
import { beforeKey, toPage, type Paged } from './keyset.js';
import { expertNamed, type ShareLevel } from './outcomes.js';
import { taxonomyFilterId } from './taxonomy.js';
import { exchangeAbout, exchangeAboutCategory } from './exchange-topics.js';
import type { Party } from './exchange-states.js';

/**
 * The shared learning feed: the outcome logs their authors shared, newest first. Anyone with the
 * library's key reads the `public` ones; its signed-in members (coordinators among them) the
 * `library` ones too. `private` logs are never in it, for anyone.
 *
 * An item says what was learned and what the hour was about, and nothing of who the member is:
 * no name, no rating of the hour, no project. It carries no exchange id either: that would tie a
 * log that names the expert to one that does not. The expert appears only where `expertNamed`
 * allows.
 */

type Ref = { id: string; slug: string; name: string };

export interface LearningItem {
  id: string;
  authorRole: Party;
  summary: string;
  outputs: { title: string; url: string }[];
  learning: string;
  nextSteps: string;
  share: Exclude<ShareLevel, 'private'>;
  categories: Ref[];
  skills: Ref[];
  expert: { profileId: string; displayName: string } | null;
  loggedAt: string;
  updatedAt: string;
}

export interface LearningFeedQuery {
  libraryId: string;
  /** A signed-in member of this library: she reads `library` items as well as `public` ones. */
  member: boolean;
  q?: string | undefined;
  /** Slugs from the library's taxonomy; one it does not have is the caller's mistake. */
  category?: string | undefined;
  skill?: string | undefined;
  limit: number;
  /** The logging time and id of the last item of the previous page. */
  before?: readonly [string, string] | undefined;
}

interface FeedRow {
  id: string;
  author_role: Party;
  summary: string;
  outputs: string;
  learning: string;
  next_steps: string;
  share: 'library' | 'public';
  name_expert: number;
  expert_agreed: number;
  request_id: string | null;
  profile_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}


/** The text written as given, as a LIKE pattern: its own `%`, `_` and `\` match only themselves. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;


/** Whether the expert agreed, on her own log of the exchange, to be named in public. */
const EXPERT_AGREED = sql`EXISTS (SELECT 1 FROM outcome_logs agreed WHERE agreed.exchange_id = o.exchange_id AND agreed.author_role = 'expert' AND agreed.name_me_in_public = 1)`;
/** `expertNamed`, in SQL. */
const NAMED = sql`(o.share = 'public' AND ${EXPERT_AGREED} AND (o.author_role = 'expert' OR o.name_expert = 1))`;

export async function learningFeed(db: Database, query: LearningFeedQuery): Promise<Paged<LearningItem>> {
  const where: SQL[] = [sql`o.library_id = ${query.libraryId}`, query.member ? sql`o.share IN ('public', 'library')` : sql`o.share = 'public'`];
  if (query.category) {
    const id = await taxonomyFilterId(db, categories, query.libraryId, query.category, 'category');
    where.push(exchangeAboutCategory(id));
  }
  if (query.skill) {
    const id = await taxonomyFilterId(db, skills, query.libraryId, query.skill, 'skill');
    where.push(exchangeAbout(sql`SELECT 1 FROM request_skills rs WHERE rs.request_id = e.request_id AND rs.skill_id = ${id}`, sql`SELECT 1 FROM profile_skills ps WHERE ps.profile_id = e.profile_id AND ps.skill_id = ${id} AND ${NAMED}`));
  }
  if (query.q) {
    const like = containing(query.q);
    where.push(sql`(o.summary LIKE ${like} ESCAPE '\\' OR o.learning LIKE ${like} ESCAPE '\\' OR o.next_steps LIKE ${like} ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM json_each(o.outputs) AS output WHERE json_extract(output.value, '$.title') LIKE ${like} ESCAPE '\\'))`);
  }
  const before = beforeKey(sql`o.created_at`, sql`o.id`, query.before);
  if (before) where.push(before);
  const rows = await db.all<FeedRow>(sql`
    SELECT o.id, o.author_role, o.summary, o.outputs, o.learning, o.next_steps, o.share, o.name_expert, o.created_at, o.updated_at,
      e.request_id, e.profile_id, p.display_name,
      ${EXPERT_AGREED} AS expert_agreed
    FROM outcome_logs o JOIN exchanges e ON e.id = o.exchange_id JOIN profiles p ON p.id = e.profile_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY o.created_at DESC, o.id DESC LIMIT ${query.limit + 1}`);
  return toPage(rows, query.limit, (row) => [row.created_at, row.id], (page) => toItems(db, page));
}

async function toItems(db: Database, rows: FeedRow[]): Promise<LearningItem[]> {
  const topics = await topicsOf(db, rows);
  return rows.map((row) => {
    const topic = topics(row);
    const named = expertNamed({ share: row.share, authorRole: row.author_role, nameExpert: Number(row.name_expert) === 1, expertAgreed: Number(row.expert_agreed) === 1 });
    return {
      id: row.id,
      authorRole: row.author_role,
      summary: row.summary,
      outputs: (JSON.parse(row.outputs) as { title: string; url: string }[]).map(({ title, url }) => ({ title, url })),
      learning: row.learning,
      nextSteps: row.next_steps,
      share: row.share,
      categories: topic.categories,
      // A profile's skills, beside an hour she is not named for, could pick her out: a rare mix
      // of skills is a fingerprint. A request's skills are the member's own words of what she needed.
      skills: row.request_id || named ? topic.skills : [],
      expert: named ? { profileId: row.profile_id, displayName: row.display_name } : null,
      loggedAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/** The categories and skills of each row's exchange, read for the whole page at once. */
async function topicsOf(db: Database, rows: FeedRow[]) {
  const requestIds = [...new Set(rows.flatMap((r) => (r.request_id ? [r.request_id] : [])))];
  const profileIds = [...new Set(rows.filter((r) => !r.request_id).map((r) => r.profile_id))];
  const ref = { id: categories.id, slug: categories.slug, name: categories.name };
  const skillRef = { id: skills.id, slug: skills.slug, name: skills.name };
  const [requestCategories, requestSkillRows, profileCategoryRows, profileSkillRows] = await Promise.all([
    requestIds.length ? db.select({ owner: skillRequests.id, ...ref }).from(skillRequests).innerJoin(categories, eq(categories.id, skillRequests.categoryId)).where(inArray(skillRequests.id, requestIds)) : [],
    requestIds.length
      ? db.select({ owner: requestSkills.requestId, ...skillRef }).from(requestSkills).innerJoin(skills, eq(skills.id, requestSkills.skillId)).where(inArray(requestSkills.requestId, requestIds)).orderBy(asc(requestSkills.position))
      : [],
    profileIds.length
      ? db.select({ owner: profileCategories.profileId, ...ref }).from(profileCategories).innerJoin(categories, eq(categories.id, profileCategories.categoryId)).where(inArray(profileCategories.profileId, profileIds)).orderBy(asc(profileCategories.position))
      : [],
    profileIds.length
      ? db.select({ owner: profileSkills.profileId, ...skillRef }).from(profileSkills).innerJoin(skills, eq(skills.id, profileSkills.skillId)).where(inArray(profileSkills.profileId, profileIds)).orderBy(asc(profileSkills.position))
      : [],
  ]);
  const of = (list: (Ref & { owner: string })[], owner: string) => list.filter((r) => r.owner === owner).map(({ id, slug, name }) => ({ id, slug, name }));
  return (row: FeedRow) =>
    row.request_id
      ? { categories: of(requestCategories, row.request_id), skills: of(requestSkillRows, row.request_id) }
      : { categories: of(profileCategoryRows, row.profile_id), skills: of(profileSkillRows, row.profile_id) };
}
