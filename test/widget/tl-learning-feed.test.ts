/// <reference types="mocha" />
// Runs against the exchanges API (see the config): only there can an hour be over, confirmed by both
// and logged within a test run. Before the tests, four hours are completed and logged through the
// API as the people themselves would; no other test file logs outcomes there, so the feed holds
// exactly these four.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type Exchange, type Session } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlLearningFeedElement, defaultStrings } from '@talking-library/widget';
import { apiUrl, callApi, cleanUp, exchangesApiUrl, expectFocusOn, mountTag, part, parts, publishableKey, textOf } from './support.js';
import { accept, bookableExpert, memberWithCredit, pastTheHour, requestHour, tenOClock, type Expert } from './exchange-fixtures.js';

const SERVER = 'exchanges';
const waitFor = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });

interface Hour {
  member: Session;
  expert: Expert;
  exchange: Exchange;
}

/** What the feed holds, oldest first: three public items and one for the library's members only. */
const shared = {
  membersOnly: { summary: 'Built a dashboard for the discharge team', share: 'library' },
  tidied: { summary: 'Tidied the discharge data extract', learning: 'Missing dates hide in the free text.', nextSteps: 'Run it again next month.', share: 'public' },
  interviews: { summary: 'Planned five carer interviews', share: 'public' },
  named: {
    summary: 'Planned our first PDSA cycle',
    learning: 'Start smaller than feels sensible.',
    outputs: [{ title: 'Run chart template', url: 'https://example.test/run-chart' }],
    share: 'public',
    nameExpert: true,
  },
} as const;

let hours: Record<keyof typeof shared, Hour>;

/** A member's hour with a new expert (in `fields`' categories and skills), booked and accepted. */
async function acceptedHour(startsAt: string, fields: Record<string, unknown> = {}): Promise<Hour> {
  const expert = await bookableExpert(SERVER, 'Europe/London', fields);
  const member = await memberWithCredit(SERVER);
  const exchange = await requestHour(member, expert, [startsAt], SERVER);
  await accept(expert, exchange, startsAt, SERVER);
  return { member, expert, exchange };
}

const confirm = (session: Session, exchange: Exchange) => callApi('POST', `/exchanges/${exchange.id}/complete`, session.sessionToken, {}, SERVER);
const logOutcome = (session: Session, exchange: Exchange, log: object) => callApi('POST', `/exchanges/${exchange.id}/outcomes`, session.sessionToken, log, SERVER);

before(async function () {
  this.timeout(60_000);
  const startsAt = await tenOClock(1);
  const [membersOnly, tidied, interviews, named] = await Promise.all([
    acceptedHour(startsAt),
    acceptedHour(startsAt),
    acceptedHour(startsAt, { categories: ['digital-health'], skills: ['user-research'] }),
    acceptedHour(startsAt, { categories: ['improvement'], skills: ['pdsa-cycles'] }),
  ]);
  hours = { membersOnly, tidied, interviews, named };
  await pastTheHour(startsAt);
  for (const { member, expert, exchange } of Object.values(hours)) {
    await confirm(member, exchange);
    await confirm(expert.session, exchange);
  }
  // Only her agreement, on her own (private) log, lets the member's public log name her.
  await logOutcome(named.expert.session, named.exchange, { summary: 'Helped plan a PDSA cycle', nameMeInPublic: true });
  for (const key of ['membersOnly', 'tidied', 'interviews', 'named'] as const) await logOutcome(hours[key].member, hours[key].exchange, shared[key]);
});

afterEach(cleanUp);

const status = (element: HTMLElement) => textOf(part(element, 'status'));
const summaries = (element: HTMLElement) => parts(element, 'item-summary').map(textOf);
const itemOf = (element: HTMLElement, summary: string) => parts(element, 'item').find((item) => textOf(item.querySelector('[part~="item-summary"]')) === summary)!;
const publicSummaries = [shared.named.summary, shared.interviews.summary, shared.tidied.summary];

async function feedFor(session: Session | undefined, attributes: Record<string, string> = {}): Promise<TlLearningFeedElement> {
  const element = await mountTag('tl-learning-feed', { api: exchangesApiUrl(), ...(session ? { 'member-token': session.sessionToken } : {}), ...attributes });
  await waitFor(() => status(element) !== defaultStrings.loadingLearning && (status(element) !== '' || textOf(part(element, 'alert')) !== ''), 'the feed to load');
  await element.updateComplete;
  return element;
}

