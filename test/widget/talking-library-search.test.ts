/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type ProfileSearchPage, type TalkingLibraryClient } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { defaultStrings, type TalkingLibraryElement } from '@talking-library/widget';
import { apiAttributes, apiUrl, cleanUp, createElement, expectFocusOn, getJson, mount, nextEvent, part, parts, publishableKey, textOf } from './support.js';

/** The API's answer to a search, as the element should show it. */
function search(query: string): Promise<ProfileSearchPage> {
  return getJson<ProfileSearchPage>(`/v1/libraries/demo/profiles?limit=12&${query}`);
}

const idsOf = (page: ProfileSearchPage) => page.data.map((profile) => profile.id);
const cardIds = (element: HTMLElement) => parts(element, 'card').map((card) => card.dataset.profileId);

/** The number a chip or skill shows, as a sighted member reads it. */
function shownCount(container: Element, part: string): number | undefined {
  const count = container.querySelector(`[part~="${part}"] [aria-hidden="true"]`);
  return count ? Number(textOf(count)) : undefined;
}

/**
 * Types into the search box from the keyboard and waits for the results for all of it: a busy
 * browser may pause between keys long enough for a search to go out part-way through the word.
 */
async function typeSearch(element: TalkingLibraryElement, text: string): Promise<void> {
  (part(element, 'search-input') as HTMLInputElement).focus();
  await sendKeys({ type: text });
  await waitUntil(
    () => textOf(part(element, 'status')).includes(`“${text}”`) && element.shadowRoot!.querySelector('[aria-busy="false"]'),
    `the results for "${text}"`,
  );
}

/** Unfolds the skill filter as a member does, and waits for its options: they are made only once it is open. */
async function openSkillFilter(element: TalkingLibraryElement): Promise<void> {
  const filter = part(element, 'skill-filter') as HTMLDetailsElement;
  const toggled = nextEvent(filter, 'toggle');
  filter.querySelector('summary')!.click();
  await toggled;
  await element.updateComplete;
}

/** Fast typing, as the input events of the search box see it: every key within a few milliseconds. */
function typeQuickly(element: TalkingLibraryElement, text: string): void {
  const input = part(element, 'search-input') as HTMLInputElement;
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: text[i - 1] }));
  }
}

/** The real SDK against the real server, through a fetch that records every search and can hold each one back. */
function recordingClient(options: { delayMs?: number } = {}): { client: TalkingLibraryClient; searches: () => { q: string | null; signal: AbortSignal | undefined }[] } {
  const searches: { q: string | null; signal: AbortSignal | undefined }[] = [];
  const client = createClient({
    baseUrl: apiUrl(),
    publishableKey: publishableKey(),
    maxRetries: 0,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/profiles')) searches.push({ q: url.searchParams.get('q'), signal: init?.signal ?? undefined });
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return fetch(input, init);
    },
  });
  return { client, searches: () => searches };
}

async function mountLibrary(attributes: Record<string, string> = {}, properties: Parameters<typeof createElement>[1] = {}) {
  const element = createElement({ ...apiAttributes(), library: 'demo', ...attributes }, properties);
  await mount(element, 'tl-profiles-loaded');
  return element;
}

afterEach(async () => {
  cleanUp();
  await setViewport({ width: 800, height: 600 });
});

