import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { findLibrary, type LibraryRow } from '../domain/libraries.js';
import { findPartnerByKey, type KeyKind, type PartnerRow } from '../domain/partners.js';

/**
 * The library row and the partner behind a key, which every request on a library's routes needs:
 * remembered between requests, and checked against the database on each use.
 *
 * Reading a whole row (a library has some thirty columns, a key's lookup hashes it first) costs
 * about ten times what reading back its version does, so a remembered row is used only while a
 * one-row, few-column read says it is still current: the library at the same version and search
 * key, the partner at the same version, still holding that key and not removed. Every change
 * the API shows bumps a row's version (versions.ts), whichever instance made it, so another
 * `serve` process on the same database sees a rotated key, a removed partner or a new taxonomy
 * with its very next request: nothing waits out a TTL. A shorter cache (a TTL without checks)
 * would leave a rotated key working on other instances until it expired.
 */
export class CallerLookups {
  readonly #libraries = new Map<string, LibraryRow>();
  /** By kind and the key itself: hashing it again is part of what this saves. */
  readonly #partners = new Map<string, PartnerRow>();

  constructor(
    private readonly db: Database,
    private readonly maxEntries = 1000,
  ) {}

  /** The library with this slug; NotFoundError when there is none. */
  async library(slug: string): Promise<LibraryRow> {
    const known = this.#libraries.get(slug);
    if (known) {
      const [current] = await this.db.all<{ id: string; version: number; searchKey: number | null }>(
        sql`SELECT id, version, search_key AS searchKey FROM libraries WHERE slug = ${slug}`,
      );
      if (current && current.id === known.id && current.version === known.version && current.searchKey === known.searchKey) return known;
      this.#libraries.delete(slug);
    }
    const row = await findLibrary(this.db, slug);
    remember(this.#libraries, slug, row, this.maxEntries);
    return row;
  }

  /** The live partner holding this key, if any. */
  async partner(kind: Exclude<KeyKind, 'jwt'>, key: string): Promise<PartnerRow | undefined> {
    const id = `${kind}:${key}`;
    const known = this.#partners.get(id);
    if (known) {
      const hash = kind === 'publishable' ? sql`publishable_key_hash = ${known.publishableKeyHash}` : sql`secret_key_hash = ${known.secretKeyHash}`;
      const [current] = await this.db.all<{ version: number }>(sql`SELECT version FROM partners WHERE id = ${known.id} AND ${hash} AND removed_at IS NULL`);
      if (current?.version === known.version) return known;
      this.#partners.delete(id);
    }
    const row = await findPartnerByKey(this.db, kind, key);
    if (row) remember(this.#partners, id, row, this.maxEntries);
    return row;
  }
}

/** Keeps a row, shared by the requests that follow, so frozen; past `max` entries the oldest goes. */
function remember<T extends object>(entries: Map<string, T>, key: string, row: T, max: number): void {
  if (entries.size >= max) entries.delete(entries.keys().next().value!);
  entries.set(key, Object.freeze(row));
}
