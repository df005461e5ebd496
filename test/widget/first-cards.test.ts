/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { apiUrl, cardNames, cleanUp, createElement, mount, nextEvent, part, publishableKey } from './support.js';

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

describe('<talking-library> before its first cards', () => {
  it('asks for the library and the first page at once: neither waits for the other to be answered', async () => {
    // Each request is held until two are in flight, or until a second has had every chance to go.
    const started: string[] = [];
    let answered = 0;
    let answeredWhenSecondStarted: number | undefined;
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const fallback = setTimeout(release, 3000);
    const client = createClient({
      baseUrl: apiUrl(),
      publishableKey: publishableKey(),
      keyInQuery: true,
      maxRetries: 0,
      fetch: async (input, init) => {
        started.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
        if (started.length === 2) {
          answeredWhenSecondStarted = answered;
          release();
        }
        await bothStarted;
        const response = await fetch(input, init);
        answered += 1;
        return response;
      },
    });
    const element = createElement({ library: 'demo', 'page-size': '4' }, { client });
    await mount(element, 'tl-profiles-loaded');
    clearTimeout(fallback);

    expect(started.slice(0, 2).sort()).to.deep.equal(['/v1/libraries/demo', '/v1/libraries/demo/profiles']);
    expect(answeredWhenSecondStarted, 'requests answered before the second one went').to.equal(0);
    expect(cardNames(element)).to.have.length(4);
  });
});
