import type { AnswerValue, Question } from '@talking-library/sdk/schema';
import { textProblem } from '@talking-library/sdk/schema';
import type { Row } from '@libsql/client';
import type { Database } from '../db/index.js';
import type { InstrumentKind } from '../db/schema.js';
import { DomainError, InvalidInputError, NotFoundError } from './errors.js';
import { instrumentVersion, type Instrument } from './instruments.js';
import { cancelJobsStatement } from './jobs.js';

/**
 * The surveys a member owes: reading those due, and answering one, once, against the questions of
 * the version it fell due with. Only she may see a survey she owes: to anyone else it does not
 * exist. How surveys fall due is survey-due.ts.
 */

export interface Survey {
  id: string;
  kind: InstrumentKind;
  instrument: Instrument;
  exchangeId: string | null;
  dueAt: string;
  answeredAt: string | null;
  answers: Record<string, AnswerValue> | null;
}

const COLUMNS = 'id, library_id, kind, instrument_version, exchange_id, due_at, answered_at, answers';

/** The dedupe key of a survey's one reminder mail. */
export const surveyReminderKey = (surveyId: string) => `survey:${surveyId}:reminder`;

async function toSurvey(db: Database, row: Row, instruments: Map<string, Promise<Instrument>>): Promise<Survey> {
  const kind = String(row.kind) as InstrumentKind;
  const key = `${kind}:${Number(row.instrument_version)}`;
  if (!instruments.has(key)) instruments.set(key, instrumentVersion(db, String(row.library_id), kind, Number(row.instrument_version)));
  return {
    id: String(row.id),
    kind,
    instrument: await instruments.get(key)!,
    exchangeId: row.exchange_id === null ? null : String(row.exchange_id),
    dueAt: String(row.due_at),
    answeredAt: row.answered_at === null ? null : String(row.answered_at),
    answers: row.answers === null ? null : (JSON.parse(String(row.answers)) as Record<string, AnswerValue>),
  };
}

interface Owner {
  libraryId: string;
  memberId: string;
}

/** Her unanswered surveys that have fallen due, oldest first. */
export async function dueSurveys(db: Database, input: Owner & { now: Date }): Promise<Survey[]> {
  const result = await db.$client.execute({
    sql: `SELECT ${COLUMNS} FROM surveys WHERE member_id = ? AND library_id = ? AND answered_at IS NULL AND due_at <= ? ORDER BY due_at, id`,
    args: [input.memberId, input.libraryId, input.now.toISOString()],
  });
  const instruments = new Map<string, Promise<Instrument>>();
  return Promise.all(result.rows.map((row) => toSurvey(db, row, instruments)));
}

/** One survey she owes; anyone else's is not found. */
export async function getSurvey(db: Database, input: Owner & { surveyId: string }): Promise<Survey> {
  const result = await db.$client.execute({
    sql: `SELECT ${COLUMNS} FROM surveys WHERE id = ? AND member_id = ? AND library_id = ?`,
    args: [input.surveyId, input.memberId, input.libraryId],
  });
  if (!result.rows[0]) throw new NotFoundError('survey', input.surveyId);
  return toSurvey(db, result.rows[0], new Map());
}

/** Why `value` is no answer to `question`, or null. */
function answerProblem(question: Question, value: AnswerValue): string | null {
  switch (question.type) {
    case 'scale':
      return Number.isInteger(value) && (value as number) >= question.min && (value as number) <= question.max ? null : `must be a whole number from ${question.min} to ${question.max}`;
    case 'choice':
      return typeof value === 'string' && question.options.includes(value) ? null : `must be one of: ${question.options.join(', ')}`;
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > question.maxLength) return `must be at most ${question.maxLength} characters`;
      return textProblem(value, { multiLine: true });
  }
}

/** The answers checked against the instrument's questions: each problem named `answers.<questionId>`. */
export function checkAnswers(instrument: Instrument, answers: Record<string, AnswerValue>): { field: string; message: string }[] {
  const asked = new Map(instrument.questions.map((q) => [q.id, q]));
  const problems: { field: string; message: string }[] = [];
  for (const id of Object.keys(answers)) if (!asked.has(id)) problems.push({ field: `answers.${id}`, message: 'is not a question of this survey' });
  for (const question of instrument.questions) {
    const value = answers[question.id];
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank) {
      if (question.required) problems.push({ field: `answers.${question.id}`, message: 'is required' });
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) problems.push({ field: `answers.${question.id}`, message: problem });
  }
  return problems;
}

/**
 * Stores her answers with the survey (and so with its version), once: the UPDATE is guarded on
 * the survey being unanswered, so a second answer, even at the same moment, is refused with 409.
 * Her reminder, if still to go, is cancelled in the same batch.
 */
export async function answerSurvey(db: Database, input: Owner & { surveyId: string; answers: Record<string, AnswerValue>; now: Date }): Promise<Survey> {
  const survey = await getSurvey(db, input);
  if (survey.answeredAt) throw answeredAlready(survey);
  const problems = checkAnswers(survey.instrument, input.answers);
  if (problems.length > 0) throw new InvalidInputError('Some answers do not fit the survey’s questions.', problems);
  // Blank optional answers are left out, as if not given.
  const kept = Object.fromEntries(Object.entries(input.answers).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')));
  const at = input.now.toISOString();
  const [written] = await db.$client.batch(
    [
      { sql: 'UPDATE surveys SET answers = ?, answered_at = ? WHERE id = ? AND member_id = ? AND answered_at IS NULL', args: [JSON.stringify(kept), at, survey.id, input.memberId] },
      cancelJobsStatement({ dedupeKeys: [surveyReminderKey(survey.id)], now: input.now }),
    ],
    'write',
  );
  if (written!.rowsAffected !== 1) throw answeredAlready(await getSurvey(db, input));
  return { ...survey, answers: kept, answeredAt: at };
}

function answeredAlready(survey: Survey): DomainError {
  return new DomainError(`This survey was answered at ${survey.answeredAt}; answers cannot be changed.`, 'survey_answered');
}
