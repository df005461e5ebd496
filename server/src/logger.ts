/** Structured, one line a record. Nothing secret is ever passed in: callers log ids, not tokens. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function consoleLogger(): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return {
    info: (message, fields) => write('info', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export const silentLogger: Logger = { info() {}, error() {} };

/**
 * An error as a log line may carry it: its kind, message and stack, without the user's words.
 * A failed query's message lists its parameters (search words, names, emails): we keep the SQL,
 * which is ours, drop the parameters, and blank quoted text in the database's own message.
 */
export function errorForLog(error: unknown): string {
  if (!(error instanceof Error)) return 'a non-Error value was thrown';
  const redact = (text: string) => text.replace(/"[^"]*"|'[^']*'/g, '"…"');
  const withoutParams = (text: string) => text.replace(/\nparams: [^\n]*/g, '\nparams: (not logged)');
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  const cause = error.cause instanceof Error ? `\ncaused by ${error.cause.name}: ${redact(error.cause.message)}` : '';
  return [`${error.name}: ${withoutParams(error.message)}`, ...frames].join('\n') + cause;
}
