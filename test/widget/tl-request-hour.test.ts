/// <reference types="mocha" />
// Runs against the scratch API (see the config): each test asks an expert of its own, made for it.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Exchange, Session, SlotList } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlExchangeRequestedEvent, TlRequestHourElement, defaultStrings, type TalkingLibraryElement } from '@talking-library/widget';
import { callApi, cleanUp, expectFocusOn, mountTag, nextEvent, part, parts, textOf, useTimeZone } from './support.js';
import { balanceOf, bookableExpert, memberWithCredit, memberWithoutCredit, type Expert } from './exchange-fixtures.js';

/** Waits for what the API's answer brings: a few seconds, as a busy test machine may need. */
const waitFor = (predicate: () => unknown, message: string) => waitUntil(predicate, message, { timeout: 5000 });

const SERVER = 'scratch';

async function requestHourFor(expert: Expert, member: Session | undefined): Promise<TlRequestHourElement> {
  const element = await mountTag('tl-request-hour', member ? { 'member-token': member.sessionToken } : {}, { profile: expert.profile });
  await waitFor(() => textOf(part(element, 'status')) !== defaultStrings.loadingRequestHour, 'the form to load');
  await element.updateComplete;
  return element;
}

const figure = (element: HTMLElement, name: string) => textOf(element.shadowRoot!.querySelector(`[data-figure="${name}"]`));
const slotInputs = (element: HTMLElement) => parts(element, 'slot').map((label) => label.querySelector('input')!);
const timeInputs = (element: HTMLElement) => parts(element, 'time-input') as HTMLInputElement[];

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function chooseMode(element: HTMLElement, mode: 'slot' | 'proposed'): void {
  const radio = element.shadowRoot!.querySelector<HTMLInputElement>(`input[name="mode"][value="${mode}"]`)!;
  radio.click();
}

