/// <reference types="mocha" />
// Runs against the scratch API (see the config): requests, responses and exchanges made here
// change only its demo library. Each test posts requests of its own, tagged with a word of its
// own that it searches for, so what other tests post never shows in its results.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RequestCreate, RequestResponse, Session, SkillRequest } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlExchangeScheduledEvent, TlRequestBoardElement, TlRequestRespondedEvent, defaultStrings } from '@talking-library/widget';
import { attach, callApi, cleanUp, demoSession, expectFocusOn, newMember, nextEvent, part, parts, publishableKey, scratchApiUrl, textOf } from './support.js';

const tag = () => `tag${Math.random().toString(36).slice(2, 10)}`;

async function boardFor(sessionToken: string | undefined, attributes: Record<string, string> = {}): Promise<TlRequestBoardElement> {
  const element = document.createElement('tl-request-board');
  const all = { api: scratchApiUrl(), 'publishable-key': publishableKey(), library: 'demo', ...(sessionToken ? { 'member-token': sessionToken } : {}), ...attributes };
  for (const [name, value] of Object.entries(all)) element.setAttribute(name, value);
  attach(element);
  await settled(element);
  return element;
}

/** Waits until the board has shown what it loaded: requests, none, a sign-in message or an error. */
async function settled(element: TlRequestBoardElement): Promise<void> {
  await waitUntil(() => {
    const status = textOf(part(element, 'status'));
    return status !== '' && status !== defaultStrings.loadingRequests;
  }, 'the board to load');
  await element.updateComplete;
}

async function search(element: TlRequestBoardElement, words: string): Promise<void> {
  const box = part(element, 'search-input') as HTMLInputElement;
  box.value = words;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await element.updateComplete;
  part(element, 'search-button')!.click();
  await waitUntil(() => textOf(part(element, 'status')) === defaultStrings.loadingRequests, 'the search to start').catch(() => {});
  await settled(element);
}

async function choose(element: TlRequestBoardElement, partName: string, value: string): Promise<void> {
  const select = part(element, partName) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
  await settled(element);
}

