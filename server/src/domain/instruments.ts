import type { InstrumentWrite, Question } from '@talking-library/sdk/schema';
import type { Database } from '../db/index.js';
import { INSTRUMENT_KINDS, type InstrumentKind } from '../db/schema.js';
import { DomainError } from './errors.js';

/**
 * Evaluation instruments: the questions each kind of survey asks, per library. Version 1 of each
 * kind is the default below, the same for every library and never changed in place (answers to
 * it are read against it); a coordinator's edit writes the next version as a new row.
 */

export interface Instrument {
  kind: InstrumentKind;
  version: number;
  title: string;
  questions: Question[];
  /** Null for the seeded default. */
  createdAt: string | null;
}

const confidence = (text: string): Question => ({ id: 'confidence', text, type: 'scale', min: 1, max: 7, minLabel: 'Not at all confident', maxLabel: 'Very confident', required: true });

const followUp = (months: number): Omit<Instrument, 'kind'> => ({
  version: 1,
  title: `${months} months on`,
  createdAt: null,
  questions: [
    { id: 'new_role', text: 'Have you moved to a new role since your first exchange?', type: 'yes_no', required: true },
    { id: 'promotion', text: 'Have you been promoted since your first exchange?', type: 'yes_no', required: true },
    { id: 'new_responsibilities', text: 'Have you taken on new responsibilities since your first exchange?', type: 'yes_no', required: true },
    { id: 'responsibilities', text: 'If so, which?', type: 'text', maxLength: 2000, required: false },
    confidence('How confident are you now in leading digital improvement?'),
  ],
});

/** The seeded version 1 of each kind, as the evaluation plan lists them. */
export const DEFAULT_INSTRUMENTS: Record<InstrumentKind, Instrument> = {
  baseline: {
    kind: 'baseline',
    version: 1,
    title: 'About you, as you join',
    createdAt: null,
    questions: [
      { id: 'career_stage', text: 'Where are you in your career?', type: 'choice', options: ['Entry', 'Early career', 'Mid career', 'Senior', 'Executive'], required: true },
      { id: 'role_or_band', text: 'Your role, or your pay band', type: 'text', maxLength: 200, required: true },
      confidence('How confident are you in leading digital improvement?'),
      { id: 'goals', text: 'What do you hope to get from sharing your skills here?', type: 'text', maxLength: 2000, required: false },
    ],
  },
  after_exchange: {
    kind: 'after_exchange',
    version: 1,
    title: 'Your hour',
    createdAt: null,
    questions: [
      { id: 'value', text: 'How valuable was the hour to you?', type: 'scale', min: 1, max: 5, minLabel: 'Not at all', maxLabel: 'Very', required: true },
      { id: 'learning', text: 'How much did you learn?', type: 'scale', min: 1, max: 5, minLabel: 'Nothing', maxLabel: 'A great deal', required: true },
      { id: 'would_recommend', text: 'Would you recommend an exchange to a colleague?', type: 'yes_no', required: true },
    ],
  },
  follow_up_3m: { kind: 'follow_up_3m', ...followUp(3) },
  follow_up_6m: { kind: 'follow_up_6m', ...followUp(6) },
};

function toInstrument(row: Record<string, unknown>): Instrument {
  return {
    kind: String(row.kind) as InstrumentKind,
    version: Number(row.version),
    title: String(row.title),
    questions: JSON.parse(String(row.questions)) as Question[],
    createdAt: String(row.created_at),
  };
}

/** The current version of every kind for the library, in the order of INSTRUMENT_KINDS. */
export async function listInstruments(db: Database, libraryId: string): Promise<Instrument[]> {
  const result = await db.$client.execute({
    sql: `SELECT kind, version, title, questions, created_at FROM instrument_versions v
      WHERE library_id = ? AND version = (SELECT max(version) FROM instrument_versions WHERE library_id = v.library_id AND kind = v.kind)`,
    args: [libraryId],
  });
  const written = new Map(result.rows.map((row) => [String(row.kind), toInstrument(row)]));
  return INSTRUMENT_KINDS.map((kind) => written.get(kind) ?? DEFAULT_INSTRUMENTS[kind]);
}

/** One version of one kind: the one a survey asks. */
export async function instrumentVersion(db: Database, libraryId: string, kind: InstrumentKind, version: number): Promise<Instrument> {
  if (version === 1) return DEFAULT_INSTRUMENTS[kind];
  const result = await db.$client.execute({
    sql: 'SELECT kind, version, title, questions, created_at FROM instrument_versions WHERE library_id = ? AND kind = ? AND version = ?',
    args: [libraryId, kind, version],
  });
  if (!result.rows[0]) throw new Error(`instrument ${kind} v${version} of library ${libraryId} is missing`);
  return toInstrument(result.rows[0]);
}

/** SQL for the version of `kind` current now in the library named by `libraryColumn`: what a survey falling due keeps. */
export const currentVersionSql = (libraryColumn: string, kind: InstrumentKind) =>
  `coalesce((SELECT max(version) FROM instrument_versions WHERE library_id = ${libraryColumn} AND kind = '${kind}'), 1)`;

/**
 * Writes the next version of the instrument. The version is chosen by the INSERT itself, so two
 * edits at once make two versions, one after the other, or the later one is refused.
 */
export async function updateInstrument(db: Database, input: { libraryId: string; kind: InstrumentKind; write: InstrumentWrite; memberId: string; now: Date }): Promise<Instrument> {
  const questions: Question[] = input.write.questions.map((q) => ({ ...q, required: q.required ?? true }) as Question);
  const at = input.now.toISOString();
  try {
    const result = await db.$client.execute({
      sql: `INSERT INTO instrument_versions (library_id, kind, version, title, questions, created_by, created_at)
        SELECT ?, ?, ${currentVersionSql('?', input.kind)} + 1, ?, ?, ?, ?
        RETURNING kind, version, title, questions, created_at`,
      args: [input.libraryId, input.kind, input.libraryId, input.write.title, JSON.stringify(questions), input.memberId, at],
    });
    return toInstrument(result.rows[0]!);
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed')) throw new DomainError('Someone else edited this instrument at the same moment; read it again and redo your change.', 'instrument_busy');
    throw error;
  }
}
