/// <reference types="mocha" />
// Runs against the scratch API (see the config): the requests posted here change only its board.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SkillRequest } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlRequestCreatedEvent, TlRequestFormElement, defaultStrings } from '@talking-library/widget';
import { attach, callApi, cleanUp, expectFocusOn, newMember, nextEvent, part, parts, publishableKey, scratchApiUrl, textOf } from './support.js';

async function formFor(sessionToken: string | undefined): Promise<TlRequestFormElement> {
  const element = document.createElement('tl-request-form');
  for (const [name, value] of Object.entries({ api: scratchApiUrl(), 'publishable-key': publishableKey(), library: 'demo' })) element.setAttribute(name, value);
  if (sessionToken) element.setAttribute('member-token', sessionToken);
  attach(element);
  await waitUntil(
    () => part(element, 'form') || textOf(part(element, 'status')) === defaultStrings.requestFormSignedOut || textOf(part(element, 'alert')) !== '',
    'the form to load',
  );
  await element.updateComplete;
  return element;
}

const control = <T extends HTMLElement = HTMLInputElement>(element: HTMLElement, id: string) => element.shadowRoot!.querySelector<T>(`#${id}`)!;

function fill(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function tick(element: HTMLElement, skill: string): void {
  const box = element.shadowRoot!.querySelector<HTMLInputElement>(`[data-skill="${skill}"] input`)!;
  box.checked = true;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(cleanUp);

describe('<tl-request-form>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-request-form')).to.equal(TlRequestFormElement);
  });

  it('signed out, says how to sign in and shows no form', async () => {
    const element = await formFor(undefined);

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.requestFormSignedOut);
    expect(part(element, 'form')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('offers the library’s skills as checkboxes, grouped by category, and every project stage', async () => {
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);

    const skills = parts(element, 'skill-option').map((option) => option.dataset.skill);
    expect(skills).to.include.members(['fhir', 'data-analysis', 'pdsa-cycles']);
    const stages = [...control<HTMLSelectElement>(element, 'project-stage').options].map((option) => option.value);
    expect(stages).to.deep.equal(['', 'idea', 'planning', 'testing', 'implementing', 'spreading']);
    await expect(element).to.be.accessible();
  });

  it('sent empty, says beside each required field what it needs, lists them in a summary, and focuses the first', async () => {
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);
    let created = false;
    element.addEventListener('tl-request-created', () => (created = true));

    part(element, 'submit-button')!.click();
    await waitUntil(() => parts(element, 'field-error').length > 0, 'the messages');
    await element.updateComplete;

    const messages = parts(element, 'field-error').map(textOf);
    expect(messages).to.deep.equal([
      defaultStrings.requestTitleRequired,
      defaultStrings.requestNeedRequired,
      defaultStrings.projectNameRequired,
      defaultStrings.projectStageRequired,
      defaultStrings.requestSkillsOrCategoryRequired,
    ]);
    const summary = part(element, 'error-summary')!;
    expect([...summary.querySelectorAll('a')].map(textOf)).to.deep.equal(messages);
    expect(control(element, 'title').getAttribute('aria-invalid')).to.equal('true');
    expect(control(element, 'title').getAttribute('aria-describedby')).to.contain('title-error');
    expect(control(element, 'project-aim').getAttribute('aria-invalid'), 'the aim is optional').to.equal('false');
    expectFocusOn(element, control(element, 'title'), 'focus on the first field to fix');
    expect(created).to.equal(false);
    await expect(element).to.be.accessible();

    // The summary's link takes her to its field.
    summary.querySelectorAll('a')[3]!.click();
    expectFocusOn(element, control(element, 'project-stage'), 'the project stage');
  });

  it('shows what the API refuses beside the field it names, and focuses it', async () => {
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);
    // Longer than the API takes: a page's script can set more than the box's maxlength lets her type.
    fill(control(element, 'title'), 'T'.repeat(141));
    fill(control<HTMLTextAreaElement>(element, 'need'), 'Someone to look over our FHIR mapping.');
    fill(control(element, 'project-name'), 'Discharge letters');
    fill(control<HTMLSelectElement>(element, 'project-stage'), 'testing');
    tick(element, 'fhir');
    await element.updateComplete;
    const failed = nextEvent(element, 'tl-error');

    part(element, 'submit-button')!.click();
    await failed;
    await element.updateComplete;

    const errors = parts(element, 'field-error');
    expect(errors.map((error) => error.id)).to.deep.equal(['title-error']);
    expect(textOf(errors[0]!)).to.match(new RegExp(`^${defaultStrings.requestTitleLabel}\\b.*140`));
    expect(textOf(part(element, 'error-summary'))).to.contain(textOf(errors[0]!));
    expectFocusOn(element, control(element, 'title'));
    expect(control<HTMLTextAreaElement>(element, 'need').value, 'what she typed stays').to.equal('Someone to look over our FHIR mapping.');
    await expect(element).to.be.accessible();
  });

  it('posts the request: tl-request-created carries it, the status says so, the form empties, and the board has it', async () => {
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);
    const title = `FHIR help ${Math.random().toString(36).slice(2, 8)}`;
    fill(control(element, 'title'), title);
    fill(control<HTMLTextAreaElement>(element, 'need'), 'Our discharge letters need mapping to FHIR.');
    fill(control(element, 'project-name'), 'Discharge letters');
    fill(control<HTMLTextAreaElement>(element, 'project-aim'), 'Letters reach GPs the same day.');
    fill(control<HTMLSelectElement>(element, 'project-stage'), 'planning');
    tick(element, 'fhir');
    tick(element, 'interoperability-hl7');
    fill(control<HTMLSelectElement>(element, 'category'), 'digital-health');
    await element.updateComplete;
    const created = nextEvent(element, 'tl-request-created');

    part(element, 'submit-button')!.click();
    const event = await created;

    expect(event).to.be.instanceOf(TlRequestCreatedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.request).to.include({ title, need: 'Our discharge letters need mapping to FHIR.', status: 'open', mine: true });
    expect(event.request.project).to.deep.equal({ name: 'Discharge letters', aim: 'Letters reach GPs the same day.', stage: 'planning' });
    expect(event.request.skills.map((skill) => skill.slug)).to.have.members(['fhir', 'interoperability-hl7']);
    expect(event.request.category?.slug).to.equal('digital-health');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.requestPosted(title));
    expect(control(element, 'title').value, 'ready for another').to.equal('');
    const stored = await callApi<SkillRequest>('GET', `/requests/${event.request.id}`, member.sessionToken);
    expect(stored.title).to.equal(title);
    await expect(element).to.be.accessible();
  });

  it('can be filled in and sent with the keyboard alone', async function () {
    // Each key press is a round trip to the browser: on a busy machine the default 10 s is short.
    this.timeout(30_000);
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);
    const title = `Keyboard request ${Math.random().toString(36).slice(2, 8)}`;
    control(element, 'title').focus();

    await sendKeys({ type: title });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Help me read our SPC chart.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Falls on ward 7' });
    await sendKeys({ press: 'Tab' }); // the aim, left empty
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, control(element, 'project-stage'), 'the project stage');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, element.shadowRoot!.querySelector('[part~="skill-option"] input'), 'the first skill');
    await sendKeys({ press: 'Space' });
    const boxes = element.shadowRoot!.querySelectorAll('[part~="skill-option"] input').length;
    for (let i = 0; i < boxes; i++) await sendKeys({ press: 'Tab' });
    expectFocusOn(element, control(element, 'category'), 'the category');
    await sendKeys({ press: 'Tab' });
    expectFocusOn(element, part(element, 'submit-button'), 'the submit button');
    const created = nextEvent(element, 'tl-request-created');
    await sendKeys({ press: 'Enter' });
    const event = await created;

    expect(event.request.title).to.equal(title);
    expect(event.request.project.stage).to.equal('idea');
    expect(event.request.skills).to.have.length(1);
  });

  it('takes heading-level: its heading and the error summary’s one below', async () => {
    const member = await newMember('request-form');
    const element = await formFor(member.sessionToken);
    element.headingLevel = 3;
    await element.updateComplete;
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'error-summary'), 'the summary');

    expect(part(element, 'heading')!.tagName).to.equal('H3');
    expect(part(element, 'error-summary')!.querySelector('h4')).to.not.equal(null);
  });
});
