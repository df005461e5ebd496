import { z } from 'zod';
import { findLibrary } from '../domain/libraries.js';
import { grantRoles } from '../domain/members.js';
import { check, optional, required, type Command } from './command.js';
import { withDatabase } from './database.js';

const Email = z.email({ error: 'must be an email address' });

export const createCoordinatorCommand: Command = {
  name: 'create-coordinator',
  summary: 'make someone a coordinator of a library (the first one comes from here)',
  synopsis: '--library <slug> --email <address> [--name <name>]',
  details: 'The coordinator then signs in by email (or through a partner site) and manages the library in the widget or the API.',
  options: { library: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
  async run(values, io) {
    const slug = required(values, 'library');
    const email = check('email', Email, required(values, 'email').toLowerCase());
    const name = optional(values, 'name') || email.split('@')[0]!;
    await withDatabase(io, async ({ db }) => {
      const library = await findLibrary(db, slug);
      const member = await grantRoles(db, library, { email, name }, ['coordinator']);
      io.out(`${member.email} (${member.id}) is a coordinator of ${library.name}. They sign in by email or through a partner site.`);
    });
  },
};
