import type { InStatement } from '@libsql/client';
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ProjectStage, RequestStatus, SkillRequest } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { categories, requestSkills, skillRequests, skills } from '../db/schema.js';
import { newId } from '../ids.js';
import { ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError, StateConflictError } from './errors.js';
import type { LibraryRow } from './libraries.js';
import { requestCreatedEvent, type RequestEvent } from './request-events.js';
import { shownStatus, toRequests, type BoardViewer, type SkillRequestRow } from './request-views.js';
import { textQuery } from './search.js';

/**
 * The request board's rules: a member posts a skill request for her improvement project; it stays
 * on the board for the library's `request_lapse_days` unless renewed; its owner (or a coordinator)
 * edits or closes it. Responses and accepting one live in request-responses.ts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Statements the caller adds to a write's batch for the event it makes (a webhook delivery, say): they commit with it or not at all. */
export type EventStatements = (event: RequestEvent) => InStatement[];

export interface RequestInput {
  title: string;
  need: string;
  project: { name: string; aim?: string | undefined; stage: ProjectStage };
  skills?: string[] | undefined;
  category?: string | undefined;
}

/** 409 `request_state_conflict`, naming the state the request is in. */
export class RequestStateError extends StateConflictError {
  override name = 'RequestStateError';
  constructor(readonly status: RequestStatus, action: string) {
    super(`This request is ${status}, so it cannot be ${action}.`, status, 'request_state_conflict');
  }
}

const lapseTime = (library: Pick<LibraryRow, 'requestLapseDays'>, now: Date) => new Date(now.getTime() + library.requestLapseDays * DAY_MS).toISOString();

/**
 * The wanted skills and the category, from slugs to ids. Unknown or retired ones are the caller's
 * mistake, named by where they were sent (`skills.1`, `category`); a merged one leads to its successor.
 */
async function resolveWanted(db: Database, library: LibraryRow, input: { skills?: readonly string[] | undefined; category?: string | null | undefined }) {
  const [skillRows, categoryRows] = await Promise.all([
    input.skills?.length ? db.select().from(skills).where(and(eq(skills.libraryId, library.id), inArray(skills.slug, [...input.skills]))) : [],
    input.category ? db.select().from(categories).where(and(eq(categories.libraryId, library.id), eq(categories.slug, input.category))) : [],
  ]);
  const problems: { field: string; message: string }[] = [];
  const skillIds = (input.skills ?? []).map((slug, i) => {
    const row = skillRows.find((s) => s.slug === slug);
    if (row?.mergedIntoId) return row.mergedIntoId;
    if (!row || row.retiredAt) problems.push({ field: `skills.${i}`, message: `"${slug}" is not a skill this library offers` });
    return row?.id ?? '';
  });
  let categoryId: string | null = null;
  if (input.category) {
    const row = categoryRows[0];
    if (!row || (row.retiredAt && !row.mergedIntoId)) problems.push({ field: 'category', message: `"${input.category}" is not a category of this library` });
    else categoryId = row.mergedIntoId ?? row.id;
  }
  if (problems.length) throw new InvalidInputError('Some skills or the category are not in this library.', problems);
  return { skillIds: [...new Set(skillIds)], categoryId };
}

export async function findRequestRow(db: Database, libraryId: string, requestId: string): Promise<SkillRequestRow> {
  const [row] = await db.select().from(skillRequests).where(and(eq(skillRequests.id, requestId), eq(skillRequests.libraryId, libraryId))).limit(1);
  if (!row) throw new NotFoundError('skill request', requestId);
  return row;
}

async function viewOne(db: Database, row: SkillRequestRow, viewer: BoardViewer, now: Date): Promise<SkillRequest> {
  return (await toRequests(db, [row], viewer, { now, withResponses: true }))[0]!;
}