/** Waits for the feed to say it shows `count` items, after a filter or search changed. */
const showing = (element: HTMLElement, count: number, more = false) => waitFor(() => status(element) === defaultStrings.learningShown(count, more), `${count} items shown`);

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<tl-learning-feed>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-learning-feed')).to.equal(TlLearningFeedElement);
  });

  it('with the key only, shows the public items newest first, and says members see more', async () => {
    const element = await feedFor(undefined);

    expect(summaries(element)).to.deep.equal(publicSummaries);
    expect(status(element)).to.equal(defaultStrings.learningShown(3, false));
    expect(textOf(part(element, 'signed-out-note'))).to.equal(defaultStrings.learningSignedOutNote);
    const tidied = itemOf(element, shared.tidied.summary);
    expect(textOf(tidied.querySelector('[part~="learned"] dd'))).to.equal(shared.tidied.learning);
    expect(textOf(tidied.querySelector('[part~="next-steps"] dd'))).to.equal(shared.tidied.nextSteps);
    expect(textOf(tidied.querySelector('[part~="item-meta"]'))).to.contain(defaultStrings.sharedBy('member'));
    const loggedAt = tidied.querySelector('time')!.dateTime;
    expect(textOf(tidied.querySelector('time'))).to.equal(new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(loggedAt)));
    await expect(element).to.be.accessible();
  });

  it('signed in as a member, shows the library’s items too, and no note about signing in', async () => {
    const element = await feedFor(hours.tidied.member);

    expect(summaries(element)).to.deep.equal([...publicSummaries, shared.membersOnly.summary]);
    expect(part(element, 'signed-out-note')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('links to the expert’s profile only on the item that names her, through the profile-href template', async () => {
    const element = await feedFor(undefined);
    const { profile } = hours.named.expert;

    const links = parts(element, 'profile-link');
    expect(links).to.have.length(1);
    expect(itemOf(element, shared.named.summary).contains(links[0]!)).to.equal(true);
    expect(textOf(links[0]!)).to.equal(defaultStrings.expertProfileLink(profile.displayName));
    expect(links[0]!.getAttribute('href')).to.equal(`#tl-profile=${profile.id}`);
    element.profileHref = '/experts/{id}?from=learning';
    await element.updateComplete;
    expect(part(element, 'profile-link')!.getAttribute('href')).to.equal(`/experts/${profile.id}?from=learning`);
  });

  it('shows outputs as links that open in a new tab, and the item’s categories and skills as chips', async () => {
    const element = await feedFor(undefined, { 'heading-level': '3' });
    const named = itemOf(element, shared.named.summary);

    const link = named.querySelector<HTMLAnchorElement>('[part~="output-link"]')!;
    expect(link.href).to.equal(shared.named.outputs[0].url);
    expect(link.target).to.equal('_blank');
    expect(textOf(link)).to.equal(`${shared.named.outputs[0].title} ${defaultStrings.opensInNewTab}`);
    expect([...named.querySelectorAll('[part~="category"]')].map(textOf)).to.deep.equal(['Improvement']);
    expect([...named.querySelectorAll('[part~="skill"]')].map(textOf)).to.deep.equal(['PDSA cycles']);
    expect(part(element, 'heading')!.localName).to.equal('h3');
    expect(named.querySelector('[part~="item-summary"]')!.localName).to.equal('h4');
  });

  it('the category and skill filters narrow the list to the items about them', async () => {
    const element = await feedFor(undefined);

    choose(part(element, 'category-select') as HTMLSelectElement, 'improvement');
    await showing(element, 1);
    expect(summaries(element)).to.deep.equal([shared.named.summary]);

    choose(part(element, 'category-select') as HTMLSelectElement, '');
    choose(part(element, 'skill-select') as HTMLSelectElement, 'pdsa-cycles');
    await showing(element, 1);
    expect(summaries(element)).to.deep.equal([shared.named.summary]);
  });

  it('searching, once typing pauses, narrows the list to the items with those words; none says so', async () => {
    const element = await feedFor(hours.tidied.member);
    const input = part(element, 'search-input') as HTMLInputElement;

    input.value = 'discharge';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await showing(element, 2);
    expect(summaries(element)).to.deep.equal([shared.tidied.summary, shared.membersOnly.summary]);

    input.value = 'nothing-shared-says-this';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(() => status(element) === defaultStrings.noMatchingLearning, 'no matches');
    expect(parts(element, 'item')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('"Show more" reads the next page and moves focus to its first item; at the end it is gone', async () => {
    const element = await feedFor(undefined, { 'page-size': '2' });

    expect(summaries(element)).to.deep.equal(publicSummaries.slice(0, 2));
    expect(status(element)).to.equal(defaultStrings.learningShown(2, true));
    part(element, 'more-button')!.click();
    await showing(element, 3);
    await element.updateComplete;

    expect(summaries(element)).to.deep.equal(publicSummaries);
    expect(part(element, 'more-button')).to.equal(null);
    expectFocusOn(element, parts(element, 'item-summary')[2]);
  });

  it('a next page still on its way when the filters change is dropped, not added to the new list', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let nextPageAsked = false;
    const element = await feedFor(undefined, { 'page-size': '2' });
    element.client = createClient({
      baseUrl: exchangesApiUrl(),
      publishableKey: publishableKey(),
      keyInQuery: true,
      fetch: async (input, init) => {
        if (String(input).includes('cursor=')) {
          nextPageAsked = true;
          await held;
        }
        return fetch(input, init);
      },
    });
    await waitFor(() => part(element, 'more-button') && status(element) === defaultStrings.learningShown(2, true), 'the first page through the page’s client');
    part(element, 'more-button')!.click();
    await waitFor(() => nextPageAsked, 'the next page asked for');
    choose(part(element, 'category-select') as HTMLSelectElement, 'improvement');
    await showing(element, 1);
    expect(element.shadowRoot!.querySelector('.results')!.getAttribute('aria-busy'), 'no longer busy with the old page').to.equal('false');
    release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await element.updateComplete;
    expect(summaries(element)).to.deep.equal([shared.named.summary]);
  });

  it('takes the theme as the other elements do: buttons, links and focus from the --tl-* properties alone', async () => {
    const element = await feedFor(undefined, {
      'page-size': '2',
      style: '--tl-button-color: #007f3b; --tl-link-color: #005eb8; --tl-focus-color: #ffeb3b;',
    });
    // "Show more" is a secondary button: the button colour draws its text and border.
    const more = getComputedStyle(part(element, 'more-button')!);
    expect(more.color, 'a button').to.equal('rgb(0, 127, 59)');
    expect(more.borderTopColor, 'its border').to.equal('rgb(0, 127, 59)');
    expect(getComputedStyle(part(element, 'profile-link')!).color, 'a link').to.equal('rgb(0, 94, 184)');
    part(element, 'search-input')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(getComputedStyle(element.shadowRoot!.activeElement!).outlineColor, 'the focus ring').to.equal('rgb(255, 235, 59)');
  });

  it('a library where nothing is shared yet says so', async () => {
    const element = await feedFor(undefined, { api: apiUrl() });

    expect(status(element)).to.equal(defaultStrings.noLearning);
    expect(parts(element, 'item')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('when the library cannot be reached, says so with "Try again"', async () => {
    const element = await feedFor(undefined, { api: 'http://127.0.0.1:9', 'request-timeout': '2000' });
    await waitFor(() => textOf(part(element, 'alert')) !== '', 'the error');

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.learningLoadFailed);
    expect(part(element, 'retry-button')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('Tab reaches the search, both filters, every link and "Show more", in that order', async () => {
    const element = await feedFor(undefined, { 'page-size': '2' });
    const active = () => element.shadowRoot!.activeElement?.getAttribute('part') ?? '';
    (part(element, 'search-input') as HTMLInputElement).focus();

    const reached = [active()];
    while (!active().includes('more-button') && reached.length < 10) {
      await sendKeys({ press: 'Tab' });
      reached.push(active());
    }
    expect(reached).to.deep.equal(['search-input', 'button search-button', 'category-select', 'skill-select', 'output-link', 'profile-link', 'button more-button']);
  });
});
