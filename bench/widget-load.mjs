// What the widget costs a partner page when it loads, in a real Chromium: the demo partner page
// served from one origin, the API and the widget's files from another, as on a real partner site.
// Two pages: the demo page's browse section alone (a partner that embeds only <talking-library>,
// as the NHS.UK page of issue 9 does), and the whole demo page with its eleven elements (most of
// them in sections hidden until someone signs in). Prints medians of 5 cold loads of each (a new
// browser profile each, so nothing is cached):
//   - bytes on the wire (encoded, as transferred) for the widget's files and its API reads;
//   - CORS preflights, as the browser reports them and as the API counts OPTIONS requests;
//   - time from the loader's request start to the first card in the DOM (unthrottled);
//   - total blocking time with and without the widget at 4× CPU throttling.
// Goals (issue 9): first card ≤ 150 ms after the loader starts, ≤ 30 ms blocking time added at
// 4×, 0 preflights. Figures only, no assertions: this machine is shared and noisy.
//
//   npm run build && node bench/widget-load.mjs [--waterfall] [--long-tasks]
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const RUNS = Number(process.env.RUNS ?? 5);
const CPU_SLOWDOWN = 4;
/** How long after the first card (or the load event, without the widget) long tasks still count. */
const SETTLE_MS = 1500;
const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'examples', 'partner-site');

const { startServer } = await import(join(root, 'server', 'dist', 'index.js')).catch(() => {
  throw new Error('server/dist is missing: run `npm run build` first.');
});

// The API (and the widget's files, as a CDN would serve them), counting the preflights it answers.
const dataDir = await mkdtemp(join(tmpdir(), 'tl-widget-load-'));
let preflightsSeen = 0;
const logger = {
  info: (message, fields) => {
    if (message === 'request' && fields?.method === 'OPTIONS') preflightsSeen++;
  },
  error: () => {},
};
const api = await startServer(
  { databaseUrl: `file:${join(dataDir, 'library.db')}`, port: 0, seed: true, partnerSite: true, logger, rateLimits: { readsPerMinute: 100_000 } },
);

// The partner's own site: the demo page, pointed at the API's origin. Without demo.js, the page's
// own sign-in code, which talks to its own origin; the widget is the loader and the tag.
const ELEMENT = /\s*<(talking-library|tl-[a-z-]+) [^>]*><\/\1>/g;
const PAGES = {
  '/': 'the whole demo page (eleven elements)',
  '/browse': 'a page with only <talking-library>',
};
/** The demo page as served at `path`: whole, its browse section alone, or with no element at all (`/plain`). */
const page = (path) =>
  readFile(join(site, 'index.html'), 'utf8').then((html) => {
    html = html.replace(/\s*<script type="module" src="\/demo\.js"><\/script>/, '').replaceAll('api="/"', `api="${api.url}/"`);
    if (path === '/plain') return html.replace(/\s*<script type="module" src="\/widget\/talking-library\.js"><\/script>/, '').replace(ELEMENT, '');
    html = html.replace('src="/widget/talking-library.js"', `src="${api.url}/widget/talking-library.js"`);
    return path === '/browse' ? html.replace(ELEMENT, (tag, name) => (name === 'talking-library' ? tag : '')) : html;
  });
const partner = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://partner').pathname;
  if (path in PAGES || path === '/plain') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(await page(path));
  } else if (path === '/site.css') {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(await readFile(join(site, 'site.css')));
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
const partnerUrl = `http://127.0.0.1:${partner.address().port}`;
await listOrigin(api.url, partnerUrl);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/**
 * Before any page script: the long tasks, and the moment a card first appears in any shadow root
 * (the element's cards live in its own), both on the page's performance clock.
 */
function instrument() {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    const seen = () => {
      if (window.__firstCard === undefined && shadow.querySelector('[part~="card"]')) window.__firstCard = performance.now();
    };
    new MutationObserver(seen).observe(shadow, { childList: true, subtree: true });
    return shadow;
  };
}

