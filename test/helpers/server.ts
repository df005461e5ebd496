import { startServer, type RunningServer, type StartServerOptions } from '@talking-library/server';
import { testDatabase, trustClientAddress } from './test-database.js';

export interface TestServer extends RunningServer {
  /** The demo library's slug: `demo`, or a slug of this test's own on a shared remote database. */
  library: string;
  /** `/v1/libraries/<library>`, the start of every path in the demo library. */
  libraryPath: string;
  /** The demo partner site's publishable key for that library. */
  publishableKey: string;
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
 * A real server on a free port over a fresh libSQL file with the real migrations, or over the
 * remote libSQL server TEST_LIBSQL_URL names (test-database.ts). Each test file gets its own;
 * `close()` removes the file.
 */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const database = await testDatabase();
  const seed = options.seed === true ? database.demo : options.seed;
  // A test that sets its own proxy trust sends its own addresses.
  const ownAddress = options.trustProxy === undefined ? database.clientAddress : undefined;
  const proxy = ownAddress ? trustClientAddress(database) : {};
  const server = await startServer({ databaseUrl: database.url, databaseAuthToken: database.authToken, port: 0, quiet: true, env: 'test', ...proxy, ...options, seed }, {});
  const request = async (path: string, init?: RequestInit): Promise<TestResponse> => {
    const headers = new Headers(init?.headers);
    if (ownAddress && !headers.has('x-forwarded-for')) headers.set('x-forwarded-for', ownAddress);
    const response = await fetch(server.url + path, { ...init, headers });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
  };
  return {
    ...server,
    library: database.demo.slug,
    libraryPath: `/v1/libraries/${database.demo.slug}`,
    publishableKey: database.demo.publishableKey,
    request,
    read: (path) => request(path, { headers: { 'x-tl-key': database.demo.publishableKey } }),
    async close() {
      await server.close();
      await database.close();
    },
  };
}
