import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { createClient } from '@talking-library/sdk';
import { DEMO_PEOPLE as PEOPLE, DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The demo journeys as two people would take them: the member in one browser, the expert in
 * another (two incognito contexts, so two sessions), both on the demo page of a real server, and
 * the page's own "Move the clock" control to get past the hour. Everything is typed and clicked;
 * the elements are reached through their shadow roots with puppeteer's `>>>`. Every wait is
 * `visible: true`: it polls each frame, where a plain wait watches only the document's own
 * mutations and never sees a shadow root change.
 */

const HOUR = 3_600_000;
const WEEK_MINUTES = 7 * 24 * 60;
const widgetBundle = join(import.meta.dirname, '../../widget/dist/cdn/talking-library.js');

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  if (!existsSync(widgetBundle)) throw new Error(`${widgetBundle} is missing: run \`npm run build\` first (npm test does).`);
  server = await startTestServer({ seed: true, partnerSite: true });
  browser = await launchChromium();
});
after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** A browser of her own (its own cookies and storage), on the demo page, signed in through "Try it as…". */
async function demoPageAs(as: 'member' | 'expert'): Promise<Page> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await signInAs(page, as);
  return page;
}

async function signInAs(page: Page, as: 'member' | 'expert'): Promise<void> {
  await page.waitForSelector('#try-as:not([hidden]) button[data-as]', { visible: true });
  await page.locator(`#try-as-buttons button[data-as="${as}"]`).click();
  await page.waitForFunction((name) => document.getElementById('who')?.textContent?.includes(name), {}, PEOPLE[as].name);
}

/** The demo page keeps its session in memory: a reload signs her out, and she signs in again, as anyone would. */
async function reloadAs(page: Page, as: 'member' | 'expert'): Promise<void> {
  await page.reload({ waitUntil: 'load' });
  await signInAs(page, as);
}

/** Her balance as <tl-credits> shows it, in hours, once it shows one. */
async function balanceShown(page: Page): Promise<number> {
  const figure = await page.waitForSelector('tl-credits >>> [data-figure="balance"]', { visible: true });
  return Number.parseFloat((await figure!.evaluate((node) => node.textContent ?? '')).replace(/[^\d.]/g, ''));
}

/** Waits until <tl-credits> shows this balance (it reloads when an hour is confirmed). */
async function waitForBalance(page: Page, hours: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('tl-credits')?.shadowRoot?.querySelector('[data-figure="balance"]')?.textContent ?? '';
      return Number.parseFloat(text.replace(/[^\d.]/g, '')) === want;
    },
    { timeout: 10_000 },
    hours,
  );
}

/** Presses "+1 week" until the server's clock is past `time`, waiting for each move to be said. */
async function moveClockPast(page: Page, time: Date): Promise<void> {
  await page.waitForSelector('#clock-buttons button', { visible: true });
  while (server.clock.now().getTime() <= time.getTime()) {
    const before = await page.$eval('#clock-message', (node) => node.textContent);
    await page.locator(`#clock-buttons button[data-minutes="${WEEK_MINUTES}"]`).click();
    await page.waitForFunction(
      (previous) => {
        const text = document.getElementById('clock-message')?.textContent ?? '';
        return text !== previous && text.startsWith('The server’s clock now reads');
      },
      {},
      before,
    );
  }
}

/** Waits until <tl-request-board> shows the request with this title, and gives its id. */
async function requestShown(page: Page, title: string): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) =>
      [...(document.querySelector('tl-request-board')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="request"]') ?? [])].find(
        (request) => request.querySelector('[part~="request-title"]')?.textContent?.trim() === wanted,
      )?.dataset.requestId,
    { timeout: 10_000 },
    title,
  );
  return (await handle.jsonValue()) as string;
}

const inExchange = (id: string, selector: string) => `tl-my-exchanges >>> [data-exchange-id="${id}"] ${selector}`;

