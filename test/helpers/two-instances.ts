import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@talking-library/server';
import { bearer, send } from './callers.js';

/**
 * Two API instances on one new database file with the demo library, as two `serve` processes
 * behind one proxy would be, and a coordinator's headers: for what one instance remembers, and
 * must give up when the other changes the database.
 */
export async function twoInstancesOnOneFile(name: string) {
  const dir = await mkdtemp(join(tmpdir(), `tl-${name}-`));
  const shared = { databaseUrl: `file:${join(dir, 'library.db')}`, port: 0, quiet: true, env: 'test' as const, secretKey: randomBytes(32).toString('base64'), worker: false as const, seed: true };
  const a = await startServer(shared, {});
  const b = await startServer(shared, {});
  const session = await call(a, '/v1/libraries/demo/dev/sessions', send('POST', { as: 'coordinator' }));
  return {
    a,
    b,
    /** For a connection of one's own, as the operator's tools would open. */
    databaseUrl: shared.databaseUrl,
    coordinator: bearer(session.body.sessionToken),
    async close() {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One request to an instance, its body read as JSON when it is JSON. */
export async function call(server: RunningServer, path: string, init: RequestInit = {}) {
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
}