const titles = (element: HTMLElement) => parts(element, 'request-title').map(textOf);
const card = (element: HTMLElement, id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-request-id="${id}"]`)!;
const within = (root: HTMLElement, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);
const active = (element: HTMLElement) => element.shadowRoot!.activeElement;
const dialogOf = (element: HTMLElement) => element.shadowRoot!.querySelector('dialog')!;

function post(member: Session, fields: Partial<RequestCreate> & { title: string }): Promise<SkillRequest> {
  return callApi<SkillRequest>('POST', '/requests', member.sessionToken, {
    need: 'Someone to sit with us for an hour.',
    project: { name: 'Falls on ward 7', aim: 'Fewer falls at night.', stage: 'testing' },
    skills: ['statistical-process-control'],
    category: 'improvement',
    ...fields,
  });
}

/** A future time on the minute, far enough apart from other tests' that the demo expert is never booked twice. */
function futureTime(): Date {
  const days = 40 + Math.floor(Math.random() * 600);
  const at = new Date(Date.now() + days * 24 * 3600_000);
  at.setUTCHours(8 + Math.floor(Math.random() * 9), Math.floor(Math.random() * 4) * 15, 0, 0);
  return at;
}

/** `datetime-local` text for a time, in this browser's zone. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

afterEach(cleanUp);

describe('<tl-request-board>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-request-board')).to.equal(TlRequestBoardElement);
  });

  it('signed out, says how to sign in and shows no requests', async () => {
    const element = await boardFor(undefined);

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.boardSignedOut);
    expect(part(element, 'list')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('shows an expert each open request: title, need, project, skills and how long until it lapses', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `SPC chart help ${word}`, need: `Our run chart confuses us ${word}.` });
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken);
    await search(element, word);

    expect(titles(element)).to.deep.equal([request.title]);
    const shown = card(element, request.id);
    expect(textOf(within(shown, 'need'))).to.equal(request.need);
    const project = textOf(within(shown, 'project'));
    expect(project).to.contain('Falls on ward 7').and.contain('Fewer falls at night.').and.contain(defaultStrings.projectStage('testing'));
    expect([...shown.querySelectorAll('[part~="skill"]')].map(textOf)).to.deep.equal(['Statistical process control (SPC)']);
    expect(textOf(within(shown, 'request-meta'))).to.contain(defaultStrings.lapsesIn('in 30 days')).and.contain(defaultStrings.postedBy(owner.member.name));
    expect(within(shown, 'respond-button')).to.not.equal(null);
    expect(part(element, 'experts-only'), 'an expert is not told that responding is for experts').to.equal(null);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.requestsShown(1, false));
    await expect(element).to.be.accessible();
  });

  it('reload() reads the requests again, for what was posted elsewhere meanwhile', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken);
    await search(element, word);
    expect(titles(element)).to.deep.equal([]);
    const request = await post(owner, { title: `Posted meanwhile ${word}` });

    await element.reload();
    await element.updateComplete;
    expect(titles(element)).to.deep.equal([request.title]);
  });

  it('filters by category and by skill, and says so when nothing matches', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const improvement = await post(owner, { title: `Improvement ${word}` });
    const digital = await post(owner, { title: `Digital ${word}`, skills: ['fhir'], category: 'digital-health' });
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken);
    await search(element, word);
    expect(titles(element)).to.have.members([improvement.title, digital.title]);

    await choose(element, 'category-select', 'digital-health');
    expect(titles(element)).to.deep.equal([digital.title]);

    await choose(element, 'category-select', '');
    await choose(element, 'skill-select', 'statistical-process-control');
    expect(titles(element)).to.deep.equal([improvement.title]);

    await choose(element, 'skill-select', 'coaching');
    expect(titles(element)).to.deep.equal([]);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.noMatchingRequests);
    await expect(element).to.be.accessible();
  });

  it('pages with "Show more", moving focus to the first new request', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    await post(owner, { title: `First ${word}` });
    await post(owner, { title: `Second ${word}` });
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken, { 'page-size': '1' });
    await search(element, word);
    expect(titles(element)).to.have.length(1);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.requestsShown(1, true));

    part(element, 'more-button')!.click();
    await waitUntil(() => titles(element).length === 2, 'the second page');
    await element.updateComplete;

    expect(titles(element)).to.have.members([`First ${word}`, `Second ${word}`]);
    expectFocusOn(element, parts(element, 'request-title')[1]);
    expect(part(element, 'more-button')).to.equal(null);
  });

  it('tells a member who is not an expert, kindly, that responding is for experts, and offers no response', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    await post(owner, { title: `Any help ${word}` });
    const reader = await newMember('board-reader');
    const element = await boardFor(reader.sessionToken);
    await search(element, word);

    expect(textOf(part(element, 'experts-only'))).to.equal(defaultStrings.boardExpertsOnly);
    expect(titles(element)).to.have.length(1);
    expect(part(element, 'respond-button')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('an expert responds: each field says what it needs, then the times she typed go in UTC and tl-request-responded fires', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `Respond to me ${word}` });
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken);
    await search(element, word);

    const respond = within(card(element, request.id), 'respond-button')!;
    respond.click();
    await waitUntil(() => dialogOf(element).open && element.shadowRoot!.querySelector('#message'), 'the dialog');
    await element.updateComplete;
    expectFocusOn(element, element.shadowRoot!.querySelector('#message'));
    expect(textOf(element.shadowRoot!.querySelector('#times-hint'))).to.contain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(element).to.be.accessible();

    part(element, 'submit-button')!.click();
    await element.updateComplete;
    expect(parts(element, 'field-error').map(textOf)).to.deep.equal([defaultStrings.responseMessageRequired, defaultStrings.proposedTimeRequired]);
    expectFocusOn(element, element.shadowRoot!.querySelector('#message'));
    await expect(element).to.be.accessible();

    const message = element.shadowRoot!.querySelector<HTMLTextAreaElement>('#message')!;
    message.value = 'I can walk you through SPC rules.';
    message.dispatchEvent(new Event('input', { bubbles: true }));
    const first = futureTime();
    const second = new Date(first.getTime() + 24 * 3600_000);
    const times = [first, second];
    part(element, 'add-time-button')!.click();
    await element.updateComplete;
    times.forEach((at, i) => {
      const box = element.shadowRoot!.querySelector<HTMLInputElement>(`#time-${i}`)!;
      box.value = localInput(at);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await element.updateComplete;
    const responded = nextEvent(element, 'tl-request-responded');
    part(element, 'submit-button')!.click();
    const event = await responded;

    expect(event).to.be.instanceOf(TlRequestRespondedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.request.id).to.equal(request.id);
    expect(event.response.message).to.equal('I can walk you through SPC rules.');
    expect(event.response.proposedTimes.map((time) => new Date(time).toISOString())).to.deep.equal(times.map((at) => at.toISOString()));
    await element.updateComplete;
    expect(dialogOf(element).open).to.equal(false);
    const note = within(card(element, request.id), 'responded')!;
    expect(textOf(note)).to.equal(defaultStrings.youResponded(defaultStrings.responseStatus('open')));
    expectFocusOn(element, note, 'focus lands on what replaced the button');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.responseSent(request.title));
    const seen = await callApi<RequestResponse[]>('GET', `/requests/${request.id}/responses`, owner.sessionToken).then((page) => (page as unknown as { data: RequestResponse[] }).data);
    expect(seen.map((response) => response.id)).to.deep.equal([event.response.id]);
    await expect(element).to.be.accessible();
  });

  it('a time in the past is refused beside its box before anything is sent', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `Past time ${word}` });
    const { sessionToken } = await demoSession('expert', 'scratch');
    const element = await boardFor(sessionToken);
    await search(element, word);
    within(card(element, request.id), 'respond-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#time-0'), 'the dialog');

    const message = element.shadowRoot!.querySelector<HTMLTextAreaElement>('#message')!;
    message.value = 'Happy to help.';
    message.dispatchEvent(new Event('input', { bubbles: true }));
    const box = element.shadowRoot!.querySelector<HTMLInputElement>('#time-0')!;
    box.value = localInput(new Date(Date.now() - 3600_000));
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;
    part(element, 'submit-button')!.click();
    await element.updateComplete;

    expect(parts(element, 'field-error').map(textOf)).to.deep.equal([defaultStrings.proposedTimeInPast(1)]);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expectFocusOn(element, box);
  });

  it('the owner sees the responses and accepts one at one of its times: the hour is scheduled and tl-exchange-scheduled fires', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `Accept me ${word}` });
    const expert = await demoSession('expert', 'scratch');
    const proposed = [futureTime().toISOString(), futureTime().toISOString()];
    const response = await callApi<RequestResponse>('POST', `/requests/${request.id}/responses`, expert.sessionToken, { message: 'I can help.', proposedTimes: proposed });
    const element = await boardFor(owner.sessionToken);
    (element.shadowRoot!.querySelector('[data-view="mine"]') as HTMLElement).click();
    await element.updateComplete;
    await settled(element);
    await search(element, word);

    const shown = card(element, request.id);
    expect(within(shown, 'respond-button'), 'she does not respond to her own').to.equal(null);
    const toggle = within(shown, 'responses-button')!;
    expect(textOf(toggle)).to.equal(defaultStrings.showResponses(1));
    toggle.click();
    await waitUntil(() => within(shown, 'response'), 'the responses');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(textOf(within(shown, 'response'))).to.contain('I can help.').and.contain(expert.member.name);
    await expect(element).to.be.accessible();

    within(shown, 'accept-button')!.click();
    await waitUntil(() => dialogOf(element).open && element.shadowRoot!.querySelector('input[name="startsAt"]'), 'the dialog');
    await element.updateComplete;
    expect(parts(element, 'time-option')).to.have.length(2);
    await expect(element).to.be.accessible();

    part(element, 'submit-button')!.click();
    await element.updateComplete;
    expect(parts(element, 'field-error').map(textOf)).to.deep.equal([defaultStrings.chooseTimeRequired, defaultStrings.meetingPlaceRequired]);
    expectFocusOn(element, element.shadowRoot!.querySelector('input[name="startsAt"]'));

    const second = element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="startsAt"]')[1]!;
    second.click();
    const place = element.shadowRoot!.querySelector<HTMLInputElement>('#meetingPlace')!;
    place.value = 'https://meet.example/abc';
    place.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;
    const scheduled = nextEvent(element, 'tl-exchange-scheduled');
    part(element, 'submit-button')!.click();
    const event = await scheduled;

    expect(event).to.be.instanceOf(TlExchangeScheduledEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.exchange).to.include({ status: 'scheduled', startsAt: proposed[1], meetingPlace: 'https://meet.example/abc', requestId: request.id });
    expect(event.request.id).to.equal(request.id);
    await element.updateComplete;
    expect(textOf(within(shown, 'request-meta'))).to.contain(defaultStrings.requestStatus('matched'));
    expect(textOf(within(shown, 'response'))).to.contain(defaultStrings.responseStatus('accepted'));
    expect(within(shown, 'accept-button')).to.equal(null);
    expect(textOf(part(element, 'status'))).to.match(/^Your hour with .* is scheduled/);
    const stored = await callApi<SkillRequest>('GET', `/requests/${request.id}`, owner.sessionToken);
    expect(stored.status).to.equal('matched');
    const accepted = stored.responses?.find((r) => r.id === response.id);
    expect(accepted).to.include({ status: 'accepted', exchangeId: event.exchange.id });
    await expect(element).to.be.accessible();
  });

  it('the owner renews and closes her request', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `Close me ${word}` });
    const element = await boardFor(owner.sessionToken);
    (element.shadowRoot!.querySelector('[data-view="mine"]') as HTMLElement).click();
    await element.updateComplete;
    await settled(element);
    await search(element, word);
    const shown = card(element, request.id);

    within(shown, 'renew-button')!.click();
    await waitUntil(() => textOf(part(element, 'status')).startsWith(`“${request.title}” is renewed`), 'the renewal');
    const renewed = await callApi<SkillRequest>('GET', `/requests/${request.id}`, owner.sessionToken);
    expect(renewed.version).to.be.greaterThan(request.version);

    const close = within(shown, 'close-button')!;
    close.click();
    await waitUntil(() => dialogOf(element).open && element.shadowRoot!.querySelector('#closeReason'), 'the dialog');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    const reason = element.shadowRoot!.querySelector<HTMLInputElement>('#closeReason')!;
    reason.value = 'Found help elsewhere';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;
    part(element, 'submit-button')!.click();
    await waitUntil(() => textOf(part(element, 'status')) === defaultStrings.requestClosed(request.title), 'the close');

    const closed = await callApi<SkillRequest>('GET', `/requests/${request.id}`, owner.sessionToken);
    expect(closed).to.include({ status: 'closed', closedReason: 'Found help elsewhere' });
    expect(textOf(within(shown, 'request-meta'))).to.contain(defaultStrings.requestStatus('closed'));
    expect(within(shown, 'close-button')).to.equal(null);
    expectFocusOn(element, within(shown, 'request-title'), 'focus on the request, since the button is gone');
  });

  it('the owner can do it all with the keyboard: open the responses, accept, choose a time, say where, and Escape gives focus back', async () => {
    const owner = await newMember('board-owner');
    const word = tag();
    const request = await post(owner, { title: `Keyboard accept ${word}` });
    const expert = await demoSession('expert', 'scratch');
    const proposed = [futureTime().toISOString()];
    await callApi('POST', `/requests/${request.id}/responses`, expert.sessionToken, { message: 'Glad to help.', proposedTimes: proposed });
    const element = await boardFor(owner.sessionToken);
    (element.shadowRoot!.querySelector('[data-view="mine"]') as HTMLElement).click();
    await element.updateComplete;
    await settled(element);
    await search(element, word);
    const shown = card(element, request.id);

    within(shown, 'responses-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => within(shown, 'accept-button'), 'the responses');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const accept = within(shown, 'accept-button')!;
    expectFocusOn(element, accept);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element).open && active(element)?.getAttribute('name') === 'startsAt', 'the dialog, focus on the first time');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element).open, 'the dialog to close');
    await element.updateComplete;
    expectFocusOn(element, accept, 'focus back on Accept');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element).open && active(element)?.getAttribute('name') === 'startsAt', 'the dialog again');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, element.shadowRoot!.querySelector('#meetingPlace'));
    await sendKeys({ type: 'Room 4, Education Centre' });
    const scheduled = nextEvent(element, 'tl-exchange-scheduled');
    await sendKeys({ press: 'Enter' });
    const event = await scheduled;

    expect(event.exchange).to.include({ startsAt: proposed[0], meetingPlace: 'Room 4, Education Centre' });
    await element.updateComplete;
    expectFocusOn(element, within(shown, 'request-title'));
  });
});
