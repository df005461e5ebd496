import type { Row } from '@libsql/client';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError } from './errors.js';
import { ExchangeStateConflictError, STATE_WORDS } from './exchanges.js';
import { canSee, loadExchange, type Exchange } from './exchange-rows.js';
import { partyOf, type Actor, type Party } from './exchange-states.js';

/**
 * Outcome logs: once an exchange is completed, each of its two parties may log what came of it,
 * one log each, and replace hers whole (guarded on its version). The parties and the library's
 * coordinators read both, whatever their share level: `share` says who else may (the learning
 * feed's business). To anyone else the exchange, and so its logs, does not exist.
 *
 * Naming the expert in public takes her agreement: `nameMeInPublic` on her own log. The member's
 * public log names her only when the member asked (`nameExpert`) and the expert agreed; with no
 * log of the expert's there is no agreement, and she is not named.
 */

export type ShareLevel = 'private' | 'library' | 'public';

/** What an author sends; the schema has checked each field's form. */
export interface OutcomeLogInput {
  summary: string;
  outputs?: { title: string; url: string }[] | undefined;
  learning?: string | undefined;
  nextSteps?: string | undefined;
  share?: ShareLevel | undefined;
  valueRating?: number | null | undefined;
  project?: { name: string } | null | undefined;
  nameExpert?: boolean | undefined;
  nameMeInPublic?: boolean | undefined;
}

