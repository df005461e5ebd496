/// <reference types="mocha" />
// Runs against the scratch API (see the config), whose own worker makes surveys due: a member who
// makes a profile owes a baseline within a tick or two.
import { expect, waitUntil } from '@open-wc/testing';
import type { Session, SurveyList } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlSurveyAnsweredEvent, TlSurveysElement, defaultStrings } from '@talking-library/widget';
import { callApi, cleanUp, expectFocusOn, mountTag, newMember, nextEvent, part, parts, textOf } from './support.js';

async function surveysFor(sessionToken: string | undefined, attributes: Record<string, string> = {}): Promise<TlSurveysElement> {
  const element = await mountTag('tl-surveys', { ...(sessionToken ? { 'member-token': sessionToken } : {}), ...attributes });
  await waitUntil(() => textOf(part(element, 'status')) !== defaultStrings.loadingSurveys, 'the surveys to load');
  await element.updateComplete;
  return element;
}

/** A new member with a profile of her own, once the worker has made her baseline due. */
async function newExpertWithBaseline(): Promise<Session> {
  const member = await newMember('surveys');
  await callApi('POST', '/profiles', member.sessionToken, { displayName: 'Survey Expert', careerStage: 'mid' });
  await waitUntil(async () => (await callApi<SurveyList>('GET', '/surveys/due', member.sessionToken)).data.length > 0, 'her baseline to fall due', { timeout: 5000 });
  return member;
}

const question = (element: HTMLElement, id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[data-question-id="${id}"]`)!;

function choose(element: HTMLElement, id: string, label: string): void {
  const input = [...question(element, id).querySelectorAll<HTMLLabelElement>('label.option')].find((option) => textOf(option) === label)!.querySelector('input')!;
  input.click();
}

afterEach(cleanUp);

describe('<tl-surveys>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-surveys')).to.equal(TlSurveysElement);
  });

  it('signed out, says to sign in and shows no survey', async () => {
    const element = await surveysFor(undefined);
    await waitUntil(() => textOf(part(element, 'alert')) !== '', 'the sign-in message');
    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.surveysSignedOut);
    expect(parts(element, 'survey')).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('shows her baseline with each question, refuses it unanswered beside each required question, then saves her answers', async () => {
    const member = await newExpertWithBaseline();
    const element = await surveysFor(member.sessionToken);
    const [form] = parts(element, 'survey');
    expect(textOf(part(element, 'survey-title'))).to.equal('About you, as you join');
    expect(parts(element, 'question').map((q) => q.dataset.questionId)).to.deep.equal(['career_stage', 'role_or_band', 'confidence', 'goals']);
    expect(question(element, 'confidence').querySelectorAll('input[type="radio"]')).to.have.length(7);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.surveysWaiting(1));
    await expect(element).to.be.accessible();

    part(element, 'send-button')!.click();
    await waitUntil(() => parts(element, 'field-error').length === 3, 'an error beside each required question');
    expect(parts(element, 'field-error').map((e) => e.closest('[data-question-id]')!.getAttribute('data-question-id'))).to.deep.equal(['career_stage', 'role_or_band', 'confidence']);
    expectFocusOn(element, question(element, 'career_stage').querySelector('input'), 'the first question to fix');
    await expect(element).to.be.accessible();

    choose(element, 'career_stage', 'Senior');
    choose(element, 'confidence', '5');
    const band = question(element, 'role_or_band').querySelector('textarea')!;
    band.value = 'Band 8a';
    band.dispatchEvent(new Event('input', { bubbles: true }));
    await element.updateComplete;
    const answered = nextEvent(element, 'tl-survey-answered');
    form!.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    const event = await answered;
    expect(event).to.be.instanceOf(TlSurveyAnsweredEvent);
    expect(event.survey.answers).to.deep.equal({ career_stage: 'Senior', confidence: 5, role_or_band: 'Band 8a' });
    await element.updateComplete;
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.answersSent);
    expect(textOf(part(element, 'empty'))).to.equal(defaultStrings.noSurveys);
    expect((await callApi<SurveyList>('GET', '/surveys/due', member.sessionToken)).data).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('when the library cannot be reached, says so with "Try again"', async () => {
    const element = await surveysFor('tls_unused', { api: 'http://127.0.0.1:9', 'request-timeout': '2000' });

    expect(textOf(part(element, 'alert'))).to.contain(defaultStrings.surveysLoadFailed);
    expect(part(element, 'retry-button')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });
});
