/// <reference types="mocha" />
// Reads the main API, whose demo library stays as seeded: its summary is all zeros and "no data",
// with the credit-flow figures about fewer than 5 experts suppressed.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReportQuery, ReportSummary, Role } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlInsightsElement, defaultStrings } from '@talking-library/widget';
import { apiUrl, callApi, cleanUp, demoSession, exchangesApiUrl, expectFocusOn, mountTag, newMember, part, parts, textOf } from './support.js';

async function insightsFor(sessionToken: string | undefined, attributes: Record<string, string> = {}): Promise<TlInsightsElement> {
  const element = await mountTag('tl-insights', { api: apiUrl(), ...(sessionToken ? { 'member-token': sessionToken } : {}), ...attributes });
  await waitUntil(() => part(element, 'figures') !== null || textOf(part(element, 'alert')) !== '', 'the figures or a message');
  await element.updateComplete;
  return element;
}

const sessionAs = async (as: Role) => (await demoSession(as)).sessionToken;

/** The summary as the API gives it to this coordinator. */
async function summaryOf(sessionToken: string, query: ReportQuery = {}, api = apiUrl()): Promise<ReportSummary> {
  const response = await fetch(`${api}/v1/libraries/demo/reports/summary?${new URLSearchParams(query as Record<string, string>)}`, {
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  if (!response.ok) throw new Error(`GET /reports/summary: ${response.status} ${await response.text()}`);
  return (await response.json()) as ReportSummary;
}

/** A figure as a person should read it. */
function words(figure: number | string | null, format: Intl.NumberFormatOptions = { maximumFractionDigits: 1 }): string {
  if (figure === null) return 'no data';
  return typeof figure === 'number' ? new Intl.NumberFormat('en-GB', format).format(figure) : 'fewer than 5';
}

const percent = { style: 'percent', maximumFractionDigits: 0 } as const;
const figure = (element: HTMLElement, name: string) => textOf(element.shadowRoot!.querySelector(`[data-figure="${name}"]`));
const chartOf = (element: HTMLElement, id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-chart="${id}"]`)!;
const toggleOf = (chart: HTMLElement) => chart.querySelector<HTMLButtonElement>('[part~="table-toggle"]')!;
const tableRows = (chart: HTMLElement) => [...chart.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => textOf(cell)));

afterEach(cleanUp);

describe('<tl-insights>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-insights')).to.equal(TlInsightsElement);
  });

  it('shows a coordinator the headline figures as the API’s summary has them, rates as percentages and "no data" where there is nothing to work one out from', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const { exchanges } = await summaryOf(token);

    expect(figure(element, 'requested')).to.equal(words(exchanges.requested));
    expect(figure(element, 'scheduled')).to.equal(words(exchanges.scheduled));
    expect(figure(element, 'completed')).to.equal(words(exchanges.completed));
    expect(figure(element, 'hours')).to.equal(words(exchanges.hoursExchanged));
    expect(figure(element, 'completion-rate')).to.equal(words(exchanges.completionRate, percent));
    expect(figure(element, 'no-show-rate')).to.equal(words(exchanges.noShowRate, percent));
    expect(figure(element, 'cancellation-rate')).to.equal(words(exchanges.cancellationRate, percent));
    expect(exchanges.completionRate, 'the seeded library has no scheduled exchanges').to.equal(null);
    expect(figure(element, 'completion-rate')).to.equal('no data');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.insightsShown(null, null, null));
    await expect(element).to.be.accessible();
  });

  it('shows the response times and the career outcomes as the summary has them, in a captioned table', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const { firstResponseHours, careerOutcomes } = await summaryOf(token);

    expect(figure(element, 'first-answer-hours')).to.equal(words(firstResponseHours.exchanges));
    expect(figure(element, 'first-response-hours')).to.equal(words(firstResponseHours.requests));
    const table = element.shadowRoot!.querySelector('[part~="careers-table"]')!;
    expect(textOf(table.querySelector('caption'))).to.equal(defaultStrings.careersTableCaption);
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => textOf(cell)));
    const yesNo = (answer: { yes: number | 'fewer than 5'; no: number | 'fewer than 5' }) => `${words(answer.yes)} yes, ${words(answer.no)} no`;
    expect(rows).to.deep.equal(
      (['threeMonths', 'sixMonths'] as const).map((followUp) => {
        const outcome = careerOutcomes[followUp];
        return [defaultStrings.followUpName(followUp), words(outcome.experts), words(outcome.confidenceChange), yesNo(outcome.promotion), yesNo(outcome.newRole), yesNo(outcome.newResponsibilities)];
      }),
    );
  });

  it('a suppressed figure reads "fewer than 5", never 0', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const { creditEquity } = await summaryOf(token);

    expect(creditEquity.experts, 'the seeded library has fewer than 5 experts with hours').to.equal('fewer than 5');
    expect(figure(element, 'experts')).to.equal('fewer than 5');
    expect(figure(element, 'top-tenth-share')).to.equal(words(creditEquity.topTenthShare, percent));
    expect(figure(element, 'gini')).to.equal(words(creditEquity.gini));
    const experts = [...element.shadowRoot!.querySelectorAll('[part~="experts-table"] tbody tr')].map((row) => [...row.children].map((cell) => textOf(cell)));
    expect(experts).to.deep.equal(creditEquity.byExpert.map((e) => [e.displayName, words(e.hoursGiven), words(e.hoursReceived), words(e.net)]));
  });

  it('a suppressed number in a chart draws no bar and reads "fewer than 5" in the chart, its description and its table', async () => {
    // The exchanges API, where no other test posts skill requests: one request in Leadership is fewer than 5.
    const member = await newMember('insights', 'exchanges');
    await callApi('POST', '/requests', member.sessionToken, {
      title: 'An hour on leading a team through a merger',
      need: 'Someone who has done it to talk it through.',
      project: { name: 'Two wards become one', stage: 'planning' },
      category: 'leadership',
    }, 'exchanges');
    const { sessionToken } = await demoSession('coordinator', 'exchanges');
    const element = await insightsFor(sessionToken, { api: exchangesApiUrl() });
    const chart = chartOf(element, 'supply-chart');
    const leadership = (await summaryOf(sessionToken, {}, exchangesApiUrl())).supplyAndDemand.categories.find((c) => c.slug === 'leadership')!;
    expect(leadership.requestsAsking).to.equal('fewer than 5');

    expect(textOf(chart.querySelector('desc'))).to.contain(`Leadership: Profiles offering ${words(leadership.profilesOffering)}, Requests asking fewer than 5.`);
    const suppressed = [...chart.querySelectorAll('text.unknown')].map((text) => textOf(text));
    expect(suppressed).to.deep.equal(['fewer than 5']);
    const bars = chart.querySelectorAll('rect.bar.s1');
    const categories = (await summaryOf(sessionToken, {}, exchangesApiUrl())).supplyAndDemand.categories;
    expect(bars.length, 'a bar for each number, none for the suppressed one').to.equal(categories.filter((c) => typeof c.requestsAsking === 'number').length);
    toggleOf(chart).click();
    await element.updateComplete;
    expect(tableRows(chart).find(([name]) => name === 'Leadership')).to.deep.equal(['Leadership', words(leadership.profilesOffering), 'fewer than 5']);
  });

  it('each chart is an image named by its title, whose description states every number', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const { exchanges, valueToProject, supplyAndDemand } = await summaryOf(token);

    const images = parts(element, 'chart-image');
    expect(images.map((svg) => svg.getAttribute('role'))).to.deep.equal(['img', 'img', 'img']);
    for (const svg of images) {
      const title = svg.querySelector('title')!;
      expect(svg.getAttribute('aria-labelledby')).to.equal(title.id);
      expect(svg.getAttribute('aria-describedby')).to.equal(svg.querySelector('desc')!.id);
      expect(svg.querySelector('text')!.namespaceURI, 'its parts are made as SVG').to.equal('http://www.w3.org/2000/svg');
    }
    const desc = (id: string) => textOf(chartOf(element, id).querySelector('desc'));
    expect(desc('outcomes-chart')).to.contain(`Completed: ${words(exchanges.byOutcome.completed)}.`).and.contain(`No-show: ${words(exchanges.byOutcome.no_show)}.`);
    expect(desc('ratings-chart')).to.contain(`5 out of 5: ${words(valueToProject.byRating[5])}.`);
    for (const c of supplyAndDemand.categories) {
      expect(desc('supply-chart')).to.contain(`${c.name}: Profiles offering ${words(c.profilesOffering)}, Requests asking ${words(c.requestsAsking)}.`);
    }
  });

  it('"Show as table" shows the chart’s numbers as a table with a caption, and is worked with the keyboard', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const { supplyAndDemand } = await summaryOf(token);
    const chart = chartOf(element, 'supply-chart');
    const toggle = toggleOf(chart);
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(textOf(toggle)).to.equal(defaultStrings.showAsTable);

    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(textOf(chart.querySelector('caption'))).to.equal(defaultStrings.supplyHeading);
    expect(tableRows(chart)).to.deep.equal(supplyAndDemand.categories.map((c) => [c.name, words(c.profilesOffering), words(c.requestsAsking)]));
    expect(chart.querySelector('svg'), 'the table stands in for the chart').to.equal(null);
    expectFocusOn(element, toggle);
    await expect(element).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(chart.querySelector('table')).to.equal(null);
    expect(chart.querySelector('svg')).to.not.equal(null);
  });

  it('the filters ask again: a period that holds nothing shows zeros and "no data", and a category narrows supply and demand to it', async () => {
    const token = await sessionAs('coordinator');
    const element = await insightsFor(token);
    const from = part(element, 'from-input') as HTMLInputElement;
    const to = part(element, 'to-input') as HTMLInputElement;
    from.value = '2001-01-01';
    to.value = '2001-01-31';
    part(element, 'apply-button')!.click();
    await waitUntil(() => textOf(part(element, 'status')).includes('2001'), 'the figures for January 2001');

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.insightsShown('1 January 2001', '31 January 2001', null));
    expect(figure(element, 'requested')).to.equal('0');
    expect(figure(element, 'hours')).to.equal('0');
    expect(figure(element, 'completion-rate')).to.equal('no data');
    expect(figure(element, 'mean-rating')).to.equal('no data');

    const expected = await summaryOf(token, { from: '2001-01-01', to: '2001-01-31', category: 'improvement' });
    const category = part(element, 'category-select') as HTMLSelectElement;
    category.value = 'improvement';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => textOf(part(element, 'status')).includes('Improvement'), 'the figures about Improvement');
    const chart = chartOf(element, 'supply-chart');
    toggleOf(chart).click();
    await element.updateComplete;
    expect(tableRows(chart)).to.deep.equal(expected.supplyAndDemand.categories.map((c) => [c.name, words(c.profilesOffering), words(c.requestsAsking)]));
    expect(tableRows(chart).map(([name]) => name)).to.deep.equal(['Improvement']);
  });

  it('a signed-in member who is not a coordinator is told only coordinators see the figures', async () => {
    const element = await insightsFor(await sessionAs('member'));

    expect(textOf(part(element, 'not-coordinator'))).to.equal(defaultStrings.insightsNotCoordinator);
    expect(part(element, 'figures')).to.equal(null);
    expect(part(element, 'filters')).to.equal(null);
    expect(part(element, 'retry-button'), 'asking again would only be refused again').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('signed out, says to sign in as a coordinator', async () => {
    const element = await insightsFor(undefined);

    expect(textOf(part(element, 'signed-out'))).to.equal(defaultStrings.insightsSignedOut);
    expect(part(element, 'figures')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('when the library cannot be reached, says so with "Try again"', async () => {
    const element = await insightsFor('tls_unused', { api: 'http://127.0.0.1:9', 'request-timeout': '2000' });

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.insightsLoadFailed);
    expect(part(element, 'retry-button')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });
});
