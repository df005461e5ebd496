export { createApp, type App, type CreateAppOptions } from './app.js';
export { loadConfig, ConfigError, type AppConfig } from './config.js';
export { systemClock, type Clock } from './clock.js';
export { createDatabase, schema, type Database } from './db/index.js';
export { openDatabase } from './db/open.js';
export { migrateDatabase } from './db/migrate.js';
export { seedDemoLibrary } from './db/seed.js';
export { startServer, type StartServerOptions, type RunningServer } from './node.js';
export { consoleLogger, silentLogger, type Logger } from './logger.js';
