import type { InStatement, InValue } from '@libsql/client';
import type { Database } from '../db/index.js';
import { reminderMessage, type ReminderLead } from '../mail/exchange-notices.js';
import { mailStatement } from '../mail/mail-jobs.js';
import { cancelJobsStatement } from './jobs.js';
import type { SqlGuard } from './ledger.js';

/**
 * Reminders before a scheduled hour, as mail jobs made in the batch of the change that schedules
 * it: they exist if and only if that change wrote. Their dedupe keys carry the invite's sequence,
 * so a reschedule (sequence + 1) makes new ones after cancelling the old by prefix.
 */

const LEADS: { lead: ReminderLead; ms: number }[] = [
  { lead: '24h', ms: 24 * 60 * 60_000 },
  { lead: '1h', ms: 60 * 60_000 },
];

type Party = 'member' | 'expert';

export interface ReminderParty {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

export interface ReminderInput {
  exchangeId: string;
  libraryId: string;
  startsAt: string;
  meetingPlace: string | null;
  /** The invite's sequence as the change writes it. */
  sequence: number;
  parties: Record<Party, ReminderParty>;
  now: Date;
}

export const reminderKeyPrefix = (exchangeId: string) => `exchange:${exchangeId}:reminder:`;

/** The two parties' names and addresses, for mail and invites: the expert named as her profile names her, as the exchange does. */
export async function reminderParties(db: Database, ids: { memberId: string; expertMemberId: string; profileId: string }, timeZones: Record<Party, string>): Promise<Record<Party, ReminderParty>> {
  const result = await db.$client.execute({
    sql: 'SELECT m.id, coalesce(p.display_name, m.name) AS name, m.email FROM members m LEFT JOIN profiles p ON p.id = ? AND p.member_id = m.id WHERE m.id IN (?, ?)',
    args: [ids.profileId, ids.memberId, ids.expertMemberId],
  });
  const byId = new Map(result.rows.map((row) => [String(row.id), { name: String(row.name), email: String(row.email) }]));
  const party = (id: string, timeZone: string): ReminderParty => ({ id, timeZone, name: byId.get(id)?.name ?? 'the other party', email: byId.get(id)?.email ?? '' });
  return { member: party(ids.memberId, timeZones.member), expert: party(ids.expertMemberId, timeZones.expert) };
}

/** The 24-hour and 1-hour reminders to each party, each only if its time is still ahead and `onlyIf` holds as the batch runs. */
export function reminderStatements(input: ReminderInput, onlyIf: SqlGuard): InStatement[] {
  const start = Date.parse(input.startsAt);
  const statements: InStatement[] = [];
  for (const { lead, ms } of LEADS) {
    const runAt = new Date(start - ms);
    // A reminder whose time has passed would arrive late and say what the booking mail just said.
    if (runAt.getTime() <= input.now.getTime()) continue;
    for (const party of ['member', 'expert'] as const) {
      const to = input.parties[party];
      if (!to.email) continue;
      const other = input.parties[party === 'member' ? 'expert' : 'member'].name;
      const message = reminderMessage({ exchangeId: input.exchangeId, to: to.email, other, startsAt: input.startsAt, timeZone: to.timeZone, meetingPlace: input.meetingPlace, lead });
      statements.push(
        mailStatement(message, {
          dedupeKey: `${reminderKeyPrefix(input.exchangeId)}${lead}:${input.sequence}:${party}`,
          libraryId: input.libraryId,
          runAt,
          onlyIf,
        }),
      );
    }
  }
  return statements;
}

/** Cancels the exchange's pending reminders, only if `onlyIf` holds as the batch runs (the change that moots them wrote). */
export function cancelRemindersStatement(exchangeId: string, now: Date, onlyIf: SqlGuard): InStatement {
  // A prefix cancel is always one UPDATE with its args (jobs.ts), so the guard can be added to its WHERE.
  const cancel = cancelJobsStatement({ dedupeKeyPrefix: reminderKeyPrefix(exchangeId), now }) as { sql: string; args: InValue[] };
  return { sql: `${cancel.sql} AND ${onlyIf.sql}`, args: [...cancel.args, ...onlyIf.args] };
}