/** What a `datetime-local` box holds for a time on this browser's clock. */
function localValue(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

afterEach(async () => {
  cleanUp();
  await useTimeZone('UTC');
});

describe('<tl-request-hour>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-request-hour')).to.equal(TlRequestHourElement);
  });

  it('signed out, says how to sign in, shows no form and asks for nothing of hers', async () => {
    const expert = await bookableExpert(SERVER);
    const element = await requestHourFor(expert, undefined);
    await waitFor(() => part(element, 'signed-out'), 'the sign-in message');

    expect(textOf(part(element, 'signed-out'))).to.equal(defaultStrings.requestHourSignedOut(expert.profile.displayName));
    expect(textOf(part(element, 'heading'))).to.equal(defaultStrings.requestHourHeading(expert.profile.displayName));
    expect(part(element, 'form')).to.equal(null);
    expect(part(element, 'credit')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('signed in with credit: her balance, held and available as the API counts them, what asking holds, and the expert’s free times naming both zones', async () => {
    await useTimeZone('Europe/London');
    const expert = await bookableExpert(SERVER, 'Africa/Lagos');
    const member = await memberWithCredit(SERVER);
    const element = await requestHourFor(expert, member);
    const balance = await balanceOf(member, SERVER);

    expect(figure(element, 'balance')).to.equal(defaultStrings.hours(balance.balance));
    expect(figure(element, 'held')).to.equal(defaultStrings.hours(balance.held));
    expect(figure(element, 'available')).to.equal(defaultStrings.hours(balance.available));
    expect(textOf(part(element, 'holds'))).to.equal(defaultStrings.holdsOneHour(expert.profile.displayName));
    expect(part(element, 'no-credit')).to.equal(null);

    const slots = await callApi<SlotList>('GET', `/profiles/${expert.profile.id}/slots`, member.sessionToken);
    const shown = parts(element, 'slot');
    expect(shown.length).to.be.greaterThan(0);
    expect(shown[0]!.dataset.startsAt).to.equal(slots.data[0]!.startsAt);
    // London is an hour behind Lagos in winter and level with it in summer: either way both zones are named.
    const hint = textOf(element.shadowRoot!.querySelector('#slots-hint'));
    expect(hint).to.contain('Europe/London');
    expect(hint).to.contain('Africa/Lagos');
    const first = new Date(slots.data[0]!.startsAt);
    const clock = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(first);
    expect(textOf(shown[0]!)).to.contain(clock('Europe/London'));
    if (clock('Europe/London') !== clock('Africa/Lagos')) expect(textOf(shown[0]!)).to.contain(`${clock('Africa/Lagos')} her time`);
    expect(part(element, 'submit-button')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('without an hour available, says how to earn one or ask for a grant, and offers no way to send', async () => {
    const expert = await bookableExpert(SERVER);
    const member = await memberWithoutCredit(SERVER);
    const element = await requestHourFor(expert, member);

    expect(textOf(part(element, 'no-credit'))).to.equal(defaultStrings.noCreditToRequest);
    expect(figure(element, 'available')).to.equal(defaultStrings.hours(0));
    expect(part(element, 'submit-button')).to.equal(null);
    expect(part(element, 'form')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('picking one of her free times sends the request: tl-exchange-requested carries it, and it is shown as sent', async () => {
    const expert = await bookableExpert(SERVER);
    const member = await memberWithCredit(SERVER);
    const element = await requestHourFor(expert, member);

    const slot = slotInputs(element)[1]!;
    slot.click();
    type(part(element, 'message-input') as HTMLTextAreaElement, 'We are redesigning discharge letters and need FHIR advice.');
    await element.updateComplete;
    const requested = nextEvent(document, 'tl-exchange-requested');
    part(element, 'submit-button')!.click();
    const event = await requested;

    expect(event).to.be.instanceOf(TlExchangeRequestedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.exchange).to.include({ status: 'requested', profileId: expert.profile.id, message: 'We are redesigning discharge letters and need FHIR advice.' });
    expect(event.exchange.proposedTimes).to.deep.equal([slot.value]);
    expect(part(element, 'result')!.dataset.exchangeId).to.equal(event.exchange.id);
    expect(textOf(part(element, 'result'))).to.contain(defaultStrings.requestSent(expert.profile.displayName));
    expect(element.shadowRoot!.activeElement?.id, 'focus on what was sent').to.equal('result-heading');
    const mine = await callApi<{ data: Exchange[] }>('GET', '/exchanges?role=member', member.sessionToken);
    expect(mine.data.map((exchange) => exchange.id)).to.include(event.exchange.id);
    await expect(element).to.be.accessible();
  });

  it('times of her own are read on the viewer’s clock and sent in UTC', async () => {
    await useTimeZone('Europe/London');
    const expert = await bookableExpert(SERVER, 'Africa/Lagos');
    const member = await memberWithCredit(SERVER);
    const element = await requestHourFor(expert, member);

    chooseMode(element, 'proposed');
    await element.updateComplete;
    expect(textOf(element.shadowRoot!.querySelector('#proposed-hint'))).to.contain('Europe/London');
    const day = new Date(Date.now() + 3 * 24 * 3600_000);
    const first = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 10, 0);
    const second = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, 14, 30);
    type(timeInputs(element)[0]!, localValue(first));
    type(timeInputs(element)[2]!, localValue(second));
    type(part(element, 'message-input') as HTMLTextAreaElement, 'Two times that suit me.');
    await element.updateComplete;
    const requested = nextEvent(element, 'tl-exchange-requested');
    part(element, 'submit-button')!.click();
    const { exchange } = await requested;

    expect(exchange.proposedTimes).to.deep.equal([first.toISOString(), second.toISOString()]);
  });

  it('says what is wrong beside each field the API names, and focuses the first', async () => {
    const expert = await bookableExpert(SERVER);
    const member = await memberWithCredit(SERVER);
    const element = await requestHourFor(expert, member);
    chooseMode(element, 'proposed');
    await element.updateComplete;

    // No time and no message: the contract refuses both.
    part(element, 'submit-button')!.click();
    await waitFor(() => parts(element, 'field-error').length >= 2, 'an error beside the times and the message');
    await element.updateComplete;
    const errors = parts(element, 'field-error').map(textOf);
    expect(errors.some((error) => error.startsWith(defaultStrings.proposedLegend)), errors.join(' | ')).to.equal(true);
    expect(errors.some((error) => error.startsWith(defaultStrings.messageLabel)), errors.join(' | ')).to.equal(true);
    expect(part(element, 'message-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(element, 'message-input')!.getAttribute('aria-describedby')).to.contain('message-error');
    expectFocusOn(element, timeInputs(element)[0], 'focus on the first field to fix');
    await expect(element).to.be.accessible();

    // A time already past: the API names that box.
    type(timeInputs(element)[0]!, localValue(new Date(Date.now() - 24 * 3600_000)));
    type(part(element, 'message-input') as HTMLTextAreaElement, 'About our project.');
    await element.updateComplete;
    part(element, 'submit-button')!.click();
    await waitFor(() => parts(element, 'field-error').some((error) => textOf(error).startsWith(defaultStrings.proposedTimeLabel(1))), 'an error beside the first time');
    await element.updateComplete;
    expect(timeInputs(element)[0]!.getAttribute('aria-invalid')).to.equal('true');
    expect(timeInputs(element)[0]!.getAttribute('aria-describedby')).to.contain('time-1-error');
    expect(part(element, 'message-input')!.getAttribute('aria-invalid')).to.equal('false');
    expectFocusOn(element, timeInputs(element)[0]);
    await expect(element).to.be.accessible();
  });

  it('takes a member from the keyboard alone through a free time, a message and "Send request"', async function () {
    this.timeout(30_000);
    const expert = await bookableExpert(SERVER);
    const member = await memberWithCredit(SERVER);
    const element = await requestHourFor(expert, member);
    const requested = nextEvent(element, 'tl-exchange-requested');

    element.focus();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
    // Tab to the first free time, and take the next one with the arrow key.
    const path: string[] = [];
    for (let i = 0; i < 6 && element.shadowRoot!.activeElement?.getAttribute('name') !== 'slot'; i++) {
      await sendKeys({ press: 'Tab' });
      path.push(String(element.shadowRoot!.activeElement?.id || element.shadowRoot!.activeElement?.getAttribute('name') || document.activeElement?.localName));
    }
    expect(element.shadowRoot!.activeElement, path.join(' → ')).to.equal(slotInputs(element)[0]);
    await sendKeys({ press: 'ArrowDown' });
    const chosen = slotInputs(element)[1]!;
    expect(chosen.checked).to.equal(true);
    for (let i = 0; i < 4 && element.shadowRoot!.activeElement?.id !== 'message'; i++) await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement?.id).to.equal('message');
    await sendKeys({ type: 'Keyboard only, please.' });
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, part(element, 'submit-button'));
    await sendKeys({ press: 'Enter' });
    const { exchange } = await requested;

    expect(exchange.proposedTimes).to.deep.equal([chosen.value]);
    expect(exchange.message).to.equal('Keyboard only, please.');
  });

  describe('inside <talking-library>’s profile dialog', () => {
    /** The library with the expert's profile open, as a link to it (`#tl-profile=…`) opens it. */
    async function libraryShowing(expert: Expert, member: Session): Promise<TalkingLibraryElement> {
      history.replaceState(null, '', `#tl-profile=${expert.profile.id}`);
      const element = await mountTag('talking-library', { 'member-token': member.sessionToken });
      await waitFor(() => part(element, 'request-button'), 'the profile to open with "Request an hour"');
      return element;
    }

    it('"Request an hour" fires tl-request-exchange, then shows the flow for her, with focus on its heading', async () => {
      const expert = await bookableExpert(SERVER);
      const member = await memberWithCredit(SERVER);
      const element = await libraryShowing(expert, member);
      const asked = nextEvent(element, 'tl-request-exchange');

      part(element, 'request-button')!.click();
      const event = await asked;
      expect(event.cancelable).to.equal(true);
      await waitFor(() => element.shadowRoot!.querySelector('tl-request-hour'), 'the request flow');
      const flow = element.shadowRoot!.querySelector('tl-request-hour')!;
      await waitFor(() => part(flow, 'submit-button'), 'the form');
      await flow.updateComplete;

      expect(flow.profile?.id).to.equal(expert.profile.id);
      expect(part(element, 'request-button'), 'the button gives way to the flow').to.equal(null);
      expect(flow.shadowRoot!.activeElement?.id).to.equal('heading');
      expect(textOf(part(flow, 'heading'))).to.equal(defaultStrings.requestHourHeading(expert.profile.displayName));
      await expect(element).to.be.accessible();
    });

    it('a page that calls preventDefault on tl-request-exchange keeps the flow out', async () => {
      const expert = await bookableExpert(SERVER);
      const member = await memberWithCredit(SERVER);
      const element = await libraryShowing(expert, member);
      element.addEventListener('tl-request-exchange', (event) => event.preventDefault(), { once: true });

      part(element, 'request-button')!.click();
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(element.shadowRoot!.querySelector('tl-request-hour')).to.equal(null);
      expect(part(element, 'request-button')).to.not.equal(null);
    });
  });
});

