import { loadConfig, type AppConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { migrateDatabase } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { sealPartnerSecrets } from '../domain/partners.js';
import { secretBox, type SecretBox } from '../domain/secret-box.js';
import { resolveSecretKey } from '../secret-key.js';
import type { Io } from './command.js';

export interface CommandDatabase {
  db: Database;
  config: AppConfig;
  /** The server key's box: the same key the server uses (SECRET_KEY, or the development key file). */
  secretBox: SecretBox;
}

/**
 * Opens the database the environment names (DATABASE_URL, as the server does), brings it up to
 * date as a starting server would, runs `work`, and closes it whatever happens.
 */
export async function withDatabase<T>(io: Io, work: (database: CommandDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  config.secretKey = await resolveSecretKey(config);
  const box = secretBox(config.secretKey);
  const { db, close } = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    await migrateDatabase(db);
    await sealPartnerSecrets(db, box);
    return await work({ db, config, secretBox: box });
  } finally {
    close();
  }
}
