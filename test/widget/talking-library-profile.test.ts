/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type Profile, type ProfileSearchPage } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlRequestExchangeEvent, defaultStrings, type TalkingLibraryElement } from '@talking-library/widget';
import { apiAttributes, apiUrl, attach, cleanUp, createElement, expectFocusOn, getJson, mount, nextEvent, part, parts, publishableKey, textOf } from './support.js';

function search(query: string): Promise<ProfileSearchPage> {
  return getJson<ProfileSearchPage>(`/v1/libraries/demo/profiles?limit=12&${query}`);
}

async function mountLibrary(attributes: Record<string, string> = {}, properties: Parameters<typeof createElement>[1] = {}) {
  const element = createElement({ ...apiAttributes(), library: 'demo', ...attributes }, properties);
  await mount(element, 'tl-profiles-loaded');
  return element;
}

const dialogOf = (element: HTMLElement) => part(element, 'dialog') as HTMLDialogElement;
const openButton = (element: HTMLElement, id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-open="${id}"]`)!;

/** Waits until the dialog shows this profile, loaded and on screen. */
async function dialogShows(element: TalkingLibraryElement, profile: Profile): Promise<HTMLDialogElement> {
  await waitUntil(() => dialogOf(element)?.open && textOf(part(element, 'detail-name')) === profile.displayName, `the dialog to show ${profile.displayName}`);
  return dialogOf(element);
}

/** Someone with a story, a link and some weekly hours: everything the dialog shows. */
async function richProfile(): Promise<Profile> {
  const all = await getJson<ProfileSearchPage>('/v1/libraries/demo/profiles?limit=100');
  const profile = all.data.find((p) => p.stories.length > 0 && p.links.length > 0 && p.availability.length > 0);
  if (!profile) throw new Error('The seed has nobody with stories, links and availability');
  return profile;
}

/** Waits for the results whose announcement says `words`, once no search is on its way. */
function settled(element: TalkingLibraryElement, words: string): Promise<unknown> {
  return waitUntil(
    () => textOf(part(element, 'status')).includes(words) && element.shadowRoot!.querySelector('[aria-busy="false"]'),
    `results announced with "${words}"`,
  );
}

/** The address changes under Back and Forward; the element follows once `hashchange` arrives. */
function traverse(go: () => void): Promise<void> {
  return new Promise((resolve) => {
    window.addEventListener('hashchange', () => resolve(), { once: true });
    go();
  });
}

afterEach(async () => {
  cleanUp();
  await setViewport({ width: 800, height: 600 });
});

describe("<talking-library>'s profile dialog", () => {
  it('opens a profile in a modal dialog named after the expert, with her stories, links and weekly hours', async () => {
    const profile = await richProfile();
    const element = await mountLibrary({ 'page-size': '100' });

    openButton(element, profile.id).click();
    const dialog = await dialogShows(element, profile);

    expect(dialog.matches(':modal')).to.equal(true);
    expect(element.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal(profile.displayName);
    expect(textOf(dialog.querySelector('[part~="headline"]'))).to.equal(profile.headline);
    expect(textOf(dialog.querySelector('[part~="bio"]'))).to.equal(profile.bio.replace(/\s+/g, ' '));
    expect([...dialog.querySelectorAll('[part~="story-title"]')].map(textOf)).to.deep.equal(profile.stories.map((s) => s.title));
    expect([...dialog.querySelectorAll('[part~="story-body"]')].map(textOf)).to.deep.equal(profile.stories.map((s) => s.body.replace(/\s+/g, ' ')));
    expect([...dialog.querySelectorAll('[part~="skill"]')].map(textOf)).to.deep.equal(profile.skills.map((s) => s.name));
    expect([...dialog.querySelectorAll('[part~="category"]')].map(textOf)).to.deep.equal(profile.categories.map((c) => c.name));
    const links = [...dialog.querySelectorAll<HTMLAnchorElement>('[part~="link"]')];
    expect(links.map((a) => a.href)).to.deep.equal(profile.links.map((l) => new URL(l.url).href));
    for (const link of links) expect(link.rel).to.equal('noopener noreferrer');
    expect(dialog.querySelectorAll('[part~="availability"] li')).to.have.length(profile.availability.length);
    expect(textOf(dialog)).to.contain(defaultStrings.availabilityTimeZone(profile.timeZone));
    expect(new URLSearchParams(location.hash.slice(1)).get('tl-profile')).to.equal(profile.id);
  });

  it('"Request an hour" fires a bubbling, composed tl-request-exchange carrying the profile', async () => {
    const profile = await richProfile();
    const element = await mountLibrary({ 'page-size': '100' });
    openButton(element, profile.id).click();
    await dialogShows(element, profile);

    const heard = nextEvent(document, 'tl-request-exchange');
    part(element, 'request-button')!.click();
    const event = await heard;

    expect(event).to.be.instanceOf(TlRequestExchangeEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.profile.id).to.equal(profile.id);
    expect(event.profile.displayName).to.equal(profile.displayName);
  });

  it('closes with Escape and gives focus back to the card button that opened it', async () => {
    const [, second] = (await search('')).data;
    const element = await mountLibrary();
    openButton(element, second!.id).focus();
    await sendKeys({ press: 'Enter' });
    await dialogShows(element, second!);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element).open, 'the dialog to close');
    await element.updateComplete;

    expectFocusOn(element, openButton(element, second!.id));
    await waitUntil(() => !location.hash.includes('tl-profile'), 'the profile to leave the address');
  });

  it('takes a member from the keyboard alone through search, a category, a profile and "Request an hour"', async () => {
    const element = await mountLibrary();
    const requests: TlRequestExchangeEvent[] = [];
    element.addEventListener('tl-request-exchange', (event) => requests.push(event));

    // Tab into the search box and type.
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, part(element, 'search-input'));
    await sendKeys({ type: 'data' });
    await settled(element, '“data”');

    // Tab to the "Digital health" chip and press it.
    for (let i = 0; i < 10 && (element.shadowRoot!.activeElement as HTMLElement | null)?.dataset.category !== 'digital-health'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    const chip = element.shadowRoot!.activeElement as HTMLElement;
    expect(chip.dataset.category).to.equal('digital-health');
    await sendKeys({ press: 'Enter' });
    await settled(element, 'with these filters');
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    const expected = await search('q=data&category=digital-health');
    expect(parts(element, 'card').map((card) => card.dataset.profileId)).to.deep.equal(expected.data.map((p) => p.id));

    // Tab on to the first card and open it.
    for (let i = 0; i < 20 && element.shadowRoot!.activeElement?.getAttribute('part') !== 'open-button'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    const opener = element.shadowRoot!.activeElement as HTMLElement;
    expect(opener.dataset.open).to.equal(expected.data[0]!.id);
    await sendKeys({ press: 'Enter' });
    await dialogShows(element, expected.data[0]!);

    // Reach "Request an hour" and press it.
    for (let i = 0; i < 5 && element.shadowRoot!.activeElement?.getAttribute('part') !== 'request-button'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    expectFocusOn(element, part(element, 'request-button'));
    await sendKeys({ press: 'Enter' });
    expect(requests.map((event) => event.profile.id)).to.deep.equal([expected.data[0]!.id]);

    // Escape closes the dialog; focus is back on the card that opened it.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element).open, 'the dialog to close');
    await element.updateComplete;
    expectFocusOn(element, openButton(element, expected.data[0]!.id));
  });

  it('has no accessibility violations with the dialog open', async () => {
    const profile = await richProfile();
    const element = await mountLibrary({ 'page-size': '100' });
    openButton(element, profile.id).click();
    await dialogShows(element, profile);

    await expect(element).to.be.accessible();
  });

  it('fits a 320px-wide screen with the dialog open', async () => {
    await setViewport({ width: 320, height: 640 });
    const profile = await richProfile();
    const element = await mountLibrary({ 'page-size': '100' });
    openButton(element, profile.id).click();
    const dialog = await dialogShows(element, profile);

    const box = dialog.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
  });

  it('links only to web addresses: a javascript: link stays text', async () => {
    const profile = await richProfile();
    // A client whose answer carries a link the API would refuse to store: the element must not trust it.
    const client = createClient({
      baseUrl: apiUrl(),
      publishableKey: publishableKey(),
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!new URL(String(input)).pathname.endsWith(`/profiles/${profile.id}`)) return response;
        const body = (await response.json()) as Profile;
        body.links = [{ label: 'Run me', url: 'javascript:window.__pwned=3' }, ...body.links];
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    history.replaceState(null, '', `#tl-profile=${profile.id}`);
    const element = createElement({ library: 'demo', 'page-size': '1' }, { client });
    attach(element);
    const dialog = await dialogShows(element, profile);

    const items = [...dialog.querySelectorAll('[part~="links"] li')];
    expect(textOf(items[0]!)).to.equal('Run me');
    expect(items[0]!.querySelector('a')).to.equal(null);
    for (const link of dialog.querySelectorAll('a')) expect(link.protocol).to.match(/^https?:$/);
  });
});

