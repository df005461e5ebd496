/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Page, Profile, Role, Session } from '@talking-library/sdk';
import type { TalkingLibraryElement } from '@talking-library/widget';

declare global {
  interface Window {
    /** Base URL of the real API server that test/web-test-runner.config.mjs started. */
    TL_API: string;
    /** A second API with its own seeded database, where tests create, submit and publish profiles. */
    TL_SCRATCH_API: string;
    /** A third API, for the exchange elements: its clock moves forward with `moveClock`. */
    TL_EXCHANGES_API: string;
    /** The demo partner's publishable key; the config lists this page's origin for it. */
    TL_KEY: string;
  }
}

export const apiUrl = (): string => {
  if (!window.TL_API) throw new Error('window.TL_API is not set: run these tests through test/web-test-runner.config.mjs');
  return window.TL_API;
};

/** The scratch API: change its demo library freely; the main one stays as seeded for comparisons. */
export const scratchApiUrl = (): string => {
  if (!window.TL_SCRATCH_API) throw new Error('window.TL_SCRATCH_API is not set: run these tests through test/web-test-runner.config.mjs');
  return window.TL_SCRATCH_API;
};

/** The exchanges API, whose clock tests move forward (see `moveClock`): for the exchange elements, the learning feed and the insights' skill request only. */
export const exchangesApiUrl = (): string => {
  if (!window.TL_EXCHANGES_API) throw new Error('window.TL_EXCHANGES_API is not set: run these tests through test/web-test-runner.config.mjs');
  return window.TL_EXCHANGES_API;
};

export type TestServer = 'main' | 'scratch' | 'exchanges';

const urlOf = (server: TestServer) => (server === 'main' ? apiUrl() : server === 'exchanges' ? exchangesApiUrl() : scratchApiUrl());

/** Moves the exchanges API's clock forward by whole minutes (0 to read it); returns its new time. */
export function moveClock(minutes: number): Promise<{ now: string }> {
  return executeServerCommand<{ now: string }, { minutes: number }>('move-clock', { minutes });
}

export const publishableKey = (): string => {
  if (!window.TL_KEY) throw new Error('window.TL_KEY is not set: run these tests through test/web-test-runner.config.mjs');
  return window.TL_KEY;
};

/** The attributes a partner page gives the element to reach the test server. */
export const apiAttributes = () => ({ api: apiUrl(), 'publishable-key': publishableKey() });

/** Reads the API directly, without the SDK, to know what the element should show. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${apiUrl()}${path}`, { headers: { 'x-tl-key': publishableKey() } });
  return (await response.json()) as T;
}

/** Every published profile of a library, page by page as the API serves them with this limit. */
export async function allPages(library: string, limit: number): Promise<Profile[][]> {
  const pages: Profile[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<Profile> = await getJson(`/v1/libraries/${library}/profiles?limit=${limit}${query}`);
    pages.push(page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

const mounted: HTMLElement[] = [];

/** A `<talking-library>` not yet on the page, so a test can listen before anything loads. */
export function createElement(
  attributes: Record<string, string> = {},
  properties: Partial<Pick<TalkingLibraryElement, 'client' | 'strings' | 'memberToken' | 'getSessionToken'>> = {},
): TalkingLibraryElement {
  const element = document.createElement('talking-library');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  Object.assign(element, properties);
  return element;
}

export function attach(element: HTMLElement): void {
  document.body.append(element);
  mounted.push(element);
}

/** Puts the element on the page and waits for the event that ends its first load. */
export async function mount<K extends 'tl-profiles-loaded' | 'tl-error'>(
  element: TalkingLibraryElement,
  until: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  const event = nextEvent(element, until);
  attach(element);
  return event;
}

export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), { once: true }),
  );
}

