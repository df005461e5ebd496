/// <reference types="mocha" />
// Runs against the scratch API (see the config): grants and donations here change only its ledger.
import { expect, waitUntil } from '@open-wc/testing';
import type { CreditBalance, CreditTransferPage, Session } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlCreditsElement, TlCreditsGrantedEvent, defaultStrings } from '@talking-library/widget';
import { callApi, cleanUp, demoSession, expectFocusOn, mountTag, newMember, nextEvent, part, parts, textOf } from './support.js';

async function creditsFor(sessionToken: string | undefined, attributes: Record<string, string> = {}): Promise<TlCreditsElement> {
  const element = await mountTag('tl-credits', { ...(sessionToken ? { 'member-token': sessionToken } : {}), ...attributes });
  await waitUntil(() => textOf(part(element, 'status')) !== defaultStrings.loadingCredits, 'the credits to load');
  await element.updateComplete;
  return element;
}

const figure = (element: HTMLElement, name: string) => textOf(element.shadowRoot!.querySelector(`[data-figure="${name}"]`));
const rowsOf = (element: HTMLElement, account: 'own' | 'fund') =>
  [...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>(`[data-account="${account}"] [part~="statement-row"]`)];
const input = (element: HTMLElement, name: string) => part(element, name) as HTMLInputElement;