/** Posts a skill request for the member, open until the library's lapse period has passed. */
export async function createRequest(
  db: Database,
  input: { library: LibraryRow; viewer: BoardViewer; request: RequestInput; now: Date; eventStatements?: EventStatements | undefined },
): Promise<SkillRequest> {
  const { library, viewer, request, now } = input;
  const { skillIds, categoryId } = await resolveWanted(db, library, request);
  const id = newId('req');
  const at = now.toISOString();
  const row: SkillRequestRow = {
    id,
    libraryId: library.id,
    memberId: viewer.memberId,
    title: request.title,
    need: request.need,
    projectName: request.project.name,
    projectAim: request.project.aim ?? '',
    projectStage: request.project.stage,
    categoryId,
    status: 'open',
    lapsesAt: lapseTime(library, now),
    closedReason: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO skill_requests (id, library_id, member_id, title, need, project_name, project_aim, project_stage, category_id, status, lapses_at, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 1, ?, ?)`,
      args: [id, library.id, row.memberId, row.title, row.need, row.projectName, row.projectAim, row.projectStage, categoryId, row.lapsesAt, at, at],
    },
    ...skillIds.map((skillId, position) => ({ sql: 'INSERT INTO request_skills (request_id, skill_id, position) VALUES (?, ?, ?)', args: [id, skillId, position] })),
  ];
  const view = await viewOneUnsaved(db, row, skillIds, viewer, now);
  // The event carries the request as members see it; it commits with the request or not at all.
  statements.push(...(input.eventStatements?.(requestCreatedEvent(view)) ?? []));
  await db.$client.batch(statements, 'write');
  return view;
}

/** The view of a request about to be written (its skills and category are already known to exist). */
async function viewOneUnsaved(db: Database, row: SkillRequestRow, skillIds: string[], viewer: BoardViewer, now: Date): Promise<SkillRequest> {
  const [skillRows, categoryRows] = await Promise.all([
    skillIds.length ? db.select().from(skills).where(inArray(skills.id, skillIds)) : [],
    row.categoryId ? db.select().from(categories).where(eq(categories.id, row.categoryId)) : [],
  ]);
  const [base] = await toRequests(db, [row], viewer, { now });
  return {
    ...base!,
    skills: skillIds.map((skillId) => skillRows.find((s) => s.id === skillId)!).map(({ id, slug, name, version }) => ({ id, slug, name, version })),
    category: categoryRows[0] ? { id: categoryRows[0].id, slug: categoryRows[0].slug, name: categoryRows[0].name } : null,
    responses: [],
  };
}

/** One request. Every member of the library may read it; its owner and coordinators also see its responses, an expert her own. */
export async function getRequest(db: Database, input: { libraryId: string; viewer: BoardViewer; requestId: string; now: Date }): Promise<SkillRequest> {
  return viewOne(db, await findRequestRow(db, input.libraryId, input.requestId), input.viewer, input.now);
}

export interface BoardQuery {
  q?: string | undefined;
  category?: string | undefined;
  skills?: readonly string[] | undefined;
  status?: RequestStatus | undefined;
  mine?: boolean | undefined;
  limit: number;
  /** The last item of the previous page: whether it matched the viewer, when it was made, its id. */
  after?: { matched: 0 | 1; createdAt: string; id: string } | undefined;
  now: Date;
}

/**
 * The board: requests with the status asked for (open unless she asks for her own, then every
 * status), filtered by words, category and skills (any of them). For an expert, the requests that
 * want one of her profile's skills (or, wanting none, are in one of her categories) come first;
 * newest first within each. Pages go on after the last item's place in that order.
 */
export async function listRequests(db: Database, library: LibraryRow, viewer: BoardViewer, query: BoardQuery) {
  const now = query.now.toISOString();
  const shown = sql`CASE WHEN r.status = 'open' AND r.lapses_at <= ${now} THEN 'lapsed' ELSE r.status END`;
  const matched = viewer.profileId
    ? sql`CASE WHEN r.member_id <> ${viewer.memberId} AND (
        EXISTS (SELECT 1 FROM request_skills rs JOIN profile_skills ps ON ps.skill_id = rs.skill_id WHERE rs.request_id = r.id AND ps.profile_id = ${viewer.profileId})
        OR (NOT EXISTS (SELECT 1 FROM request_skills rs WHERE rs.request_id = r.id)
          AND r.category_id IN (SELECT pc.category_id FROM profile_categories pc WHERE pc.profile_id = ${viewer.profileId}))) THEN 1 ELSE 0 END`
    : sql`0`;
  const where: SQL[] = [sql`r.library_id = ${library.id}`];
  const status = query.status ?? (query.mine ? undefined : 'open');
  if (status) where.push(sql`${shown} = ${status}`);
  if (query.mine) where.push(sql`r.member_id = ${viewer.memberId}`);
  if (query.category) {
    const [row] = await db.select().from(categories).where(and(eq(categories.libraryId, library.id), eq(categories.slug, query.category))).limit(1);
    if (!row) return { items: [], next: null };
    where.push(sql`r.category_id = ${row.mergedIntoId ?? row.id}`);
  }
  if (query.skills?.length) {
    const rows = await db.select().from(skills).where(and(eq(skills.libraryId, library.id), inArray(skills.slug, [...query.skills])));
    const ids = [...new Set(rows.map((s) => s.mergedIntoId ?? s.id))];
    if (ids.length === 0) return { items: [], next: null };
    where.push(sql`EXISTS (SELECT 1 FROM request_skills rs WHERE rs.request_id = r.id AND rs.skill_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}))`);
  }
  const words = textQuery(query.q ?? '');
  if (words !== null) where.push(sql`r.id IN (SELECT request_id FROM requests_fts WHERE requests_fts MATCH ${`{title need project}: (${words})`})`);
  const after = query.after ? sql`WHERE (matched, created_at, id) < (${query.after.matched}, ${query.after.createdAt}, ${query.after.id})` : sql``;
  const found = await db.all<{ id: string; matched: number; created_at: string }>(sql`
    SELECT id, matched, created_at FROM (SELECT r.id AS id, r.created_at AS created_at, ${matched} AS matched FROM skill_requests r WHERE ${sql.join(where, sql` AND `)})
    ${after} ORDER BY matched DESC, created_at DESC, id DESC LIMIT ${query.limit + 1}`);
  const page = found.slice(0, query.limit);
  const rows = page.length ? await db.select().from(skillRequests).where(inArray(skillRequests.id, page.map((r) => r.id))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = await toRequests(db, page.map((r) => byId.get(r.id)!), viewer, { now: query.now });
  const last = page.at(-1);
  return { items, next: found.length > query.limit && last ? { matched: Number(last.matched) as 0 | 1, createdAt: last.created_at, id: last.id } : null };
}

export interface RequestChanges {
  title?: string | undefined;
  need?: string | undefined;
  project?: { name?: string | undefined; aim?: string | undefined; stage?: ProjectStage | undefined } | undefined;
  skills?: string[] | undefined;
  category?: string | null | undefined;
  status?: 'closed' | undefined;
  closedReason?: string | undefined;
  renew?: true | undefined;
}

/**
 * The owner or a coordinator edits a request, closes it, or renews it (it stays on the board for
 * the library's lapse period from now; a lapsed one opens again). Fields change while it is open
 * or lapsed; a matched or closed request is done. With `expectedVersions`, only if it is still at
 * one of them. One batch, every statement guarded by the status (and version) the change was
 * decided on, the request's own UPDATE last: all of it happens, or none.
 */
export async function updateRequest(
  db: Database,
  input: { library: LibraryRow; viewer: BoardViewer; requestId: string; changes: RequestChanges; expectedVersions?: readonly number[] | undefined; now: Date; retried?: boolean },
): Promise<SkillRequest> {
  const { library, viewer, changes, now } = input;
  const row = await findRequestRow(db, library.id, input.requestId);
  if (row.memberId !== viewer.memberId && !viewer.isCoordinator) throw new ForbiddenError('Only the member who posted this request, or a coordinator, may change it.', 'not_owner');
  const status = shownStatus(row, now);
  const editsFields = ['title', 'need', 'project', 'skills', 'category'].some((field) => changes[field as keyof RequestChanges] !== undefined);
  if (status === 'matched' || status === 'closed') throw new RequestStateError(status, changes.status === 'closed' ? 'closed' : changes.renew ? 'renewed' : 'edited');
  const { skillIds, categoryId } = await resolveWanted(db, library, { skills: changes.skills, category: changes.category });
  // As when posting: what it wants must say something, a skill or a category, or no expert could match it.
  const skillsAfter = changes.skills !== undefined ? skillIds.length : (await db.select({ n: count() }).from(requestSkills).where(eq(requestSkills.requestId, row.id)))[0]!.n;
  const categoryAfter = changes.category !== undefined ? categoryId : row.categoryId;
  if (skillsAfter === 0 && categoryAfter === null) {
    throw new InvalidInputError('A request names at least one skill, or a category.', [{ field: changes.skills !== undefined ? 'skills' : 'category', message: 'name at least one skill, or a category' }]);
  }

  const at = now.toISOString();
  const set: string[] = ['version = version + 1', 'updated_at = ?'];
  const args: (string | number | null)[] = [at];
  const assign = (column: string, value: string | null) => {
    set.push(`${column} = ?`);
    args.push(value);
  };
  if (changes.title !== undefined) assign('title', changes.title);
  if (changes.need !== undefined) assign('need', changes.need);
  if (changes.project?.name !== undefined) assign('project_name', changes.project.name);
  if (changes.project?.aim !== undefined) assign('project_aim', changes.project.aim);
  if (changes.project?.stage !== undefined) assign('project_stage', changes.project.stage);
  if (changes.category !== undefined) assign('category_id', categoryId);
  if (changes.status === 'closed') {
    assign('status', 'closed');
    assign('closed_reason', changes.closedReason ?? null);
  }
  if (changes.renew) {
    assign('status', 'open');
    assign('lapses_at', lapseTime(library, now));
  }
  // What the change was decided on: the stored status (a lapse job or an accept in between makes it stale) and the caller's version.
  const versions = input.expectedVersions;
  const guardSql = `status = ? ${versions === undefined ? '' : versions.length ? `AND version IN (${versions.map(() => '?').join(', ')})` : 'AND 0'}`;
  const guardArgs = [row.status, ...(versions ?? [])];
  const stillAsRead = `EXISTS (SELECT 1 FROM skill_requests WHERE id = ? AND ${guardSql})`;
  const statements: InStatement[] = [];
  if (changes.skills !== undefined) {
    statements.push({ sql: `DELETE FROM request_skills WHERE request_id = ? AND ${stillAsRead}`, args: [row.id, row.id, ...guardArgs] });
    statements.push(
      ...skillIds.map((skillId, position) => ({
        sql: `INSERT INTO request_skills (request_id, skill_id, position) SELECT ?, ?, ? WHERE ${stillAsRead}`,
        args: [row.id, skillId, position, row.id, ...guardArgs],
      })),
    );
  }
  statements.push({ sql: `UPDATE skill_requests SET ${set.join(', ')} WHERE id = ? AND ${guardSql} RETURNING id`, args: [...args, row.id, ...guardArgs] });
  const results = await db.$client.batch(statements, 'write');
  if (results.at(-1)!.rows.length === 0) {
    const current = await findRequestRow(db, library.id, row.id);
    if (current.status !== row.status && (current.status === 'matched' || current.status === 'closed')) throw new RequestStateError(current.status, editsFields ? 'edited' : 'changed');
    // The lapse job stored `lapsed` meanwhile, which readers already saw: decide the change again, once, on the row as it is.
    if (current.status !== row.status && !input.retried) return updateRequest(db, { ...input, retried: true });
    throw new StaleVersionError('skill request', row.id);
  }
  return viewOne(db, await findRequestRow(db, library.id, row.id), viewer, now);
}

/**
 * Marks every open request whose time on the board is up as lapsed; the job worker calls this.
 * Reads already show such a request as lapsed, so this only makes the stored status agree (and
 * lets each lapse be noticed once). Returns the ids it lapsed.
 */
export async function lapseDueRequests(db: Database, input: { now: Date }): Promise<string[]> {
  const at = input.now.toISOString();
  // No new version: readers already saw these requests as lapsed, so an If-Match of what they read still holds.
  const lapsed = await db
    .update(skillRequests)
    .set({ status: 'lapsed', updatedAt: at })
    .where(and(eq(skillRequests.status, 'open'), sql`${skillRequests.lapsesAt} <= ${at}`))
    .returning({ id: skillRequests.id });
  return lapsed.map((r) => r.id);
}
