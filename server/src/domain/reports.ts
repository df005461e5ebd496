import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { exchangeAboutCategory, withinPeriod } from './exchange-topics.js';
import { FEWER_THAN_5, gini, median, shownCount, shownGroup, shownOver, topShare, type Shown } from './disclosure.js';

/**
 * The coordinators' evaluation summary of a library over a period, optionally about one
 * category: what was asked and what came of it, how fast experts answered, supply against
 * demand, the value members say the hours added to their projects, and how evenly the hours were
 * given. Every figure about fewer than 5 people is "fewer than 5" (disclosure.ts).
 *
 * An exchange belongs to the period by when it was asked for, and to a category by what it was
 * about: its skill request's category when booked from the board, else its expert's profile's.
 */

export interface ReportQuery {
  libraryId: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  categoryId?: string | undefined;
}

const HOUR_MS = 3_600_000;
const OUTCOMES = ['completed', 'cancelled', 'declined', 'lapsed', 'no_show', 'disputed', 'open'] as const;
type Outcome = (typeof OUTCOMES)[number];

export interface ExpertFlow {
  profileId: string;
  displayName: string;
  hoursGiven: number;
  hoursReceived: number;
  /** Given less received: far above 0 is someone who gives much more than she gets back. */
  net: number;
}

export interface CareerOutcome {
  /** Experts who answered this follow-up in the period. */
  experts: Shown;
  /** Mean change in confidence leading digital improvement (1–7), follow-up less baseline, over those who answered both. */
  confidenceChange: Shown | null;
  /** Yes and no to each question, hidden together wherever one side would be about fewer than 5. */
  promotion: { yes: Shown; no: Shown };
  newRole: { yes: Shown; no: Shown };
  newResponsibilities: { yes: Shown; no: Shown };
}

export interface ReportSummary {
  exchanges: {
    requested: Shown;
    /** Reached `scheduled` at some point. */
    scheduled: Shown;
    completed: Shown;
    /** How every exchange asked for in the period stands now; `open` is still requested or scheduled. */
    byOutcome: Record<Outcome, Shown>;
    hoursExchanged: Shown;
    /** Completed, and no-shows, of those scheduled; cancelled of those asked for. */
    completionRate: Shown | null;
    noShowRate: Shown | null;
    cancellationRate: Shown | null;
  };
  firstResponseHours: {
    /** Median hours from an exchange being asked for to the expert's first answer (accept, other times, or decline). */
    exchanges: Shown | null;
    /** Median hours from a skill request being posted to its first response. */
    requests: Shown | null;
  };
  supplyAndDemand: {
    categories: { slug: string; name: string; profilesOffering: Shown; requestsAsking: Shown }[];
    skills: { slug: string; name: string; profilesOffering: Shown; requestsAsking: Shown }[];
  };
  valueToProject: { ratings: Shown; byRating: Record<'1' | '2' | '3' | '4' | '5', Shown>; mean: Shown | null };
  /** Experts' follow-ups 3 and 6 months after their first exchange, against their baseline. */
  careerOutcomes: Record<'threeMonths' | 'sixMonths', CareerOutcome>;
  creditEquity: {
    experts: Shown;
    /** Share of the hours given that the top tenth of experts gave, 0 to 1. */
    topTenthShare: Shown | null;
    /** Gini coefficient of the hours each expert gave: 0 even, towards 1 uneven. */
    gini: Shown | null;
    /** Each expert, for the coordinators who support them: most given first. */
    byExpert: ExpertFlow[];
  };
}

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