/** In <tl-my-exchanges>: presses the action's button on the exchange, fills the dialog, and sends it. */
async function act(page: Page, exchangeId: string, action: 'accept' | 'confirm', fill?: (page: Page) => Promise<void>): Promise<void> {
  await page.locator(inExchange(exchangeId, `[data-action="${action}"]`)).click();
  await page.waitForSelector('tl-my-exchanges >>> dialog[open] [part~="submit-button"]', { visible: true });
  await fill?.(page);
  await page.locator('tl-my-exchanges >>> dialog[open] [part~="submit-button"]').click();
  await page.waitForFunction(() => !document.querySelector('tl-my-exchanges')?.shadowRoot?.querySelector('dialog[open]'));
}

async function statusOf(page: Page, exchangeId: string): Promise<string | undefined> {
  const article = await page.waitForSelector(`tl-my-exchanges >>> [data-exchange-id="${exchangeId}"]`, { visible: true });
  return article!.evaluate((node) => node.getAttribute('data-status') ?? undefined);
}

async function waitForStatus(page: Page, exchangeId: string, status: string): Promise<void> {
  await page.waitForSelector(`tl-my-exchanges >>> [data-exchange-id="${exchangeId}"][data-status="${status}"]`, { visible: true, timeout: 10_000 });
}

/** Both confirm once the hour is over: the member first, then the expert, whose confirmation completes it. */
async function bothConfirm(member: Page, expert: Page, exchangeId: string): Promise<void> {
  await member.waitForSelector(inExchange(exchangeId, '[data-action="confirm"]'), { visible: true, timeout: 10_000 });
  await act(member, exchangeId, 'confirm');
  await member.waitForFunction(
    (text) => document.querySelector('tl-my-exchanges')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.includes(text),
    {},
    `you confirmed your hour with ${PEOPLE.expert.name}`,
  );
  // Her page learnt of the clock's move when the member pressed it; the expert's reads it again.
  await reloadAs(expert, 'expert');
  await expert.waitForSelector(inExchange(exchangeId, '[data-action="confirm"]'), { visible: true, timeout: 10_000 });
  await act(expert, exchangeId, 'confirm');
  await waitForStatus(expert, exchangeId, 'completed');
}

/** Each side's balance through the API as well, read with a session of her own. */
async function balancesByApi(): Promise<[number, number]> {
  const visitor = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, maxRetries: 0 });
  const balanceOf = async (as: 'member' | 'expert') =>
    (await createClient({ baseUrl: server.url, sessionToken: (await visitor.sessions.demo('demo', as)).sessionToken, maxRetries: 0 }).credits.balance('demo')).balance;
  return [await balanceOf('member'), await balanceOf('expert')];
}

