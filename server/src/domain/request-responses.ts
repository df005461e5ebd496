import type { InStatement, LibsqlError } from '@libsql/client';
import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { RequestResponse, SkillRequest } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { profiles, requestResponses } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, InvalidInputError } from './errors.js';
import type { KeysetPage } from './keyset.js';
import type { LibraryRow } from './libraries.js';
import { requestRespondedEvent } from './request-events.js';
import { findRequestRow, RequestStateError, type EventStatements } from './requests.js';
import { shownStatus, toRequests, toResponses, type BoardViewer } from './request-views.js';

/** An expert answers a request with a message and up to three times; one response each. */

export class AlreadyRespondedError extends DomainError {
  override name = 'AlreadyRespondedError';
  constructor(requestId: string) {
    super(`You have already responded to request "${requestId}"; the owner can see your response.`, 'already_responded');
  }
}

/** Proposed times must be ahead of the server's clock: an hour already past cannot be accepted. */
export function checkFuture(times: readonly string[], field: string, now: Date): string[] {
  const problems = times.flatMap((time, i) => (Date.parse(time) <= now.getTime() ? [{ field: `${field}.${i}`, message: 'must be in the future' }] : []));
  if (problems.length) throw new InvalidInputError('Proposed times must be in the future.', problems);
  return times.map((time) => new Date(time).toISOString());
}

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/i.test(String((error as LibsqlError)?.message ?? error));
const isNotNullViolation = (error: unknown) => /NOT NULL constraint failed/i.test(String((error as LibsqlError)?.message ?? error));

/**
 * The expert's response. She needs a published profile in the library and may not answer her own
 * request. The INSERT takes the request's id only from a request still open (not lapsed): any
 * other makes it NULL, which the column refuses, so the whole batch (with its event) rolls back,
 * and a second response by her meets the unique index the same way. Nothing is read and then
 * written on trust.
 */
export async function respondToRequest(
  db: Database,
  input: {
    library: LibraryRow;
    viewer: BoardViewer;
    requestId: string;
    response: { message: string; proposedTimes: string[] };
    now: Date;
    eventStatements?: EventStatements | undefined;
  },
): Promise<RequestResponse> {
  const { library, viewer, now } = input;
  const request = await findRequestRow(db, library.id, input.requestId);
  const [profile] = await db
    .select({ id: profiles.id, status: profiles.status })
    .from(profiles)
    .where(and(eq(profiles.memberId, viewer.memberId), eq(profiles.libraryId, library.id)))
    .limit(1);
  if (!profile || profile.status !== 'published') {
    throw new ForbiddenError('Only an expert whose profile is published in this library may respond to requests.', 'published_profile_required');
  }
  if (request.memberId === viewer.memberId) throw new ForbiddenError('You cannot respond to your own request.', 'own_request');
  const status = shownStatus(request, now);
  if (status !== 'open') throw new RequestStateError(status, 'responded to');
  const proposedTimes = checkFuture(input.response.proposedTimes, 'proposedTimes', now);

  const id = newId('rsp');
  const at = now.toISOString();
  const row = {
    id,
    requestId: request.id,
    expertMemberId: viewer.memberId,
    profileId: profile.id,
    message: input.response.message,
    proposedTimes,
    status: 'open' as const,
    exchangeId: null,
    createdAt: at,
  };
  const [view] = await toResponses(db, [row]);
  const [requestView] = await toRequests(db, [request], viewer, { now });
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO request_responses (id, request_id, expert_member_id, profile_id, message, proposed_times, status, created_at)
        VALUES (?, (SELECT id FROM skill_requests WHERE id = ? AND library_id = ? AND status = 'open' AND lapses_at > ?), ?, ?, ?, ?, 'open', ?)`,
      args: [id, request.id, library.id, at, viewer.memberId, profile.id, row.message, JSON.stringify(proposedTimes), at],
    },
    // Every reader sees the count change, the owner a new response: the request's version moves.
    { sql: 'UPDATE skill_requests SET version = version + 1 WHERE id = ? AND EXISTS (SELECT 1 FROM request_responses WHERE id = ?)', args: [request.id, id] },
    ...(input.eventStatements?.(requestRespondedEvent(requestView as SkillRequest, view!)) ?? []),
  ];
  try {
    await db.$client.batch(statements, 'write');
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyRespondedError(request.id);
    if (isNotNullViolation(error)) throw new RequestStateError(shownStatus(await findRequestRow(db, library.id, request.id), now), 'responded to');
    throw error;
  }
  return view!;
}

/** A request's responses, oldest first, for its owner and the library's coordinators. */
export async function listResponses(db: Database, input: { library: LibraryRow; viewer: BoardViewer; requestId: string; page: KeysetPage }) {
  const request = await findRequestRow(db, input.library.id, input.requestId);
  if (request.memberId !== input.viewer.memberId && !input.viewer.isCoordinator) {
    throw new ForbiddenError('Only the member who posted this request, or a coordinator, may read its responses.', 'not_owner');
  }
  const after = input.page.after;
  const rows = await db
    .select()
    .from(requestResponses)
    .where(
      and(
        eq(requestResponses.requestId, request.id),
        after ? or(gt(requestResponses.createdAt, after[0]), and(eq(requestResponses.createdAt, after[0]), gt(requestResponses.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(requestResponses.createdAt), asc(requestResponses.id))
    .limit(input.page.limit + 1);
  const page = rows.slice(0, input.page.limit);
  const last = page.at(-1);
  return { items: await toResponses(db, page), next: rows.length > input.page.limit && last ? ([last.createdAt, last.id] as [string, string]) : null };
}

