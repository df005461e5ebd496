/// <reference types="mocha" />
// Its own test file, so its page has not already defined any element from source.
import { expect, waitUntil } from '@open-wc/testing';
import type { Profile } from '@talking-library/sdk';
import * as sdkPackage from '@talking-library/sdk';
import { apiUrl, attach, cardNames, cleanUp, demoSession, getJson, mount, publishableKey } from './support.js';

const LOADER = '/widget/dist/cdn/talking-library.js';
const CLIENT = '/widget/dist/cdn/talking-library-client.js';

/** Loads the loader the way a partner page does: one module script tag. */
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

describe('the loader widget/dist/cdn/talking-library.js', () => {
  before(() => addScript(LOADER));

  it('defines nothing until a tag is on the page, and fetches no element code', () => {
    for (const tag of ['talking-library', 'tl-sign-in', 'tl-profile-editor', 'tl-review-queue', 'tl-request-form', 'tl-request-board', 'tl-learning-feed', 'tl-insights', 'tl-surveys']) expect(customElements.get(tag), tag).to.equal(undefined);
    expect(fetchedChunks().filter((name) => /^(talking-library|tl-)/.test(name))).to.deep.equal([]);
  });

  it('fetches and defines <talking-library> when the tag appears, and nothing else', async () => {
    const expected = await getJson<{ data: Profile[] }>('/v1/libraries/demo/profiles?limit=4');
    const element = document.createElement('talking-library');
    element.setAttribute('api', apiUrl());
    element.setAttribute('publishable-key', publishableKey());
    element.setAttribute('library', 'demo');
    element.setAttribute('page-size', '4');
    const defined = customElements.whenDefined('talking-library');
    await mount(element, 'tl-profiles-loaded');
    await defined;

    expect(cardNames(element)).to.deep.equal(expected.data.map((profile) => profile.displayName));
    const elementChunks = fetchedChunks().filter((name) => /^(talking-library|tl-)/.test(name));
    expect(elementChunks.map((name) => name.replace(/-[A-Z0-9]+\.js$/, ''))).to.deep.equal(['talking-library']);
  });

  it('starts the first reads of the first <talking-library> with its code, and the element uses them rather than asking again', () => {
    // The previous test put the first <talking-library> on this page: what it fetched is in the timeline.
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const chunk = entries.find((entry) => /\/chunks\/talking-library-[A-Z0-9]+\.js$/.test(entry.name));
    // The element's reads carry the page's key; the test's own read of the expected cards does not.
    const reads = (path: string) => entries.filter((entry) => new URL(entry.name).pathname === path && new URL(entry.name).searchParams.has('key'));
    expect(chunk, 'the element chunk').to.not.equal(undefined);
    for (const path of ['/v1/libraries/demo', '/v1/libraries/demo/profiles']) {
      expect(reads(path), path).to.have.length(1);
      expect(reads(path)[0]!.startTime, `${path} starts before the element's code has arrived`).to.be.below(chunk!.responseEnd);
    }
    expect(new URL(reads('/v1/libraries/demo/profiles')[0]!.name).searchParams.get('limit')).to.equal('4');
  });

  it('a page with only <talking-library> fetches none of the request board’s, form’s, learning feed’s or insights’ code, not even what they share', async () => {
    const element = document.createElement('talking-library');
    element.setAttribute('api', apiUrl());
    element.setAttribute('publishable-key', publishableKey());
    element.setAttribute('library', 'demo');
    await mount(element, 'tl-profiles-loaded');
    const metafile = (await (await fetch('/widget/dist/cdn/metafile.json')).json()) as { outputs: Record<string, { inputs: Record<string, number> }> };

    const fetched = fetchedChunks();
    expect(fetched.length).to.be.greaterThan(0);
    for (const name of fetched) {
      const inputs = Object.keys(metafile.outputs[`chunks/${name}`]?.inputs ?? {});
      const requestCode = inputs.filter((input) => /src\/(tl-request-|tl-learning-feed\/|tl-insights\/|tl-surveys\/|internal\/request\.strings|internal\/zoned-time)/.test(input));
      expect(requestCode, name).to.deep.equal([]);
    }
  });

  it("takes the page's wording with setStrings and hands it to elements whose code came separately", async () => {
    type Strings = { setStrings(overrides?: Record<string, unknown>): void; getStrings(): Record<string, unknown> };
    const loader = (await import(/* @vite-ignore */ `${location.origin}${LOADER}`)) as Strings;
    loader.setStrings({ searchLabel: 'Find an expert' });
    try {
      const element = document.createElement('talking-library');
      element.setAttribute('api', apiUrl());
      element.setAttribute('publishable-key', publishableKey());
      element.setAttribute('library', 'demo');
      element.setAttribute('no-history', '');
      await mount(element, 'tl-profiles-loaded');
      expect(element.shadowRoot!.querySelector('label[for="q"]')!.textContent!.trim()).to.equal('Find an expert');
      // The loader's getStrings: the override, over the words the elements brought.
      expect(loader.getStrings()).to.include({ searchLabel: 'Find an expert', locale: 'en-GB', showMore: 'Show more experts' });
    } finally {
      loader.setStrings();
    }
  });

  it('preloads the chunks an element imports (Lit, shared code) with its own, not one after the other', async () => {
    const loader = (await import(/* @vite-ignore */ `${location.origin}${LOADER}`)) as { loadElement(tag: string): Promise<void> };
    await loader.loadElement('talking-library');
    const preloads = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => link.href);
    const names = preloads.map((href) => href.split('/').pop()!);
    expect(names.some((name) => /^shared-[A-Z0-9]+\.js$/.test(name)), `the shared chunk among ${names.join(', ')}`).to.equal(true);
    for (const href of preloads) expect(href.startsWith(`${location.origin}/widget/dist/cdn/chunks/`), href).to.equal(true);
    // What was preloaded is what the element then imports: each file was fetched once, not twice.
    for (const name of names) expect(fetchedChunks().filter((fetched) => fetched === name), name).to.have.length(1);
  });

  it('loads an element added later, deep inside other markup', async () => {
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<div><p>Sign in to book an hour</p><tl-sign-in library="demo"></tl-sign-in></div>';
    document.body.append(wrapper);
    await customElements.whenDefined('tl-sign-in');
    expect(wrapper.querySelector('tl-sign-in')!.shadowRoot).to.not.equal(null);
    wrapper.remove();
  });

  it('fetches <tl-insights> as a chunk of its own, and its built charts draw in SVG', async () => {
    const before = new Set(fetchedChunks());
    const { sessionToken } = await demoSession('coordinator');
    const element = document.createElement('tl-insights');
    for (const [name, value] of Object.entries({ api: apiUrl(), 'publishable-key': publishableKey(), library: 'demo', 'member-token': sessionToken })) element.setAttribute(name, value);
    attach(element);
    await customElements.whenDefined('tl-insights');
    await waitUntil(() => element.shadowRoot?.querySelector('[data-chart="outcomes-chart"] rect'), 'the outcomes chart');

    const added = fetchedChunks().filter((name) => !before.has(name) && /^(talking-library|tl-)/.test(name));
    expect(added.map((name) => name.replace(/-[A-Z0-9]+\.js$/, ''))).to.deep.equal(['tl-insights']);
    const label = element.shadowRoot!.querySelector<SVGTextElement>('[data-chart="outcomes-chart"] text.label')!;
    expect(label.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    expect(label.getBBox().width, 'the label is drawn').to.be.greaterThan(0);
  });

  it('sets off elements other than <talking-library> a task after it finds them, not in the task that found them', async () => {
    const section = document.createElement('section');
    section.innerHTML = '<tl-surveys library="demo"></tl-surveys><tl-learning-feed library="demo"></tl-learning-feed>';
    document.body.append(section);
    // The loader's observer has seen the tags by the time this continues (its callback was queued
    // first), and this is still the task that added them.
    await Promise.resolve();
    const findingTaskEnds = performance.now();
    await Promise.all([customElements.whenDefined('tl-surveys'), customElements.whenDefined('tl-learning-feed')]);
    for (const tag of ['tl-surveys', 'tl-learning-feed']) {
      const chunk = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => new RegExp(`/chunks/${tag}-[A-Z0-9]+\\.js$`).test(entry.name));
      expect(chunk?.startTime, `<${tag}>'s code is asked for after the finding task`).to.be.greaterThan(findingTaskEnds);
    }
    section.remove();
  });

  it('loads an element inside a hidden section after the shown ones, and then without being asked', async () => {
    const hidden = document.createElement('section');
    hidden.hidden = true;
    hidden.innerHTML = '<div><tl-credits library="demo"></tl-credits></div>';
    const shown = document.createElement('section');
    shown.innerHTML = '<tl-my-exchanges library="demo"></tl-my-exchanges>';
    document.body.append(hidden, shown);
    await customElements.whenDefined('tl-my-exchanges');
    await customElements.whenDefined('tl-credits');

    const timing = (tag: string) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => new RegExp(`/chunks/${tag}-[A-Z0-9]+\\.js$`).test(entry.name))!;
    expect(timing('tl-credits').startTime, "the hidden one's code is asked for once the shown one's has come").to.be.at.least(timing('tl-my-exchanges').responseEnd);
    hidden.remove();
    shown.remove();
  });

  it('loads an element on request, for tags it cannot see (inside another shadow root)', async () => {
    const loader = (await import(/* @vite-ignore */ `${location.origin}${LOADER}`)) as { loadElement(tag: string): Promise<void> };
    await loader.loadElement('tl-review-queue');
    expect(customElements.get('tl-review-queue')).to.be.a('function');
    let refused: unknown;
    await loader.loadElement('tl-nothing').catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('not a Talking Library element');
  });

  it("leaves the SDK client to talking-library-client.js beside it, which a page's own script imports without a build step", async () => {
    const loader = (await import(/* @vite-ignore */ `${location.origin}${LOADER}`)) as Record<string, unknown>;
    expect(loader).to.not.have.property('createClient');
    const sdk = (await import(/* @vite-ignore */ `${location.origin}${CLIENT}`)) as typeof import('@talking-library/sdk');
    const client = sdk.createClient({ baseUrl: apiUrl(), publishableKey: publishableKey() });
    expect((await client.libraries.get('demo')).slug).to.equal('demo');
    const missing = await client.libraries.get('no-such-library').catch((error: unknown) => error);
    expect(missing).to.be.instanceOf(sdk.NotFoundError);
    // Everything the npm package exports as a value, so a script can move to a bundler unchanged.
    expect(Object.keys(sdk).sort()).to.deep.equal(Object.keys(sdkPackage).sort());
  });

  it('warns once and keeps working when a second copy is loaded from another URL', async () => {
    const defined = customElements.get('talking-library');
    const warnings: unknown[][] = [];
    const errors: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      // A different URL is a different module instance, as when a page includes two copies.
      await addScript(`${LOADER}?copy=2`);
    } finally {
      console.warn = warn;
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(warnings.length).to.equal(1);
    expect(String(warnings[0]![0])).to.contain('twice');
    expect(customElements.get('talking-library')).to.equal(defined);
  });

  it('says nothing when a second copy of an element chunk arrives, however many of its elements are on the page', async () => {
    const chunk = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .find((name) => /\/widget\/dist\/cdn\/chunks\/talking-library-[A-Z0-9]+\.js$/.test(name));
    expect(chunk, 'the <talking-library> chunk this page fetched').to.be.a('string');
    const defined = customElements.get('talking-library');
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<talking-library></talking-library><talking-library></talking-library><talking-library></talking-library>';
    document.body.append(wrapper);
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await import(/* @vite-ignore */ `${chunk}?copy=2`);
      // Whatever a second copy might do, it would do it as the elements next render.
      await Promise.all([...wrapper.querySelectorAll('talking-library')].map((element) => (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    } finally {
      console.warn = warn;
      wrapper.remove();
    }
    expect(warnings).to.deep.equal([]);
    expect(customElements.get('talking-library')).to.equal(defined);
  });
});