function type(field: HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** A member nobody has used before, who has given all her starting hours to the fund. */
async function memberWithNoCredit(): Promise<Session> {
  const member = await newMember('credits');
  const balance = await callApi<CreditBalance>('GET', '/credits', member.sessionToken);
  if (balance.available > 0) await callApi('POST', '/credits/donations', member.sessionToken, { to: 'fund', hours: balance.available });
  return member;
}

afterEach(cleanUp);

describe('<tl-credits>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-credits')).to.equal(TlCreditsElement);
  });

  it('signed out, says to sign in and asks the API for nothing of hers', async () => {
    const element = await creditsFor(undefined);
    await waitUntil(() => textOf(part(element, 'alert')) !== '', 'the sign-in message');

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.creditsSignedOut);
    expect(part(element, 'balance')).to.equal(null);
    expect(part(element, 'grant-form')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('shows her balance, held and available hours as the API counts them, and her statement with the running balance', async () => {
    const member = await newMember('credits');
    const element = await creditsFor(member.sessionToken);
    const balance = await callApi<CreditBalance>('GET', '/credits', member.sessionToken);
    const statement = await callApi<CreditTransferPage>('GET', '/credits/transfers', member.sessionToken);

    expect(figure(element, 'balance')).to.equal(defaultStrings.hours(balance.balance));
    expect(figure(element, 'held')).to.equal(defaultStrings.hours(balance.held));
    expect(figure(element, 'available')).to.equal(defaultStrings.hours(balance.available));
    const rows = rowsOf(element, 'own');
    expect(rows.map((row) => row.dataset.transferId)).to.deep.equal(statement.data.map((t) => t.id));
    expect(textOf(rows[0]!.cells[3]!)).to.equal(defaultStrings.hours(statement.data[0]!.runningBalance!));
    expect(part(element, 'no-credit')).to.equal(null);
    expect(part(element, 'grant-form'), 'a member grants nothing').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('reload() reads her balance and statement again, for what changed elsewhere (an hour she gave away meanwhile)', async () => {
    const member = await newMember('credits');
    const element = await creditsFor(member.sessionToken);
    const before = await callApi<CreditBalance>('GET', '/credits', member.sessionToken);
    const rowsBefore = rowsOf(element, 'own').length;
    await callApi('POST', '/credits/donations', member.sessionToken, { to: 'fund', hours: 1 });

    await element.reload();
    await element.updateComplete;
    expect(figure(element, 'balance')).to.equal(defaultStrings.hours(before.balance - 1));
    expect(rowsOf(element, 'own').length).to.equal(rowsBefore + 1);
  });

  it('with nothing to spend, says how to earn hours or ask for a grant; gifts out read as negative', async () => {
    const member = await memberWithNoCredit();
    const element = await creditsFor(member.sessionToken);

    expect(textOf(part(element, 'no-credit'))).to.equal(defaultStrings.noCredit);
    expect(figure(element, 'available')).to.equal(defaultStrings.hours(0));
    const rows = rowsOf(element, 'own');
    expect(textOf(rows.at(-1)!.cells[2]!)).to.match(/^−/);
    expect(textOf(rows.at(-1)!.cells[3]!)).to.equal(defaultStrings.hours(0));
    await expect(element).to.be.accessible();
  });

  it('when the library cannot be reached, says so with "Try again"', async () => {
    const member = await newMember('credits');
    const element = await creditsFor(member.sessionToken, { api: 'http://127.0.0.1:9', 'request-timeout': '2000' });
    await waitUntil(() => textOf(part(element, 'alert')) !== '', 'the error');

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.creditsLoadFailed);
    expect(part(element, 'retry-button')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('a coordinator also sees the fund’s statement, and an empty grant form says what each field needs', async () => {
    const { sessionToken } = await demoSession('coordinator', 'scratch');
    const element = await creditsFor(sessionToken);
    const fund = await callApi<CreditTransferPage>('GET', '/credits/transfers?account=fund', sessionToken);

    expect(rowsOf(element, 'fund').map((row) => row.dataset.transferId)).to.deep.equal(fund.data.map((t) => t.id));
    part(element, 'grant-button')!.click();
    await waitUntil(() => parts(element, 'field-error').length === 3, 'an error beside each field');
    await element.updateComplete;

    const errors = parts(element, 'field-error').map(textOf);
    expect(errors[0]).to.match(new RegExp(`^${defaultStrings.grantMemberLabel}`));
    expect(errors[1]).to.match(new RegExp(`^${defaultStrings.grantHoursLabel}`));
    expect(errors[2]).to.match(new RegExp(`^${defaultStrings.grantReasonLabel}`));
    expect(input(element, 'member-input').getAttribute('aria-invalid')).to.equal('true');
    expect(input(element, 'member-input').getAttribute('aria-describedby')).to.contain('grant-to-error');
    expectFocusOn(element, input(element, 'member-input'), 'focus on the first field to fix');
    await expect(element).to.be.accessible();
  });

  it('a coordinator grants hours from the fund: tl-credits-granted, the status says so, and the member has them', async () => {
    const member = await memberWithNoCredit();
    const { sessionToken } = await demoSession('coordinator', 'scratch');
    const element = await creditsFor(sessionToken);

    type(input(element, 'member-input'), member.member.id);
    type(input(element, 'hours-input'), '1.5');
    type(input(element, 'reason-input'), 'Welcome to the library');
    await element.updateComplete;
    const granted = nextEvent(element, 'tl-credits-granted');
    part(element, 'grant-button')!.click();
    const event = await granted;

    expect(event).to.be.instanceOf(TlCreditsGrantedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.transfer).to.include({ from: 'fund', to: member.member.id, hours: 1.5, reason: 'Welcome to the library' });
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.granted(1.5));
    const balance = await callApi<CreditBalance>('GET', '/credits', member.sessionToken);
    expect(balance.available).to.equal(1.5);
    await waitUntil(() => rowsOf(element, 'fund').some((row) => row.dataset.transferId === event.transfer.id) || Boolean(part(element, 'show-more-button')), 'the fund statement to reload');
    expect(input(element, 'member-input').value, 'the form is ready for the next grant').to.equal('');
  });

  it('"Show more" appends the next page of her statement in the API’s order, and moves focus to the first new row', async () => {
    const member = await newMember('credits');
    // Her starting grant and three half-hour gifts to the fund: four transfers, two pages of two.
    for (let i = 0; i < 3; i++) await callApi('POST', '/credits/donations', member.sessionToken, { to: 'fund', hours: 0.5 });
    const statement = await callApi<CreditTransferPage>('GET', '/credits/transfers?limit=100', member.sessionToken);
    expect(statement.data.length, 'the statement the test expects').to.equal(4);
    const element = await creditsFor(member.sessionToken, { 'page-size': '2' });
    const ids = () => rowsOf(element, 'own').map((row) => row.dataset.transferId);

    expect(ids()).to.deep.equal(statement.data.slice(0, 2).map((t) => t.id));
    part(element, 'show-more-button')!.click();
    await waitUntil(() => rowsOf(element, 'own').length === 4, 'the second page');
    await element.updateComplete;

    expect(ids()).to.deep.equal(statement.data.map((t) => t.id));
    expect(element.shadowRoot!.activeElement === rowsOf(element, 'own')[2], 'focus on the first new row').to.equal(true);
    expect(part(element, 'show-more-button'), 'no third page to fetch').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('takes heading-level: its heading and each statement’s one below', async () => {
    const member = await newMember('credits');
    const element = await creditsFor(member.sessionToken, { 'heading-level': '3' });

    expect(part(element, 'heading')!.tagName).to.equal('H3');
    expect(part(element, 'statement-heading')!.tagName).to.equal('H4');
  });
});
