import { z } from 'zod';
import { findLibrary } from '../domain/libraries.js';
import { findPartner, rotatePartnerKeys, type KeyKind } from '../domain/partners.js';
import { PartnerId } from '@talking-library/sdk/schema';
import { check, CommandError, optional, required, type Command } from './command.js';
import { withDatabase } from './database.js';
import { printKeys } from './keys.js';

const Keys = z
  .array(z.enum(['publishable', 'secret', 'jwt'], { error: 'name publishable, secret or jwt, separated by commas' }))
  .min(1, { error: 'name at least one key' });

export const rotatePartnerCommand: Command = {
  name: 'rotate-partner',
  summary: 'replace a partner site’s keys at once (the old ones stop working) and print the new ones',
  synopsis: '--library <slug> --partner <id> [--keys publishable,secret,jwt]',
  details: '  --keys         which keys to replace (default: all three)',
  options: { library: { type: 'string' }, partner: { type: 'string' }, keys: { type: 'string' } },
  async run(values, io) {
    const slug = required(values, 'library');
    const partnerId = check('partner', PartnerId, required(values, 'partner'));
    const keys: KeyKind[] = check('keys', Keys, (optional(values, 'keys') ?? 'publishable,secret,jwt').split(',').map((k) => k.trim()).filter(Boolean));
    await withDatabase(io, async ({ db, secretBox }) => {
      const library = await findLibrary(db, slug);
      if ((await findPartner(db, library.id, partnerId)).removedAt) throw new CommandError(`The partner site ${partnerId} was removed; its keys cannot be renewed.`);
      const partner = await rotatePartnerKeys(db, library.id, partnerId, [...new Set(keys)], new Date(), secretBox);
      io.out(`Replaced the ${[...new Set(keys)].join(', ')} key${keys.length > 1 ? 's' : ''} of "${partner.name}" (${partner.id}); the old ones no longer work.`);
      printKeys(io, partner);
    });
  },
};
