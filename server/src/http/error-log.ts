import { DrizzleQueryError } from 'drizzle-orm';

/**
 * What a failed request's log line says about its error. Database errors are where user text
 * hides: drizzle's message lists the query's parameters (search words, names, emails) and
 * SQLite's own messages can quote them (`fts5: syntax error near "…"`). For those we keep the
 * class, the code and the SQL with its placeholders, and the stack frames without the messages.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const query = error instanceof DrizzleQueryError ? error.query : undefined;
  const database = causes(error).find(isLibsqlError);
  if (query === undefined && !database) return { error: error.name, message: error.message, stack: frames(error) };
  return {
    error: error.name,
    ...(database && { cause: database.name, code: database.code, ...(database.extendedCode ? { extendedCode: database.extendedCode } : {}) }),
    ...(query !== undefined && { sql: query }),
    stack: frames(error),
  };
}

interface LibsqlErrorLike extends Error {
  code: string;
  extendedCode?: string;
}

// By name: the class lives in @libsql/core, whose Node and web clients each bundle a copy.
function isLibsqlError(error: Error): error is LibsqlErrorLike {
  return error.name === 'LibsqlError' || error.name === 'LibsqlBatchError';
}

function causes(error: Error): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
  return chain;
}

/** The stack's `at …` lines only: the first lines repeat the message. */
function frames(error: Error): string {
  return (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}
