import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PUBLISHABLE_KEY, startServer, type RunningServer, type StartServerOptions } from '@talking-library/server';

export interface TestServer extends RunningServer {
  /** GET (or another method) against the running server, parsed. */
  request(path: string, init?: RequestInit): Promise<TestResponse>;
  /** GET with the demo partner site's publishable key, as the demo page reads. */
  read(path: string): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A real server on a free port over a fresh libSQL file with the real migrations. Each test file
 * gets its own; `close()` removes the database.
 */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-test-'));
  const server = await startServer({ databaseUrl: `file:${join(dir, 'library.db')}`, port: 0, quiet: true, env: 'test', ...options }, {});
  const request = async (path: string, init?: RequestInit): Promise<TestResponse> => {
    const response = await fetch(server.url + path, init);
    const text = await response.text();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
  };
  return {
    ...server,
    request,
    read: (path) => request(path, { headers: { 'x-tl-key': DEMO_PUBLISHABLE_KEY } }),
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
