import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { migrateDatabase, openDatabase, schema, type Database } from '@talking-library/server';
import { SERVER_VERSION } from '../../server/src/config.js';
import { createPartner } from '../../server/src/domain/partners.js';
import { reindexProfiles } from '../../server/src/domain/search-index.js';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { newId } from '../../server/src/ids.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bundleWorker, EDGE_EXAMPLE, runInWorkerd, wranglerSettings, type RunningWorker } from '../helpers/workerd.js';

// The example Worker, as wrangler would build and run it, in workerd itself (miniflare ships the
// binary). Without TEST_LIBSQL_URL there is no libSQL server to give it, so it proves start-up,
// health and the SDK; with it, the worker reads and writes that database too.
const REMOTE_URL = process.env.TEST_LIBSQL_URL;
const REMOTE_TOKEN = process.env.TEST_LIBSQL_AUTH_TOKEN;
const SECRET_KEY = 'ef'.repeat(32);
const STARTUP = { timeout: 120_000 };

/** The Worker's vars and secrets from wrangler.toml's list, pointed at this machine. */
const bindings = (databaseUrl: string, mailApi: string) => ({
  DATABASE_URL: databaseUrl,
  ...(REMOTE_TOKEN ? { DATABASE_AUTH_TOKEN: REMOTE_TOKEN } : {}),
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://library.commons.example',
  SECRET_KEY,
  MAIL_API_URL: `${mailApi}/emails`,
  MAIL_API_TOKEN: 're_test_token',
  MAIL_FROM: 'Talking Library <library@commons.example>',
});

let apiScript: string;
let settings: Awaited<ReturnType<typeof wranglerSettings>>;
let mailApi: Awaited<ReturnType<typeof startMailApi>>;

before(async () => {
  settings = await wranglerSettings();
  apiScript = await bundleWorker(join(EDGE_EXAMPLE, settings.main));
  mailApi = await startMailApi();
}, STARTUP);
after(() => mailApi?.close());