export function cleanUp(): void {
  for (const element of mounted.splice(0)) element.remove();
  // <talking-library> keeps its search in the fragment; the next test starts from a bare address.
  if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/** Any Talking Library element, configured for the demo library on the scratch server, on the page. */
export async function mountTag<K extends 'tl-profile-editor' | 'tl-review-queue' | 'tl-credits' | 'talking-library' | 'tl-request-hour' | 'tl-my-exchanges' | 'tl-learning-feed' | 'tl-insights' | 'tl-surveys'>(
  tag: K,
  attributes: Record<string, string> = {},
  properties: Partial<HTMLElementTagNameMap[K]> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const element = document.createElement(tag);
  const defaults = { api: scratchApiUrl(), 'publishable-key': publishableKey(), library: 'demo' };
  for (const [name, value] of Object.entries({ ...defaults, ...attributes })) element.setAttribute(name, value);
  Object.assign(element, properties);
  attach(element);
  await element.updateComplete;
  return element;
}

export function parts(element: HTMLElement, name: string): HTMLElement[] {
  return [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

export function part(element: HTMLElement, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

export function textOf(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function cardNames(element: HTMLElement): string[] {
  return parts(element, 'card-name').map(textOf);
}

/**
 * A session as one of the seeded demo people. The development-only route answers no other origin
 * than the API's own, so the test server asks it from Node (see demoSessionPlugin in the config).
 */
export function demoSession(as: Role = 'member', server: TestServer = 'main'): Promise<Session> {
  return executeServerCommand<Session, { as: Role; server: TestServer }>('demo-session', { as, server });
}

/**
 * A partner site of its own, listing no origins, and its publishable key: in the demo library
 * (whose other partner lists this page's origin) or in a library of its own that lists none.
 */
export function unlistedPartner(library: 'demo' | 'own'): Promise<{ library: string; publishableKey: string }> {
  return executeServerCommand<{ library: string; publishableKey: string }, { library: 'demo' | 'own' }>('unlisted-partner', { library });
}

/** Asks the API who a session token belongs to: 200 with the member, or 401 once it has ended. */
export function getMe(sessionToken: string): Promise<Response> {
  return fetch(`${apiUrl()}/v1/libraries/demo/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
}

/** Signs a session out through the API, as another tab or device would. */
export async function endSession(sessionToken: string): Promise<void> {
  const response = await fetch(`${apiUrl()}/v1/libraries/demo/sessions/current`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  if (response.status !== 204) throw new Error(`DELETE /sessions/current: ${response.status} ${await response.text()}`);
}

/** An address no other test uses: the API sends at most five codes to one address in 15 minutes. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** The newest message the API's development outbox holds for `to` (see outboxPlugin in the config). */
export async function latestMail(to: string): Promise<Mail> {
  const mail = await executeServerCommand<Mail | null, { to: string }>('latest-mail', { to });
  if (!mail) throw new Error(`No mail for ${to} in the development outbox`);
  return mail;
}

/** The six-digit code in a sign-in email. */
export function codeIn(mail: Mail): string {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No 6-digit code in: ${mail.text}`);
  return code;
}

/**
 * A session on the scratch API for a member nobody has used before, so a test can create and change
 * a profile of her own while other test files run (see newMemberPlugin in the config).
 */
export function newMember(label: string, server: 'scratch' | 'exchanges' = 'scratch'): Promise<Session> {
  return executeServerCommand<Session, { label: string; server: 'scratch' | 'exchanges' }>('new-member', { label, server });
}

/** Calls the scratch API as a signed-in member, as another device or a coordinator's own tools would. */
export async function callApi<T = unknown>(method: string, path: string, sessionToken: string, body?: unknown, server: TestServer = 'scratch'): Promise<T> {
  const response = await fetch(`${urlOf(server)}/v1/libraries/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${sessionToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** What a profile needs before it can be submitted or published. */
export const completeProfile = {
  careerStage: 'mid',
  headline: 'Helps improvement teams make sense of their data',
  bio: 'Works with improvement teams across health and care.',
  skills: ['data-analysis'],
  categories: ['digital-health'],
  stories: [{ title: 'The chart that changed a ward round', body: 'A run chart on the wall did more than any report.' }],
} as const;

/** A new member's profile, made through the API: a draft, or as far along as `to` says. */
export async function profileOf(
  member: Session,
  fields: Record<string, unknown>,
  to: 'draft' | 'submitted' = 'draft',
  server: TestServer = 'scratch',
): Promise<Profile> {
  let profile = await callApi<Profile>('POST', '/profiles', member.sessionToken, { ...completeProfile, ...fields }, server);
  if (to === 'submitted') profile = await callApi<Profile>('POST', `/profiles/${profile.id}/submit`, member.sessionToken, undefined, server);
  return profile;
}

/** Runs this test page's browser in `timeZone` (an IANA name), as a viewer there would see it. */
export function useTimeZone(timeZone: string): Promise<boolean> {
  return executeServerCommand<boolean, { timeZone: string }>('time-zone', { timeZone });
}

/** What an element is, for a failure message: its tag, its part and the start of its text. */
function describeNode(node: Element | null | undefined): string {
  if (!node) return 'nothing';
  const partName = node.getAttribute('part');
  return `<${node.localName}${partName ? ` part="${partName}"` : ''}${node.id ? ` id="${node.id}"` : ''}> ${textOf(node).slice(0, 40)}`;
}

/**
 * Asserts that focus, inside `element`'s shadow root, is on `target`. Compared as a boolean with a
 * description of both: chai's diff of two DOM nodes can hang the browser when they differ, so a
 * wrong focus would surface as a timeout rather than say where focus went.
 */
export function expectFocusOn(element: HTMLElement, target: Element | null | undefined, message = 'focus'): void {
  const focused = element.shadowRoot!.activeElement;
  expect(focused === target && !!target, `${message}: on ${describeNode(focused)}, expected ${describeNode(target)}`).to.equal(true);
}
