import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { build, preview, type PreviewServer } from 'vite';
import { createClient, type Profile } from '@talking-library/sdk';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// examples/react built by Vite as its README says (against the packages' built dist/: run
// `npm run build` first), served from an origin of its own, driven in Chromium against a real API.

const exampleDir = fileURLToPath(new URL('../../examples/react/', import.meta.url));

/** Lists `origin` on the demo partner site, as its coordinator would through the API. */
async function allowOrigin(api: string, origin: string): Promise<void> {
  const { sessionToken } = await createClient({ baseUrl: api }).sessions.demo('demo', 'coordinator');
  const coordinator = createClient({ baseUrl: api, sessionToken });
  const [partner] = (await coordinator.partners.list('demo')).data;
  assert.ok(partner, 'the demo library has a partner site');
  await coordinator.partners.update('demo', partner.id, { allowedOrigins: [...partner.allowedOrigins, origin] });
}

describe('the React example in Chromium', () => {
  let api: TestServer;
  let outDir: string;
  let site: PreviewServer;
  let browser: Browser;
  let page: Page;
  let published: Profile[];

  /**
   * Waits until `selector` matches in `host`'s shadow root, checking every frame: puppeteer's
   * waitForSelector watches the document for mutations, and changes inside a shadow root are none.
   */
  const waitInShadow = (host: string, selector: string) =>
    page.waitForFunction((h, s) => document.querySelector(h)?.shadowRoot?.querySelector(s), { polling: 'raf' }, host, selector);

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'tl-react-example-'));
    [api] = await Promise.all([
      startTestServer({ seed: true }),
      build({ root: exampleDir, logLevel: 'warn', build: { outDir, emptyOutDir: true } }),
    ]);
    site = await preview({ root: exampleDir, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    const siteUrl = new URL(site.resolvedUrls!.local[0]!);
    await allowOrigin(api.url, siteUrl.origin);
    published = [];
    for await (const profile of createClient({ baseUrl: api.url, publishableKey: DEMO_PUBLISHABLE_KEY }).profiles.list('demo', { limit: 100 })) published.push(profile);

    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${siteUrl.origin}/?${new URLSearchParams({ api: api.url, key: DEMO_PUBLISHABLE_KEY })}`);
    assert.deepEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (site ? site.httpServer.close(() => resolve()) : resolve()));
    await api?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('the TalkingLibrary component renders the experts’ cards from the API', async () => {
    await waitInShadow('talking-library', '[part~="card"]');
    const names = await page.$$eval('talking-library >>> [part~="card-name"]', (cards) => cards.map((card) => card.textContent!.trim()));
    assert.ok(names.length > 0);
    const known = new Set(published.map((profile) => profile.displayName));
    for (const name of names) assert.ok(known.has(name), `${name} is not a published expert of the demo library`);
  });

  test('“Request an hour” on an expert’s profile reaches the page’s React handler with her profile', async () => {
    const name = await page.$eval('talking-library >>> [part~="open-button"]', (button) => button.textContent!.trim());
    await page.click('talking-library >>> [part~="open-button"]');
    await waitInShadow('talking-library', 'dialog[open] [part~="request-button"]');
    await page.click('talking-library >>> dialog[open] [part~="request-button"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="asked"]')?.textContent?.includes(expected), {}, name);
    // The handler called the element's closeProfile() through the component's ref.
    await page.waitForFunction(() => !document.querySelector('talking-library')?.shadowRoot?.querySelector('dialog[open]'));
  });

  test('<tl-sign-in>, imported on its own from its entry point, is defined and rendered as a plain tag', async () => {
    await waitInShadow('tl-sign-in', '[part~="email-input"]');
    // Defined before React rendered it, so React 19 set its props as properties, not as attributes.
    const signIn = await page.$eval('tl-sign-in', (element) => ({
      defined: customElements.get('tl-sign-in') === element.constructor,
      key: (element as HTMLElement & { publishableKey: string }).publishableKey,
      attributes: element.getAttributeNames(),
    }));
    assert.deepEqual(signIn, { defined: true, key: DEMO_PUBLISHABLE_KEY, attributes: [] });
  });

  test('signing in with <tl-sign-in> reaches the page’s raw `ontl-signed-in` prop, which hands the session to TalkingLibrary', async () => {
    const email = 'react-example@example.test';
    await page.type('tl-sign-in >>> [part~="email-input"]', email);
    await page.click('tl-sign-in >>> [part~="submit-button"]');
    await waitInShadow('tl-sign-in', '[part~="code-input"]');
    const mail = api.outbox?.messages.find((message) => message.to === email);
    const code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1];
    assert.ok(code, `no sign-in code was mailed to ${email}`);
    await page.type('tl-sign-in >>> [part~="code-input"]', code);
    await page.click('tl-sign-in >>> [part~="submit-button"]');
    const token = await page.waitForFunction(() => (document.querySelector('talking-library') as HTMLElement & { memberToken: string | null }).memberToken);
    assert.match(String(await token.jsonValue()), /^tls_/);
  });
});