test('in two browsers on the demo page: the member finds the demo expert, asks for an hour in a free slot, the expert accepts with a meeting place, the clock moves past the hour, both confirm, and an hour of credit moves', async () => {
  const member = await demoPageAs('member');
  const memberBefore = await balanceShown(member);

  // She finds the expert by her first name, and opens her profile.
  const firstName = PEOPLE.expert.name.split(' ')[0]!;
  await member.waitForSelector('talking-library >>> [part~="card"]', { visible: true, timeout: 20_000 });
  await member.locator('talking-library >>> #q').click();
  await member.keyboard.type(firstName);
  await member.keyboard.press('Enter');
  // Her card, once the search has answered (the list is drawn again for it).
  await member.locator(`talking-library >>> [part~="open-button"]::-p-text("${PEOPLE.expert.name}")`).setTimeout(10_000).click();
  await member.waitForSelector('talking-library >>> dialog[open] [part~="request-button"]', { visible: true });
  await member.locator('talking-library >>> dialog[open] [part~="request-button"]').click();

  // <tl-request-hour>: her free times, the first chosen, a message, sent.
  const slot = 'talking-library >>> tl-request-hour >>> input[name="slot"]';
  await member.waitForSelector(slot, { visible: true, timeout: 10_000 });
  const startsAt = new Date(await member.$eval(slot, (input) => (input as HTMLInputElement).value));
  assert.ok(startsAt.getTime() > server.clock.now().getTime(), 'a free time is in the future');
  await member.locator(slot).click();
  await member.waitForFunction((selector) => (document.querySelector('talking-library')?.shadowRoot?.querySelector('tl-request-hour')?.shadowRoot?.querySelector(selector) as HTMLInputElement | null)?.checked, {}, 'input[name="slot"]');
  await member.locator('talking-library >>> tl-request-hour >>> #message').click();
  await member.keyboard.type('Could you help us plan a FHIR pilot for our discharge letters?');
  await member.locator('talking-library >>> tl-request-hour >>> [part~="submit-button"]').click();
  const result = await member.waitForSelector('talking-library >>> tl-request-hour >>> [part~="result"]', { visible: true, timeout: 10_000 });
  const exchangeId = (await result!.evaluate((node) => node.getAttribute('data-exchange-id')))!;
  assert.match(exchangeId, /^exc_/);
  await member.waitForFunction(() => document.getElementById('request-message')?.textContent?.includes('Your request has been sent'));
  await member.keyboard.press('Escape');
  await member.waitForFunction(() => !document.querySelector('talking-library')?.shadowRoot?.querySelector('dialog[open]'));
  assert.equal(await statusOf(member, exchangeId), 'requested', 'her exchanges show what she asked for');

  // The expert, in her own browser, accepts it with a meeting place.
  const expert = await demoPageAs('expert');
  const expertBefore = await balanceShown(expert);
  await expert.waitForSelector(`tl-my-exchanges >>> [data-section="waiting"] [data-exchange-id="${exchangeId}"] [data-action="accept"]`, { visible: true, timeout: 10_000 });
  await act(expert, exchangeId, 'accept', async (page) => {
    // One time was asked for: it is chosen already. She says where they will meet.
    assert.equal(await page.$eval('tl-my-exchanges >>> dialog[open] input[name="startsAt"]', (input) => (input as HTMLInputElement).checked), true);
    await page.locator('tl-my-exchanges >>> #field-meetingPlace').click();
    await page.keyboard.type('https://meet.example.org/fhir-pilot');
  });
  await waitForStatus(expert, exchangeId, 'scheduled');

  // The member moves the server's clock past the hour; her exchanges now ask her to confirm it.
  await moveClockPast(member, new Date(startsAt.getTime() + HOUR));
  await bothConfirm(member, expert, exchangeId);

  // The expert confirmed last: her credits show the hour earned at once. The member's page reads hers again.
  await waitForBalance(expert, expertBefore + 1);
  await reloadAs(member, 'member');
  await waitForBalance(member, memberBefore - 1);
  assert.equal(await statusOf(member, exchangeId), 'completed');
  assert.deepEqual(await balancesByApi(), [memberBefore - 1, expertBefore + 1]);
});

