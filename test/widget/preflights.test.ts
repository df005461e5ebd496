/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '@talking-library/widget/define.js';
import { cleanUp, createElement, mount, nextEvent, part, publishableKey } from './support.js';

/**
 * The test API under its other name (127.0.0.1 for localhost, or the reverse): Chromium caches a
 * preflight's answer by URL, so URLs no other test file uses cannot hide a preflight behind one
 * that file already paid for.
 */
function apiByOtherName(): string {
  const url = new URL(window.TL_API!);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

const preflights = async () => (await executeServerCommand<string[] | null, undefined>('preflights')) ?? [];
const toApi = (urls: string[], api: string) => urls.filter((url) => url.startsWith(api));

afterEach(cleanUp);

describe("the widget's reads from another origin", () => {
  before(() => executeServerCommand('watch-preflights'));

  it('cost no CORS preflight: the first cards, the next page and a search', async () => {
    const api = apiByOtherName();
    const element = createElement({ api, 'publishable-key': publishableKey(), library: 'demo', 'page-size': '3' });
    await mount(element, 'tl-profiles-loaded');
    expect(part(element, 'card'), 'the first cards are shown').to.exist;

    const more = nextEvent(element, 'tl-profiles-loaded');
    part(element, 'more-button')!.click();
    await more;
    const input = part(element, 'search-input') as HTMLInputElement;
    const searched = nextEvent(element, 'tl-profiles-loaded');
    input.value = `data ${Date.now().toString(36)}`;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await searched;

    const reads = performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(`${api}/v1/`));
    expect(reads.length, 'the element read the library, two pages and a search').to.be.at.least(4);
    expect(toApi(await preflights(), api)).to.deep.equal([]);
  });

  it('are counted: a read with the key in a custom header sends one preflight, which this test sees', async () => {
    const api = apiByOtherName();
    const url = `${api}/v1/libraries/demo?probe=${Date.now().toString(36)}`;
    // Answered or refused, the answer reached the page: CORS let it through after the preflight.
    await fetch(url, { headers: { 'x-tl-key': publishableKey() } });
    await waitUntil(async () => toApi(await preflights(), url).length === 1, 'the preflight to be reported');
  });
});
