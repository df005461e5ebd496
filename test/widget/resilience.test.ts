/// <reference types="mocha" />
// The elements on a bad day: an API that hangs or fails, a slow search, a page that moves the
// element or styles its own <html> and <body> in ways the elements must survive.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient, type TalkingLibraryClient } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { defaultStrings, type TalkingLibraryElement, type TlSignInElement } from '@talking-library/widget';
import { apiUrl, attach, cleanUp, createElement, mount, mountTag, newMember, nextEvent, part, parts, publishableKey, scratchApiUrl, textOf, uniqueEmail } from './support.js';

/** The address of an API that takes every request and never answers (see hungApiPlugin in the config). */
async function hungApi(): Promise<string> {
  return (await executeServerCommand<{ url: string }, { action: 'start' }>('hung-api', { action: 'start' })).url;
}

/** The paths the hung API has been asked for since the run began. */
function hungRequests(): Promise<string[]> {
  return executeServerCommand<string[], { action: 'requests' }>('hung-api', { action: 'requests' });
}

const alertOf = (element: HTMLElement) => element.shadowRoot!.querySelector('[role="alert"]');

/** Host page styles that have broken embedded widgets before: a 10 px rem and centred body text. */
function hostStyles(): () => void {
  const style = document.createElement('style');
  style.textContent = 'html { font-size: 62.5%; } body { text-align: center; }';
  document.head.append(style);
  return () => style.remove();
}

let removeHostStyles: (() => void) | undefined;

afterEach(async () => {
  cleanUp();
  removeHostStyles?.();
  removeHostStyles = undefined;
  await setViewport({ width: 800, height: 600 });
});

describe('an element whose API hangs', () => {
  it('gives up after its request-timeout, tries each read once more at most, and shows the error with "Try again"', async () => {
    const api = await hungApi();
    const before = (await hungRequests()).length;
    // No publishable key: the reads are simple requests, so each try reaches the server as one GET.
    const element = createElement({ api, library: 'demo', 'request-timeout': '300' });
    expect(element.requestTimeout).to.equal(300);
    await mount(element, 'tl-error');

    expect(textOf(alertOf(element))).to.equal(`${defaultStrings.loadFailed} ${defaultStrings.timedOut}`);
    expect(textOf(part(element, 'status'))).to.equal('');
    expect(textOf(part(element, 'retry-button'))).to.equal(defaultStrings.retry);
    // The other read of the pair may still be on its second try when the first gives up.
    await waitUntil(async () => (await hungRequests()).length - before >= 4, 'both reads to be tried twice');

    const again = nextEvent(element, 'tl-error');
    part(element, 'retry-button')!.click();
    await element.updateComplete;
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.loadingExperts);
    await again;
    await waitUntil(async () => (await hungRequests()).length - before >= 8, 'both reads to be tried twice again');

    const paths = (await hungRequests()).slice(before);
    expect(paths.filter((path) => path === '/v1/libraries/demo')).to.have.length(4);
    expect(paths.filter((path) => path === '/v1/libraries/demo/profiles')).to.have.length(4);
    expect(textOf(part(element, 'retry-button'))).to.equal(defaultStrings.retry);
  });

  it('waits 8 seconds for each try unless the page says otherwise', () => {
    expect(createElement().requestTimeout).to.equal(8_000);
    expect(document.createElement('tl-sign-in').requestTimeout).to.equal(8_000);
  });
});

/** The real SDK against the real server, through a fetch that can hold back searches for `held`. */
function holdingClient(held: string): { client: TalkingLibraryClient; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const client = createClient({
    baseUrl: apiUrl(),
    publishableKey: publishableKey(),
    maxRetries: 0,
    fetch: async (input, init) => {
      if (new URL(String(input)).searchParams.get('q') === held) await gate;
      return fetch(input, init);
    },
  });
  return { client, release };
}

