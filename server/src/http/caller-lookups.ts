import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../db/index.js';
import { libraries, partners } from '../db/schema.js';
import { NotFoundError } from '../domain/errors.js';
import type { LibraryRow } from '../domain/libraries.js';
import type { KeyKind, PartnerRow } from '../domain/partners.js';
import { hashSecret } from '../domain/secrets.js';

/**
 * The library row and the partner behind a key, which every request on a library's routes needs:
 * remembered between requests, and checked against the database on each use.
 *
 * Reading a whole row costs the client library a value object for each of its thirty-odd
 * columns, and a key's lookup hashes the key first: about ten times what one value costs. So a
 * remembered row is used only while the same row, read back as one value (all its columns in a
 * JSON array, built by the database), is unchanged: any change to any column, made by any
 * instance on the database, by the operator's CLI or by hand, shows at the very next request. A
 * rotated key no longer finds its partner, a removed one fails `removed_at IS NULL`. Versions
 * alone would miss columns the API does not show (a library's lapse days); a TTL would leave a
 * rotated key working on other instances until it ran out.
 */
export class CallerLookups {
  readonly #libraries = new Map<string, Remembered<LibraryRow>>();
  /** By kind and the key itself: hashing it again is part of what this saves. */
  readonly #partners = new Map<string, Remembered<PartnerRow>>();

  constructor(
    private readonly db: Database,
    private readonly maxEntries = 1000,
  ) {}

  /** The library with this slug; NotFoundError when there is none. */
  async library(slug: string): Promise<LibraryRow> {
    const known = this.#libraries.get(slug);
    if (known && (await this.#stamp(LIBRARY_STAMP, [slug])) === known.stamp) return known.row;
    const [found] = await this.#rowWithStamp(libraries, sql`slug = ${slug}`);
    if (!found) throw new NotFoundError('library', slug);
    remember(this.#libraries, slug, found, this.maxEntries);
    return found.row;
  }

  /** The live partner holding this key, if any. */
  async partner(kind: Exclude<KeyKind, 'jwt'>, key: string): Promise<PartnerRow | undefined> {
    const id = `${kind}:${key}`;
    const known = this.#partners.get(id);
    if (known) {
      const hash = kind === 'publishable' ? known.row.publishableKeyHash : known.row.secretKeyHash;
      if ((await this.#stamp(PARTNER_STAMP[kind], [known.row.id, hash])) === known.stamp) return known.row;
    }
    this.#partners.delete(id);
    const hash = await hashSecret(key);
    const [found] = await this.#rowWithStamp(partners, sql`${kind === 'publishable' ? sql`publishable_key_hash` : sql`secret_key_hash`} = ${hash} AND removed_at IS NULL`);
    if (found) remember(this.#partners, id, found, this.maxEntries);
    return found?.row;
  }

  /**
   * Every column of the matching row as one JSON array; undefined when no row matches. Sent to the
   * client as prepared text: building the statement through the query builder on every request
   * cost more than running it.
   */
  async #stamp(query: string, args: (string | null)[]): Promise<string | undefined> {
    const { rows } = await this.db.$client.execute({ sql: query, args });
    return rows[0]?.stamp as string | undefined;
  }

  /** The rows and their stamps read in one statement, so that no change can fall between them. */
  async #rowWithStamp<T extends typeof libraries | typeof partners>(table: T, where: SQL): Promise<Remembered<T['$inferSelect']>[]> {
    const rows = await this.db
      .select({ row: getTableColumns(table) as T['_']['columns'], stamp: sql<string>`${stampOf(table)}` })
      .from(table as SQLiteTable)
      .where(where);
    return rows as Remembered<T['$inferSelect']>[];
  }
}

const stampOf = (table: SQLiteTable) => sql`json_array(${sql.join(Object.values(getTableColumns(table)).map((column) => sql.identifier(column.name)), sql`, `)})`;
/** The same expression as `stampOf`, as SQL text, so the database builds the same JSON for both. */
const stampText = (table: SQLiteTable) => `json_array(${Object.values(getTableColumns(table)).map((column) => `"${column.name}"`).join(', ')})`;
const LIBRARY_STAMP = `SELECT ${stampText(libraries)} AS stamp FROM libraries WHERE slug = ?`;
const PARTNER_STAMP = {
  publishable: `SELECT ${stampText(partners)} AS stamp FROM partners WHERE id = ? AND removed_at IS NULL AND publishable_key_hash = ?`,
  secret: `SELECT ${stampText(partners)} AS stamp FROM partners WHERE id = ? AND removed_at IS NULL AND secret_key_hash = ?`,
};

interface Remembered<T> {
  row: T;
  stamp: string | undefined;
}

/** Keeps a row, shared by the requests that follow, so frozen; past `max` entries the oldest goes. */
function remember<T extends object>(entries: Map<string, Remembered<T>>, key: string, remembered: Remembered<T>, max: number): void {
  if (entries.size >= max) entries.delete(entries.keys().next().value!);
  Object.freeze(remembered.row);
  entries.set(key, remembered);
}
