/// <reference types="mocha" />
// Runs against the exchanges API (see the config), whose clock tests move forward: an hour booked
// for tomorrow is over once the clock has moved past it. Each test books an expert of its own.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Exchange, Session } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import {
  TlExchangeAcceptedEvent,
  TlExchangeCancelledEvent,
  TlExchangeConcernReportedEvent,
  TlExchangeConfirmedEvent,
  TlExchangeDeclinedEvent,
  TlExchangeDisputedEvent,
  TlExchangeNoShowEvent,
  TlExchangeRescheduledEvent,
  TlExchangeTimesProposedEvent,
  TlMyExchangesElement,
  defaultStrings,
} from '@talking-library/widget';
import { callApi, cleanUp, demoSession, exchangesApiUrl, expectFocusOn, mountTag, nextEvent, part, parts, textOf, useTimeZone } from './support.js';
import { accept, balanceOf, bookableExpert, memberWithCredit, pastTheHour, requestHour, tenOClock, type Expert } from './exchange-fixtures.js';

/** Waits for what the API's answer brings: a few seconds, as a busy test machine may need. */
const waitFor = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });

const SERVER = 'exchanges';

async function myExchanges(session: Session | undefined): Promise<TlMyExchangesElement> {
  const element = await mountTag('tl-my-exchanges', { api: exchangesApiUrl(), ...(session ? { 'member-token': session.sessionToken } : {}) });
  await waitFor(() => textOf(part(element, 'status')) !== defaultStrings.loadingExchanges, 'the exchanges to load');
  await element.updateComplete;
  return element;
}

