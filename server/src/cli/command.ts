import type { ParseArgsConfig } from 'node:util';

/** Where a command writes, and the environment it reads: the real ones, or a test's. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | string[] | boolean | undefined>;

/** One `talking-library <name>` command: its help text, its options and what it does. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The options part of `Usage: talking-library <name> …`. */
  synopsis: string;
  /** More lines for `--help`: what each option means, what is printed. */
  details?: string;
  options: Options;
  run(values: Values, io: Io): Promise<void>;
}

/** The command line is wrong (a missing or unknown option, a bad value): exit code 2, with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command could not do its work (an unknown library, a file in the way): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The string value of a required option, or a usage error naming it. */
export function required(values: Values, option: string): string {
  const value = values[option];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${option} is required`);
  return value.trim();
}

export function optional(values: Values, option: string): string | undefined {
  const value = values[option];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Checks a value with the contract's schema; its message names the option. */
export function check<T>(option: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${option}: ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return parsed.data;
}
