import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import type { InstrumentKind } from '../db/schema.js';
import { exchangeAboutCategory, withinPeriod } from './exchange-topics.js';
import { instrumentVersion } from './instruments.js';
import type { ReportQuery } from './reports.js';

/**
 * The de-identified export for the programme's publication: one row per exchange, with no names,
 * emails or ids of ours. People and exchanges carry pseudonyms made afresh for each export (the
 * same person is the same pseudonym throughout one file, and a different one in the next), dates
 * are days, and free text appears only where its author shared it in public.
 */

export interface ExportColumn {
  name: string;
  type: 'text' | 'integer' | 'number' | 'boolean' | 'date';
  description: string;
}

export const EXPORT_DICTIONARY: readonly ExportColumn[] = [
  { name: 'record_type', type: 'text', description: 'What the row is: `exchange`, one one-hour skill exchange asked for in the period; or `survey_answer`, one answer to one question of a survey answered in the period.' },
  { name: 'exchange', type: 'text', description: 'The exchange’s pseudonym in this export (X-…); not its id in the library.' },
  { name: 'member', type: 'text', description: 'Pseudonym (P-…) of the member who asked for the hour, the same for her on every row of this export.' },
  { name: 'expert', type: 'text', description: 'Pseudonym (P-…) of the expert who was asked; a person who is both has one pseudonym.' },
  { name: 'asked_on', type: 'date', description: 'The day (UTC) the exchange was asked for.' },
  { name: 'status', type: 'text', description: 'How it stands: requested, scheduled, completed, declined, lapsed, cancelled, no_show or disputed.' },
  { name: 'was_scheduled', type: 'boolean', description: 'Whether the hour was ever agreed (reached scheduled).' },
  { name: 'completed_on', type: 'date', description: 'The day (UTC) the hour was completed; empty otherwise.' },
  { name: 'first_answer_hours', type: 'number', description: 'Hours from being asked to the expert’s first answer (accept, other times or decline), to 0.1; empty if she never answered.' },
  { name: 'from_request', type: 'boolean', description: 'Booked from a skill request on the board rather than directly from a profile.' },
  { name: 'project_stage', type: 'text', description: 'The skill request’s project stage, when booked from one; empty otherwise.' },
  { name: 'categories', type: 'text', description: 'Slugs of what the hour was about, separated by "|": the request’s category, else the expert’s profile’s.' },
  { name: 'skills', type: 'text', description: 'Slugs of the skills it was about, separated by "|": the request’s, else the expert’s profile’s.' },
  { name: 'expert_career_stage', type: 'text', description: 'The expert’s career stage on her profile: entry, early, mid, senior or executive.' },
  { name: 'value_rating', type: 'integer', description: 'The member’s rating of the hour’s value to her improvement project, 1–5; empty if she gave none.' },
  { name: 'member_summary', type: 'text', description: 'The member’s outcome summary, only if she shared her log in public; empty otherwise.' },
  { name: 'expert_summary', type: 'text', description: 'The expert’s outcome summary, only if she shared her log in public; empty otherwise.' },
  { name: 'respondent', type: 'text', description: 'survey_answer rows: pseudonym (P-…) of who answered, as in the exchange rows.' },
  { name: 'respondent_role', type: 'text', description: 'survey_answer rows: `member` or `expert` in the exchange the survey is about; `expert` for baselines and follow-ups.' },
  { name: 'instrument', type: 'text', description: 'survey_answer rows: baseline, after_exchange, follow_up_3m or follow_up_6m; with `exchange` set for after_exchange.' },
  { name: 'instrument_version', type: 'integer', description: 'survey_answer rows: the version of the questions she answered (a coordinator’s edit makes a new one).' },
  { name: 'question', type: 'text', description: 'survey_answer rows: the question’s id in that version (such as confidence, promotion, value). Free-text questions are never exported.' },
  { name: 'answer', type: 'text', description: 'survey_answer rows: the answer: a number for a scale, true or false for yes/no, the option for a choice.' },
  { name: 'answered_on', type: 'date', description: 'survey_answer rows: the day (UTC) she answered.' },
];

export type ExportRow = Record<string, string | number | boolean | null>;

