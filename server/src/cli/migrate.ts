import type { Command } from './command.js';
import { withDatabase } from './database.js';

export const migrate: Command = {
  name: 'migrate',
  summary: 'apply database migrations (and seal partner secrets still stored in the clear)',
  synopsis: '',
  options: {},
  async run(_values, io) {
    await withDatabase(io, async () => io.out('Migrations applied.'));
  },
};