/**
 * The real SDK against the real server, through a fetch that, once `warm()` is called, answers
 * every address it has already fetched from its copy at once, as a fast network and server would:
 * how quick "quick" is no longer depends on how busy this machine is.
 */
function answeringAtOnceClient(): { client: TalkingLibraryClient; warm: () => void } {
  const copies = new Map<string, { body: string; status: number; headers: [string, string][] }>();
  let warm = false;
  const client = createClient({
    baseUrl: apiUrl(),
    publishableKey: publishableKey(),
    maxRetries: 0,
    fetch: async (input, init) => {
      const url = String(input);
      const copy = warm ? copies.get(url) : undefined;
      if (copy) return new Response(copy.body, { status: copy.status, headers: copy.headers });
      const response = await fetch(input, init);
      copies.set(url, { body: await response.clone().text(), status: response.status, headers: [...response.headers] });
      return response;
    },
  });
  return { client, warm: () => (warm = true) };
}

/** Every text the status live region has held from now on. */
function statusHistory(element: TalkingLibraryElement): { texts: string[]; stop: () => void } {
  const status = part(element, 'status')!;
  const texts = [textOf(status)];
  const observer = new MutationObserver(() => texts.push(textOf(status)));
  observer.observe(status, { childList: true, characterData: true, subtree: true });
  return { texts, stop: () => observer.disconnect() };
}

function searchNow(element: TalkingLibraryElement, text: string): void {
  const input = part(element, 'search-input') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  (part(element, 'search') as HTMLFormElement).requestSubmit();
}

describe('<talking-library> searching', () => {
  it('says "Searching…" in the status live region when a search takes a while', async () => {
    const { client, release } = holdingClient('fhir');
    const element = createElement({ library: 'demo', 'no-history': '' }, { client });
    await mount(element, 'tl-profiles-loaded');

    searchNow(element, 'fhir');
    await waitUntil(() => textOf(part(element, 'status')) === defaultStrings.searching, 'the status to say Searching…');
    expect(part(element, 'status')!.getAttribute('role')).to.equal('status');

    const loaded = nextEvent(element, 'tl-profiles-loaded');
    release();
    await loaded;
    expect(textOf(part(element, 'status'))).to.contain('“fhir”');
  });

  it('never flashes "Searching…" for a search that answers at once', async () => {
    const { client, warm } = answeringAtOnceClient();
    const element = createElement({ library: 'demo', 'no-history': '' }, { client });
    await mount(element, 'tl-profiles-loaded');
    // The first search for "data" goes to the server, however busy it is; the second is answered at once.
    let loaded = nextEvent(element, 'tl-profiles-loaded');
    searchNow(element, 'data');
    await loaded;
    loaded = nextEvent(element, 'tl-profiles-loaded');
    searchNow(element, '');
    await loaded;
    warm();
    const history = statusHistory(element);

    loaded = nextEvent(element, 'tl-profiles-loaded');
    searchNow(element, 'data');
    await loaded;
    await element.updateComplete;
    history.stop();

    expect(history.texts).to.not.include(defaultStrings.searching);
    expect(textOf(part(element, 'status'))).to.contain('“data”');
  });
});

/** Words only a developer would write: a field path, a validator's "must be…", a problem's title or code. */
const DEVELOPER_TEXT = /query\.limit|must be|Bad Request|invalid_request/;

/** A client whose API answers every request with `status` and a problem written for developers. */
function failingClient(failure: number | 'network'): TalkingLibraryClient {
  return createClient({
    baseUrl: apiUrl(),
    maxRetries: 0,
    fetch: async () => {
      if (failure === 'network') throw new TypeError('Failed to fetch');
      const problem = {
        type: 'about:blank',
        title: 'Bad Request',
        status: failure,
        detail: 'query.limit: must be at most 100',
        code: failure === 409 ? 'request_in_progress' : 'invalid_request',
        requestId: 'req_dev',
        errors: [{ path: 'query.limit', message: 'must be at most 100' }],
      };
      return new Response(JSON.stringify(problem), { status: failure, headers: { 'content-type': 'application/problem+json' } });
    },
  });
}

