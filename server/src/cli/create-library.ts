import { z } from 'zod';
import { LaunchPhase, LibrarySlug } from '@talking-library/sdk/schema';
import { createLibrary } from '../domain/libraries.js';
import { check, optional, required, type Command } from './command.js';
import { withDatabase } from './database.js';

const Name = z.string().trim().min(1, { error: 'is required' }).max(120, { error: 'must be at most 120 characters' });

export const createLibraryCommand: Command = {
  name: 'create-library',
  summary: 'add a library (a tenant with its own experts, members and partner sites)',
  synopsis: '--slug <slug> --name <name> [--phase invite|restricted|open] [--description <text>]',
  details: [
    '  --slug         its address in the API and the embed tag: lower-case letters, digits and hyphens',
    '  --name         what people see',
    '  --phase        invite (only invited people may join; the default), restricted (anyone may join;',
    '                 coordinators approve profiles, as in invite) or open (profiles go live without approval)',
  ].join('\n'),
  options: { slug: { type: 'string' }, name: { type: 'string' }, phase: { type: 'string' }, description: { type: 'string' } },
  async run(values, io) {
    const slug = check('slug', LibrarySlug, required(values, 'slug'));
    const name = check('name', Name, required(values, 'name'));
    const phase = check('phase', z.enum(LaunchPhase.options, { error: 'must be invite, restricted or open' }), optional(values, 'phase') ?? 'invite');
    const description = optional(values, 'description');
    await withDatabase(io, async ({ db }) => {
      const library = await createLibrary(db, { slug, name, phase, description });
      io.out(`Created the library "${library.name}" (${library.slug}), phase ${library.phase}.`);
      io.out(`Next: talking-library create-coordinator --library ${library.slug} --email <address>`);
    });
  },
};
