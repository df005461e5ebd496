/// <reference types="mocha" />
// Its own test file, so its page has not already defined <talking-library> from source.
import { expect } from '@open-wc/testing';
import type { Profile } from '@talking-library/sdk';
import { apiUrl, cardNames, cleanUp, getJson, mount, publishableKey } from './support.js';

/** Loads the built bundle the way a partner page does: one module script tag. */
function loadBundle(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/widget/dist/talking-library.js';
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error('widget/dist/talking-library.js did not load: run `npm run build`')));
    document.head.append(script);
  });
}

afterEach(cleanUp);

describe('the one-script bundle widget/dist/talking-library.js', () => {
  before(loadBundle);

  it('defines every element when loaded', () => {
    for (const tag of ['talking-library', 'tl-sign-in', 'tl-profile-editor', 'tl-review-queue']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
  });

  it("exports createClient, so a page's own script can call the API without a build step", async () => {
    const bundle = (await import(/* @vite-ignore */ `${location.origin}/widget/dist/talking-library.js`)) as {
      createClient: typeof import('@talking-library/sdk').createClient;
      TlSignInElement: CustomElementConstructor;
    };
    expect(bundle.TlSignInElement).to.equal(customElements.get('tl-sign-in'));
    const client = bundle.createClient({ baseUrl: apiUrl(), publishableKey: publishableKey() });

    expect((await client.libraries.get('demo')).slug).to.equal('demo');
  });

  it('shows the demo library from the real server', async () => {
    const expected = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=4');
    const element = document.createElement('talking-library');
    element.setAttribute('api', apiUrl());
    element.setAttribute('publishable-key', publishableKey());
    element.setAttribute('library', 'demo');
    element.setAttribute('page-size', '4');
    await mount(element, 'tl-profiles-loaded');

    expect(cardNames(element)).to.deep.equal(expected.data.map((profile) => profile.displayName));
  });

  it('tolerates being loaded a second time', async () => {
    const defined = customElements.get('talking-library');
    const copy = document.createElement('script');
    copy.type = 'module';
    // A different URL is a different module instance, as when a page includes two copies.
    copy.src = '/widget/dist/talking-library.js?copy=2';
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    await new Promise((resolve, reject) => {
      copy.addEventListener('load', resolve);
      copy.addEventListener('error', reject);
      document.head.append(copy);
    });
    window.removeEventListener('error', onError);

    expect(errors).to.deep.equal([]);
    expect(customElements.get('talking-library')).to.equal(defined);
  });
});
