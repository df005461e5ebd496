import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findLibrary } from '../domain/libraries.js';
import { exportLibrary } from '../domain/library-export.js';
import { CommandError, optional, required, type Command } from './command.js';
import { withDatabase } from './database.js';

export const exportLibraryCommand: Command = {
  name: 'export-library',
  summary: 'write one library as JSON: library, taxonomy, profiles, partners (no keys), members (no sessions)',
  synopsis: '--library <slug> [--to <file>]',
  details: '  --to           write here (mode 0600; never overwriting) instead of to standard output',
  options: { library: { type: 'string' }, to: { type: 'string' } },
  async run(values, io) {
    const slug = required(values, 'library');
    const to = optional(values, 'to');
    const target = to ? resolve(to) : undefined;
    if (target && existsSync(target)) throw new CommandError(`${target} exists already; export-library never overwrites a file.`);
    await withDatabase(io, async ({ db }) => {
      const document = await exportLibrary(db, await findLibrary(db, slug), new Date());
      const json = `${JSON.stringify(document, null, 2)}\n`;
      if (!target) return io.out(json.trimEnd());
      // Personal data: readable by this user only.
      await writeFile(target, json, { mode: 0o600, flag: 'wx' });
      io.err(`Wrote ${document.library.name}: ${document.profiles.length} profiles, ${document.members.length} members, ${document.partners.length} partner sites to ${target}.`);
    });
  },
};
