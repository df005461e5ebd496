/// <reference types="mocha" />
// Its own test file, so its page has not already defined any element from source: what it
// downloads is what the loader (widget/dist/cdn/talking-library.js) fetches, and nothing else.
import { expect, waitUntil } from '@open-wc/testing';
import type { Profile } from '@talking-library/sdk';
import { apiUrl, cleanUp, getJson, mount, part, publishableKey } from './support.js';

/** Waits for what the API's answer brings: a few seconds, as a busy test machine may need. */
const waitFor = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });

const LOADER = '/widget/dist/cdn/talking-library.js';
const EXCHANGE_CHUNKS = /^(tl-request-hour|tl-my-exchanges)-[A-Z0-9]+\.js$/;

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`${src} did not load: run \`npm run build\``)));
    document.head.append(script);
  });
}

/** The widget chunks this page has fetched so far, by file name. */
const fetchedChunks = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/widget/dist/cdn/chunks/'))
    .map((name) => name.split('/').pop()!);

afterEach(cleanUp);

describe('the exchange elements on a page that loads the widget with its one script', () => {
  before(() => addScript(LOADER));

  it('a page with only <talking-library>, its profile dialog open, downloads neither <tl-request-hour> nor <tl-my-exchanges>', async () => {
    const { data } = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=1');
    history.replaceState(null, '', `#tl-profile=${data[0]!.id}`);
    const element = document.createElement('talking-library');
    for (const [name, value] of Object.entries({ api: apiUrl(), 'publishable-key': publishableKey(), library: 'demo', 'page-size': '4' })) element.setAttribute(name, value);
    await mount(element as never, 'tl-profiles-loaded');
    await waitFor(() => part(element, 'request-button'), 'the profile dialog');

    expect(fetchedChunks().some((name) => /^talking-library-/.test(name)), 'its own chunk came').to.equal(true);
    expect(fetchedChunks().filter((name) => EXCHANGE_CHUNKS.test(name))).to.deep.equal([]);
    expect(customElements.get('tl-request-hour')).to.equal(undefined);
  });

  it('"Request an hour" fetches <tl-request-hour> through the loader, then, and shows it in the dialog', async () => {
    const { data } = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=1');
    history.replaceState(null, '', `#tl-profile=${data[0]!.id}`);
    const element = document.createElement('talking-library');
    for (const [name, value] of Object.entries({ api: apiUrl(), 'publishable-key': publishableKey(), library: 'demo', 'page-size': '4' })) element.setAttribute(name, value);
    await mount(element as never, 'tl-profiles-loaded');
    await waitFor(() => part(element, 'request-button'), 'the profile dialog');

    part(element, 'request-button')!.click();
    await waitFor(() => element.shadowRoot!.querySelector('tl-request-hour')?.shadowRoot, 'the request flow, defined');

    expect(fetchedChunks().filter((name) => /^tl-request-hour-/.test(name))).to.have.length(1);
    expect(fetchedChunks().filter((name) => /^tl-my-exchanges-/.test(name))).to.deep.equal([]);
    // Through the loader, with its preloads: every chunk came once, none twice.
    const names = fetchedChunks();
    for (const name of names) expect(names.filter((fetched) => fetched === name), name).to.have.length(1);
  });
});
