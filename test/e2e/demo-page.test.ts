import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { AxeResults } from 'axe-core';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const widgetBundle = join(import.meta.dirname, '../../widget/dist/cdn/talking-library.js');

let server: TestServer;
let browser: Browser;

before(async () => {
  if (!existsSync(widgetBundle)) throw new Error(`${widgetBundle} is missing: run \`npm run build\` first (npm test does).`);
  server = await startTestServer({ seed: true, partnerSite: true });
  browser = await launchChromium();
});
/** Runs axe's WCAG 2.2 AA rules on the page as it stands (CSP bypassed), fails listing each violation and where, and returns what it found. */
async function assertNoAxeViolations(page: Page): Promise<AxeResults> {
  await page.addScriptTag({ path: axeSource });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as AxeResults;
  const described = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`);
  assert.deepEqual(described, [], `axe found:\n${described.join('\n')}`);
  return results;
}

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the whole demo page, its own header and text as well as the elements, passes axe’s WCAG 2.2 AA rules', async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  // The page's policy allows only its own scripts; axe is ours, injected for the check.
  await page.setBypassCSP(true);
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  // The library has rendered its experts: what a visitor sees, not an empty frame.
  await page.waitForFunction(() => (document.querySelector('talking-library')?.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0) > 0, { timeout: 20_000 });
  const results = await assertNoAxeViolations(page);
  // The contrast rule looked at the page's own text (the header mark, the eyebrow), not nothing.
  const contrast = [...results.passes, ...results.incomplete].filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes.map((n) => n.target.join(' ')));
  assert.ok(contrast.some((target) => target.includes('.eyebrow')), 'color-contrast checked .eyebrow');
  assert.ok(contrast.some((target) => target.includes('.site-name__mark')), 'color-contrast checked .site-name__mark');
  await page.close();
});

test('the demo page in the NHS theme (/?theme=nhs), custom properties only, passes the same axe rules', async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setBypassCSP(true);
  // Buttons ease their colour in over 120 ms: without motion, the colour read is the theme's, not one mid-way.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.goto(`${server.url}/?theme=nhs`, { waitUntil: 'load' });
  await page.waitForFunction(() => (document.querySelector('talking-library')?.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0) > 0, { timeout: 20_000 });
  // The theme is on, from nhs-theme.css alone: a green button, blue chips and links.
  await page.waitForFunction(() => [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/nhs-theme.css')), { timeout: 5_000 });
  // Each [element, part, property], read inside its shadow root (no named functions: tsx would wrap them in __name).
  const wanted = [
    ['tl-sign-in', 'submit-button', 'backgroundColor'],
    ['talking-library', 'chip', 'borderColor'],
    ['talking-library', 'open-button', 'textDecorationColor'],
  ] as const;
  const [button, chip, link] = await page.evaluate(
    (specs) =>
      specs.map(([host, part, property]) => {
        const node = document.querySelector(host)?.shadowRoot?.querySelector(`[part~="${part}"]`);
        return node ? getComputedStyle(node)[property] : 'missing';
      }),
    wanted,
  );
  const colours = { button, chip, link };
  assert.deepEqual(colours, { button: 'rgb(0, 127, 59)', chip: 'rgb(0, 94, 184)', link: 'rgb(0, 94, 184)' });
  await assertNoAxeViolations(page);
  await page.close();
});

for (const theme of ['', '?theme=nhs']) {
  test(`signed in as the demo expert, with the request form and board and the clock to move, the demo page (/${theme}) passes the same axe rules`, async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.setBypassCSP(true);
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await page.goto(`${server.url}/${theme}`, { waitUntil: 'load' });
    // A development server answers GET /v1/dev/clock, so the page offers its clock.
    await page.waitForSelector('#clock-buttons button', { visible: true, timeout: 10_000 });
    assert.match(await page.$eval('#clock-message', (node) => node.textContent ?? ''), /^The server’s clock reads /);
    await page.locator('#try-as-buttons button[data-as="expert"]').click();
    // `visible: true` polls each frame: a plain wait watches the document alone, not shadow roots.
    await page.waitForSelector('tl-request-form >>> #title', { visible: true, timeout: 10_000 });
    await page.waitForSelector('tl-request-board >>> [part~="view-button"]', { visible: true, timeout: 10_000 });
    await page.waitForSelector('tl-my-exchanges >>> [part~="section"]', { visible: true, timeout: 10_000 });
    await page.waitForSelector('tl-credits >>> [data-figure="balance"]', { visible: true, timeout: 10_000 });
    await page.waitForSelector('tl-learning-feed >>> [part~="search-input"]', { visible: true, timeout: 10_000 });
    await assertNoAxeViolations(page);
    await page.close();
  });
}

test('signed in as the demo coordinator, the demo page shows the library’s insights as charts, and passes the same axe rules, forced colours too', async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setBypassCSP(true);
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.locator('#try-as-buttons button[data-as="coordinator"]').click();
  await page.waitForSelector('tl-insights >>> [data-chart="supply-chart"] rect', { visible: true, timeout: 10_000 });
  if (process.env.TL_SCREENSHOTS) await (await page.$('#insights'))!.screenshot({ path: join(process.env.TL_SCREENSHOTS, 'insights.png') });
  await assertNoAxeViolations(page);
  // In forced colours the bars take the system's text colour, not the theme's accent.
  // Puppeteer's own emulateMediaFeatures knows no forced-colors: the protocol does.
  await (await page.createCDPSession()).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
  const fill = await page.evaluate(() => {
    const bar = document.querySelector('tl-insights')?.shadowRoot?.querySelector('[data-chart="supply-chart"] rect.bar.s0');
    const text = document.querySelector('tl-insights')?.shadowRoot?.querySelector('[data-chart="supply-chart"] text');
    return bar && text ? [getComputedStyle(bar).fill, getComputedStyle(text).fill] : 'missing';
  });
  assert.ok(Array.isArray(fill) && fill[0] === fill[1], `bars and text share the system colour: ${JSON.stringify(fill)}`);
  if (process.env.TL_SCREENSHOTS) await (await page.$('#insights'))!.screenshot({ path: join(process.env.TL_SCREENSHOTS, 'insights-forced.png') });
  await page.close();
});
