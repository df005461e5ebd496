import Database from 'libsql';

/**
 * @libsql/client prepares every statement afresh, each time it runs: SQLite parses and plans the
 * SQL again, 30 to 45 µs for the listing's and a write's statements on this project's machine,
 * against about 5 µs to run one already prepared. Our statements are a few hundred fixed strings
 * run over and over, so each connection keeps the ones it has prepared, by their SQL, as
 * rusqlite's `prepare_cached` does. A kept statement is safe to run again: the client runs each
 * to its end (or its error) before the next, and SQLite prepares it again by itself when the
 * schema changes under it.
 */
const KEPT_PER_CONNECTION = 500;

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection['prepare']>;
const kept = new WeakMap<Connection, Map<string, Statement>>();
let installed = false;

/** Makes every libSQL connection in this process keep its prepared statements. */
export function keepPreparedStatements(): void {
  if (installed) return;
  installed = true;
  const prepare = Database.prototype.prepare;
  function keptPrepare(this: Connection, sql: string): Statement {
    let statements = kept.get(this);
    if (!statements) kept.set(this, (statements = new Map()));
    const statement = statements.get(sql);
    if (statement) {
      // Most recently used last, so the one dropped when the map is full is the least used lately.
      statements.delete(sql);
      statements.set(sql, statement);
      return statement;
    }
    const prepared = prepare.call(this, sql);
    statements.set(sql, prepared);
    if (statements.size > KEPT_PER_CONNECTION) statements.delete(statements.keys().next().value!);
    return prepared;
  }
  // The library's signature is generic over the statement's parameters, which a cache cannot know.
  Database.prototype.prepare = keptPrepare as Connection['prepare'];
}