describe('<talking-library> search and filters', () => {
  it('has a search box labelled beside it, in a search landmark', async () => {
    const element = await mountLibrary();
    const input = part(element, 'search-input') as HTMLInputElement;

    expect(input.labels?.[0]?.textContent?.trim()).to.equal(defaultStrings.searchLabel);
    expect(input.closest('[role="search"]')).to.exist;
  });

  it('shows the same experts, in the same order, as the API for the same search', async () => {
    const expected = await search('q=data%20an');
    expect(expected.total, 'the seed has experts who work with data').to.be.greaterThan(1);
    const element = await mountLibrary();

    await typeSearch(element, 'data an');

    expect(cardIds(element)).to.deep.equal(idsOf(expected));
  });

  it('sends one search for a word typed quickly, once typing pauses', async () => {
    const { client, searches } = recordingClient();
    const element = await mountLibrary({}, { client });
    const before = searches().length;

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    typeQuickly(element, 'fhir');
    await loaded;
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(searches().slice(before).map((s) => s.q)).to.deep.equal(['fhir']);
    expect(cardIds(element)).to.deep.equal(idsOf(await search('q=fhir')));
  });

  it('cancels a search still on its way when the words change', async () => {
    const { client, searches } = recordingClient({ delayMs: 500 });
    const element = await mountLibrary({}, { client });
    const before = searches().length;

    typeQuickly(element, 'fh');
    await waitUntil(() => searches().length === before + 1, 'the search for "fh" to go out');
    const loaded = nextEvent(element, 'tl-profiles-loaded');
    typeQuickly(element, 'fhir');
    await loaded;

    const [first, second] = searches().slice(before);
    expect(first?.q).to.equal('fh');
    expect(first?.signal?.aborted, 'the search for "fh" was aborted').to.equal(true);
    expect(second?.q).to.equal('fhir');
    expect(cardIds(element)).to.deep.equal(idsOf(await search('q=fhir')));
  });

  it('announces how many experts match in the polite live region', async () => {
    const expected = await search('q=fhir');
    const element = await mountLibrary();

    await typeSearch(element, 'fhir');

    const status = part(element, 'status')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(textOf(status)).to.equal(`${expected.total} experts match “fhir”.`);
  });

  it('marks, as text, the words of each card that the search matched', async () => {
    const expected = await search('q=fhir');
    const element = await mountLibrary();

    await typeSearch(element, 'fhir');

    for (const hit of expected.data) {
      const card = element.shadowRoot!.querySelector(`[part~="card"][data-profile-id="${hit.id}"]`)!;
      const snippet = card.querySelector('[part~="snippet"]')!;
      const marks = [...snippet.querySelectorAll('mark')].map((mark) => mark.textContent);
      expect(marks).to.deep.equal(hit.snippet!.filter((s) => s.match).map((s) => s.text));
      expect(snippet.textContent).to.equal(`${defaultStrings.snippetLabel}: ${hit.snippet!.map((s) => s.text).join('')}`);
    }
  });

  it("shows each category's count from the API's facets, and a chip narrows the list to it", async () => {
    const all = await search('');
    const element = await mountLibrary();
    for (const chip of parts(element, 'chip')) {
      const facet = all.facets.categories.find((f) => f.slug === chip.dataset.category);
      expect(shownCount(chip, 'chip-count'), chip.dataset.category).to.equal(facet?.count ?? 0);
      expect(chip.getAttribute('aria-pressed')).to.equal('false');
    }

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    parts(element, 'chip').find((chip) => chip.dataset.category === 'digital-health')!.click();
    await loaded;

    const narrowed = await search('category=digital-health');
    expect(narrowed.total).to.be.lessThan(all.total);
    expect(cardIds(element)).to.deep.equal(idsOf(narrowed));
    const pressed = parts(element, 'chip').filter((chip) => chip.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((chip) => chip.dataset.category)).to.deep.equal(['digital-health']);
    expect(shownCount(pressed[0]!, 'chip-count')).to.equal(narrowed.facets.categories.find((f) => f.slug === 'digital-health')!.count);
    expect(location.hash).to.equal('#tl-category=digital-health');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.resultCount(narrowed.total, narrowed.data.length, '', true));
  });

  it('makes the skill options only once the skill filter is unfolded', async () => {
    const element = await mountLibrary();
    const facets = (await search('')).facets;
    expect(parts(element, 'skill-option'), 'folded').to.have.length(0);

    await openSkillFilter(element);
    expect(parts(element, 'skill-option').map((option) => option.dataset.skill).sort()).to.deep.equal(facets.skills.map((facet) => facet.slug).sort());
  });

  it("narrows by skill, each skill showing the API's count for the current search", async () => {
    const element = await mountLibrary();
    await typeSearch(element, 'data');
    const before = await search('q=data');
    await openSkillFilter(element);
    for (const option of parts(element, 'skill-option')) {
      expect(shownCount(option, 'skill-count'), option.dataset.skill).to.equal(before.facets.skills.find((f) => f.slug === option.dataset.skill)?.count);
    }
    expect(parts(element, 'skill-option').length).to.equal(before.facets.skills.length);

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    const option = parts(element, 'skill-option').find((o) => o.dataset.skill === 'data-analysis')!;
    option.querySelector('input')!.click();
    await loaded;

    const narrowed = await search('q=data&skill=data-analysis');
    expect(cardIds(element)).to.deep.equal(idsOf(narrowed));
    for (const shown of parts(element, 'skill-option')) {
      expect(shownCount(shown, 'skill-count'), shown.dataset.skill).to.equal(narrowed.facets.skills.find((f) => f.slug === shown.dataset.skill)?.count);
    }
    expect(textOf(part(element, 'skill-filter')!.querySelector('summary'))).to.equal(`${defaultStrings.skillFilterLabel} (${defaultStrings.skillsChosen(1)})`);
    expect(new URLSearchParams(location.hash.slice(1)).getAll('tl-skill')).to.deep.equal(['data-analysis']);
  });

  it('narrows by career stage', async () => {
    const element = await mountLibrary();
    const select = part(element, 'stage-select') as HTMLSelectElement;

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    select.value = 'senior';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await loaded;

    expect(cardIds(element)).to.deep.equal(idsOf(await search('careerStage=senior')));
  });

  it('says no expert matches, and "Clear filters" brings every expert back with focus in the search box', async () => {
    const all = await search('');
    const element = await mountLibrary();
    await typeSearch(element, 'zzqxv');

    expect(textOf(part(element, 'status'))).to.equal('No experts match “zzqxv”.');
    expect(parts(element, 'card')).to.have.length(0);
    await expect(element).to.be.accessible();

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    part(element, 'clear-button')!.click();
    await loaded;

    expect(cardIds(element)).to.deep.equal(idsOf(all));
    expect((part(element, 'search-input') as HTMLInputElement).value).to.equal('');
    expectFocusOn(element, part(element, 'search-input'));
    expect(location.hash).to.equal('');
  });

  it('has no accessibility violations with results and filters showing', async () => {
    const element = await mountLibrary();
    await typeSearch(element, 'fhir');
    await openSkillFilter(element);

    await expect(element).to.be.accessible();
  });

  it('has no accessibility violations when loading fails', async () => {
    const element = createElement({ ...apiAttributes(), library: 'no-such-library' });
    await mount(element, 'tl-error');

    expect(part(element, 'error')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('fits a 320px-wide screen with the skill filter open', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await mountLibrary();
    await openSkillFilter(element);

    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const control of [...parts(element, 'chip'), ...parts(element, 'skill-option'), part(element, 'search-input')!]) {
      expect(control.getBoundingClientRect().right).to.be.at.most(320);
    }
  });
});
