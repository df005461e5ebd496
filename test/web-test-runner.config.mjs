// Browser tests for the widget: real Chromium, the real API server on a temp-file database.
//   npx web-test-runner --config test/web-test-runner.config.mjs   (after `npm run build`)
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
/** One server key for the test APIs and the apps tests build over their databases. */
const TEST_SECRET_KEY = 'ab'.repeat(32);
const serverEntry = join(rootDir, 'server/dist/index.js');

/** @typedef {{ url: string, db: unknown, outbox?: { messages: { to: string, subject: string, text: string, sentAt: string }[] }, close(): Promise<void> }} Api */
/** @type {Api | undefined} */
let api;
/**
 * A second API on a database of its own, for tests that create, submit and publish profiles: the
 * demo library on `api` stays as seeded, so tests that compare the widget with it never race them.
 * @type {Api | undefined}
 */
let scratchApi;
/**
 * A third API, for the exchange elements' tests: its clock moves forward on request (the
 * `move-clock` command), so an hour booked for tomorrow can be over by the next line of a test,
 * without moving the clock under every other test file.
 * @type {Api | undefined}
 */
let exchangesApi;
/** The exchanges API's clock: the real time plus what tests have moved it by. Only ever forward. */
const exchangesClock = { offsetMs: 0, now: () => new Date(Date.now() + exchangesClock.offsetMs) };
/**
 * Test files run side by side, so one may move the clock past a sign-in code's 15 minutes while
 * another has asked for a code and not yet used it. Sign-ins on the exchanges API and clock moves
 * take turns through this chain.
 */
let exchangesClockTurn = Promise.resolve();
/** Runs `work` when no sign-in or clock move on the exchanges API is under way. */
function inClockTurn(work) {
  const turn = exchangesClockTurn.then(work);
  exchangesClockTurn = turn.catch(() => {});
  return turn;
}
/** @type {string | undefined} */
let publishableKey;

/** The test pages' own port, chosen up front so the API can list their origin for the demo key. */
const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
/** @type {string | undefined} */
let dataDir;