describe('error messages', () => {
  const cases: [number | 'network', string, boolean][] = [
    [400, defaultStrings.requestRefused, false],
    [401, defaultStrings.sessionEnded, false],
    [403, defaultStrings.notAllowed, false],
    [404, defaultStrings.notFound, false],
    [409, defaultStrings.serverFailed, true],
    [412, defaultStrings.requestRefused, false],
    [422, defaultStrings.requestRefused, false],
    [429, defaultStrings.tooManyRequests(undefined), true],
    [500, defaultStrings.serverFailed, true],
    [503, defaultStrings.serverFailed, true],
    ['network', defaultStrings.connectionFailed, true],
  ];
  for (const [failure, message, retry] of cases) {
    it(`say ${failure} in plain words, with "Try again" ${retry ? 'since it may help' : 'left out'}`, async () => {
      const element = createElement({ library: 'demo' }, { client: failingClient(failure) });
      await mount(element, 'tl-error');
      await element.updateComplete;

      const box = part(element, 'error')!;
      // Only a fault on the library's side is worth quoting to support.
      const reference = typeof failure === 'number' && failure >= 500 ? ` ${defaultStrings.errorReference('req_dev')}` : '';
      expect(textOf(alertOf(element))).to.equal(`${defaultStrings.loadFailed} ${message}${reference}`);
      expect(textOf(box)).to.not.match(DEVELOPER_TEXT);
      expect(part(element, 'retry-button') !== null).to.equal(retry);
    });
  }

  it('in <tl-profile-editor> are plain words too, when the API names a field the form does not have', async () => {
    const element = document.createElement('tl-profile-editor');
    element.setAttribute('library', 'demo');
    element.client = failingClient(422);
    element.memberToken = 'tls_nobody';
    const failed = nextEvent(element, 'tl-error');
    attach(element);
    await failed;
    await element.updateComplete;

    expect(textOf(element.shadowRoot! as unknown as Element)).to.contain(defaultStrings.requestRefused);
    expect(textOf(element.shadowRoot! as unknown as Element)).to.not.match(DEVELOPER_TEXT);
  });
});

describe("<talking-library>'s profile dialog, moved in the page while open", () => {
  it('is modal again, with focus inside it, and Escape still closes it', async () => {
    const element = createElement({ api: apiUrl(), 'publishable-key': publishableKey(), library: 'demo', 'page-size': '3', 'no-history': '' });
    await mount(element, 'tl-profiles-loaded');
    parts(element, 'open-button')[0]!.click();
    const dialog = part(element, 'dialog') as HTMLDialogElement;
    await waitUntil(() => dialog.matches(':modal') && part(element, 'detail-name'), 'the dialog to open');

    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await element.updateComplete;

    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.contains(element.shadowRoot!.activeElement)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape to close the dialog');
    elsewhere.remove();
  });
});

/** A `<tl-sign-in>` at its code step, on the scratch API, whose sign-in budget the sign-in tests do not spend. */
async function signInAtCodeStep(): Promise<TlSignInElement> {
  const element = document.createElement('tl-sign-in');
  element.setAttribute('api', scratchApiUrl());
  element.setAttribute('publishable-key', publishableKey());
  element.setAttribute('library', 'demo');
  attach(element);
  await element.updateComplete;
  (part(element, 'email-input') as HTMLInputElement).value = uniqueEmail('code-box');
  part(element, 'submit-button')!.click();
  await waitUntil(() => part(element, 'code-input') || part(element, 'error'), 'the code step');
  if (!part(element, 'code-input')) throw new Error(`Asking for a code failed: ${textOf(part(element, 'error'))}`);
  return element;
}

