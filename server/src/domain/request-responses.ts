import type { InStatement, LibsqlError } from '@libsql/client';
import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { RequestResponse, SkillRequest } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { profiles, requestResponses } from '../db/schema.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, StateConflictError } from './errors.js';
import { createScheduledExchange, type ExchangeDetail } from './exchanges.js';
import type { KeysetPage } from './keyset.js';
import type { LibraryRow } from './libraries.js';
import { requestRespondedEvent } from './request-events.js';
import { findRequestRow, RequestStateError, type EventStatements } from './requests.js';
import { shownStatus, toRequests, toResponses, type BoardViewer, type RequestResponseRow } from './request-views.js';

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


export class ResponseStateError extends StateConflictError {
  override name = 'ResponseStateError';
  constructor(status: RequestResponseRow['status']) {
    super(`This response is ${status.replace('_', ' ')}, so it cannot be accepted.`, status, 'response_state_conflict');
  }
}

/**
 * The request's owner accepts one response at one of its times: one write batch creates the
 * scheduled exchange with the hold on her hour (createScheduledExchange: no overlap for either
 * party, credit available, nobody paused), marks this response accepted, the others not chosen,
 * and the request matched. The exchange's INSERT runs only while the request is open and this
 * response open, and everything else only if the exchange exists: so of two accepts at once,
 * one schedules and the other finds the request matched (409), and nothing is half done.
 * Returns the exchange, and the responses not chosen, whose experts are to be told.
 */
export async function acceptResponse(
  db: Database,
  input: { library: LibraryRow; viewer: BoardViewer; requestId: string; responseId: string; startsAt: string; meetingPlace: string; now: Date },
): Promise<{ exchange: ExchangeDetail; notChosen: RequestResponseRow[]; request: { title: string; owner: { id: string; name: string } } }> {
  const { library, viewer, now } = input;
  const request = await findRequestRow(db, library.id, input.requestId);
  if (request.memberId !== viewer.memberId) throw new ForbiddenError('Only the member who posted this request may accept a response: the hour is hers.', 'not_owner');
  const status = shownStatus(request, now);
  if (status !== 'open') throw new RequestStateError(status, 'matched');
  const [response] = await db
    .select()
    .from(requestResponses)
    .where(and(eq(requestResponses.id, input.responseId), eq(requestResponses.requestId, request.id)))
    .limit(1);
  if (!response) throw new NotFoundError('response', input.responseId);
  if (response.status !== 'open') throw new ResponseStateError(response.status);
  const startsAt = new Date(input.startsAt).toISOString();
  if (!response.proposedTimes.includes(startsAt)) {
    throw new InvalidInputError('Choose one of the times the expert proposed.', [{ field: 'startsAt', message: `must be one of ${response.proposedTimes.join(', ')}` }]);
  }

  const exchangeId = newId('exc');
  const at = now.toISOString();
  const created = 'EXISTS (SELECT 1 FROM exchanges WHERE id = ?)';
  try {
    const exchange = await createScheduledExchange(db, {
      libraryId: library.id,
      memberId: request.memberId,
      expertMemberId: response.expertMemberId,
      profileId: response.profileId,
      requestId: request.id,
      responseId: response.id,
      message: `${request.title}\n\n${request.need}`,
      startsAt,
      meetingPlace: input.meetingPlace,
      actorId: viewer.memberId,
      now,
      exchangeId,
      guard: {
        sql: `EXISTS (SELECT 1 FROM skill_requests r JOIN request_responses x ON x.request_id = r.id
          WHERE r.id = ? AND r.status = 'open' AND r.lapses_at > ? AND x.id = ? AND x.status = 'open')`,
        args: [request.id, at, response.id],
      },
      alsoRun: [
        { sql: `UPDATE request_responses SET status = 'accepted', exchange_id = ? WHERE id = ? AND ${created}`, args: [exchangeId, response.id, exchangeId] },
        { sql: `UPDATE request_responses SET status = 'not_chosen' WHERE request_id = ? AND id <> ? AND status = 'open' AND ${created}`, args: [request.id, response.id, exchangeId] },
        { sql: `UPDATE skill_requests SET status = 'matched', version = version + 1, updated_at = ? WHERE id = ? AND ${created}`, args: [at, request.id, exchangeId] },
      ],
    });
    const notChosen = await db
      .select()
      .from(requestResponses)
      .where(and(eq(requestResponses.requestId, request.id), eq(requestResponses.status, 'not_chosen')));
    return { exchange, notChosen, request: { title: request.title, owner: exchange.member } };
  } catch (error) {
    // Lost to another accept (or a close, or the lapse) meanwhile: say so rather than what that left behind (a taken slot, say).
    const state = shownStatus(await findRequestRow(db, library.id, request.id), now);
    if (state !== 'open') throw new RequestStateError(state, 'matched');
    const [current] = await db.select().from(requestResponses).where(eq(requestResponses.id, response.id)).limit(1);
    if (current && current.status !== 'open') throw new ResponseStateError(current.status);
    throw error;
  }
}
