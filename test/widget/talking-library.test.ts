/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, findAccessibilityNode, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type Library, type Problem, type Profile, type TalkingLibraryClient } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TalkingLibraryElement, TlErrorEvent, TlProfilesLoadedEvent, defaultStrings, setStrings } from '@talking-library/widget';
import { allPages, apiAttributes, apiUrl, attach, cardNames, cleanUp, createElement, demoSession, endSession, expectFocusOn, getJson, mount, nextEvent, part, parts, publishableKey, textOf } from './support.js';

interface A11yNode {
  role: string;
  name: string;
  children?: A11yNode[];
}

/** A client whose library has no published profiles; the seeded server has no such library. */
function emptyLibraryClient(): TalkingLibraryClient {
  const library: Library = { slug: 'quiet', name: 'Quiet Library', description: '', phase: 'open', categories: [], version: 1 };
  return {
    libraries: { get: async () => library },
    profiles: { list: async () => ({ data: [], nextCursor: null }) },
  } as unknown as TalkingLibraryClient;
}

/** The real SDK against the real server, through a fetch that counts requests and can fail on cue. */
function countingClient(options: { failFirst?: number } = {}): { client: TalkingLibraryClient; requests: () => number } {
  let requests = 0;
  let failuresLeft = options.failFirst ?? 0;
  const client = createClient({
    baseUrl: apiUrl(),
    publishableKey: publishableKey(),
    maxRetries: 0,
    fetch: async (input, init) => {
      requests += 1;
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new TypeError('Failed to fetch');
      }
      return fetch(input, init);
    },
  });
  return { client, requests: () => requests };
}

afterEach(async () => {
  cleanUp();
  setStrings();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ reducedMotion: 'no-preference' });
});