async function load(path, throttled) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const requests = new Map();
  let preflights = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Preflight' || e.request.method === 'OPTIONS') preflights++;
    requests.set(e.requestId, e.request.url);
  });
  let widgetBytes = 0;
  let pageBytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    const url = requests.get(e.requestId) ?? '';
    if (url.startsWith(api.url)) widgetBytes += e.encodedDataLength;
    else pageBytes += e.encodedDataLength;
  });
  await tab.evaluateOnNewDocument(instrument);
  const seenBefore = preflightsSeen;
  await tab.goto(partnerUrl + path, { waitUntil: 'load' });
  if (path !== '/plain') await tab.waitForFunction(() => window.__firstCard !== undefined, { timeout: 30_000 });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * (throttled ? CPU_SLOWDOWN : 1)));
  const figures = await tab.evaluate(() => {
    const loader = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget/talking-library.js'));
    const blocking = window.__longTasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
    const origin = loader ? loader.startTime : 0;
    const waterfall = performance
      .getEntriesByType('resource')
      .map((e) => `${(e.startTime - origin).toFixed(0).padStart(6)} → ${(e.responseEnd - origin).toFixed(0).padStart(6)} ms  ${String(e.encodedBodySize).padStart(6)} B  ${e.name}`);
    if (window.__firstCard !== undefined) waterfall.push(`${(window.__firstCard - origin).toFixed(0).padStart(6)} ms  first card`);
    const longTasks = window.__longTasks.map((task) => `${(task.start - origin).toFixed(0)} ms +${task.duration.toFixed(0)}`);
    return { firstCard: loader && window.__firstCard !== undefined ? window.__firstCard - loader.startTime : undefined, blocking, waterfall, longTasks };
  });
  await context.close();
  return { ...figures, widgetBytes, pageBytes, preflights, preflightsAtApi: preflightsSeen - seenBefore };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

try {
  const runs = Object.fromEntries(Object.keys(PAGES).map((path) => [path, { cold: [], throttled: [] }]));
  const throttledWithout = [];
  // Interleaved, so a busy moment on the machine falls on every page alike.
  for (let run = 0; run < RUNS; run++) {
    for (const path of Object.keys(PAGES)) {
      runs[path].cold.push(await load(path, false));
      runs[path].throttled.push(await load(path, true));
    }
    throttledWithout.push(await load('/plain', true));
  }
  const m = (loads, key) => median(loads.map((r) => r[key]));
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const without = m(throttledWithout, 'blocking');
  console.log(`widget load  medians of ${RUNS} cold loads  page http://127.0.0.1:…  API and widget ${api.url}`);
  console.log(`${'total blocking time, 4× CPU, the page without the widget'.padEnd(58)} ${`${without.toFixed(0)} ms`.padStart(10)}`);
  for (const [path, label] of Object.entries(PAGES)) {
    const { cold, throttled } = runs[path];
    const rows = [
      ['widget bytes on the wire (files + API reads)', kib(m(cold, 'widgetBytes')), ''],
      ['CORS preflights (browser / API count)', `${m(cold, 'preflights')} / ${m(cold, 'preflightsAtApi')}`, 'goal 0'],
      ['loader start → first card, unthrottled', `${m(cold, 'firstCard').toFixed(0)} ms`, 'goal ≤ 150 ms'],
      [`loader start → first card, ${CPU_SLOWDOWN}× CPU`, `${m(throttled, 'firstCard').toFixed(0)} ms`, ''],
      [`total blocking time, ${CPU_SLOWDOWN}× CPU, with the widget`, `${m(throttled, 'blocking').toFixed(0)} ms`, ''],
      [`blocking time the widget adds, ${CPU_SLOWDOWN}× CPU`, `${(m(throttled, 'blocking') - without).toFixed(0)} ms`, 'goal ≤ 30 ms'],
    ];
    console.log(`\n${label} (${path})`);
    for (const [what, value, goal] of rows) console.log(`  ${what.padEnd(56)} ${value.padStart(10)}  ${goal}`);
    console.log(`  first card per run (ms): ${cold.map((r) => r.firstCard?.toFixed(0)).join(' ')}`);
    if (process.argv.includes('--long-tasks')) for (const r of throttled) console.log(`  long tasks at ${CPU_SLOWDOWN}×: ${r.longTasks.join(', ')}`);
    if (process.argv.includes('--waterfall')) console.log(`\n  the last unthrottled load, from the loader's request start:\n  ${cold.at(-1).waterfall.join('\n  ')}`);
  }
  if (process.argv.includes('--long-tasks')) for (const r of throttledWithout) console.log(`  without the widget, long tasks at ${CPU_SLOWDOWN}×: ${r.longTasks.join(', ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => partner.close(resolve));
  await api.close();
  await rm(dataDir, { recursive: true, force: true });
}

/** Lists the partner page's origin on the demo partner site, as its coordinator would through the API. */
async function listOrigin(apiUrl, origin) {
  const call = async (path, init = {}) => {
    const response = await fetch(apiUrl + path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { sessionToken } = await call('/v1/libraries/demo/dev/sessions', { method: 'POST', body: JSON.stringify({ as: 'coordinator' }) });
  const authorization = { authorization: `Bearer ${sessionToken}` };
  const { data } = await call('/v1/libraries/demo/partners', { headers: authorization });
  await call(`/v1/libraries/demo/partners/${data[0].id}`, { method: 'PATCH', headers: authorization, body: JSON.stringify({ allowedOrigins: [...data[0].allowedOrigins, origin] }) });
}