export interface OutcomeLog {
  id: string;
  exchangeId: string;
  author: { id: string; name: string };
  authorRole: Party;
  mine: boolean;
  summary: string;
  outputs: { title: string; url: string }[];
  learning: string;
  nextSteps: string;
  share: ShareLevel;
  valueRating: number | null;
  project: { name: string; requestId: string | null } | null;
  nameExpert: boolean;
  nameMeInPublic: boolean;
  expertNamed: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export class OutcomeExistsError extends DomainError {
  override name = 'OutcomeExistsError';
  constructor(readonly outcomeId: string) {
    super(`You have already logged this exchange's outcome ("${outcomeId}"); replace it with PUT …/outcomes/${outcomeId}.`, 'outcome_exists');
  }
}

/** Fields only one party may set: the member rates the hour and names its project; the expert agrees to be named. */
const MEMBER_ONLY = ['valueRating', 'project', 'nameExpert'] as const;
const EXPERT_ONLY = ['nameMeInPublic'] as const;

function checkPartyFields(party: Party, log: OutcomeLogInput): void {
  const refused = party === 'expert' ? MEMBER_ONLY : EXPERT_ONLY;
  const other = party === 'expert' ? 'the member' : 'the expert';
  const fields = refused.filter((field) => log[field] !== undefined && log[field] !== null).map((field) => ({ field, message: `is for ${other}'s log only` }));
  if (fields.length > 0) throw new InvalidInputError(fields.map((f) => `${f.field} ${f.message}`).join('; '), fields);
}

interface Context {
  exchange: Exchange;
  party: Party | null;
}

/** The exchange, for whoever may see it: 404 for anyone else. */
async function exchangeFor(db: Database, input: { libraryId: string; exchangeId: string; actor: Actor }): Promise<Context> {
  const exchange = await loadExchange(db, input.libraryId, input.exchangeId);
  if (!canSee(exchange, input.actor)) throw new NotFoundError('exchange', input.exchangeId);
  return { exchange, party: partyOf(exchange, input.actor) };
}

function writerOf({ exchange, party }: Context): Party {
  if (!party) throw new ForbiddenError('Only the two parties to an exchange log its outcome.', 'forbidden');
  if (exchange.status !== 'completed') {
    throw new ExchangeStateConflictError(`This exchange is ${STATE_WORDS[exchange.status]} (status "${exchange.status}"); its outcome can be logged once it is completed.`, exchange.status);
  }
  return party;
}

/** The project as stored: the member's own naming, or (naming none) the skill request's project the hour was booked from. */
async function projectOf(db: Database, exchange: Exchange, log: OutcomeLogInput): Promise<{ name: string | null; requestId: string | null }> {
  if (log.project) return { name: log.project.name, requestId: null };
  if (log.project === null || !exchange.requestId) return { name: null, requestId: null };
  const result = await db.$client.execute({ sql: 'SELECT project_name FROM skill_requests WHERE id = ?', args: [exchange.requestId] });
  const name = result.rows[0]?.project_name;
  return name === undefined || name === null ? { name: null, requestId: null } : { name: String(name), requestId: exchange.requestId };
}

/** The stored columns of a log as its author sent it. */
async function columnsOf(db: Database, exchange: Exchange, party: Party, log: OutcomeLogInput) {
  const project = party === 'member' ? await projectOf(db, exchange, log) : { name: null, requestId: null };
  return {
    summary: log.summary,
    outputs: JSON.stringify((log.outputs ?? []).map(({ title, url }) => ({ title, url }))),
    learning: log.learning ?? '',
    nextSteps: log.nextSteps ?? '',
    share: log.share ?? 'private',
    valueRating: party === 'member' ? (log.valueRating ?? null) : null,
    projectName: project.name,
    projectRequestId: project.requestId,
    nameExpert: party === 'member' && log.nameExpert === true ? 1 : 0,
    nameMeInPublic: party === 'expert' && log.nameMeInPublic === true ? 1 : 0,
  };
}

async function logRows(db: Database, exchangeId: string): Promise<Row[]> {
  // The member's log first, then the expert's.
  const result = await db.$client.execute({ sql: `SELECT * FROM outcome_logs WHERE exchange_id = ? ORDER BY author_role = 'expert', created_at`, args: [exchangeId] });
  return result.rows;
}

/**
 * Whether a log names the expert to those beyond the two parties and the coordinators: only a
 * public one, only with her agreement on her own log, and on the member's only when she asked.
 */
export function expertNamed(log: { share: ShareLevel; authorRole: Party; nameExpert: boolean; expertAgreed: boolean }): boolean {
  return log.share === 'public' && log.expertAgreed && (log.authorRole === 'expert' || log.nameExpert);
}

function toLogs(exchange: Exchange, rows: Row[], actor: Actor): OutcomeLog[] {
  const expertAgreed = rows.some((row) => row.author_role === 'expert' && Number(row.name_me_in_public) === 1);
  return rows.map((row) => {
    const role = String(row.author_role) as Party;
    const share = String(row.share) as ShareLevel;
    const nameExpert = Number(row.name_expert) === 1;
    return {
      id: String(row.id),
      exchangeId: exchange.id,
      author: role === 'member' ? exchange.member : { id: exchange.expert.id, name: exchange.expert.name },
      authorRole: role,
      mine: actor.kind === 'member' && actor.memberId === row.author_member_id,
      summary: String(row.summary),
      outputs: JSON.parse(String(row.outputs)) as { title: string; url: string }[],
      learning: String(row.learning),
      nextSteps: String(row.next_steps),
      share,
      valueRating: row.value_rating === null ? null : Number(row.value_rating),
      project: row.project_name === null ? null : { name: String(row.project_name), requestId: row.project_request_id === null ? null : String(row.project_request_id) },
      nameExpert,
      nameMeInPublic: Number(row.name_me_in_public) === 1,
      expertNamed: expertNamed({ share, authorRole: role, nameExpert, expertAgreed }),
      version: Number(row.version),
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
    };
  });
}

async function oneLog(db: Database, exchange: Exchange, outcomeId: string, actor: Actor): Promise<OutcomeLog> {
  const log = toLogs(exchange, await logRows(db, exchange.id), actor).find((l) => l.id === outcomeId);
  if (!log) throw new NotFoundError('outcome log', outcomeId);
  return log;
}

export interface LogOutcomeInput {
  libraryId: string;
  exchangeId: string;
  actor: Actor;
  log: OutcomeLogInput;
  now: Date;
}

/** The caller's log of a completed exchange she took part in: one per party (a second is 409 `outcome_exists`). */
export async function logOutcome(db: Database, input: LogOutcomeInput): Promise<OutcomeLog> {
  const context = await exchangeFor(db, input);
  const party = writerOf(context);
  checkPartyFields(party, input.log);
  const { exchange } = context;
  const authorId = party === 'member' ? exchange.memberId : exchange.expertMemberId;
  const cols = await columnsOf(db, exchange, party, input.log);
  const id = newId('out');
  const at = input.now.toISOString();
  // Guarded by the database too: the exchange is completed and the author one of its parties; a second log of hers is no row.
  const result = await db.$client.execute({
    sql: `INSERT INTO outcome_logs (id, library_id, exchange_id, author_member_id, author_role, summary, outputs, learning, next_steps, share, value_rating, project_name, project_request_id, name_expert, name_me_in_public, version, created_at, updated_at)
      SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?
      WHERE EXISTS (SELECT 1 FROM exchanges WHERE id = ? AND library_id = ? AND status = 'completed' AND ${party === 'member' ? 'member_id' : 'expert_member_id'} = ?)
      ON CONFLICT (exchange_id, author_member_id) DO NOTHING`,
    args: [
      id, input.libraryId, exchange.id, authorId, party, cols.summary, cols.outputs, cols.learning, cols.nextSteps, cols.share, cols.valueRating, cols.projectName, cols.projectRequestId, cols.nameExpert, cols.nameMeInPublic, at, at,
      exchange.id, input.libraryId, authorId,
    ],
  });
  if (result.rowsAffected === 1) return oneLog(db, exchange, id, input.actor);
  const existing = (await logRows(db, exchange.id)).find((row) => row.author_member_id === authorId);
  if (existing) throw new OutcomeExistsError(String(existing.id));
  // Completed is final, so the guard cannot have failed on the state: re-read and report what is.
  writerOf(await exchangeFor(db, input));
  throw new DomainError('The outcome could not be logged; try again.', 'conflict');
}

export interface ReplaceOutcomeInput extends LogOutcomeInput {
  outcomeId: string;
  /** From `If-Match`: change only a log still at one of these versions. */
  expectedVersions?: number[] | undefined;
}

/** Its author replaces her log whole; 412 when it has changed since the version she read. */
export async function replaceOutcome(db: Database, input: ReplaceOutcomeInput): Promise<OutcomeLog> {
  const context = await exchangeFor(db, input);
  const { exchange } = context;
  const current = await oneLog(db, exchange, input.outcomeId, input.actor);
  if (!current.mine) throw new ForbiddenError('Only its author edits an outcome log.', 'forbidden');
  checkPartyFields(current.authorRole, input.log);
  const cols = await columnsOf(db, exchange, current.authorRole, input.log);
  const versions = input.expectedVersions;
  if (versions !== undefined && versions.length === 0) throw new StaleVersionError('outcome log', input.outcomeId);
  const result = await db.$client.execute({
    sql: `UPDATE outcome_logs SET summary = ?, outputs = ?, learning = ?, next_steps = ?, share = ?, value_rating = ?, project_name = ?, project_request_id = ?, name_expert = ?, name_me_in_public = ?,
        version = version + 1, updated_at = ?
      WHERE id = ? AND exchange_id = ? AND author_member_id = ?${versions === undefined ? '' : ` AND version IN (${versions.map(() => '?').join(', ')})`}`,
    args: [
      cols.summary, cols.outputs, cols.learning, cols.nextSteps, cols.share, cols.valueRating, cols.projectName, cols.projectRequestId, cols.nameExpert, cols.nameMeInPublic,
      input.now.toISOString(), input.outcomeId, exchange.id, current.authorRole === 'member' ? exchange.memberId : exchange.expertMemberId, ...(versions ?? []),
    ],
  });
  if (result.rowsAffected !== 1) throw new StaleVersionError('outcome log', input.outcomeId);
  return oneLog(db, exchange, input.outcomeId, input.actor);
}

/** The exchange's logs, the member's first: for its two parties and the library's coordinators. */
export async function listOutcomes(db: Database, input: { libraryId: string; exchangeId: string; actor: Actor }): Promise<OutcomeLog[]> {
  const { exchange } = await exchangeFor(db, input);
  return toLogs(exchange, await logRows(db, exchange.id), input.actor);
}

/** One log of the exchange, for its two parties and the library's coordinators. */
export async function getOutcome(db: Database, input: { libraryId: string; exchangeId: string; outcomeId: string; actor: Actor }): Promise<OutcomeLog> {
  const { exchange } = await exchangeFor(db, input);
  return oneLog(db, exchange, input.outcomeId, input.actor);
}
