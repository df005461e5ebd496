import type { Logger } from './logger.js';

/**
 * The Node server's log: one JSON line a record, as `consoleLogger` writes them, but gathered and
 * written to stdout once a turn of the event loop rather than once a line. With stdout a pipe (a
 * container's log, systemd's journal) every write is a system call of its own: under load the
 * request log cost 20 to 30 µs of CPU a request, a twentieth of a remembered listing's whole cost
 * on the server (`npm run bench:api -- --logs pipe`). A crash loses at most the lines of the turn
 * under way; a process that exits, however it exits, writes them first.
 */
export function stdoutLogger(): Logger {
  const record = (level: string, message: string, fields?: Record<string, unknown>) =>
    queue(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return {
    info: (message, fields) => record('info', message, fields),
    error: (message, fields) => record('error', message, fields),
  };
}

/** One queue for the process, however many servers and workers it runs: lines stay in order. */
let pending: string[] = [];
let listening = false;

function queue(line: string): void {
  if (pending.length === 0) setImmediate(flush);
  pending.push(line);
  if (!listening) {
    listening = true;
    process.on('exit', flush);
  }
}

function flush(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}
