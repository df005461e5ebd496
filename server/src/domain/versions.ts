import { inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * Every versioned row (library, category, skill, partner, profile) has a `version` that the write
 * changing what the API shows of it bumps, in the same statement. Callers who read a version may
 * ask for a change only if the row is still at it.
 */

/** `version + 1`, for the SET of the statement that makes a change. */
export const bumped = (version: SQLiteColumn): SQL => sql`${version} + 1`;

/**
 * The WHERE condition of a guarded write: the row is still at one of the versions the caller
 * read. Undefined (no condition) when the caller gave none; an empty list matches nothing.
 */
export const atVersion = (version: SQLiteColumn, expected: readonly number[] | undefined): SQL | undefined =>
  expected === undefined ? undefined : inArray(version, [...expected]);

/**
 * For the other statements of a guarded write done as a batch: true while the row is still at
 * one of the expected versions. Put the row's own guarded, bumping UPDATE last, so every
 * statement before it sees the version the caller read, and all or none of them change.
 */
export function whileAt(table: 'libraries' | 'categories' | 'skills' | 'profiles' | 'partners', id: string, expected: readonly number[] | undefined): SQL {
  if (expected === undefined) return sql`1`;
  if (expected.length === 0) return sql`0`;
  return sql`EXISTS (SELECT 1 FROM ${sql.identifier(table)} AS guarded WHERE guarded.id = ${id} AND guarded.version IN (${sql.join(
    expected.map((v) => sql`${v}`),
    sql`, `,
  )}))`;
}