describe('the edge example in workerd with no database server: start-up, health, headers and encoding, no database reads', () => {
  let worker: RunningWorker;
  before(async () => {
    worker = await runInWorkerd(apiScript, { ...settings, bindings: bindings(`http://127.0.0.1:${await closedPort()}`, mailApi.url) });
  }, STARTUP);
  after(() => worker?.dispose());

  test('wrangler.toml asks for no Node.js compatibility: the bundle imports no Node built-in', () => {
    assert.deepEqual(settings.compatibilityFlags, []);
    assert.doesNotMatch(apiScript, /from\s*["']node:/);
  });

  test('starts in workerd and GET /v1/health answers 503 "degraded", database "unavailable", as JSON with the API headers', async () => {
    const response = await worker.fetch('/v1/health');
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), { status: 'degraded', version: SERVER_VERSION, database: 'unavailable' });
    assert.match(response.headers.get('x-request-id') ?? '', /\w{8,}/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
  });

  test('every answer is encoded once: workerd compresses for a client that accepts gzip, and sends plain JSON to one that does not', async () => {
    const gzipped = await rawGet(worker.url, '/v1/health', 'gzip');
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(gzipped.body).toString('utf8')).status, 'degraded');
    const plain = await rawGet(worker.url, '/v1/health', 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(JSON.parse(plain.body.toString('utf8')).status, 'degraded');
  });

  test('refuses to serve without its mail settings: with no MAIL_API_TOKEN every request, health too, is a 500', async () => {
    const { MAIL_API_TOKEN: _omitted, ...withoutToken } = bindings(`http://127.0.0.1:${await closedPort()}`, mailApi.url);
    const unmailed = await runInWorkerd(apiScript, { ...settings, bindings: withoutToken });
    try {
      const response = await unmailed.fetch('/v1/health');
      assert.equal(response.status, 500);
      await response.body?.cancel();
    } finally {
      await unmailed.dispose();
    }
  });

  test('serves the OpenAPI document, which needs no database', async () => {
    const response = await worker.fetch('/openapi.json');
    assert.equal(response.status, 200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.match(document.openapi, /^3\./);
    assert.ok(document.paths['/v1/health'], 'the health route is in the document');
  });
});

describe('the SDK in workerd, with fetch only, against a real API on Node', () => {
  let server: TestServer;
  let script: string;
  let library: LibraryWithExpert;
  let partnerWorker: RunningWorker;
  const runPartnerWorker = (slug: string) =>
    runInWorkerd(script, { compatibilityDate: settings.compatibilityDate, bindings: { LIBRARY_API: server.url, LIBRARY: slug, LIBRARY_SECRET_KEY: library.secretKey } });
  before(async () => {
    server = await startTestServer({ secretKey: SECRET_KEY, worker: false });
    library = await libraryWithExpert(server.db);
    script = await bundleWorker(join(EDGE_EXAMPLE, 'src/partner-worker.ts'));
    partnerWorker = await runPartnerWorker(library.slug);
  }, STARTUP);
  after(async () => {
    await partnerWorker?.dispose();
    await server?.close();
  });

  test("a partner's Worker reads the library and its published experts with its sk_ key: the same the API answers", async () => {
    const response = await partnerWorker.fetch('/experts');
    assert.equal(response.status, 200);
    const read = (await response.json()) as { library: string; experts: { id: string; displayName: string; headline: string }[] };
    const asPartner = { headers: { authorization: `Bearer ${library.secretKey}` } };
    const answered = await server.request(`/v1/libraries/${library.slug}`, asPartner);
    const profiles = await server.request(`/v1/libraries/${library.slug}/profiles?limit=20`, asPartner);
    assert.equal(read.library, answered.body.name);
    assert.deepEqual(read.experts, [{ id: library.profileId, displayName: 'Ada Edge', headline: 'Runs the library at the edge' }]);
    assert.deepEqual(
      read.experts,
      profiles.body.data.map(({ id, displayName, headline }: { id: string; displayName: string; headline: string }) => ({ id, displayName, headline })),
    );
  });

  test("the SDK's typed errors work there too: a library that does not exist is the API's 404 not_found", async () => {
    const elsewhere = await runPartnerWorker('atlantis');
    try {
      const response = await elsewhere.fetch('/experts');
      assert.equal(response.status, 502);
      assert.deepEqual(await response.json(), { error: 'not_found', status: 404 });
    } finally {
      await elsewhere.dispose();
    }
  });
});

if (REMOTE_URL) {
  describe('the edge example in workerd on TEST_LIBSQL_URL (a libSQL server migrated from Node)', () => {
    let worker: RunningWorker;
    let library: LibraryWithExpert;
    before(async () => {
      // What the README tells a partner to run from a machine with Node: migrate, then set up.
      const opened = await openDatabase(REMOTE_URL, REMOTE_TOKEN);
      try {
        await migrateDatabase(opened.db);
        library = await libraryWithExpert(opened.db);
      } finally {
        opened.close();
      }
      worker = await runInWorkerd(apiScript, { ...settings, bindings: bindings(REMOTE_URL, mailApi.url) });
    }, STARTUP);
    after(() => worker?.dispose());

    const asPartner = () => ({ headers: { authorization: `Bearer ${library.secretKey}` } });

    test('health is 200 "ok" with the database reachable', async () => {
      const response = await worker.fetch('/v1/health');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', version: SERVER_VERSION, database: 'ok' });
    });

    test('reads the library and its published profile from the remote database', async () => {
      const answered = await worker.fetch(`/v1/libraries/${library.slug}`, asPartner());
      assert.equal(answered.status, 200);
      assert.equal(((await answered.json()) as { name: string }).name, `Library ${library.slug}`);
      const profiles = await worker.fetch(`/v1/libraries/${library.slug}/profiles`, asPartner());
      assert.equal(profiles.status, 200);
      const page = (await profiles.json()) as { data: { id: string; displayName: string }[] };
      assert.deepEqual(
        page.data.map((p) => [p.id, p.displayName]),
        [[library.profileId, 'Ada Edge']],
      );
    });

    test('twenty reads at once in one isolate all answer 200: no request waits on I/O another request started', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => worker.fetch(`/v1/libraries/${library.slug}/profiles`, asPartner())));
      assert.deepEqual(
        answers.map((r) => r.status),
        answers.map(() => 200),
      );
      await Promise.all(answers.map((r) => r.body?.cancel()));
    });

    test('a sign-in code goes out through the mail API with its token, and the request is 202', async () => {
      const email = `member-${library.slug}@commons.example`;
      const response = await worker.fetch(`/v1/libraries/${library.slug}/email-links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      assert.equal(response.status, 202);
      const sent = mailApi.received.find((m) => m.body.to === email);
      assert.ok(sent, 'the mail API received the message');
      assert.equal(sent.headers.authorization, 'Bearer re_test_token');
      assert.equal(sent.body.from, 'Talking Library <library@commons.example>');
      assert.match(sent.body.subject, /sign-in code/i);
      assert.match(sent.body.text, /\b\d{6}\b/);
    });
  });
}

interface LibraryWithExpert {
  slug: string;
  profileId: string;
  /** The `sk_` key of a partner site of the library, for server-side reads. */
  secretKey: string;
}

/**
 * An open library of its own, one published expert and a partner site. Fresh ids and slug, so the
 * rows meet no other test's, nor an earlier run's, on a shared remote database.
 */
async function libraryWithExpert(db: Database): Promise<LibraryWithExpert> {
  const libraryId = newId('lib');
  const slug = `edge-${libraryId.slice(4, 16).toLowerCase()}`;
  await db.insert(schema.libraries).values({ id: libraryId, slug, name: `Library ${slug}`, phase: 'open' });
  const profileId = newId('prf');
  await db.insert(schema.profiles).values({ id: profileId, libraryId, displayName: 'Ada Edge', headline: 'Runs the library at the edge', careerStage: 'mid', status: 'published' });
  await reindexProfiles(db, [profileId]);
  const partner = await createPartner(db, libraryId, { name: 'Edge partner', allowedOrigins: [] }, secretBox(SECRET_KEY), 'test');
  return { slug, profileId, secretKey: partner.secretKey };
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A GET whose body comes back as sent, undecoded, asking for one content encoding. */
function rawGet(base: URL, path: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(new URL(path, base), { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

interface SentMail {
  headers: IncomingHttpHeaders;
  body: { from: string; to: string; subject: string; text: string };
}

/** A mail API on a free port that takes `POST /emails` as Resend's does and keeps what it got. */
async function startMailApi() {
  const received: SentMail[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/emails') return void res.writeHead(404).end();
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"email_1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
