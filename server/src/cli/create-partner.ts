import { PartnerCreate } from '@talking-library/sdk/schema';
import { findLibrary } from '../domain/libraries.js';
import { createPartner } from '../domain/partners.js';
import { required, UsageError, type Command } from './command.js';
import { withDatabase } from './database.js';
import { printKeys } from './keys.js';

export const createPartnerCommand: Command = {
  name: 'create-partner',
  summary: 'add a partner site to a library and print its keys, once',
  synopsis: '--library <slug> --name <name> --origin <url> [--origin <url>…]',
  details: [
    '  --origin       a page origin that may embed the library with this partner’s publishable key,',
    '                 scheme, host and port only (https://www.example.org); repeat for more',
    'Prints the publishable key (pk_…), the secret key (sk_…) and the JWT secret, each on a line of its own.',
  ].join('\n'),
  options: { library: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string', multiple: true } },
  async run(values, io) {
    const slug = required(values, 'library');
    const origins = (values.origin as string[] | undefined) ?? [];
    if (origins.length === 0) throw new UsageError('--origin is required: the origin of each site that embeds the library');
    const parsed = PartnerCreate.safeParse({ name: required(values, 'name'), allowedOrigins: origins });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const option = issue.path[0] === 'allowedOrigins' ? `origin ${JSON.stringify(origins[Number(issue.path[1])] ?? '')}` : 'name';
      throw new UsageError(`--${option}: ${issue.message}`);
    }
    await withDatabase(io, async ({ db, secretBox }) => {
      const library = await findLibrary(db, slug);
      const partner = await createPartner(db, library.id, parsed.data, secretBox);
      io.out(`Created the partner site "${partner.name}" (${partner.id}) for ${library.name}.`);
      io.out(`Allowed origins: ${partner.allowedOrigins.join(', ')}`);
      printKeys(io, partner);
    });
  },
};
