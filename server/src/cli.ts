#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { migrateDatabase } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { seedDemoLibrary } from './db/seed.js';
import { startServer } from './node.js';

const USAGE = `Usage: talking-library <command>

Commands:
  serve     migrate, load the demo library if it is missing, and serve the API with the demo partner page
  migrate   apply database migrations
  seed      load the demo library if it is missing

Environment: DATABASE_URL (default file:./data/talking-library.db), DATABASE_AUTH_TOKEN, PORT (default 8787), HOST, CORS_ORIGINS, NODE_ENV`;

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'serve': {
      const server = await startServer({ seed: true, partnerSite: true });
      console.log(`\nTalking Library is running.\n  Demo partner page  ${server.url}/\n  API reference      ${server.url}/docs\n  OpenAPI document   ${server.url}/openapi.json\n  Health             ${server.url}/v1/health\n`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'migrate':
    case 'seed': {
      const config = loadConfig(process.env);
      const { db, close } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
      await migrateDatabase(db);
      if (command === 'seed') console.log((await seedDemoLibrary(db)).seeded ? 'Loaded the demo library.' : 'The demo library is already there.');
      else console.log('Migrations applied.');
      close();
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 1;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
