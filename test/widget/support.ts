/// <reference types="mocha" />
import type { Page, Profile } from '@talking-library/sdk';
import type { TalkingLibraryElement } from '@talking-library/widget';

declare global {
  interface Window {
    /** Base URL of the real API server that test/web-test-runner.config.mjs started. */
    TL_API: string;
    /** The demo partner's publishable key; the config lists this page's origin for it. */
    TL_KEY: string;
  }
}

export const apiUrl = (): string => {
  if (!window.TL_API) throw new Error('window.TL_API is not set: run these tests through test/web-test-runner.config.mjs');
  return window.TL_API;
};

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
  properties: Partial<Pick<TalkingLibraryElement, 'client' | 'strings'>> = {},
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
