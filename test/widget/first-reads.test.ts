/// <reference types="mocha" />
// The reads the loader starts for <talking-library> before its code arrives (loader/first-reads.ts,
// internal/first-reads.ts):
// which it starts, and how the element's client claims them. The loader's own use of them is in loader.test.ts.
import { expect } from '@open-wc/testing';
import { takeFirstRead } from '../../widget/src/internal/first-reads.js';
import { prefetchFirstReads } from '../../widget/src/loader/first-reads.js';
import { apiUrl, cleanUp, publishableKey } from './support.js';

/** A `<talking-library>` tag, not defined here: the loader sees tags before their code. */
function tag(attributes: Record<string, string>): Element {
  const element = document.createElement('talking-library');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** A library of its own per test, so no test claims another's reads. */
let library = 0;
const nextLibrary = () => `first-reads-${++library}`;
const urlOf = (lib: string, path = '', query = '') => `${apiUrl()}/v1/libraries/${lib}${path}?${query}key=${publishableKey()}`;

afterEach(cleanUp);

describe('first reads for <talking-library>', () => {
  it('starts the library and its first page of experts, each handed out once, whatever the order of the query', async () => {
    const lib = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: lib, 'publishable-key': publishableKey(), 'page-size': '5' }));
    const reordered = `${apiUrl()}/v1/libraries/${lib}/profiles?key=${publishableKey()}&limit=5`;
    const profiles = takeFirstRead(reordered, { method: 'GET', headers: { accept: 'application/json' } });
    expect(profiles, 'the first page').to.not.equal(undefined);
    // An unknown library: the API's own answer travels as it came.
    expect((await profiles!).status).to.equal(404);
    expect(takeFirstRead(reordered, { method: 'GET' }), 'a second claim').to.equal(undefined);
    expect(takeFirstRead(urlOf(lib), undefined), 'the library').to.not.equal(undefined);
  });

  it('asks the page size the element will, clamped as it clamps it', () => {
    const lib = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: lib, 'publishable-key': publishableKey(), 'page-size': '500' }));
    expect(takeFirstRead(urlOf(lib, '/profiles', 'limit=100&'), undefined)).to.not.equal(undefined);
  });

  it('is not handed to a request with a token, or one that is not a GET', () => {
    const lib = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: lib, 'publishable-key': publishableKey() }));
    expect(takeFirstRead(urlOf(lib), { headers: { authorization: 'Bearer tl_x' } })).to.equal(undefined);
    expect(takeFirstRead(urlOf(lib), { method: 'POST' })).to.equal(undefined);
    expect(takeFirstRead(urlOf(lib), { method: 'GET' }), 'still there for the element').to.not.equal(undefined);
  });

  it('starts nothing for a signed-in element, one without a key, or while the address holds a search', () => {
    const signedIn = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: signedIn, 'publishable-key': publishableKey(), 'member-token': 'tl_x' }));
    const keyless = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: keyless }));
    const searching = nextLibrary();
    history.replaceState(null, '', '#tl-q=fhir');
    prefetchFirstReads(tag({ api: apiUrl(), library: searching, 'publishable-key': publishableKey() }));
    for (const lib of [signedIn, keyless, searching]) expect(takeFirstRead(urlOf(lib, '/profiles', 'limit=12&'), undefined), lib).to.equal(undefined);
  });

  it("keeps the caller's abort: a read claimed with an aborted signal fails with its reason", async () => {
    const lib = nextLibrary();
    prefetchFirstReads(tag({ api: apiUrl(), library: lib, 'publishable-key': publishableKey() }));
    const controller = new AbortController();
    const read = takeFirstRead(urlOf(lib), { signal: controller.signal });
    controller.abort(new Error('gave up'));
    let reason: unknown;
    await read!.catch((error: unknown) => (reason = error));
    expect(String(reason)).to.contain('gave up');
  });
});