export async function reportSummary(db: Database, query: ReportQuery): Promise<ReportSummary> {
  const inPeriod = (column: SQL) => withinPeriod(column, query);
  const aboutCategory = query.categoryId ? exchangeAboutCategory(query.categoryId) : sql`1 = 1`;
  const theExchanges = sql`SELECT e.* FROM exchanges e WHERE e.library_id = ${query.libraryId} AND ${inPeriod(sql`e.created_at`)} AND ${aboutCategory}`;

  const [byStatus, scheduledRows, answerRows, requestRows, ratingRows, flows] = await Promise.all([
    db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM (${theExchanges}) GROUP BY status`),
    db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (${theExchanges}) x WHERE EXISTS (SELECT 1 FROM exchange_events ev WHERE ev.exchange_id = x.id AND ev.kind = 'scheduled')`),
    db.all<{ asked: string; answered: string }>(sql`SELECT x.created_at AS asked,
        (SELECT min(ev.created_at) FROM exchange_events ev WHERE ev.exchange_id = x.id AND ev.kind IN ('scheduled', 'proposed', 'declined')) AS answered
      FROM (${theExchanges}) x`),
    db.all<{ posted: string; answered: string | null }>(sql`SELECT r.created_at AS posted, (SELECT min(rr.created_at) FROM request_responses rr WHERE rr.request_id = r.id) AS answered
      FROM skill_requests r WHERE r.library_id = ${query.libraryId} AND ${inPeriod(sql`r.created_at`)} ${query.categoryId ? sql`AND r.category_id = ${query.categoryId}` : sql``}`),
    db.all<{ rating: number }>(sql`SELECT o.value_rating AS rating FROM outcome_logs o JOIN (${theExchanges}) x ON x.id = o.exchange_id
      WHERE o.author_role = 'member' AND o.value_rating IS NOT NULL`),
    expertFlows(db, query, inPeriod(sql`t.created_at`)),
  ]);

  const counts = Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)])) as Record<string, number>;
  const requested = Object.values(counts).reduce((a, b) => a + b, 0);
  const scheduled = Number(scheduledRows[0]?.n ?? 0);
  const outcomeCells = Object.fromEntries(OUTCOMES.map((o) => [o, o === 'open' ? (counts.requested ?? 0) + (counts.scheduled ?? 0) : (counts[o] ?? 0)])) as Record<Outcome, number>;
  const outcomes = shownGroup(requested, outcomeCells);
  // A rate gives its count back (rate × base): shown only where the count itself is.
  const rate = (count: number, shown: Shown, base: number) => (shown === FEWER_THAN_5 ? (base > 0 ? FEWER_THAN_5 : null) : shownOver(base, round(count / base, 3)));

  const answerHours = answerRows.filter((row) => row.answered).map((row) => (Date.parse(row.answered) - Date.parse(row.asked)) / HOUR_MS);
  const responseHours = requestRows.filter((row) => row.answered).map((row) => (Date.parse(row.answered!) - Date.parse(row.posted)) / HOUR_MS);
  const ratings = ratingRows.map((row) => Number(row.rating));
  const byRating = shownGroup(ratings.length, Object.fromEntries(['1', '2', '3', '4', '5'].map((r) => [r, ratings.filter((x) => String(x) === r).length])) as Record<'1' | '2' | '3' | '4' | '5', number>);
  const given = flows.map((flow) => flow.hoursGiven);

  return {
    exchanges: {
      requested: shownCount(requested),
      scheduled: shownCount(scheduled),
      completed: outcomes.cells.completed,
      byOutcome: outcomes.cells,
      hoursExchanged: outcomes.cells.completed,
      completionRate: rate(outcomeCells.completed, outcomes.cells.completed, scheduled),
      noShowRate: rate(outcomeCells.no_show, outcomes.cells.no_show, scheduled),
      cancellationRate: rate(outcomeCells.cancelled, outcomes.cells.cancelled, requested),
    },
    firstResponseHours: {
      exchanges: shownOver(answerHours.length, answerHours.length ? round(median(answerHours), 1) : 0),
      requests: shownOver(responseHours.length, responseHours.length ? round(median(responseHours), 1) : 0),
    },
    supplyAndDemand: await supplyAndDemand(db, query, inPeriod(sql`r.created_at`)),
    valueToProject: { ratings: byRating.total, byRating: byRating.cells, mean: shownOver(ratings.length, ratings.length ? round(ratings.reduce((a, b) => a + b, 0) / ratings.length) : 0) },
    careerOutcomes: await careerOutcomes(db, query, inPeriod(sql`f.answered_at`)),
    creditEquity: {
      experts: shownCount(flows.length),
      topTenthShare: shownOver(flows.length, round(topShare(given, 0.1), 3)),
      gini: shownOver(flows.length, round(gini(given), 3)),
      byExpert: flows,
    },
  };
}

/**
 * Hours each expert (a member with a profile, about the category when one is asked for) gave and
 * received through exchanges posted in the period, from the ledger itself.
 */
async function expertFlows(db: Database, query: ReportQuery, transferInPeriod: SQL): Promise<ExpertFlow[]> {
  const rows = await db.all<{ profile_id: string; display_name: string; given: number; received: number }>(sql`
    SELECT p.id AS profile_id, p.display_name,
      coalesce((SELECT sum(t.amount_minutes) FROM credit_transfers t WHERE t.library_id = p.library_id AND t.kind = 'exchange' AND t.state = 'posted'
        AND t.credit_account_id = 'acc_' || p.member_id AND ${transferInPeriod}), 0) AS given,
      coalesce((SELECT sum(t.amount_minutes) FROM credit_transfers t WHERE t.library_id = p.library_id AND t.kind = 'exchange' AND t.state = 'posted'
        AND t.debit_account_id = 'acc_' || p.member_id AND ${transferInPeriod}), 0) AS received
    FROM profiles p JOIN members m ON m.id = p.member_id
    WHERE p.library_id = ${query.libraryId} AND m.erased_at IS NULL
      ${query.categoryId ? sql`AND EXISTS (SELECT 1 FROM profile_categories pc WHERE pc.profile_id = p.id AND pc.category_id = ${query.categoryId})` : sql``}`);
  return rows
    .map((row) => {
      const hoursGiven = round(Number(row.given) / 60);
      const hoursReceived = round(Number(row.received) / 60);
      return { profileId: row.profile_id, displayName: row.display_name, hoursGiven, hoursReceived, net: round(hoursGiven - hoursReceived) };
    })
    .sort((a, b) => b.hoursGiven - a.hoursGiven || a.displayName.localeCompare(b.displayName));
}

