/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import '@talking-library/widget/define.js';
import { defaultStrings } from '@talking-library/widget';
import { cleanUp, createElement, mount, scratchApiUrl, textOf, unlistedPartner } from './support.js';

/**
 * One rule for origins: a partner site's allowed origins decide both CORS and its publishable
 * key. A page that is not on the list is told what its owner must do, naming its own origin.
 */
describe('a page on an origin its partner site does not list', () => {
  afterEach(cleanUp);

  const alertText = (element: HTMLElement) => textOf(element.shadowRoot!.querySelector('[role="alert"]'));

  it('says so when the library can tell it (another partner of the library lists the page)', async () => {
    const { library, publishableKey } = await unlistedPartner('demo');
    const element = createElement({ api: scratchApiUrl(), library, 'publishable-key': publishableKey });
    await mount(element, 'tl-error');
    expect(alertText(element)).to.contain(defaultStrings.originNotAllowed(location.origin));
    expect(alertText(element)).to.contain(`add ${location.origin} to your partner site’s allowed origins`);
  });

  it('says so when the browser hides the refusal (no partner of the library lists the page)', async () => {
    const { library, publishableKey } = await unlistedPartner('own');
    const element = createElement({ api: scratchApiUrl(), library, 'publishable-key': publishableKey });
    await mount(element, 'tl-error');
    expect(alertText(element)).to.contain(defaultStrings.originNotAllowed(location.origin));
  });

  it('still calls a network failure a network failure', async () => {
    const element = createElement({ api: 'http://127.0.0.1:9', library: 'demo' });
    await mount(element, 'tl-error');
    expect(alertText(element)).to.contain(defaultStrings.connectionFailed);
  });
});