describe("<talking-library>'s state in the address", () => {
  it('restores a search and an open profile from the address on arrival', async () => {
    const expected = await search('q=fhir');
    const profile = expected.data[1]!;
    history.replaceState(null, '', `#tl-q=fhir&tl-profile=${profile.id}`);

    const element = await mountLibrary();
    await dialogShows(element, profile);

    expect((part(element, 'search-input') as HTMLInputElement).value).to.equal('fhir');
    expect(parts(element, 'card').map((card) => card.dataset.profileId)).to.deep.equal(expected.data.map((p) => p.id));
  });

  it('opens a profile linked to that is not on the first page', async () => {
    const all = await getJson<ProfileSearchPage>('/v1/libraries/demo/profiles?limit=100');
    const last = all.data.at(-1)!;
    history.replaceState(null, '', `#tl-profile=${last.id}`);

    const element = await mountLibrary({ 'page-size': '2' });
    await dialogShows(element, last);

    expect(textOf(part(element, 'headline'))).to.not.equal('');
  });

  it('follows Back and Forward through filters and profiles', async () => {
    const all = await search('');
    const leadership = await search('category=leadership');
    const element = await mountLibrary();

    let loaded = nextEvent(element, 'tl-profiles-loaded');
    parts(element, 'chip').find((chip) => chip.dataset.category === 'leadership')!.click();
    await loaded;
    openButton(element, leadership.data[0]!.id).click();
    await dialogShows(element, leadership.data[0]!);
    expect(location.hash).to.equal(`#tl-category=leadership&tl-profile=${leadership.data[0]!.id}`);

    await traverse(() => history.back());
    await waitUntil(() => !dialogOf(element).open, 'Back to close the dialog');
    expect(location.hash).to.equal('#tl-category=leadership');

    loaded = nextEvent(element, 'tl-profiles-loaded');
    await traverse(() => history.back());
    await loaded;
    expect(parts(element, 'chip').every((chip) => chip.getAttribute('aria-pressed') === 'false')).to.equal(true);
    expect(parts(element, 'card').map((card) => card.dataset.profileId)).to.deep.equal(all.data.map((p) => p.id));

    loaded = nextEvent(element, 'tl-profiles-loaded');
    await traverse(() => history.forward());
    await loaded;
    expect(parts(element, 'card').map((card) => card.dataset.profileId)).to.deep.equal(leadership.data.map((p) => p.id));

    await traverse(() => history.forward());
    await dialogShows(element, leadership.data[0]!);
  });

  it("keeps the page's own fragment parameters beside its own", async () => {
    history.replaceState(null, '', '#view=experts');
    const element = await mountLibrary();

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    parts(element, 'chip')[0]!.click();
    await loaded;

    const params = new URLSearchParams(location.hash.slice(1));
    expect(params.get('view')).to.equal('experts');
    expect(params.get('tl-category')).to.equal(parts(element, 'chip')[0]!.dataset.category);
  });

  it('leaves the address alone with no-history', async () => {
    const element = await mountLibrary({ 'no-history': '' });

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    parts(element, 'chip')[0]!.click();
    await loaded;

    expect(location.hash).to.equal('');
  });
});