/** For each category and skill: published profiles offering it, against skill requests of the period asking for it. */
async function supplyAndDemand(db: Database, query: ReportQuery, requestInPeriod: SQL): Promise<ReportSummary['supplyAndDemand']> {
  const categoryFilter = query.categoryId ? sql`AND c.id = ${query.categoryId}` : sql``;
  const skillFilter = query.categoryId ? sql`AND s.category_id = ${query.categoryId}` : sql``;
  const [categories, skills] = await Promise.all([
    db.all<{ slug: string; name: string; offering: number; asking: number }>(sql`
      SELECT c.slug, c.name,
        (SELECT count(*) FROM profile_categories pc JOIN profiles p ON p.id = pc.profile_id WHERE pc.category_id = c.id AND p.status = 'published') AS offering,
        (SELECT count(*) FROM skill_requests r WHERE r.category_id = c.id AND ${requestInPeriod}) AS asking
      FROM categories c WHERE c.library_id = ${query.libraryId} AND c.merged_into_id IS NULL AND c.retired_at IS NULL ${categoryFilter} ORDER BY c.name`),
    db.all<{ slug: string; name: string; offering: number; asking: number }>(sql`
      SELECT s.slug, s.name,
        (SELECT count(*) FROM profile_skills ps JOIN profiles p ON p.id = ps.profile_id WHERE ps.skill_id = s.id AND p.status = 'published') AS offering,
        (SELECT count(*) FROM request_skills rs JOIN skill_requests r ON r.id = rs.request_id WHERE rs.skill_id = s.id AND ${requestInPeriod}) AS asking
      FROM skills s WHERE s.library_id = ${query.libraryId} AND s.merged_into_id IS NULL AND s.retired_at IS NULL ${skillFilter} ORDER BY s.name`),
  ]);
  const shown = (row: { slug: string; name: string; offering: number; asking: number }) => ({
    slug: row.slug,
    name: row.name,
    profilesOffering: shownCount(Number(row.offering)),
    requestsAsking: shownCount(Number(row.asking)),
  });
  return { categories: categories.map(shown), skills: skills.map(shown) };
}

/**
 * Each follow-up answered in the period by an expert (about the category when asked), beside her
 * baseline: answers are read by question id (`confidence`, `promotion`, `new_role`,
 * `new_responsibilities`), so a coordinator's new version that keeps the ids keeps the series.
 */
async function careerOutcomes(db: Database, query: ReportQuery, answeredInPeriod: SQL): Promise<ReportSummary['careerOutcomes']> {
  const rows = await db.all<{ kind: string; answers: string; baseline: string | null }>(sql`
    SELECT f.kind, f.answers,
      (SELECT b.answers FROM surveys b WHERE b.member_id = f.member_id AND b.kind = 'baseline' AND b.answered_at IS NOT NULL ORDER BY b.answered_at LIMIT 1) AS baseline
    FROM surveys f
    WHERE f.library_id = ${query.libraryId} AND f.kind IN ('follow_up_3m', 'follow_up_6m') AND f.answered_at IS NOT NULL AND ${answeredInPeriod}
      ${query.categoryId ? sql`AND EXISTS (SELECT 1 FROM profiles p JOIN profile_categories pc ON pc.profile_id = p.id WHERE p.member_id = f.member_id AND pc.category_id = ${query.categoryId})` : sql``}`);
  const outcome = (kind: string): CareerOutcome => {
    const answered = rows.filter((row) => row.kind === kind).map((row) => ({ now: JSON.parse(row.answers) as Record<string, unknown>, then: row.baseline ? (JSON.parse(row.baseline) as Record<string, unknown>) : null }));
    const changes = answered.flatMap(({ now, then }) => (typeof now.confidence === 'number' && typeof then?.confidence === 'number' ? [now.confidence - then.confidence] : []));
    const yesNo = (question: string) => {
      const said = answered.map(({ now }) => now[question]).filter((answer) => typeof answer === 'boolean');
      const yes = said.filter(Boolean).length;
      return shownGroup(said.length, { yes, no: said.length - yes }).cells;
    };
    return {
      experts: shownCount(answered.length),
      confidenceChange: shownOver(changes.length, changes.length ? round(changes.reduce((a, b) => a + b, 0) / changes.length) : 0),
      promotion: yesNo('promotion'),
      newRole: yesNo('new_role'),
      newResponsibilities: yesNo('new_responsibilities'),
    };
  };
  return { threeMonths: outcome('follow_up_3m'), sixMonths: outcome('follow_up_6m') };
}
