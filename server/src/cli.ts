#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { migrateDatabase } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { seedDemoLibrary } from './db/seed.js';
import { findLibrary } from './domain/libraries.js';
import { grantRoles } from './domain/members.js';
import { startServer } from './node.js';

const USAGE = `Usage: talking-library <command> [options]

Commands:
  serve                 migrate, load the demo library if it is missing, and serve the API with the demo partner page
  migrate               apply database migrations
  seed                  load the demo library if it is missing
  create-coordinator    --library <slug> --email <address> [--name <name>]
                        make someone a coordinator of a library (the first one comes from here)

Environment: DATABASE_URL (default file:./data/talking-library.db), DATABASE_AUTH_TOKEN, PORT (default 8787),
HOST (default 127.0.0.1 in development), NODE_ENV, PUBLIC_URL, SECRET_KEY (both required in production),
SMTP_URL (required in production; without it, mail goes to the development outbox at /dev/outbox), MAIL_FROM,
TRUST_PROXY, RATE_LIMIT_SIGN_IN_PER_MINUTE (20), RATE_LIMIT_CODES_PER_EMAIL (5 per 15 minutes), RATE_LIMIT_WRITES_PER_MINUTE (120)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const server = await startServer({ seed: true, partnerSite: true });
      const lines = [
        `  Demo partner page  ${server.url}/`,
        `  API reference      ${server.url}/docs`,
        `  OpenAPI document   ${server.url}/openapi.json`,
        `  Health             ${server.url}/v1/health`,
        ...(server.outbox ? [`  Mail outbox        ${server.url}/dev/outbox`] : []),
      ];
      console.log(`\nTalking Library is running.\n${lines.join('\n')}\n`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'migrate':
    case 'seed':
    case 'create-coordinator': {
      const config = loadConfig(process.env);
      const { db, close } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
      try {
        await migrateDatabase(db);
        if (command === 'migrate') console.log('Migrations applied.');
        if (command === 'seed') console.log((await seedDemoLibrary(db)).seeded ? 'Loaded the demo library.' : 'The demo library is already there.');
        if (command === 'create-coordinator') {
          const { values } = parseArgs({ args: rest, options: { library: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } });
          if (!values.library || !values.email) throw new UsageError('create-coordinator needs --library and --email');
          const library = await findLibrary(db, values.library);
          const member = await grantRoles(db, library, { email: values.email, name: values.name ?? values.email.split('@')[0]! }, ['coordinator']);
          console.log(`${member.email} (${member.id}) is a coordinator of ${library.name}. They sign in by email or through a partner site.`);
        }
      } finally {
        close();
      }
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 1;
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof UsageError || (error instanceof Error && error.name === 'NotFoundError');
  console.error(known ? (error as Error).message : error);
  if (error instanceof UsageError) console.error(`\n${USAGE}`);
  process.exit(1);
});
