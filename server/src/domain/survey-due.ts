import type { InStatement } from '@libsql/client';
import type { Database } from '../db/index.js';
import type { InstrumentKind } from '../db/schema.js';
import { mailStatement } from '../mail/mail-jobs.js';
import { currentVersionSql } from './instruments.js';
import { surveyReminderKey } from './surveys.js';

/**
 * How surveys fall due: a sweep each worker tick (job-handlers.ts), not a job per survey. Each
 * kind is one INSERT … SELECT over the rows that make it owed, keyed by its `occasion` (unique),
 * so it is made once however many workers sweep at once, and whichever way the exchange completed
 * (both confirmed, by itself, or a coordinator's ruling). Each takes the instrument's version
 * current as it is inserted.
 *
 * - `after_exchange`: each party of a completed exchange, due at its completion;
 * - `baseline`: each expert (the role, or a profile), due when the sweep first finds her;
 * - `follow_up_3m` / `follow_up_6m`: an expert, 3 and 6 months after her first completed exchange as expert.
 *
 * Occasions older than CATCH_UP_DAYS are not made: a survey about an hour weeks ago (an exchange
 * completed before surveys existed) would be noise, and the bound keeps the sweep's reads short.
 */

export const CATCH_UP_DAYS = 30;
/** An unanswered survey is reminded once, this many days after it fell due. */
export const SURVEY_REMINDER_DAYS = 7;

const DAY_MS = 24 * 60 * 60_000;
const NEW_ID = `'svy_' || hex(randomblob(12))`;
const INSERT = 'INSERT INTO surveys (id, library_id, member_id, kind, instrument_version, exchange_id, occasion, due_at, created_at)';
const NOT_MADE = 'NOT EXISTS (SELECT 1 FROM surveys s WHERE s.occasion = o.occasion)';
const LIVE_MEMBER = 'EXISTS (SELECT 1 FROM members m WHERE m.id = o.member_id AND m.erased_at IS NULL)';

interface Owed {
  /** A read: is any survey of this kind owed and not yet made? */
  probe: InStatement;
  /** The write that makes them. */
  insert: InStatement;
}

/** The surveys `occasions` (a query with library_id, member_id, exchange_id, occasion, due_at) names, and that are not made yet. */
function owed(kind: InstrumentKind, occasions: string, args: (string | null)[], now: string): Owed {
  const from = `FROM (${occasions}) o WHERE ${NOT_MADE} AND ${LIVE_MEMBER}`;
  return {
    probe: { sql: `SELECT 1 ${from} LIMIT 1`, args },
    insert: {
      sql: `${INSERT}
        SELECT ${NEW_ID}, o.library_id, o.member_id, '${kind}', ${currentVersionSql('o.library_id', kind)}, o.exchange_id, o.occasion, o.due_at, ? ${from}
        ON CONFLICT (occasion) DO NOTHING`,
      args: [now, ...args],
    },
  };
}

/** Makes every survey owed by now. Returns how many it made. */
export async function makeSurveysDue(db: Database, input: { now: Date }): Promise<number> {
  const now = input.now.toISOString();
  const since = new Date(input.now.getTime() - CATCH_UP_DAYS * DAY_MS).toISOString();
  const afterExchange = (party: 'member_id' | 'expert_member_id') =>
    owed(
      'after_exchange',
      `SELECT library_id, ${party} AS member_id, id AS exchange_id, 'after_exchange:' || id || ':' || ${party} AS occasion, updated_at AS due_at
        FROM exchanges WHERE status = 'completed' AND updated_at >= ? AND updated_at <= ?`,
      [since, now],
      now,
    );
  const baseline = owed(
    'baseline',
    `SELECT library_id, id AS member_id, NULL AS exchange_id, 'baseline:' || id AS occasion, ? AS due_at FROM members
      WHERE EXISTS (SELECT 1 FROM json_each(members.roles) WHERE value = 'expert') OR EXISTS (SELECT 1 FROM profiles p WHERE p.member_id = members.id)`,
    [now],
    now,
  );
  const followUp = (kind: 'follow_up_3m' | 'follow_up_6m', months: number) =>
    owed(
      kind,
      `SELECT library_id, member_id, NULL AS exchange_id, '${kind}:' || member_id AS occasion, due_at FROM (
        SELECT library_id, expert_member_id AS member_id, strftime('%Y-%m-%dT%H:%M:%fZ', min(updated_at), '+${months} months') AS due_at
        FROM exchanges WHERE status = 'completed' GROUP BY library_id, expert_member_id)
      WHERE due_at <= ? AND due_at >= ?`,
      [now, since],
      now,
    );
  const kinds = [afterExchange('member_id'), afterExchange('expert_member_id'), baseline, followUp('follow_up_3m', 3), followUp('follow_up_6m', 6)];
  // Most ticks find nothing owed: a read spares them a write transaction.
  const probes = await db.$client.batch(kinds.map((kind) => kind.probe), 'read');
  const writes = kinds.filter((_, i) => probes[i]!.rows.length > 0).map((kind) => kind.insert);
  if (writes.length === 0) return 0;
  const results = await db.$client.batch(writes, 'write');
  return results.reduce((sum, result) => sum + result.rowsAffected, 0);
}

const REMINDER_WORDS: Record<InstrumentKind, string> = {
  baseline: 'a few questions about you, as you joined as an expert',
  after_exchange: 'a short survey about your recent hour',
  follow_up_3m: 'a short follow-up survey, three months on',
  follow_up_6m: 'a short follow-up survey, six months on',
};

/**
 * Queues the one reminder of each survey still unanswered SURVEY_REMINDER_DAYS after it fell due:
 * a mail job whose dedupe key names the survey, so it is one mail however many workers sweep,
 * made only while the survey is unanswered (and cancelled if she answers before it goes).
 * Returns the surveys reminded.
 */
export async function remindSurveys(db: Database, input: { now: Date; limit?: number | undefined }): Promise<string[]> {
  const now = input.now.toISOString();
  const due = await db.$client.execute({
    sql: `SELECT s.id, s.library_id, s.kind, m.email, l.name AS library_name FROM surveys s
        JOIN members m ON m.id = s.member_id JOIN libraries l ON l.id = s.library_id
      WHERE s.answered_at IS NULL AND s.reminded_at IS NULL AND s.due_at <= ? AND m.erased_at IS NULL
      ORDER BY s.due_at LIMIT ?`,
    args: [new Date(input.now.getTime() - SURVEY_REMINDER_DAYS * DAY_MS).toISOString(), input.limit ?? 100],
  });
  if (due.rows.length === 0) return [];
  const statements = due.rows.flatMap((row): InStatement[] => {
    const id = String(row.id);
    const message = {
      to: String(row.email),
      subject: `${String(row.library_name)}: a survey is waiting for you`,
      text: `${String(row.library_name)} would like ${REMINDER_WORDS[String(row.kind) as InstrumentKind]}. It takes a minute or two; you will find it where you see your exchanges.\n\nSurvey ${id}.`,
    };
    return [
      { sql: 'UPDATE surveys SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND answered_at IS NULL', args: [now, id] },
      mailStatement(message, { dedupeKey: surveyReminderKey(id), libraryId: String(row.library_id), onlyIf: { sql: 'EXISTS (SELECT 1 FROM surveys WHERE id = ? AND answered_at IS NULL)', args: [id] } }),
    ];
  });
  await db.$client.batch(statements, 'write');
  return due.rows.map((row) => String(row.id));
}