/** Starts the API before the first test file loads and stops it after the last. */
function apiServerPlugin() {
  return {
    name: 'talking-library-api',
    async serverStart() {
      if (!existsSync(serverEntry)) {
        throw new Error(`${serverEntry} is missing: run \`npm run build\` before the browser tests.`);
      }
      const { startServer, DEMO_PUBLISHABLE_KEY } = await import(serverEntry);
      dataDir = await mkdtemp(join(tmpdir(), 'tl-widget-test-'));
      const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
      [api, scratchApi, exchangesApi] = await Promise.all(
        ['test.db', 'scratch.db', 'exchanges.db'].map((file) =>
          startServer({
            databaseUrl: `file:${join(dataDir, file)}`,
            port: 0,
            seed: true,
            quiet: true,
            secretKey: TEST_SECRET_KEY,
            rateLimits: { readsPerMinute: 100_000, ...(file === 'exchanges.db' ? { writesPerMinute: 100_000 } : {}) },
            ...(file === 'exchanges.db' ? { clock: exchangesClock } : {}),
          }),
        ),
      );
      publishableKey = DEMO_PUBLISHABLE_KEY;
      await Promise.all([api, scratchApi, exchangesApi].map((server) => allowTestOrigins(server.url, origins)));
    },
    async serverStop() {
      await Promise.all([api?.close(), scratchApi?.close(), exchangesApi?.close()]);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lists the test pages' origins on the demo partner site, as its coordinator would through the API. */
async function allowTestOrigins(apiUrl, origins) {
  const call = async (path, init = {}) => {
    const response = await fetch(apiUrl + path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { sessionToken } = await call('/v1/libraries/demo/dev/sessions', { method: 'POST', body: JSON.stringify({ as: 'coordinator' }) });
  const authorization = { authorization: `Bearer ${sessionToken}` };
  const { data } = await call('/v1/libraries/demo/partners', { headers: authorization });
  const partner = data[0];
  await call(`/v1/libraries/demo/partners/${partner.id}`, {
    method: 'PATCH',
    headers: authorization,
    body: JSON.stringify({ allowedOrigins: [...partner.allowedOrigins, ...origins] }),
  });
}

/**
 * Sign-in on the scratch (or exchanges) API for the server commands below: an app of its own over
 * that database, with a sign-in budget big enough for every test (a served API's budget, 20 a minute
 * for each address, belongs to the tests of <tl-sign-in>, which spend most of it).
 * Kept as a promise, so calls that arrive together (test files side by side, or one test's
 * `Promise.all`) share one app and its outbox rather than each making its own.
 * @type {Record<string, Promise<{ app: { request(path: string, init: RequestInit): Promise<Response> }, outbox: { messages: { to: string, text: string }[] } }>>}
 */
const signInApps = {};

/** The sign-in app over the scratch database, or (`server: 'exchanges'`) the exchanges one, on that server's clock. */
function signInApp(server = 'scratch') {
  const target = server === 'exchanges' ? exchangesApi : scratchApi;
  if (!target) return Promise.reject(new Error(`The ${server} API server is not running.`));
  signInApps[server] ??= (async () => {
    const { createApp, loadConfig, DevOutbox } = await import(serverEntry);
    const outbox = new DevOutbox();
    // The scratch server's own key, so what this app seals (partner secrets) the server can open.
    const config = { ...loadConfig({ NODE_ENV: 'test', SECRET_KEY: TEST_SECRET_KEY }), rateLimits: { signInPerMinute: 100_000, codesPerEmail: 100, writesPerMinute: 100_000, readsPerMinute: 100_000 } };
    return { app: createApp({ db: target.db, config, mailer: outbox, ...(server === 'exchanges' ? { clock: exchangesClock } : {}) }), outbox };
  })();
  return signInApps[server];
}

async function scratchCall(method, path, body, headers = {}, server = 'scratch') {
  const { app } = await signInApp(server);
  const response = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Signs `email` in to a library of the scratch API (or the exchanges one, in a clock turn) through the real email routes. */
async function emailSession(library, email, server = 'scratch') {
  if (server === 'exchanges') return inClockTurn(() => emailSessionNow(library, email, server));
  return emailSessionNow(library, email, server);
}

async function emailSessionNow(library, email, server) {
  await scratchCall('POST', `/v1/libraries/${library}/email-links`, { email }, {}, server);
  const mail = (await signInApp(server)).outbox.messages.find((message) => message.to === email);
  const code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error(`No sign-in code was sent to ${email}`);
  return scratchCall('POST', `/v1/libraries/${library}/email-links/verify`, { email, code }, {}, server);
}

/**
 * `executeServerCommand('new-member', { label })`: a session on the scratch API for a member nobody
 * has used before, signed in by email through the real sign-in routes.
 */
function newMemberPlugin() {
  let count = 0;
  return {
    name: 'new-member-command',
    async executeCommand({ command, payload }) {
      if (command !== 'new-member') return undefined;
      const label = String(/** @type {{ label?: unknown }} */ (payload)?.label ?? 'member').replace(/[^a-z0-9-]/gi, '').toLowerCase() || 'member';
      const server = /** @type {{ server?: string }} */ (payload)?.server === 'exchanges' ? 'exchanges' : 'scratch';
      return emailSession('demo', `${label}-${++count}-${Date.now().toString(36)}@example.test`, server);
    },
  };
}

/**
 * `executeServerCommand('demo-session', { as, server })`: a session as a seeded demo person. The
 * development sign-in answers no page on another origin, so Node asks for it, as a developer's
 * tools would.
 */
function demoSessionPlugin() {
  return {
    name: 'demo-session-command',
    async executeCommand({ command, payload }) {
      if (command !== 'demo-session') return undefined;
      const { as = 'member', server = 'main' } = /** @type {{ as?: string, server?: string }} */ (payload ?? {});
      const target = server === 'scratch' ? scratchApi : server === 'exchanges' ? exchangesApi : api;
      if (!target) throw new Error('The API server is not running.');
      const response = await fetch(`${target.url}/v1/libraries/demo/dev/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as }),
      });
      if (!response.ok) throw new Error(`POST /dev/sessions: ${response.status} ${await response.text()}`);
      return response.json();
    },
  };
}

/**
 * `executeServerCommand('unlisted-partner', { library })`: a new partner site on the scratch API
 * that lists no origins, and its publishable key. In the demo library (whose demo partner lists
 * this page, so CORS lets the page read the refusal), or in a new library no partner of which
 * lists this page, so the browser hides the answer.
 */
function unlistedPartnerPlugin() {
  let count = 0;
  return {
    name: 'unlisted-partner-command',
    async executeCommand({ command, payload }) {
      if (command !== 'unlisted-partner') return undefined;
      if (!scratchApi) throw new Error('The scratch API server is not running.');
      const n = ++count;
      let library = 'demo';
      let coordinator;
      if (/** @type {{ library?: string }} */ (payload)?.library === 'own') {
        // A library and its first coordinator, as the operator's CLI would make them.
        const { schema } = await import(serverEntry);
        library = `unlisted-${n}`;
        const libraryId = `lib_unlisted${String(n).padStart(12, '0')}`;
        await scratchApi.db.insert(schema.libraries).values({ id: libraryId, slug: library, name: `Unlisted ${n}`, phase: 'open' });
        const email = `coordinator@${library}.test`;
        await scratchApi.db.insert(schema.members).values({ id: `mem_unlisted${String(n).padStart(12, '0')}`, libraryId, email, name: 'Coordinator', roles: ['member', 'coordinator'] });
        coordinator = (await emailSession(library, email)).sessionToken;
      } else {
        coordinator = (await scratchCall('POST', '/v1/libraries/demo/dev/sessions', { as: 'coordinator' })).sessionToken;
      }
      const partner = await scratchCall('POST', `/v1/libraries/${library}/partners`, { name: `Unlisted site ${n}`, allowedOrigins: [] }, { authorization: `Bearer ${coordinator}` });
      return { library, publishableKey: partner.publishableKey };
    },
  };
}

/**
 * `executeServerCommand('move-clock', { minutes })`: moves the exchanges API's clock forward by
 * whole minutes (0 to read it) and returns its `now`, as `POST /v1/dev/clock` does on a dev server.
 */
function moveClockPlugin() {
  return {
    name: 'move-clock-command',
    async executeCommand({ command, payload }) {
      if (command !== 'move-clock') return undefined;
      const minutes = Number(/** @type {{ minutes?: unknown }} */ (payload)?.minutes ?? 0);
      if (!Number.isSafeInteger(minutes) || minutes < 0) throw new Error('The clock moves forward by a whole number of minutes.');
      return inClockTurn(() => {
        exchangesClock.offsetMs += minutes * 60_000;
        return { now: exchangesClock.now().toISOString() };
      });
    },
  };
}

/**
 * `executeServerCommand('time-zone', { timeZone })`: the test page's browser runs in that IANA zone
 * (Chromium's time-zone override), so a test can check what a viewer in London, or Lagos, sees.
 */
function timeZonePlugin() {
  return {
    name: 'time-zone-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'time-zone') return undefined;
      await session.browser.getPage(session.id).emulateTimezone(/** @type {{ timeZone?: string }} */ (payload)?.timeZone);
      return true;
    },
  };
}

/**
 * `executeServerCommand('accessibility-tree')`: Chromium's full accessibility tree, including the
 * lists and groups that the stock a11y-snapshot command leaves out as "uninteresting".
 */
function accessibilityTreePlugin() {
  return {
    name: 'accessibility-tree-command',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const page = session.browser.getPage(session.id);
      return page.accessibility.snapshot({ interestingOnly: false });
    },
  };
}

/**
 * `executeServerCommand('latest-mail', { to })`: the newest message the API's development outbox
 * holds for that address, or null, so a test can read the sign-in code a person would get.
 */
function outboxPlugin() {
  return {
    name: 'outbox-command',
    async executeCommand({ command, payload }) {
      if (command !== 'latest-mail') return undefined;
      if (!api?.outbox) throw new Error('The API has no development outbox: it was started with SMTP or a mailer of its own.');
      const to = String(/** @type {{ to?: unknown }} */ (payload)?.to ?? '').toLowerCase();
      return api.outbox.messages.find((message) => message.to === to) ?? null;
    },
  };
}

/**
 * `executeServerCommand('watch-preflights')`, then `executeServerCommand('preflights')`: the URLs
 * of the CORS preflights Chromium sent for this test page since it started watching, as its
 * DevTools network log reports them (preflights never show in the page's own performance entries).
 */
function preflightsPlugin() {
  /** @type {Map<string, string[]>} */
  const seen = new Map();
  return {
    name: 'preflights-command',
    async executeCommand({ command, session }) {
      if (command === 'watch-preflights') {
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        const urls = [];
        seen.set(session.id, urls);
        cdp.on('Network.requestWillBeSent', (event) => {
          if (event.type === 'Preflight' || event.request.method === 'OPTIONS') urls.push(event.request.url);
        });
        await cdp.send('Network.enable');
        return true;
      }
      if (command === 'preflights') return seen.get(session.id) ?? null;
      return undefined;
    },
  };
}

/**
 * `executeServerCommand('hung-api', { action: 'start' })`: the address of an API that takes every
 * request and never answers, as one does on a bad day; `{ action: 'requests' }`: the paths it has
 * been asked for so far, in order. One server for the whole run, stopped with the others.
 */
function hungApiPlugin() {
  /** @type {import('node:http').Server | undefined} */
  let server;
  /** @type {string[]} */
  const paths = [];
  return {
    name: 'hung-api-command',
    async executeCommand({ command, payload }) {
      if (command !== 'hung-api') return undefined;
      const action = /** @type {{ action?: string }} */ (payload)?.action;
      if (action === 'requests') return paths;
      if (!server) {
        server = createHttpServer((req) => paths.push(new URL(req.url ?? '/', 'http://hung').pathname));
        await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
      }
      return { url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}` };
    },
    async serverStop() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

export default {
  rootDir,
  port,
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: { exportConditions: ['@talking-library/source', 'browser', 'development'] },
  concurrency: 4,
  testsFinishTimeout: 120_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    apiServerPlugin(),
    accessibilityTreePlugin(),
    outboxPlugin(),
    newMemberPlugin(),
    demoSessionPlugin(),
    moveClockPlugin(),
    timeZonePlugin(),
    unlistedPartnerPlugin(),
    preflightsPlugin(),
    hungApiPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(rootDir, 'widget/tsconfig.json') }),
  ],
  // Each test page learns where the API is before its test module runs.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body>
    <script>window.TL_API = ${JSON.stringify(api?.url ?? '')}; window.TL_SCRATCH_API = ${JSON.stringify(scratchApi?.url ?? '')}; window.TL_EXCHANGES_API = ${JSON.stringify(exchangesApi?.url ?? '')}; window.TL_KEY = ${JSON.stringify(publishableKey ?? '')};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: { config: { timeout: 10_000 } },
};
