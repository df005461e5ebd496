import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** A page of a list in a stable order: at most `limit` items after the sort key `after`. */
export interface KeysetPage {
  limit: number;
  /** The sort key (e.g. creation time and id) of the last item of the previous page. */
  after?: readonly [string, string] | undefined;
}

export interface Paged<T> {
  items: T[];
  /** The key to continue after, or null on the last page. */
  next: [string, string] | null;
}

/** `(first, second) > after`, for lists ordered by two columns ascending. */
export function afterKey(first: SQLiteColumn | SQL, second: SQLiteColumn, after: KeysetPage['after']): SQL | undefined {
  if (!after) return undefined;
  return sql`(${first}, ${second}) > (${after[0]}, ${after[1]})`;
}

/** `(first, second) < before`, for lists ordered by two columns descending (newest first). */
export function beforeKey(first: SQLiteColumn | SQL, second: SQLiteColumn | SQL, before: KeysetPage['after']): SQL | undefined {
  if (!before) return undefined;
  return sql`(${first}, ${second}) < (${before[0]}, ${before[1]})`;
}

/** Rows fetched with `limit + 1`: the page, and whether (and after what) another follows. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => [string, string], map: (rows: R[]) => T[] | Promise<T[]>): Promise<Paged<T>> {
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? key(page.at(-1)!) : null;
  return Promise.resolve(map(page)).then((items) => ({ items, next }));
}
