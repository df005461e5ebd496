import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, HTTPRequest } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.js';
import { codeBlocks, onlyBlock, readmeSection, REPO_ROOT } from '../helpers/readme.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Where the README tells a reader `npm start` serves. */
const README_BASE = 'http://localhost:8787';
const widgetBundle = join(REPO_ROOT, 'widget/dist/cdn/talking-library.js');

let server: TestServer;
let snippets: { ts: string; html: string };

before(async () => {
  const blocks = codeBlocks(await readmeSection('Where to go next'));
  snippets = { ts: onlyBlock(blocks, 'ts', '"Where to go next"'), html: onlyBlock(blocks, 'html', '"Where to go next"') };
  server = await startTestServer({ seed: true, partnerSite: true });
});
after(() => server.close());

test('the README’s SDK snippet runs as written against the demo server and lists every demo expert', async () => {
  assert.ok(snippets.ts.includes(README_BASE), `the snippet talks to ${README_BASE}, as npm start serves`);
  // Only the base URL changes: the test's server listens on a port of its own.
  const code = snippets.ts.replaceAll(README_BASE, server.url);
  // Inside the repository (in the ignored .tmp/), so `@talking-library/sdk` resolves as in a project using it.
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'readme-'));
  try {
    const file = join(dir, 'snippet.mts');
    await writeFile(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@talking-library/source', '--import', 'tsx', file], { cwd: REPO_ROOT });
    const listed = await server.read('/v1/libraries/demo/profiles?limit=100');
    const expected = listed.body.data.map((p: { displayName: string; headline: string }) => `${p.displayName} — ${p.headline}`);
    assert.ok(expected.length > 20);
    assert.deepEqual(stdout.trimEnd().split('\n'), expected);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the README’s embed snippet, verbatim on a page at http://localhost:8787, shows the demo library in Chromium', async () => {
  if (!existsSync(widgetBundle)) throw new Error(`${widgetBundle} is missing: run \`npm run build\` first (npm test does).`);
  assert.match(snippets.html, /publishable-key="pk_/);
  const browser: Browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The page and every request to http://localhost:8787 are answered by the test's demo server,
    // so the snippet runs unchanged, from the origin the demo partner site lists.
    await page.setRequestInterception(true);
    page.on('request', (request) => void answerAsReadmeServer(request, snippets.html));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${README_BASE}/readme-embed.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => (document.querySelector('talking-library')?.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0) > 0, { timeout: 20_000 });
    const heading = await page.evaluate(() => document.querySelector('talking-library')!.shadowRoot!.querySelector('[part~="heading"]')?.textContent?.trim());
    const library = await server.read('/v1/libraries/demo');
    assert.equal(heading, library.body.name);
    const names = await page.evaluate(() => [...document.querySelector('talking-library')!.shadowRoot!.querySelectorAll('[part~="card-name"]')].map((n) => n.textContent?.trim()));
    const first = await server.read('/v1/libraries/demo/profiles?limit=1');
    assert.equal(names[0], first.body.data[0].displayName);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

async function answerAsReadmeServer(request: HTTPRequest, snippet: string): Promise<void> {
  const url = new URL(request.url());
  if (url.origin !== README_BASE) return request.continue();
  if (url.pathname === '/readme-embed.html') {
    const body = `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>README embed</title></head><body>\n${snippet}\n</body></html>`;
    return request.respond({ status: 200, contentType: 'text/html', body });
  }
  const { host: _, ...headers } = request.headers();
  const response = await fetch(server.url + url.pathname + url.search, {
    method: request.method(),
    headers,
    ...(request.hasPostData() ? { body: request.postData() } : {}),
  });
  const forwarded = Object.fromEntries([...response.headers].filter(([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name)));
  await request.respond({ status: response.status, headers: forwarded, body: Buffer.from(await response.arrayBuffer()) });
}
