import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';

/**
 * Group commit for an embedded database file: the writes that arrive together (write batches and
 * single INSERT/UPDATE/DELETE statements, from every request in flight) run in ONE transaction
 * with ONE commit, so one sync to disk, instead of one each. Each write still stands alone: it runs
 * inside its own savepoint, so a write that fails is rolled back by itself, as its own batch would
 * have been, and the others in the group commit. No write is answered before the commit that holds
 * it has returned, so nothing is acknowledged that a crash could lose under `synchronous=FULL`.
 *
 * The writes run in the order they arrived, each seeing those before it: the same as running them
 * one after another. Reads are not queued: under WAL they read the last commit on another
 * connection, and a request reads its own write only after that write was answered, i.e. committed.
 *
 * Only for a local file, where a commit is a sync to disk and the driver runs statements on this
 * thread. A remote libSQL (sqld, Turso) gets the client as it is.
 */
export function groupCommit(client: Client, options: { maxWritesPerCommit?: number } = {}): Client {
  return new GroupCommitClient(client, options.maxWritesPerCommit ?? 64);
}

/** One queued write: its statements, and whether it answers as a batch (an array) or a single statement. */
interface Write {
  statements: InStatement[];
  batch: boolean;
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
}

/** Statements that change rows and may share a transaction; anything else (PRAGMA, VACUUM, DDL) runs as it is. */
const ROW_WRITE = /^\s*(insert|update|delete|replace)\b/i;

/** What a group-committing client has done: writes answered, and the commits they took. */
export interface GroupCommitStats {
  writes: number;
  commits: number;
}

/** The counts of a client `groupCommit` made; undefined for any other client. */
export function groupCommitStats(client: Client): Readonly<GroupCommitStats> | undefined {
  return client instanceof GroupCommitClient ? client.stats : undefined;
}

class GroupCommitClient implements Client {
  readonly stats: GroupCommitStats = { writes: 0, commits: 0 };
  #queue: Write[] = [];
  /** The group being written, so a write outside the queue waits for it rather than for the file's lock. */
  #flushing: Promise<void> | undefined;
  #scheduled = false;

  constructor(
    private readonly inner: Client,
    private readonly maxWrites: number,
  ) {}

  get closed(): boolean {
    return this.inner.closed;
  }

  get protocol(): string {
    return this.inner.protocol;
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const statement: InStatement = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const sql = typeof statement === 'string' ? statement : statement.sql;
    if (!ROW_WRITE.test(sql)) {
      if (!/^\s*(select|with)\b/i.test(sql)) await this.#idle();
      return this.inner.execute(statement);
    }
    const [result] = await this.#enqueue([statement], false);
    return result!;
  }

  async batch(statements: (InStatement | [string, InArgs?])[], mode?: TransactionMode): Promise<ResultSet[]> {
    if (mode === 'read') return this.inner.batch(statements, mode);
    const normalized = statements.map((s): InStatement => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
    return this.#enqueue(normalized, true);
  }

  async migrate(statements: InStatement[]): Promise<ResultSet[]> {
    await this.#idle();
    return this.inner.migrate(statements);
  }

  async transaction(mode?: TransactionMode): Promise<Transaction> {
    await this.#idle();
    return this.inner.transaction(mode);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#idle();
    return this.inner.executeMultiple(sql);
  }

  sync(): ReturnType<Client['sync']> {
    return this.inner.sync();
  }

  async reconnect(): Promise<void> {
    await this.#idle();
    return this.inner.reconnect();
  }

  close(): void {
    this.inner.close();
    const waiting = this.#queue.splice(0);
    for (const write of waiting) write.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
  }

  #enqueue(statements: InStatement[], batch: boolean): Promise<ResultSet[]> {
    if (this.inner.closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, batch, resolve, reject });
      this.#schedule();
    });
  }

  /** Writes wait for the end of this turn of the event loop, so that every request that reached its write by then joins the group. */
  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = undefined;
        if (this.#queue.length) this.#schedule();
      });
    });
  }

  async #idle(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #flush(): Promise<void> {
    const group = this.#queue.splice(0, this.maxWrites);
    if (group.length === 0) return;
    let tx: Transaction;
    try {
      tx = await this.inner.transaction('write');
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    const done: { write: Write; results: ResultSet[] }[] = [];
    let next = 0;
    try {
      for (; next < group.length; next++) {
        const write = group[next]!;
        const outcome = await runInSavepoint(tx, write);
        if (outcome.kind === 'done') done.push({ write, results: outcome.results });
        else if (outcome.kind === 'failed') write.reject(outcome.error);
        else {
          // The failure took the whole transaction with it (SQLite rolls back on some errors):
          // the writer is told, and the others, of which nothing was committed, run again.
          write.reject(outcome.error);
          this.#queue.unshift(...done.map((d) => d.write), ...group.slice(next + 1));
          return;
        }
      }
      await tx.commit();
      this.stats.commits++;
      this.stats.writes += done.length;
    } catch (error) {
      // Nothing of the group was committed: none of its writes is answered as done.
      for (const write of [...done.map((d) => d.write), ...group.slice(next)]) write.reject(error);
      return;
    } finally {
      tx.close();
    }
    for (const { write, results } of done) write.resolve(results);
  }
}

type Outcome = { kind: 'done'; results: ResultSet[] } | { kind: 'failed'; error: unknown } | { kind: 'lost'; error: unknown };

/** Runs one write inside a savepoint of the group's transaction: all of it, or (rolled back to the savepoint) none. */
async function runInSavepoint(tx: Transaction, write: Write): Promise<Outcome> {
  await tx.execute('SAVEPOINT one_write');
  const results: ResultSet[] = [];
  for (let i = 0; i < write.statements.length; i++) {
    try {
      results.push(await tx.execute(write.statements[i]!));
    } catch (error) {
      const reported = write.batch ? asBatchError(error, i) : error;
      try {
        await tx.execute('ROLLBACK TO one_write');
        await tx.execute('RELEASE one_write');
      } catch {
        return { kind: 'lost', error: reported };
      }
      return { kind: 'failed', error: reported };
    }
  }
  await tx.execute('RELEASE one_write');
  return { kind: 'done', results };
}

/** What the client's own `batch` throws: the error, naming the statement that failed. */
function asBatchError(error: unknown, index: number): unknown {
  if (!(error instanceof LibsqlError) || error instanceof LibsqlBatchError) return error;
  return new LibsqlBatchError(error.message, index, error.code, error.extendedCode, error.rawCode, error.cause instanceof Error ? error.cause : undefined);
}