const card = (element: HTMLElement, exchange: Exchange) => element.shadowRoot!.querySelector<HTMLElement>(`[data-exchange-id="${exchange.id}"]`);
const sectionOf = (element: HTMLElement, exchange: Exchange) => card(element, exchange)?.closest<HTMLElement>('[part~="section"]')?.dataset.section;
const actionsOn = (element: HTMLElement, exchange: Exchange) => [...card(element, exchange)!.querySelectorAll<HTMLElement>('[part~="action-button"]')].map((b) => b.dataset.action);
/** The buttons for steps of the exchange: all but "Report a concern", which either party has at any time. */
const stepsOn = (element: HTMLElement, exchange: Exchange) => actionsOn(element, exchange).filter((action) => action !== 'concern');
const button = (element: HTMLElement, exchange: Exchange, action: string) => card(element, exchange)!.querySelector<HTMLElement>(`[data-action="${action}"]`)!;
const dialogOf = (element: HTMLElement) => part(element, 'action-dialog') as HTMLDialogElement;
const field = (element: HTMLElement, name: string) => dialogOf(element).querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-field="${name}"]`)!;

/** What has focus in the element, as a short name: an id, a radio's name and value, or a part. */
function focused(element: HTMLElement): string {
  const active = element.shadowRoot!.activeElement as HTMLInputElement | null;
  if (!active) return `outside: ${document.activeElement?.localName ?? 'nothing'}`;
  if (active.type === 'radio') return `${active.name}=${active.value}`;
  return active.id || active.getAttribute('part') || active.localName;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** A member's request to a new expert, at two times tomorrow and the day after. */
async function requested(): Promise<{ member: Session; expert: Expert; exchange: Exchange; times: string[] }> {
  const expert = await bookableExpert(SERVER, 'Africa/Lagos');
  const member = await memberWithCredit(SERVER);
  const times = [await tenOClock(1), await tenOClock(2)];
  const exchange = await requestHour(member, expert, times, SERVER);
  return { member, expert, exchange, times };
}

beforeEach(() => useTimeZone('UTC'));
afterEach(cleanUp);

/** What a `datetime-local` box holds for a time on this browser's clock. */
function localValue(iso: string): string {
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

describe('<tl-my-exchanges>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-my-exchanges')).to.equal(TlMyExchangesElement);
  });

  it('signed out, says how to sign in and lists nothing', async () => {
    const element = await myExchanges(undefined);
    await waitFor(() => textOf(part(element, 'alert')) !== '', 'the sign-in message');

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.myExchangesSignedOut);
    expect(parts(element, 'section')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('lists a request for the member as upcoming and for the expert as waiting, each with only the actions the API allows', async () => {
    await useTimeZone('Europe/London');
    const { member, expert, exchange } = await requested();
    const asMember = await myExchanges(member);
    const forMember = await callApi<Exchange>('GET', `/exchanges/${exchange.id}`, member.sessionToken, undefined, SERVER);
    expect(forMember.expert.profileId).to.equal(expert.profile.id);

    expect(sectionOf(asMember, exchange)).to.equal('upcoming');
    expect(textOf(card(asMember, exchange)!.querySelector('[part~="exchange-heading"]'))).to.equal(defaultStrings.exchangeWith(forMember.expert.name));
    expect(textOf(card(asMember, exchange)!.querySelector('[part~="exchange-status"]'))).to.equal(defaultStrings.exchangeStatus('requested'));
    const when = textOf(card(asMember, exchange)!.querySelector('[part~="exchange-time"]'));
    expect(when).to.contain('Europe/London');
    expect(when).to.contain('Africa/Lagos');
    expect(stepsOn(asMember, exchange)).to.deep.equal(forMember.allowedActions.filter((action) => action !== 'resolve'));
    expect(actionsOn(asMember, exchange)).to.include('concern');
    await expect(asMember).to.be.accessible();
    asMember.remove();

    const asExpert = await myExchanges(expert.session);
    const forExpert = await callApi<Exchange>('GET', `/exchanges/${exchange.id}`, expert.session.sessionToken, undefined, SERVER);
    expect(sectionOf(asExpert, exchange)).to.equal('waiting');
    expect(stepsOn(asExpert, exchange)).to.deep.equal(['accept', 'propose', 'decline', 'cancel']);
    expect(forExpert.allowedActions.slice().sort()).to.deep.equal(['accept', 'cancel', 'decline', 'propose']);
    await expect(asExpert).to.be.accessible();
  });

  it('coming back to the page shows what the other party did meanwhile: the expert accepted elsewhere, and the member sees it scheduled', async () => {
    const { member, expert, exchange, times } = await requested();
    const asMember = await myExchanges(member);
    expect(sectionOf(asMember, exchange)).to.equal('upcoming');
    await accept(expert, exchange, times[0]!, SERVER);
    // Seen while the page is hidden, the change waits; the page shown again reads it.
    try {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      await asMember.updateComplete;
      expect(textOf(card(asMember, exchange)!.querySelector('[part~="exchange-status"]'))).to.equal(defaultStrings.exchangeStatus('requested'));
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => textOf(card(asMember, exchange)?.querySelector('[part~="exchange-status"]') ?? null) === defaultStrings.exchangeStatus('scheduled'), 'the hour to show as scheduled');
    } finally {
      // The document's own property goes; Document.prototype's real one shows through again.
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('the expert accepts with a time and a place: tl-exchange-accepted, it is scheduled, and the member’s hour is held', async () => {
    const { member, expert, exchange, times } = await requested();
    const element = await myExchanges(expert.session);

    button(element, exchange, 'accept').click();
    await waitFor(() => dialogOf(element).open, 'the accept dialog');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    const choice = dialogOf(element).querySelector<HTMLInputElement>(`input[name="startsAt"][value="${times[1]}"]`)!;
    choice.click();
    type(field(element, 'meetingPlace'), 'https://meet.example.test/fhir');
    await element.updateComplete;
    const accepted = nextEvent(element, 'tl-exchange-accepted');
    part(element, 'submit-button')!.click();
    const event = await accepted;

    expect(event).to.be.instanceOf(TlExchangeAcceptedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.exchange).to.include({ id: exchange.id, status: 'scheduled', startsAt: times[1], meetingPlace: 'https://meet.example.test/fhir' });
    expect(dialogOf(element).open).to.equal(false);
    expect(textOf(card(element, exchange)!.querySelector('[part~="exchange-status"]'))).to.equal(defaultStrings.exchangeStatus('scheduled'));
    expect(textOf(card(element, exchange)!.querySelector('[part~="exchange-place"]'))).to.contain('https://meet.example.test/fhir');
    expect(sectionOf(element, exchange)).to.equal('upcoming');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.actionDone('accept', event.exchange.member.name));
    expect((await balanceOf(member, SERVER)).held).to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('accepting with no place to meet says so beside the field, and nothing is scheduled', async () => {
    const { expert, exchange } = await requested();
    const element = await myExchanges(expert.session);

    button(element, exchange, 'accept').click();
    await waitFor(() => dialogOf(element).open, 'the accept dialog');
    dialogOf(element).querySelector<HTMLInputElement>('input[name="startsAt"]')!.click();
    await element.updateComplete;
    part(element, 'submit-button')!.click();
    await waitFor(() => parts(element, 'field-error').length > 0, 'an error beside a field');
    await element.updateComplete;

    expect(textOf(parts(element, 'field-error')[0]!)).to.match(new RegExp(`^${defaultStrings.meetingPlaceLabel}`));
    expect(field(element, 'meetingPlace').getAttribute('aria-invalid')).to.equal('true');
    expectFocusOn(element, field(element, 'meetingPlace'));
    const after = await callApi<Exchange>('GET', `/exchanges/${exchange.id}`, expert.session.sessionToken, undefined, SERVER);
    expect(after.status).to.equal('requested');
    await expect(element).to.be.accessible();
  });

  it('the expert declines with a note: tl-exchange-declined, and it moves to history', async () => {
    const { expert, exchange } = await requested();
    const element = await myExchanges(expert.session);

    button(element, exchange, 'decline').click();
    await waitFor(() => dialogOf(element).open, 'the decline dialog');
    type(field(element, 'reason'), 'I am away that week, sorry.');
    await element.updateComplete;
    const declined = nextEvent(element, 'tl-exchange-declined');
    part(element, 'submit-button')!.click();
    const event = await declined;

    expect(event).to.be.instanceOf(TlExchangeDeclinedEvent);
    expect(event.exchange.status).to.equal('declined');
    expect(sectionOf(element, exchange)).to.equal('history');
    expect(stepsOn(element, exchange)).to.deep.equal([]);
  });

  it('the member cancels a scheduled hour with a reason, after confirming: tl-exchange-cancelled, and it moves to history', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    const element = await myExchanges(member);

    button(element, exchange, 'cancel').click();
    await waitFor(() => dialogOf(element).open, 'the cancel dialog');
    expect(textOf(part(element, 'submit-button'))).to.equal(defaultStrings.actionSubmit('cancel'));
    type(field(element, 'reason'), 'The project has been paused.');
    await element.updateComplete;
    const cancelled = nextEvent(element, 'tl-exchange-cancelled');
    part(element, 'submit-button')!.click();
    const event = await cancelled;

    expect(event).to.be.instanceOf(TlExchangeCancelledEvent);
    expect(event.exchange).to.include({ status: 'cancelled', reason: 'The project has been paused.' });
    expect(sectionOf(element, exchange)).to.equal('history');
    expect((await balanceOf(member, SERVER)).held, 'the hold is released').to.equal(0);
  });

  it('a scheduled hour has "Add to calendar", which from the keyboard downloads its .ics file; a request has none', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    const other = await requestHour(member, expert, [await tenOClock(3)], SERVER);
    const element = await myExchanges(member);
    await waitFor(() => card(element, other), 'the request to show');
    expect(card(element, other)!.querySelector('[part~="calendar-button"]') === null, 'a request has no time to add').to.equal(true);

    // The file the element offers, caught before the browser saves it.
    const downloads: { name: string; text: Promise<string> }[] = [];
    element.shadowRoot!.addEventListener(
      'click',
      (event) => {
        const link = event.target;
        if (!(link instanceof HTMLAnchorElement) || !link.download) return;
        event.preventDefault();
        downloads.push({ name: link.download, text: fetch(link.href).then((res) => res.text()) });
      },
      { capture: true },
    );
    const calendar = card(element, exchange)!.querySelector<HTMLButtonElement>('[part~="calendar-button"]')!;
    expect(textOf(calendar)).to.equal(defaultStrings.addToCalendar);
    expect(calendar.localName).to.equal('button');
    await expect(element).to.be.accessible();

    calendar.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => downloads.length === 1, 'the calendar file');
    expect(downloads[0]!.name).to.equal(`exchange-${exchange.id}.ics`);
    const ics = await downloads[0]!.text;
    expect(ics).to.match(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).to.contain(`\r\nUID:${exchange.id}@talking-library\r\n`);
    expect(ics).to.contain('\r\nMETHOD:REQUEST\r\n');
    await waitFor(() => textOf(part(element, 'status')) === defaultStrings.calendarFileReady(exchange.expert.name), 'the file to be announced');
    expect(element.shadowRoot!.activeElement === calendar, 'focus stays on the button').to.equal(true);
    expect(element.shadowRoot!.querySelector('a[download]') === null, 'the link was only for the download').to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('"Go back" and Escape leave the exchange as it was, with focus back on the button that opened the dialog', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    const element = await myExchanges(member);

    button(element, exchange, 'cancel').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => dialogOf(element).open, 'the cancel dialog');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialogOf(element).open, 'the dialog to close');
    await element.updateComplete;
    expectFocusOn(element, button(element, exchange, 'cancel'));

    await sendKeys({ press: 'Enter' });
    await waitFor(() => dialogOf(element).open, 'the cancel dialog again');
    part(element, 'back-button')!.click();
    await waitFor(() => !dialogOf(element).open, 'the dialog to close');
    await element.updateComplete;
    expectFocusOn(element, button(element, exchange, 'cancel'));
    const after = await callApi<Exchange>('GET', `/exchanges/${exchange.id}`, member.sessionToken, undefined, SERVER);
    expect(after.status).to.equal('scheduled');
  });

  it('once the hour is over, it waits to be confirmed; confirming fires tl-exchange-confirmed, and both confirming completes it', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    await pastTheHour(times[0]!);
    const element = await myExchanges(member);

    expect(sectionOf(element, exchange)).to.equal('confirm');
    expect(actionsOn(element, exchange)).to.include.members(['confirm', 'dispute', 'noShow']);
    button(element, exchange, 'confirm').click();
    await waitFor(() => dialogOf(element).open, 'the confirm dialog');
    const confirmed = nextEvent(element, 'tl-exchange-confirmed');
    part(element, 'submit-button')!.click();
    const event = await confirmed;

    expect(event).to.be.instanceOf(TlExchangeConfirmedEvent);
    expect(event.exchange.status).to.equal('scheduled');
    expect(actionsOn(element, exchange)).to.not.include('confirm');
    element.remove();

    const asExpert = await myExchanges(expert.session);
    const done = nextEvent(asExpert, 'tl-exchange-confirmed');
    button(asExpert, exchange, 'confirm').click();
    await waitFor(() => dialogOf(asExpert).open, 'the confirm dialog');
    part(asExpert, 'submit-button')!.click();
    expect((await done).exchange.status).to.equal('completed');
    expect(sectionOf(asExpert, exchange)).to.equal('history');
    expect((await balanceOf(expert.session, SERVER)).balance, 'the expert earned the hour').to.be.greaterThan(0);
  });

  it('shows what has happened to an exchange, who did it and when', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    const element = await myExchanges(member);

    const history = card(element, exchange)!.querySelector<HTMLDetailsElement>('[part~="history"]')!;
    history.querySelector('summary')!.click();
    await waitFor(() => history.querySelectorAll('li').length >= 2, 'the history');

    const kinds = [...history.querySelectorAll<HTMLElement>('li')].map((item) => item.dataset.kind);
    expect(kinds[0]).to.equal('requested');
    expect(kinds).to.include('scheduled');
    expect(textOf(history.querySelector('li'))).to.contain(defaultStrings.historyWhoYou);
    await expect(element).to.be.accessible();
  });

  it('the expert proposes other times: tl-exchange-times-proposed, and the member can then accept one', async () => {
    const { member, expert, exchange } = await requested();
    const element = await myExchanges(expert.session);
    const other = await tenOClock(4);

    button(element, exchange, 'propose').click();
    await waitFor(() => dialogOf(element).open, 'the propose dialog');
    type(field(element, 'time-1'), localValue(other));
    await element.updateComplete;
    const proposed = nextEvent(element, 'tl-exchange-times-proposed');
    part(element, 'submit-button')!.click();
    const event = await proposed;

    expect(event).to.be.instanceOf(TlExchangeTimesProposedEvent);
    expect(event.exchange).to.include({ status: 'requested', proposedBy: 'expert' });
    expect(event.exchange.proposedTimes.map((time) => Date.parse(time))).to.deep.equal([Date.parse(other)]);
    expect(sectionOf(element, exchange), 'now the member’s to answer').to.equal('upcoming');
    element.remove();

    const asMember = await myExchanges(member);
    expect(sectionOf(asMember, exchange)).to.equal('waiting');
    expect(stepsOn(asMember, exchange)).to.include('accept');
    expect(textOf(card(asMember, exchange)!.querySelector('[part~="exchange-time"]'))).to.contain(defaultStrings.proposedTimesLabel(false, event.exchange.expert.name));
  });

  it('after the hour, the expert reports that the member did not come: tl-exchange-no-show names the member', async () => {
    const { expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    await pastTheHour(times[0]!);
    const element = await myExchanges(expert.session);

    button(element, exchange, 'noShow').click();
    await waitFor(() => dialogOf(element).open, 'the no-show dialog');
    await expect(element).to.be.accessible();
    const reported = nextEvent(element, 'tl-exchange-no-show');
    part(element, 'submit-button')!.click();
    const event = await reported;

    expect(event).to.be.instanceOf(TlExchangeNoShowEvent);
    expect(event.party).to.equal('member');
    expect(event.exchange).to.include({ status: 'no_show', noShowParty: 'member' });
    expect(sectionOf(element, exchange)).to.equal('history');
  });

  it('either party reports a concern to the coordinators: tl-exchange-concern-reported, and the exchange is as it was', async () => {
    const { member, exchange } = await requested();
    const element = await myExchanges(member);

    button(element, exchange, 'concern').click();
    await waitFor(() => dialogOf(element).open, 'the concern dialog');
    type(field(element, 'reason'), 'The expert asked me for my home address.');
    await element.updateComplete;
    const reported = nextEvent(element, 'tl-exchange-concern-reported');
    part(element, 'submit-button')!.click();
    const event = await reported;

    expect(event).to.be.instanceOf(TlExchangeConcernReportedEvent);
    expect(event.exchange.id).to.equal(exchange.id);
    expect(event.exchange.status).to.equal('requested');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.actionDone('concern', event.exchange.expert.name));
    const coordinator = await demoSession('coordinator', SERVER);
    const concerns = await callApi<{ data: { exchangeId: string; body: string }[] }>('GET', '/concerns', coordinator.sessionToken, undefined, SERVER);
    expect(concerns.data.some((concern) => concern.exchangeId === exchange.id && concern.body === 'The expert asked me for my home address.')).to.equal(true);
  });

  it('takes an expert from the keyboard alone through accepting: a time, a place, and "Accept and schedule"', async function () {
    this.timeout(30_000);
    const { expert, exchange, times } = await requested();
    const element = await myExchanges(expert.session);
    const accepted = nextEvent(element, 'tl-exchange-accepted');

    button(element, exchange, 'accept').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => dialogOf(element).open, 'the accept dialog');
    await element.updateComplete;
    // The dialog opens on its first control, the first of the proposed times; the arrow takes the next.
    expect(focused(element)).to.equal(`startsAt=${times[0]}`);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('field-meetingPlace');
    await sendKeys({ type: 'Room 4, Quality Improvement Hub' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('button submit-button');
    await sendKeys({ press: 'Enter' });
    const { exchange: scheduled } = await accepted;

    expect(scheduled).to.include({ status: 'scheduled', startsAt: times[1], meetingPlace: 'Room 4, Quality Improvement Hub' });
    await element.updateComplete;
    expect(focused(element), 'focus on the exchange, whose accept button is gone').to.equal(`exchange-${exchange.id}`);
  });

  it('the member moves a scheduled hour to a new time on her clock: tl-exchange-rescheduled, the same exchange at the new time', async () => {
    await useTimeZone('Europe/London');
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    const element = await myExchanges(member);
    const later = await tenOClock(5);

    button(element, exchange, 'reschedule').click();
    await waitFor(() => dialogOf(element).open, 'the reschedule dialog');
    type(field(element, 'startsAt'), localValue(later));
    type(field(element, 'reason'), 'A clash with a ward round.');
    await element.updateComplete;
    const moved = nextEvent(element, 'tl-exchange-rescheduled');
    part(element, 'submit-button')!.click();
    const event = await moved;

    expect(event).to.be.instanceOf(TlExchangeRescheduledEvent);
    expect(event.exchange.id).to.equal(exchange.id);
    expect(event.exchange.status).to.equal('scheduled');
    expect(Date.parse(event.exchange.startsAt!)).to.equal(Date.parse(later));
    expect(textOf(card(element, exchange)!.querySelector('[part~="exchange-time"]'))).to.contain(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(later)),
    );
  });

  it('after the hour, a party who says it did not happen disputes it with a reason: tl-exchange-disputed', async () => {
    const { member, expert, exchange, times } = await requested();
    await accept(expert, exchange, times[0]!, SERVER);
    await pastTheHour(times[0]!);
    const element = await myExchanges(member);

    button(element, exchange, 'dispute').click();
    await waitFor(() => dialogOf(element).open, 'the dispute dialog');
    type(field(element, 'reason'), 'We never managed to meet.');
    await element.updateComplete;
    const disputed = nextEvent(element, 'tl-exchange-disputed');
    part(element, 'submit-button')!.click();
    const event = await disputed;

    expect(event).to.be.instanceOf(TlExchangeDisputedEvent);
    expect(event.exchange).to.include({ status: 'disputed', reason: 'We never managed to meet.' });
    expect(sectionOf(element, exchange)).to.equal('history');
  });
});