describe('<talking-library>', () => {
  it('is defined by the define module as TalkingLibraryElement', () => {
    expect(customElements.get('talking-library')).to.equal(TalkingLibraryElement);
  });

  it("renders one card per profile of the API's first page, with the same names in the same order", async () => {
    const expected = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=6');
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '6' });
    await mount(element, 'tl-profiles-loaded');

    expect(parts(element, 'card')).to.have.length(expected.data.length);
    expect(cardNames(element)).to.deep.equal(expected.data.map((profile) => profile.displayName));
  });

  it("shows each expert's pronouns, headline, career stage, skills and categories", async () => {
    const [first] = (await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=1')).data;
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '1' });
    await mount(element, 'tl-profiles-loaded');
    const card = part(element, 'card')!;

    expect(textOf(card.querySelector('[part~="headline"]'))).to.equal(first!.headline);
    expect(textOf(card.querySelector('[part~="career-stage"]'))).to.equal(
      `Career stage: ${defaultStrings.careerStages[first!.careerStage]}`,
    );
    if (first!.pronouns) expect(textOf(card.querySelector('[part~="pronouns"]'))).to.equal(`Pronouns: ${first!.pronouns}`);
    const skills = [...card.querySelectorAll('[part~="skills"] li')].map(textOf);
    expect(skills).to.deep.equal(first!.skills.map((skill) => skill.name));
    const categories = [...card.querySelectorAll('[part~="categories"] li')].map(textOf);
    expect(categories).to.deep.equal(first!.categories.map((category) => category.name));
  });

  it("uses the library's name as the heading", async () => {
    const library = await getJson<Library>('/v1/libraries/demo');
    const element = createElement({ ...apiAttributes(), library: 'demo' });
    await mount(element, 'tl-profiles-loaded');

    expect(textOf(part(element, 'heading'))).to.equal(library.name);
  });

  it('says it is loading, in a polite live region, and marks the results busy until the first page arrives', async () => {
    const element = createElement({ ...apiAttributes(), library: 'demo' });
    const loaded = mount(element, 'tl-profiles-loaded');
    await element.updateComplete;
    const status = part(element, 'status')!;
    const results = element.shadowRoot!.querySelector('[aria-busy]')!;

    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(textOf(status)).to.equal('Loading experts…');
    expect(results.getAttribute('aria-busy')).to.equal('true');

    await loaded;
    expect(results.getAttribute('aria-busy')).to.equal('false');
  });

  it('announces how many experts there are, and how many are shown, in the live region', async () => {
    const { total } = await getJson<{ total: number }>('/v1/libraries/demo/profiles?limit=5');
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '5' });
    await mount(element, 'tl-profiles-loaded');

    expect(textOf(part(element, 'status'))).to.equal(`${total} experts. Showing 5.`);
  });

  it('"Show more" appends the next page and disappears after the last page', async () => {
    const pages = await allPages('demo', 10);
    expect(pages.length, 'the seeded demo library spans several pages').to.be.greaterThan(1);
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '10' });
    await mount(element, 'tl-profiles-loaded');

    const shown = [...pages[0]!];
    for (const page of pages.slice(1)) {
      const button = part(element, 'more-button');
      expect(button, 'a "Show more" button while pages remain').to.exist;
      const loaded = nextEvent(element, 'tl-profiles-loaded');
      button!.click();
      await loaded;
      shown.push(...page);
      expect(cardNames(element)).to.deep.equal(shown.map((profile) => profile.displayName));
    }

    expect(part(element, 'more-button')).to.equal(null);
    expect(textOf(part(element, 'status'))).to.equal(`${shown.length} experts.`);
  });

  it("moves focus to the first new card's button after \"Show more\" is pressed from the keyboard", async () => {
    const [, second] = await allPages('demo', 4);
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '4' });
    await mount(element, 'tl-profiles-loaded');

    part(element, 'more-button')!.focus();
    const loaded = nextEvent(element, 'tl-profiles-loaded');
    await sendKeys({ press: 'Enter' });
    await loaded;

    const focused = element.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.getAttribute('part')).to.equal('open-button');
    expect(focused?.dataset.open).to.equal(second![0]!.id);
  });

  it('shows the empty state when the library has no published profiles', async () => {
    const element = createElement({}, { client: emptyLibraryClient() });
    element.setAttribute('library', 'quiet');
    await mount(element, 'tl-profiles-loaded');

    expect(textOf(part(element, 'status'))).to.equal('No experts have published a profile yet.');
    expect(parts(element, 'card')).to.have.length(0);
    expect(part(element, 'list')).to.equal(null);
    expect(part(element, 'more-button')).to.equal(null);
  });

  it('says in an alert, in its own words, that an unknown library was not found, and offers no "Try again"', async () => {
    const problem = await getJson<Problem>('/v1/libraries/no-such-library');
    const element = createElement({ ...apiAttributes(), library: 'no-such-library' });
    const event = await mount(element, 'tl-error');

    const alert = element.shadowRoot!.querySelector('[role="alert"]');
    expect(alert, 'an element with role=alert').to.exist;
    expect(part(element, 'error')!.contains(alert)).to.equal(true);
    expect(textOf(alert)).to.equal(`${defaultStrings.loadFailed} ${defaultStrings.notFound}`);
    // The API's own words are for developers.
    expect(textOf(alert)).to.not.contain(problem.detail ?? problem.title);
    expect(part(element, 'retry-button')).to.equal(null);
    expect((event.error as { status?: number }).status).to.equal(404);
    expect(parts(element, 'card')).to.have.length(0);
  });

  it('"Try again" after an error asks the server again', async () => {
    const { client, requests } = countingClient({ failFirst: Infinity });
    const element = createElement({ library: 'demo' }, { client });
    await mount(element, 'tl-error');
    const before = requests();

    const again = nextEvent(element, 'tl-error');
    part(element, 'retry-button')!.click();
    await element.updateComplete;
    expect(textOf(part(element, 'status'))).to.equal('Loading experts…');
    await again;

    expect(requests()).to.be.greaterThan(before);
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.exist;
  });

  it('"Try again" recovers after the network failed, showing the cards', async () => {
    const { client } = countingClient({ failFirst: 2 });
    const element = createElement({ library: 'demo', 'page-size': '3' }, { client });
    await mount(element, 'tl-error');
    expect(textOf(element.shadowRoot!.querySelector('[role="alert"]'))).to.contain(defaultStrings.connectionFailed);

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    part(element, 'retry-button')!.click();
    await loaded;

    expect(parts(element, 'card')).to.have.length(3);
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('loads the right library when the page corrects the library attribute', async () => {
    const element = createElement({ ...apiAttributes(), library: 'no-such-library', 'page-size': '2' });
    await mount(element, 'tl-error');

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    element.setAttribute('library', 'demo');
    await loaded;

    expect(parts(element, 'card')).to.have.length(2);
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('explains what is missing when the page gives no api or library', async () => {
    const element = createElement();
    const event = await mount(element, 'tl-error');

    expect(event).to.be.instanceOf(TlErrorEvent);
    expect(textOf(element.shadowRoot!.querySelector('[role="alert"]'))).to.contain(defaultStrings.notConfigured);
  });

  it('gives the list and every card an accessible name', async () => {
    const library = await getJson<Library>('/v1/libraries/demo');
    const expected = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=3');
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '3' });
    await mount(element, 'tl-profiles-loaded');

    const tree = await executeServerCommand<A11yNode & { children: A11yNode[] }, undefined>('accessibility-tree');
    const list = findAccessibilityNode<A11yNode>(tree, (node) => node.role === 'list' && node.name === `Experts in ${library.name}`);
    expect(list, `a list named "Experts in ${library.name}"`).to.exist;
    for (const profile of expected.data) {
      const card = findAccessibilityNode<A11yNode>(tree, (node) => node.role === 'article' && node.name === profile.displayName);
      expect(card, `an article named "${profile.displayName}"`).to.exist;
    }
    const skills = findAccessibilityNode<A11yNode>(tree, (node) => node.role === 'list' && node.name === 'Skills');
    expect(skills, 'a list named "Skills"').to.exist;
  });

  it('fires tl-profiles-loaded out of the shadow root with the profiles shown', async () => {
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '2' });
    const heard = nextEvent(document, 'tl-profiles-loaded');
    attach(element);
    const event = await heard;

    expect(event).to.be.instanceOf(TlProfilesLoadedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.profiles.map((profile) => profile.displayName)).to.deep.equal(cardNames(element));
    expect(event.hasMore).to.equal(true);
  });

  it('takes its accent colour from --tl-color-accent set by the page', async () => {
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '2' });
    await mount(element, 'tl-profiles-loaded');
    const button = part(element, 'more-button')!;
    const before = getComputedStyle(button).backgroundColor;

    element.style.setProperty('--tl-color-accent', 'rgb(1, 2, 3)');

    expect(before).to.not.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(element, 'skill')!).borderTopColor).to.equal('rgb(1, 2, 3)');
    // The button eases into its new colour unless the user asked for reduced motion. Test files share
    // one browser, and a page that another file's key presses sent to the background runs no
    // transitions: skip to the end of this one rather than wait for it.
    for (const transition of button.getAnimations()) transition.finish();
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('lets the page style its parts', async () => {
    const style = document.createElement('style');
    style.textContent = 'talking-library::part(card-name) { text-transform: uppercase; }';
    document.head.append(style);
    try {
      const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '1' });
      await mount(element, 'tl-profiles-loaded');
      expect(getComputedStyle(part(element, 'card-name')!).textTransform).to.equal('uppercase');
    } finally {
      style.remove();
    }
  });

  it('shows a visible focus ring on "Show more" when reached with the Tab key', async () => {
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '2' });
    await mount(element, 'tl-profiles-loaded');

    parts(element, 'open-button').at(-1)!.focus();
    await sendKeys({ press: 'Tab' });

    const button = part(element, 'more-button')!;
    expectFocusOn(element, button);
    const style = getComputedStyle(button);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('fits a 320px-wide screen without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '4' });
    await mount(element, 'tl-profiles-loaded');

    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const card of parts(element, 'card')) expect(card.getBoundingClientRect().right).to.be.at.most(320);
  });

  it('lays cards out in several columns on a wide screen', async () => {
    await setViewport({ width: 1200, height: 800 });
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '6' });
    await mount(element, 'tl-profiles-loaded');

    const columns = new Set(parts(element, 'card').map((card) => Math.round(card.getBoundingClientRect().left)));
    expect(columns.size).to.be.greaterThan(1);
  });

  it('drops its transitions when the user prefers reduced motion', async () => {
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '2' });
    await mount(element, 'tl-profiles-loaded');
    const button = part(element, 'more-button')!;
    expect(getComputedStyle(button).transitionDuration).to.not.equal('0s');

    await emulateMedia({ reducedMotion: 'reduce' });

    await waitUntil(() => getComputedStyle(button).transitionDuration === '0s', 'transition removed');
  });

  it("uses a site's own wording from setStrings, and an element's from its strings property", async () => {
    setStrings({ noExperts: 'Nobody here yet — check back soon.' });
    const first = createElement({ library: 'quiet' }, { client: emptyLibraryClient() });
    await mount(first, 'tl-profiles-loaded');
    expect(textOf(part(first, 'status'))).to.equal('Nobody here yet — check back soon.');

    const second = createElement({ library: 'quiet' }, { client: emptyLibraryClient(), strings: { noExperts: 'Dim ond nawr yn dechrau.' } });
    await mount(second, 'tl-profiles-loaded');
    expect(textOf(part(second, 'status'))).to.equal('Dim ond nawr yn dechrau.');

    setStrings();
    await first.updateComplete;
    expect(textOf(part(first, 'status'))).to.equal(defaultStrings.noExperts);
  });

  it('describes career stages in words', async () => {
    const profiles = (await allPages('demo', 100)).flat();
    const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '100' });
    await mount(element, 'tl-profiles-loaded');

    const stages = parts(element, 'career-stage').map(textOf);
    expect(stages).to.deep.equal(profiles.map((profile) => `Career stage: ${defaultStrings.careerStages[profile.careerStage]}`));
  });

  describe('for a signed-in member', () => {
    it('reads the library with a member-token and no publishable key: the API takes the session as the credential', async () => {
      const anonymous = await fetch(`${apiUrl()}/v1/libraries/demo/profiles?limit=2`);
      expect(anonymous.status, 'the API refuses a read with no credential').to.equal(401);
      const session = await demoSession('member');
      const element = createElement({ api: apiUrl(), library: 'demo', 'page-size': '2', 'member-token': session.sessionToken });
      await mount(element, 'tl-profiles-loaded');

      expect(parts(element, 'card')).to.have.length(2);
    });

    it('loads again when the page changes the member-token', async () => {
      const ended = await demoSession('member');
      await endSession(ended.sessionToken);
      const element = createElement({ api: apiUrl(), library: 'demo', 'page-size': '2', 'member-token': ended.sessionToken });
      const refused = await mount(element, 'tl-error');
      expect((refused.error as { status?: number }).status).to.equal(401);

      const current = await demoSession('member');
      const loaded = nextEvent(element, 'tl-profiles-loaded');
      element.setAttribute('member-token', current.sessionToken);
      await loaded;

      expect(parts(element, 'card')).to.have.length(2);
      expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });

    it('asks getSessionToken for the token before its requests and sends what it returns', async () => {
      const session = await demoSession('expert');
      let calls = 0;
      const element = createElement(
        { api: apiUrl(), library: 'demo', 'page-size': '2' },
        {
          getSessionToken: async () => {
            calls += 1;
            return session.sessionToken;
          },
        },
      );
      await mount(element, 'tl-profiles-loaded');

      expect(calls, 'one call for the library, one for the profiles').to.be.at.least(2);
      expect(parts(element, 'card')).to.have.length(2);
    });

    it('follows getSessionToken over member-token, even when it says nobody is signed in', async () => {
      const session = await demoSession('member');
      const element = createElement(
        { api: apiUrl(), library: 'demo', 'member-token': session.sessionToken },
        { getSessionToken: () => null },
      );
      const event = await mount(element, 'tl-error');

      expect((event.error as { problem?: { code?: string } }).problem?.code).to.equal('key_required');
    });
  });
});
