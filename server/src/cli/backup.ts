import { existsSync } from 'node:fs';
import { chmod, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { CommandError, required, type Command } from './command.js';

export const backup: Command = {
  name: 'backup',
  summary: 'write a consistent copy of the database, even while servers use it, and check it',
  synopsis: '--to <file>',
  details: [
    '  --to           the new file; an existing file is never overwritten',
    'Copies with VACUUM INTO (one read transaction, so writes going on meanwhile are in or out whole),',
    'then runs PRAGMA integrity_check on the copy. The copy holds personal data: it is made mode 0600.',
    'For a libSQL server or Turso, use their own backups.',
  ].join('\n'),
  options: { to: { type: 'string' } },
  async run(values, io) {
    const target = resolve(required(values, 'to'));
    const config = loadConfig(io.env);
    if (!config.databaseUrl.startsWith('file:')) throw new CommandError(`backup copies an embedded database file; ${config.databaseUrl.split('?')[0]} is a server (use its own backups).`);
    if (existsSync(target)) throw new CommandError(`${target} exists already; backup never overwrites a file. Choose another name.`);
    const { client, close } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
    try {
      await client.execute({ sql: 'VACUUM INTO ?', args: [target] });
    } catch (error) {
      throw new CommandError(`Could not write ${target}: ${(error as Error).message}`);
    } finally {
      close();
    }
    await chmod(target, 0o600);
    const copy = createClient({ url: `file:${target}` });
    let problems: string[];
    try {
      const result = await copy.execute('PRAGMA integrity_check');
      problems = result.rows.map((row) => String(row[0])).filter((line) => line !== 'ok');
    } finally {
      copy.close();
    }
    if (problems.length > 0) {
      await rm(target, { force: true });
      throw new CommandError(`The copy failed its integrity check, so it was deleted:\n  ${problems.join('\n  ')}`);
    }
    io.out(`Backed up to ${target} (${(await stat(target)).size} bytes); integrity check: ok.`);
  },
};