test('in two browsers through the request board: the member posts a request, the expert responds with a time, the member accepts it, the clock moves past the hour, both confirm, and an hour of credit moves', async () => {
  const member = await demoPageAs('member');
  const memberBefore = await balanceShown(member);
  const title = `Help reading our run charts ${Date.now().toString(36)}`;

  // <tl-request-form>: title, need, project and its stage, a skill; posted.
  const form = 'tl-request-form >>>';
  await member.waitForSelector(`${form} #title`, { visible: true, timeout: 10_000 });
  await member.locator(`${form} #title`).click();
  await member.keyboard.type(title);
  await member.locator(`${form} #need`).click();
  await member.keyboard.type('Our SPC charts confuse the ward team: we need someone to sit with us for an hour.');
  await member.locator(`${form} #project-name`).click();
  await member.keyboard.type('Falls on ward 7');
  await member.select(`${form} #project-stage`, 'testing');
  await member.locator(`${form} [part~="skill-option"][data-skill="statistical-process-control"] input`).click();
  await member.locator(`${form} [part~="submit-button"]`).click();
  await member.waitForFunction(
    (posted) => document.querySelector('tl-request-form')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.includes(posted),
    { timeout: 10_000 },
    `Your request “${title}” is on the board`,
  );

  // The expert finds it on the board and responds with a time three days on the server's clock.
  const expert = await demoPageAs('expert');
  const expertBefore = await balanceShown(expert);
  const board = 'tl-request-board >>>';
  await expert.waitForSelector(`${board} #q`, { visible: true, timeout: 10_000 });
  await expert.locator(`${board} #q`).click();
  await expert.keyboard.type(title);
  await expert.keyboard.press('Enter');
  const requestId = await requestShown(expert, title);
  await expert.locator(`${board} [data-request-id="${requestId}"] [part~="respond-button"]`).click();
  await expert.waitForSelector(`${board} dialog[open] #message`, { visible: true });
  await expert.keyboard.type('I teach SPC to ward teams: happy to go through your charts with you.');
  const startsAt = new Date(Math.ceil((server.clock.now().getTime() + 72 * HOUR) / HOUR) * HOUR);
  // A datetime-local box's segments are typed in the browser's own order (locale and all): the
  // value goes in as its picker would put it, with the input event the element listens for.
  await expert.$eval(
    `${board} dialog[open] #time-0`,
    (input, value) => {
      (input as HTMLInputElement).value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    },
    // On the browser's clock face: the same instant, written in its zone. (No named functions in
    // page code: tsx would wrap them in __name.)
    await expert.evaluate((iso) => {
      const at = new Date(iso);
      return [at.getFullYear(), '-', at.getMonth() + 1, '-', at.getDate(), 'T', at.getHours(), ':', at.getMinutes()]
        .map((part) => (typeof part === 'number' && part < 100 ? String(part).padStart(2, '0') : String(part)))
        .join('');
    }, startsAt.toISOString()),
  );
  await expert.locator(`${board} dialog[open] [part~="submit-button"]`).click();
  await expert.waitForSelector(`${board} [part~="responded"]`, { visible: true, timeout: 10_000 });

  // The member sees the response under "Your requests", accepts it at its time, and says where.
  await member.locator(`${board} [part~="view-button"][data-view="mine"]`).click();
  assert.equal(await requestShown(member, title), requestId);
  await member.waitForFunction(
    (id) => document.querySelector('tl-request-board')?.shadowRoot?.querySelector(`[data-request-id="${id}"] [part~="responses-button"]`)?.textContent?.trim() === 'See responses (1)',
    { timeout: 10_000 },
    requestId,
  );
  await member.locator(`${board} [data-request-id="${requestId}"] [part~="responses-button"]`).click();
  await member.waitForSelector(`${board} [part~="accept-button"]`, { visible: true, timeout: 10_000 });
  await member.locator(`${board} [part~="accept-button"]`).click();
  await member.waitForSelector(`${board} dialog[open] input[name="startsAt"]`, { visible: true });
  assert.equal(await member.$eval(`${board} dialog[open] input[name="startsAt"]`, (input) => (input as HTMLInputElement).value), startsAt.toISOString());
  await member.locator(`${board} dialog[open] input[name="startsAt"]`).click();
  await member.locator(`${board} dialog[open] #meetingPlace`).click();
  await member.keyboard.type('https://meet.example.org/run-charts');
  await member.locator(`${board} dialog[open] [part~="submit-button"]`).click();
  await member.waitForFunction(
    (name) => document.querySelector('tl-request-board')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.includes(`Your hour with ${name} is scheduled`),
    { timeout: 10_000 },
    PEOPLE.expert.name,
  );

  // The hour is in her exchanges (the page read them again), scheduled, with its credit held.
  const exchangeId = await member.waitForFunction(
    (at) => {
      const root = document.querySelector('tl-my-exchanges')?.shadowRoot;
      const scheduled = [...(root?.querySelectorAll<HTMLElement>('[data-status="scheduled"]') ?? [])];
      return scheduled.find((node) => node.querySelector('[part~="exchange-place"]')?.textContent?.includes(at))?.dataset.exchangeId;
    },
    { timeout: 10_000 },
    'run-charts',
  ).then((handle) => handle.jsonValue() as Promise<string>);
  await member.waitForFunction(
    () => (document.querySelector('tl-credits')?.shadowRoot?.querySelector('[data-figure="held"]')?.textContent ?? '').startsWith('1'),
    { timeout: 10_000 },
  );

  await moveClockPast(member, new Date(startsAt.getTime() + HOUR));
  await bothConfirm(member, expert, exchangeId);

  await waitForBalance(expert, expertBefore + 1);
  await reloadAs(member, 'member');
  await waitForBalance(member, memberBefore - 1);
  assert.deepEqual(await balancesByApi(), [memberBefore - 1, expertBefore + 1]);
});
