import { findLibrary } from '../domain/libraries.js';
import { listPartners } from '../domain/partners.js';
import { required, type Command } from './command.js';
import { withDatabase } from './database.js';

export const listPartnersCommand: Command = {
  name: 'list-partners',
  summary: 'list a library’s partner sites (removed ones are gone): ids, origins, key hints',
  synopsis: '--library <slug>',
  options: { library: { type: 'string' } },
  async run(values, io) {
    const slug = required(values, 'library');
    await withDatabase(io, async ({ db }) => {
      const library = await findLibrary(db, slug);
      const partners = await listPartners(db, library.id);
      if (partners.length === 0) io.out(`${library.name} has no partner sites yet: add one with create-partner.`);
      for (const partner of partners) {
        io.out(`${partner.id}  ${partner.name}`);
        io.out(`  origins: ${partner.allowedOrigins.join(', ') || '(none)'}`);
        io.out(`  keys: publishable ${partner.publishableKeyHint}, secret ${partner.secretKeyHint}; created ${partner.createdAt}`);
      }
    });
  },
};
