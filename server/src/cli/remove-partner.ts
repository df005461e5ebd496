import { PartnerId } from '@talking-library/sdk/schema';
import { findLibrary } from '../domain/libraries.js';
import { removePartner } from '../domain/partners.js';
import { check, required, type Command } from './command.js';
import { withDatabase } from './database.js';

export const removePartnerCommand: Command = {
  name: 'remove-partner',
  summary: 'remove a partner site: its keys and member tokens stop working at once',
  synopsis: '--library <slug> --partner <id>',
  options: { library: { type: 'string' }, partner: { type: 'string' } },
  async run(values, io) {
    const slug = required(values, 'library');
    const partnerId = check('partner', PartnerId, required(values, 'partner'));
    await withDatabase(io, async ({ db }) => {
      const library = await findLibrary(db, slug);
      const removed = await removePartner(db, library.id, partnerId, new Date());
      io.out(`Removed "${removed.name}" (${removed.id}) from ${library.name}; its keys no longer work. Members it signed in keep their accounts.`);
    });
  },
};
