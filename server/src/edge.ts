import { createClient } from '@libsql/client/web';
import { createApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { createDatabase } from './db/index.js';

/**
 * The same app for edge runtimes (Cloudflare Workers, Deno Deploy, Vercel Edge). Configuration
 * comes from the runtime's bindings on the first request, never from module scope. The database
 * must be a libSQL server or Turso (`libsql://` or `https://`); migrate it with the CLI beforehand.
 */
let app: App | undefined;

export default {
  fetch(request: Request, env: Record<string, string | undefined> = {}): Response | Promise<Response> {
    app ??= buildApp(env);
    return app.fetch(request, env);
  },
};

function buildApp(env: Record<string, string | undefined>): App {
  const config = loadConfig(env);
  const client = createClient({ url: config.databaseUrl, ...(config.databaseAuthToken ? { authToken: config.databaseAuthToken } : {}) });
  return createApp({ db: createDatabase(client), config });
}
