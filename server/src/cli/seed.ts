import { seedDemoLibrary } from '../db/seed.js';
import { sealPartnerSecrets } from '../domain/partners.js';
import type { Command } from './command.js';
import { withDatabase } from './database.js';

export const seed: Command = {
  name: 'seed',
  summary: 'load the demo library if it is missing',
  synopsis: '',
  options: {},
  async run(_values, io) {
    await withDatabase(io, async ({ db, secretBox }) => {
      const { seeded } = await seedDemoLibrary(db);
      await sealPartnerSecrets(db, secretBox);
      io.out(seeded ? 'Loaded the demo library.' : 'The demo library is already there.');
    });
  },
};