interface ExchangeRow {
  id: string;
  member_id: string;
  expert_member_id: string;
  created_at: string;
  status: string;
  was_scheduled: number;
  completed_at: string | null;
  answered_at: string | null;
  request_id: string | null;
  project_stage: string | null;
  categories: string | null;
  skills: string | null;
  career_stage: string;
  value_rating: number | null;
  member_summary: string | null;
  expert_summary: string | null;
}

/** Random bytes as hex, from Web Crypto, which Node and edge runtimes both have (node:crypto is Node's alone). */
function randomHex(byteCount: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(byteCount)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Pseudonyms for one export: random, so no two exports can be joined through them. */
function pseudonyms(prefix: string) {
  const given = new Map<string, string>();
  const used = new Set<string>();
  return (id: string) => {
    let name = given.get(id);
    while (!name) {
      const candidate = `${prefix}-${randomHex(4)}`;
      if (used.has(candidate)) continue;
      used.add(candidate);
      given.set(id, (name = candidate));
    }
    return name;
  };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

export async function exportRows(db: Database, query: ReportQuery): Promise<ExportRow[]> {
  // Random, not numbered in order: the file is in time order, and the names say nothing more of it.
  const person = pseudonyms('P');
  const exchange = pseudonyms('X');
  const rows = [...(await exchangeRows(db, query, person, exchange)), ...(await surveyAnswerRows(db, query, person, exchange))];
  // Every row has every column, empty where it does not apply: one table for a spreadsheet.
  return rows.map((row) => Object.fromEntries(EXPORT_DICTIONARY.map((column) => [column.name, row[column.name] ?? null])));
}

type Pseudonyms = ReturnType<typeof pseudonyms>;

async function exchangeRows(db: Database, query: ReportQuery, person: Pseudonyms, exchange: Pseudonyms): Promise<ExportRow[]> {
  const period = withinPeriod(sql`e.created_at`, query);
  const about = query.categoryId ? exchangeAboutCategory(query.categoryId) : sql`1 = 1`;
  const rows = await db.all<ExchangeRow>(sql`
    SELECT e.id, e.member_id, e.expert_member_id, e.created_at, e.status,
      EXISTS (SELECT 1 FROM exchange_events ev WHERE ev.exchange_id = e.id AND ev.kind = 'scheduled') AS was_scheduled,
      (SELECT min(ev.created_at) FROM exchange_events ev WHERE ev.exchange_id = e.id AND ev.kind IN ('completed', 'auto_completed', 'resolved') AND e.status = 'completed') AS completed_at,
      (SELECT min(ev.created_at) FROM exchange_events ev WHERE ev.exchange_id = e.id AND ev.kind IN ('scheduled', 'proposed', 'declined')) AS answered_at,
      e.request_id, r.project_stage,
      CASE WHEN e.request_id IS NOT NULL
        THEN (SELECT c.slug FROM categories c WHERE c.id = r.category_id)
        ELSE (SELECT group_concat(slug, '|') FROM (SELECT c.slug FROM profile_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.profile_id = e.profile_id ORDER BY pc.position)) END AS categories,
      CASE WHEN e.request_id IS NOT NULL
        THEN (SELECT group_concat(slug, '|') FROM (SELECT s.slug FROM request_skills rs JOIN skills s ON s.id = rs.skill_id WHERE rs.request_id = e.request_id ORDER BY rs.position))
        ELSE (SELECT group_concat(slug, '|') FROM (SELECT s.slug FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.profile_id = e.profile_id ORDER BY ps.position)) END AS skills,
      p.career_stage,
      (SELECT o.value_rating FROM outcome_logs o WHERE o.exchange_id = e.id AND o.author_role = 'member') AS value_rating,
      (SELECT o.summary FROM outcome_logs o WHERE o.exchange_id = e.id AND o.author_role = 'member' AND o.share = 'public') AS member_summary,
      (SELECT o.summary FROM outcome_logs o WHERE o.exchange_id = e.id AND o.author_role = 'expert' AND o.share = 'public') AS expert_summary
    FROM exchanges e JOIN profiles p ON p.id = e.profile_id LEFT JOIN skill_requests r ON r.id = e.request_id
    WHERE e.library_id = ${query.libraryId} AND ${period} AND ${about}
    ORDER BY e.created_at, e.id`);
  return rows.map((row) => ({
    record_type: 'exchange',
    exchange: exchange(row.id),
    member: person(row.member_id),
    expert: person(row.expert_member_id),
    asked_on: day(row.created_at),
    status: row.status,
    was_scheduled: Number(row.was_scheduled) === 1,
    completed_on: day(row.completed_at),
    first_answer_hours: row.answered_at ? Math.round((Date.parse(row.answered_at) - Date.parse(row.created_at)) / 360_000) / 10 : null,
    from_request: row.request_id !== null,
    project_stage: row.project_stage,
    categories: row.categories ?? '',
    skills: row.skills ?? '',
    expert_career_stage: row.career_stage,
    value_rating: row.value_rating === null ? null : Number(row.value_rating),
    member_summary: row.member_summary,
    expert_summary: row.expert_summary,
  }));
}

/**
 * One row per answer to a question of each survey answered in the period, free text left out
 * (surveys have no share level, so their words stay with the library). About the category when
 * asked: the exchange's, for an after-exchange survey; else the expert's profile's.
 */
async function surveyAnswerRows(db: Database, query: ReportQuery, person: Pseudonyms, exchange: Pseudonyms): Promise<ExportRow[]> {
  const period = withinPeriod(sql`s.answered_at`, query);
  const about = query.categoryId
    ? sql`(CASE WHEN e.id IS NOT NULL THEN ${exchangeAboutCategory(query.categoryId)}
        ELSE EXISTS (SELECT 1 FROM profiles p JOIN profile_categories pc ON pc.profile_id = p.id WHERE p.member_id = s.member_id AND pc.category_id = ${query.categoryId}) END)`
    : sql`1 = 1`;
  const surveys = await db.all<{ member_id: string; kind: InstrumentKind; instrument_version: number; exchange_id: string | null; expert_member_id: string | null; answers: string; answered_at: string }>(sql`
    SELECT s.member_id, s.kind, s.instrument_version, s.exchange_id, e.expert_member_id, s.answers, s.answered_at
    FROM surveys s LEFT JOIN exchanges e ON e.id = s.exchange_id
    WHERE s.library_id = ${query.libraryId} AND s.answered_at IS NOT NULL AND ${period} AND ${about}
    ORDER BY s.answered_at, s.id`);
  const instruments = new Map<string, Awaited<ReturnType<typeof instrumentVersion>>>();
  const rows: ExportRow[] = [];
  for (const survey of surveys) {
    const key = `${survey.kind}:${survey.instrument_version}`;
    if (!instruments.has(key)) instruments.set(key, await instrumentVersion(db, query.libraryId, survey.kind, Number(survey.instrument_version)));
    const answers = JSON.parse(survey.answers) as Record<string, unknown>;
    for (const question of instruments.get(key)!.questions) {
      const answer = answers[question.id];
      if (question.type === 'text' || answer === undefined || answer === null) continue;
      rows.push({
        record_type: 'survey_answer',
        exchange: survey.exchange_id ? exchange(survey.exchange_id) : null,
        respondent: person(survey.member_id),
        respondent_role: survey.exchange_id && survey.expert_member_id !== survey.member_id ? 'member' : 'expert',
        instrument: survey.kind,
        instrument_version: Number(survey.instrument_version),
        question: question.id,
        answer: typeof answer === 'boolean' || typeof answer === 'number' ? answer : String(answer),
        answered_on: day(survey.answered_at),
      });
    }
  }
  return rows;
}

/**
 * RFC 4180 CSV with a byte-order mark (so spreadsheets read it as UTF-8) and CRLF line ends. A text
 * cell that a spreadsheet would take for a formula (=, +, -, @, tab, return) is given a leading
 * apostrophe, so public free text cannot run as a formula on a researcher's machine.
 */
export function toCsv(columns: readonly string[], rows: readonly ExportRow[]): string {
  const cell = (value: ExportRow[string]) => {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column] ?? null)).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