/** The six digits fit the box: nothing scrolls out of sight at either end. */
function expectDigitsFit(element: TlSignInElement): void {
  const code = part(element, 'code-input') as HTMLInputElement;
  code.value = '888888';
  code.focus();
  code.setSelectionRange(6, 6);
  expect(code.scrollWidth, 'the digits’ width').to.be.at.most(code.clientWidth);
  expect(code.scrollLeft).to.equal(0);
}

describe('the code box of <tl-sign-in>', () => {
  it('shows all six digits at 320 px wide', async () => {
    await setViewport({ width: 320, height: 640 });
    expectDigitsFit(await signInAtCodeStep());
  });

  it('shows all six digits when the page sets html { font-size: 62.5% }', async () => {
    removeHostStyles = hostStyles();
    expectDigitsFit(await signInAtCodeStep());
  });
});

describe('layout under host page styles (html { font-size: 62.5% }, body { text-align: center })', () => {
  it('<talking-library> keeps its text at the start and its cards inside it', async () => {
    removeHostStyles = hostStyles();
    const element = createElement({ api: apiUrl(), 'publishable-key': publishableKey(), library: 'demo', 'page-size': '3', 'no-history': '' });
    await mount(element, 'tl-profiles-loaded');

    for (const name of ['heading', 'status', 'card-name', 'headline', 'search-label']) {
      expect(getComputedStyle(part(element, name)!).textAlign, name).to.be.oneOf(['start', 'left']);
    }
    const box = element.getBoundingClientRect();
    for (const card of parts(element, 'card')) {
      const rect = card.getBoundingClientRect();
      expect(rect.left).to.be.at.least(box.left);
      expect(rect.right).to.be.at.most(box.right + 0.5);
    }
    const input = part(element, 'search-input')!.getBoundingClientRect();
    expect(input.left - box.left, 'the search box starts at the left edge').to.be.below(1);
  });

  it('<tl-profile-editor> keeps its heading and labels at the start, each field under its label', async () => {
    removeHostStyles = hostStyles();
    const member = await newMember('host-styles');
    const element = await mountTag('tl-profile-editor', { 'member-token': member.sessionToken });
    await waitUntil(() => element.shadowRoot!.querySelector('input:not([type="checkbox"])'), 'the form');

    expect(getComputedStyle(part(element, 'heading')!).textAlign).to.be.oneOf(['start', 'left']);
    const labels = [...element.shadowRoot!.querySelectorAll('label')];
    expect(labels.length).to.be.above(0);
    for (const label of labels) expect(getComputedStyle(label).textAlign, textOf(label)).to.be.oneOf(['start', 'left']);
    const first = element.shadowRoot!.querySelector<HTMLInputElement>('input:not([type="checkbox"])')!;
    const label = element.shadowRoot!.querySelector(`label[for="${first.id}"]`)!;
    expect(Math.abs(first.getBoundingClientRect().left - label.getBoundingClientRect().left)).to.be.below(1);
  });

  it('<tl-review-queue> keeps its heading and status at the start', async () => {
    removeHostStyles = hostStyles();
    const element = await mountTag('tl-review-queue');
    for (const name of ['heading', 'status']) {
      expect(getComputedStyle(part(element, name)!).textAlign, name).to.be.oneOf(['start', 'left']);
    }
  });

  it('<tl-sign-in> keeps its label, field and button at the start', async () => {
    removeHostStyles = hostStyles();
    const element = document.createElement('tl-sign-in');
    element.setAttribute('api', scratchApiUrl());
    element.setAttribute('library', 'demo');
    attach(element);
    await element.updateComplete;

    for (const name of ['label']) {
      expect(getComputedStyle(part(element, name)!).textAlign, name).to.be.oneOf(['start', 'left']);
    }
    const left = element.getBoundingClientRect().left;
    // A button centres its own label, as it should; the button itself stays at the start.
    for (const name of ['email-input', 'submit-button']) {
      expect(part(element, name)!.getBoundingClientRect().left - left, name).to.be.below(1);
    }
  });
});
