import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { backup } from './backup.js';
import { CommandError, EXIT, UsageError, type Command, type Io } from './command.js';
import { createCoordinatorCommand } from './create-coordinator.js';
import { createLibraryCommand } from './create-library.js';
import { createPartnerCommand } from './create-partner.js';
import { exportLibraryCommand } from './export-library.js';
import { ledgerCheckCommand } from './ledger-check.js';
import { listPartnersCommand } from './list-partners.js';
import { migrate } from './migrate.js';
import { removePartnerCommand } from './remove-partner.js';
import { rotatePartnerCommand } from './rotate-partner.js';
import { seed } from './seed.js';
import { serve } from './serve.js';
import { workerCommand } from './worker.js';

export const COMMANDS: readonly Command[] = [
  serve,
  workerCommand,
  migrate,
  seed,
  createLibraryCommand,
  createCoordinatorCommand,
  createPartnerCommand,
  listPartnersCommand,
  rotatePartnerCommand,
  removePartnerCommand,
  backup,
  exportLibraryCommand,
  ledgerCheckCommand,
];

const ENVIRONMENT = `Environment: DATABASE_URL (default file:./data/talking-library.db), DATABASE_AUTH_TOKEN, PORT (default 8787),
HOST (default 127.0.0.1 in development), NODE_ENV, PUBLIC_URL and SECRET_KEY (both required in production; in development
the key is generated beside the database), SMTP_URL (required in production; without it, mail goes to the development
outbox at /dev/outbox), MAIL_FROM, TRUST_PROXY, TRUSTED_PROXY_HOPS, RATE_LIMIT_SIGN_IN_PER_MINUTE, RATE_LIMIT_CODES_PER_EMAIL,
RATE_LIMIT_WRITES_PER_MINUTE, RATE_LIMIT_READS_PER_MINUTE. Exit codes: 0 done, 1 failed, 2 wrong usage.`;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: talking-library <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun talking-library <command> --help for its options.\n\n${ENVIRONMENT}`;
}

export function commandUsage(command: Command): string {
  const head = `Usage: talking-library ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`;
  return command.details ? `${head}\n\n${command.details}` : head;
}

/** Runs one command line and returns the exit code: 0 done, 1 failed, 2 wrong usage. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...afterFirst] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    io.out(usage());
    return EXIT.ok;
  }
  // A command may be two words (`ledger check`): a group and what to do in it.
  const twoWords = COMMANDS.some((c) => c.name === `${first} ${afterFirst[0]}`);
  const name = twoWords ? `${first} ${afterFirst[0]}` : first;
  const rest = twoWords ? afterFirst.slice(1) : afterFirst;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`talking-library: there is no command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseCommandLine(command, rest);
    if (values.help) {
      io.out(commandUsage(command));
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await command.run(values, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`talking-library ${command.name}: ${error.message}\n\n${commandUsage(command)}`);
      return EXIT.usage;
    }
    io.err(`talking-library ${command.name}: ${failureMessage(error)}`);
    return EXIT.failure;
  }
}

function parseCommandLine(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs says what is wrong ("Unknown option '--sluggy'", "Option '--slug <value>' argument missing").
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** Known failures read as a sentence; anything else is a bug, and its stack helps whoever reports it. */
function failureMessage(error: unknown): string {
  if (error instanceof CommandError || error instanceof ConfigError || error instanceof DomainError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
