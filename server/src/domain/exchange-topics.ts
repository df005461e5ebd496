import { sql, type SQL } from 'drizzle-orm';

/**
 * What an exchange (`e` in the query) was about, as SQL tests for the learning feed, the reports
 * and the export: its skill request's category and skills when it was booked from the board,
 * else its expert's profile's.
 */
export const exchangeAbout = (request: SQL, profile: SQL) => sql`(CASE WHEN e.request_id IS NOT NULL THEN EXISTS (${request}) ELSE EXISTS (${profile}) END)`;

export const exchangeAboutCategory = (categoryId: string) =>
  exchangeAbout(
    sql`SELECT 1 FROM skill_requests r WHERE r.id = e.request_id AND r.category_id = ${categoryId}`,
    sql`SELECT 1 FROM profile_categories pc WHERE pc.profile_id = e.profile_id AND pc.category_id = ${categoryId}`,
  );

/** `column` within the period: `from` inclusive, `to` exclusive, either open when absent. */
export function withinPeriod(column: SQL, period: { from?: string | undefined; to?: string | undefined }): SQL {
  return sql.join([sql`1 = 1`, ...(period.from ? [sql`${column} >= ${period.from}`] : []), ...(period.to ? [sql`${column} < ${period.to}`] : [])], sql` AND `);
}
