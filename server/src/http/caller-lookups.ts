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
 * remembered row is used only while its stamp is unchanged: a random value the database gives the
 * row anew on every insert and update, by triggers (migration 0016), so any change to any column,
 * made by any instance on the database, by the operator's CLI or by hand, shows at the very next
 * request. A rotated key no longer finds its partner, a removed one fails `removed_at IS NULL`.
 * Versions alone would miss columns the API does not show (a library's lapse days); a TTL would
 * leave a rotated key working on other instances until it ran out. (The stamp was the whole row
 * as one JSON array before: the same guarantee, at three times the cost of reading one value.)
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

  /**
   * The live partner holding this key, if any; and, when the request names a library (`slug`) and
   * both rows are remembered, that library too, both checked in one statement: a read of the
   * database costs the client about as much again as the SQLite work, so the listing's two checks
   * as one cost about 50 µs less. `library` is left out when it was not checked here.
   */
  async partner(kind: Exclude<KeyKind, 'jwt'>, key: string, slug?: string): Promise<{ partner?: PartnerRow; library?: LibraryRow }> {
    const id = `${kind}:${key}`;
    const known = this.#partners.get(id);
    if (known) {
      const hash = kind === 'publishable' ? known.row.publishableKeyHash : known.row.secretKeyHash;
      const library = slug === undefined ? undefined : this.#libraries.get(slug);
      if (library) {
        const { rows } = await this.db.$client.execute({ sql: BOTH_STAMPS[kind], args: [known.row.id, hash, slug!] });
        if (rows[0]?.partner === known.stamp) return { partner: known.row, ...(rows[0]?.library === library.stamp ? { library: library.row } : {}) };
      } else if ((await this.#stamp(PARTNER_STAMP[kind], [known.row.id, hash])) === known.stamp) return { partner: known.row };
    }
    this.#partners.delete(id);
    const hash = await hashSecret(key);
    const [found] = await this.#rowWithStamp(partners, sql`${kind === 'publishable' ? sql`publishable_key_hash` : sql`secret_key_hash`} = ${hash} AND removed_at IS NULL`);
    if (found) remember(this.#partners, id, found, this.maxEntries);
    return found ? { partner: found.row } : {};
  }

  /**
   * The matching row's stamp; undefined when no row matches. Sent to the client as prepared text:
   * building the statement through the query builder on every request cost more than running it.
   */
  async #stamp(query: string, args: (string | null)[]): Promise<string | undefined> {
    const { rows } = await this.db.$client.execute({ sql: query, args });
    return rows[0]?.stamp as string | undefined;
  }

  /** The rows and their stamps read in one statement, so that no change can fall between them. */
  async #rowWithStamp<T extends typeof libraries | typeof partners>(table: T, where: SQL): Promise<Remembered<T['$inferSelect']>[]> {
    const rows = await this.db
      .select({ row: getTableColumns(table) as T['_']['columns'], stamp: table.stamp })
      .from(table as SQLiteTable)
      .where(where);
    return rows as Remembered<T['$inferSelect']>[];
  }
}

const LIBRARY_STAMP = 'SELECT stamp FROM libraries WHERE slug = ?';
const PARTNER_STAMP = {
  publishable: 'SELECT stamp FROM partners WHERE id = ? AND removed_at IS NULL AND publishable_key_hash = ?',
  secret: 'SELECT stamp FROM partners WHERE id = ? AND removed_at IS NULL AND secret_key_hash = ?',
};
const BOTH_STAMPS = {
  publishable: `SELECT (${PARTNER_STAMP.publishable}) AS partner, (${LIBRARY_STAMP}) AS library`,
  secret: `SELECT (${PARTNER_STAMP.secret}) AS partner, (${LIBRARY_STAMP}) AS library`,
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
