/// <reference types="mocha" />
// Runs against the scratch API (see the config), each test as a member nobody has used before, so
// creating and changing profiles never disturbs tests that compare the library with its seed.
import { expect, waitUntil } from '@open-wc/testing';
import type { FieldError, Profile, Session } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlErrorEvent, TlProfileEditorElement, TlProfileSavedEvent, TlProfileSubmittedEvent, defaultStrings } from '@talking-library/widget';
import { callApi, cleanUp, completeProfile, demoSession, expectFocusOn, mountTag, newMember, nextEvent, part, parts, profileOf, textOf } from './support.js';

async function editorFor(session: Session | undefined): Promise<TlProfileEditorElement> {
  const element = await mountTag('tl-profile-editor', session ? { 'member-token': session.sessionToken } : {});
  await waitUntil(() => element.shadowRoot!.querySelector('form') || textOf(part(element, 'status')) === defaultStrings.editorSignedOut, 'the editor to load');
  return element;
}

function control(element: HTMLElement, id: string): HTMLInputElement {
  const found = element.shadowRoot!.getElementById(id);
  if (!found) throw new Error(`No field #${id}`);
  return found as HTMLInputElement;
}

/** Types a value into a field (or picks it in a menu), as the form hears it. */
function fill(element: HTMLElement, id: string, value: string): void {
  const field = control(element, id);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function tick(element: HTMLElement, list: 'skills' | 'categories', slug: string): void {
  element.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${list}"][value="${slug}"]`)!.click();
}

/** Clicks a button and waits for the event it should lead to. */
async function press<K extends 'tl-profile-saved' | 'tl-profile-submitted' | 'tl-error'>(element: HTMLElement, button: HTMLElement | null, until: K) {
  if (!button) throw new Error('No such button');
  const heard = nextEvent(element, until);
  button.click();
  return heard;
}

function apiMessage(event: TlErrorEvent, path: string): string {
  const errors = (event.error as { problem?: { errors?: FieldError[] } }).problem?.errors ?? [];
  const message = errors.find((error) => error.path === path)?.message;
  if (!message) throw new Error(`The API sent no message for ${path}: ${JSON.stringify(errors)}`);
  return message;
}

/** The API's message shows beside the field, which says it is invalid and is described by it. */
function expectMessageBeside(element: HTMLElement, id: string, label: string, message: string): void {
  const field = control(element, id);
  const error = element.shadowRoot!.getElementById(`${id}-error`);
  expect(textOf(error), `the message for #${id}`).to.equal(defaultStrings.fieldError(label, message));
  expect(field.getAttribute('aria-describedby')!.split(' '), `#${id} is described by its message`).to.include(`${id}-error`);
  if (field.localName !== 'fieldset') {
    expect(field.getAttribute('aria-invalid'), `#${id} is marked invalid`).to.equal('true');
    // Seen as well as announced: the border takes the danger colour, not the field border's.
    const danger = getComputedStyle(element).getPropertyValue('--tl-color-danger').trim() || '#b42318';
    const probe = document.createElement('span');
    probe.style.color = danger;
    document.body.append(probe);
    expect(getComputedStyle(field).borderTopColor, `#${id} has a danger-coloured border`).to.equal(getComputedStyle(probe).color);
    probe.remove();
  }
  expect(error!.closest('[part~="field"]'), `#${id}'s message sits beside it`).to.equal(field.closest('[part~="field"]'));
}

function button(element: HTMLElement, name: string): HTMLElement | null {
  return parts(element, 'button').find((b) => textOf(b) === name) ?? null;
}

afterEach(cleanUp);

describe('<tl-profile-editor>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-profile-editor')).to.equal(TlProfileEditorElement);
  });

  it('asks a visitor who is not signed in to sign in', async () => {
    const element = await editorFor(undefined);

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.editorSignedOut);
    expect(element.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it("creates a profile, shows the API's messages beside their fields, and submits it for review once they are fixed", async function () {
    this.timeout(30_000);
    const coordinator = await demoSession('coordinator', 'scratch');
    // A library that asks coordinators to approve profiles; put back as seeded afterwards.
    await callApi('PATCH', '', coordinator.sessionToken, { phase: 'restricted' });
    try {
      const member = await newMember('editor-journey');
      const element = await editorFor(member);
      expect(textOf(part(element, 'heading'))).to.equal(defaultStrings.createHeading);

      fill(element, 'displayName', 'Ama Journey');
      fill(element, 'careerStage', 'early');
      const saved = await press(element, part(element, 'save-button'), 'tl-profile-saved');
      expect(saved).to.be.instanceOf(TlProfileSavedEvent);
      expect(saved.bubbles && saved.composed).to.equal(true);
      expect(saved.profile.status).to.equal('draft');
      expect((await callApi<Profile>('GET', '/me/profile', member.sessionToken)).id).to.equal(saved.profile.id);
      await element.updateComplete;
      expect(textOf(part(element, 'status'))).to.equal(defaultStrings.saved);
      expect(textOf(part(element, 'heading'))).to.equal(defaultStrings.editorHeading);

      // A link the API refuses: its message goes beside the link's address.
      button(element, defaultStrings.addLink)!.click();
      await element.updateComplete;
      fill(element, 'links-0-label', 'My notes');
      fill(element, 'links-0-url', 'notes on my desk');
      const refused = await press(element, part(element, 'save-button'), 'tl-error');
      expect((refused.error as { status: number }).status).to.equal(400);
      await element.updateComplete;
      const urlMessage = apiMessage(refused, 'body.links.0.url');
      expectMessageBeside(element, 'links-0-url', defaultStrings.linkUrlLabel(1), urlMessage);
      const summary = part(element, 'error-summary')!;
      expect(summary.closest('[role="alert"]')).to.exist;
      expectFocusOn(element, summary, 'focus moves to the summary');
      const summaryLink = summary.querySelector('a')!;
      expect(textOf(summaryLink)).to.equal(defaultStrings.fieldError(defaultStrings.linkUrlLabel(1), urlMessage));
      summaryLink.click();
      expectFocusOn(element, control(element, 'links-0-url'), "the summary's link moves focus to the field");
      expect(location.hash, 'the page address is left alone').to.equal('');
      await expect(element).to.be.accessible();

      // Fixed, and sent for review before it says enough: the API's 422 names what is missing.
      fill(element, 'links-0-url', 'https://example.org/notes');
      const incomplete = await press(element, part(element, 'submit-button'), 'tl-error');
      expect(textOf(part(element, 'submit-button'))).to.equal(defaultStrings.submitForReview);
      expect((incomplete.error as { status: number; problem: { code: string } }).problem.code).to.equal('profile_incomplete');
      await element.updateComplete;
      for (const [path, id, label] of [
        ['body.headline', 'headline', defaultStrings.headlineLabel],
        ['body.bio', 'bio', defaultStrings.bioLabel],
        ['body.skills', 'skills', defaultStrings.skillsLabel],
        ['body.categories', 'categories', defaultStrings.categoriesLabel],
      ] as const) {
        expectMessageBeside(element, id, label, apiMessage(incomplete, path));
      }
      expect(element.shadowRoot!.getElementById('links-0-url-error'), 'the fixed link no longer has a message').to.equal(null);
      expect((await callApi<Profile>('GET', '/me/profile', member.sessionToken)).links).to.deep.equal([{ label: 'My notes', url: 'https://example.org/notes' }]);
      await expect(element).to.be.accessible();

      fill(element, 'headline', 'Interoperability for discharge letters');
      fill(element, 'bio', 'I map HL7 v2 feeds to FHIR.\n\nAsk me about discharge summaries.');
      tick(element, 'skills', 'fhir');
      tick(element, 'categories', 'digital-health');
      const submitted = await press(element, part(element, 'submit-button'), 'tl-profile-submitted');

      expect(submitted).to.be.instanceOf(TlProfileSubmittedEvent);
      expect(submitted.profile.status).to.equal('submitted');
      const stored = await callApi<Profile>('GET', '/me/profile', member.sessionToken);
      expect(stored.status).to.equal('submitted');
      expect(stored.headline).to.equal('Interoperability for discharge letters');
      expect(stored.skills.map((s) => s.slug)).to.deep.equal(['fhir']);
      await element.updateComplete;
      expect(textOf(part(element, 'status'))).to.equal(defaultStrings.submitted);
      expect(textOf(part(element, 'profile-status'))).to.contain(defaultStrings.profileStatuses.submitted);
      expect(part(element, 'error-summary')).to.equal(null);
    } finally {
      await callApi('PATCH', '', coordinator.sessionToken, { phase: 'open' });
    }
  });

  it('publishes straight away where the library needs no approval', async () => {
    const member = await newMember('editor-open');
    const draft = await profileOf(member, { displayName: 'Bisi Open' });
    const element = await editorFor(member);
    expect(textOf(part(element, 'submit-button'))).to.equal(defaultStrings.publish);

    const sent = await press(element, part(element, 'submit-button'), 'tl-profile-submitted');

    expect(sent.profile.id).to.equal(draft.id);
    expect(sent.profile.status).to.equal('published');
    expect((await callApi<Profile>('GET', `/profiles/${draft.id}`, member.sessionToken)).status).to.equal('published');
    await element.updateComplete;
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.published);
    expect(part(element, 'submit-button'), 'nothing more to send').to.equal(null);
  });

  it('tells her that changes to her published profile wait for review where the library needs approval', async function () {
    this.timeout(30_000);
    const coordinator = await demoSession('coordinator', 'scratch');
    await callApi('PATCH', '', coordinator.sessionToken, { phase: 'restricted' });
    try {
      const member = await newMember('editor-review');
      const submitted = await profileOf(member, { displayName: 'Dayo Live' }, 'submitted');
      await callApi('POST', `/profiles/${submitted.id}/publish`, coordinator.sessionToken);
      const element = await editorFor(member);
      expect(textOf(part(element, 'profile-status'))).to.contain(defaultStrings.publishedNeedsReviewHint);

      fill(element, 'headline', 'Helps improvement teams read their run charts');
      const saved = await press(element, part(element, 'save-button'), 'tl-profile-saved');

      expect(saved.profile.status).to.equal('submitted');
      await element.updateComplete;
      expect(textOf(part(element, 'status'))).to.equal(defaultStrings.savedForReview);
      expect(textOf(part(element, 'profile-status'))).to.contain(defaultStrings.profileStatuses.submitted);
      expect((await callApi<Profile>('GET', '/me/profile', member.sessionToken)).status).to.equal('submitted');
    } finally {
      await callApi('PATCH', '', coordinator.sessionToken, { phase: 'open' });
    }
  });

  it('loads her profile into the form', async () => {
    const member = await newMember('editor-load');
    const profile = await profileOf(member, {
      displayName: 'Chi Loaded',
      pronouns: 'she/her',
      languages: ['en', 'yo'],
      timeZone: 'Africa/Lagos',
      links: [{ label: 'Portfolio', url: 'https://example.org/chi' }],
    });
    const element = await editorFor(member);

    expect(control(element, 'displayName').value).to.equal('Chi Loaded');
    expect(control(element, 'pronouns').value).to.equal('she/her');
    expect(control(element, 'headline').value).to.equal(profile.headline);
    expect(control(element, 'careerStage').value).to.equal(profile.careerStage);
    expect(control(element, 'languages').value).to.equal('en, yo');
    expect(control(element, 'timeZone').value).to.equal('Africa/Lagos');
    expect(control(element, 'stories-0-title').value).to.equal(completeProfile.stories[0].title);
    expect(control(element, 'links-0-url').value).to.equal('https://example.org/chi');
    const ticked = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="skills"]:checked')].map((box) => box.value);
    expect(ticked).to.deep.equal(['data-analysis']);
    expect(textOf(part(element, 'profile-status'))).to.contain(defaultStrings.profileStatuses.draft);
  });

  it("adds and removes stories, and puts the API's message for one story beside it", async () => {
    const member = await newMember('editor-stories');
    await profileOf(member, { displayName: 'Dami Stories', stories: [] });
    const element = await editorFor(member);

    button(element, defaultStrings.addStory)!.click();
    await element.updateComplete;
    expectFocusOn(element, control(element, 'stories-0-title'), 'focus moves to the new story');
    fill(element, 'stories-0-title', 'First');
    fill(element, 'stories-0-body', 'It began on a night shift.');
    button(element, defaultStrings.addStory)!.click();
    await element.updateComplete;
    fill(element, 'stories-1-title', 'Second, untold');
    const refused = await press(element, part(element, 'save-button'), 'tl-error');
    await element.updateComplete;
    expectMessageBeside(element, 'stories-1-body', defaultStrings.storyBodyLabel(2), apiMessage(refused, 'body.stories.1.body'));

    button(element, defaultStrings.removeStory(2))!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.getElementById('stories-1-title')).to.equal(null);
    await press(element, part(element, 'save-button'), 'tl-profile-saved');

    const stored = await callApi<Profile>('GET', '/me/profile', member.sessionToken);
    expect(stored.stories.map(({ title, body }) => ({ title, body }))).to.deep.equal([{ title: 'First', body: 'It began on a night shift.' }]);
  });

  it('saves weekly hours, and says beside a time when it ends before it starts', async () => {
    const member = await newMember('editor-hours');
    await profileOf(member, { displayName: 'Efua Hours' });
    const element = await editorFor(member);

    button(element, defaultStrings.addWindow)!.click();
    await element.updateComplete;
    fill(element, 'availability-0-weekday', '2');
    fill(element, 'availability-0-start', '10:00');
    fill(element, 'availability-0-end', '09:00');
    const refused = await press(element, part(element, 'save-button'), 'tl-error');
    await element.updateComplete;
    expectMessageBeside(element, 'availability-0-end', defaultStrings.endLabel(1), apiMessage(refused, 'body.windows.0.end'));

    fill(element, 'availability-0-end', '12:30');
    await press(element, part(element, 'save-button'), 'tl-profile-saved');

    expect((await callApi<Profile>('GET', '/me/profile', member.sessionToken)).availability).to.deep.equal([{ weekday: 2, start: '10:00', end: '12:30' }]);
  });

  it('sets her time zone, minimum notice and weekly cap, and says beside the notice when it is out of range', async () => {
    const member = await newMember('editor-booking');
    await profileOf(member, { displayName: 'Gbemi Settings', timeZone: 'Europe/London' });
    const element = await editorFor(member);

    // Her zone is chosen in a labelled menu of every zone the browser knows, and the hint says her times are on its clock.
    const zone = control(element, 'timeZone');
    expect(zone.value).to.equal('Europe/London');
    expect(element.shadowRoot!.querySelector('label[for="timeZone"]')?.textContent?.trim()).to.equal(defaultStrings.timeZoneLabel);
    expect(zone.getAttribute('aria-describedby')!.split(' ')).to.include('timeZone-hint');
    expect(textOf(element.shadowRoot!.getElementById('timeZone-hint'))).to.equal(defaultStrings.timeZoneHint);
    expect([...(zone as unknown as HTMLSelectElement).options].map((option) => option.value)).to.include.members(['Africa/Lagos', 'Europe/Paris', 'America/New_York']);
    expect(control(element, 'minimumNoticeHours').value).to.equal('48');
    expect(control(element, 'weeklyCap').value).to.equal('3');
    expect(element.shadowRoot!.querySelector('label[for="minimumNoticeHours"]')?.textContent?.trim()).to.equal(defaultStrings.minimumNoticeLabel);
    expect(element.shadowRoot!.querySelector('label[for="weeklyCap"]')?.textContent?.trim()).to.equal(defaultStrings.weeklyCapLabel);

    fill(element, 'timeZone', 'Africa/Lagos');
    fill(element, 'minimumNoticeHours', '400');
    fill(element, 'weeklyCap', '5');
    const refused = await press(element, part(element, 'save-button'), 'tl-error');
    await element.updateComplete;
    expectMessageBeside(element, 'minimumNoticeHours', defaultStrings.minimumNoticeLabel, apiMessage(refused, 'body.minimumNoticeHours'));
    await expect(element).to.be.accessible();

    fill(element, 'minimumNoticeHours', '24');
    await press(element, part(element, 'save-button'), 'tl-profile-saved');
    const stored = await callApi<Profile>('GET', '/me/profile', member.sessionToken);
    expect([stored.timeZone, stored.minimumNoticeHours, stored.weeklyCap]).to.deep.equal(['Africa/Lagos', 24, 5]);
    expect(control(element, 'minimumNoticeHours').value).to.equal('24');
    await expect(element).to.be.accessible();
  });

  it('previews the card and the full profile as members will see them, from what she has typed', async () => {
    const member = await newMember('editor-preview');
    await profileOf(member, { displayName: 'Funke Preview' });
    const element = await editorFor(member);
    fill(element, 'headline', 'Not saved yet, but previewed');
    tick(element, 'skills', 'fhir');

    const toggle = part(element, 'preview-button')!;
    toggle.click();
    await element.updateComplete;

    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const preview = part(element, 'preview')!;
    const card = preview.querySelector('[part~="card"]')!;
    expect(textOf(card.querySelector('[part~="card-name"]'))).to.equal('Funke Preview');
    expect(textOf(card.querySelector('[part~="headline"]'))).to.equal('Not saved yet, but previewed');
    expect([...card.querySelectorAll('[part~="skill"]')].map(textOf)).to.deep.equal(['Data analysis', 'FHIR']);
    const detail = preview.querySelector('[part~="detail"]')!;
    expect([...detail.querySelectorAll('[part~="story-title"]')].map(textOf)).to.deep.equal([completeProfile.stories[0].title]);
    await expect(element).to.be.accessible();
  });

  it('has no accessibility violations on the form to create a profile', async () => {
    const element = await editorFor(await newMember('editor-a11y'));

    await expect(element).to.be.accessible();
  });

  it('tells her when someone else changed the profile while she edited it, and reloads it as it is now', async () => {
    const member = await newMember('editor-stale');
    const profile = await profileOf(member, { displayName: 'Ada Stale', headline: 'As she loaded it' });
    const element = await editorFor(member);
    // Meanwhile, in another tab (or a coordinator): a save she has not seen.
    await callApi('PATCH', `/profiles/${profile.id}`, member.sessionToken, { headline: 'Changed elsewhere' });

    fill(element, 'headline', 'Her own change');
    const refused = await press(element, part(element, 'save-button'), 'tl-error');
    expect((refused.error as { status?: number }).status).to.equal(412);
    await element.updateComplete;

    const box = part(element, 'changed-meanwhile')!;
    expect(textOf(box)).to.contain(defaultStrings.changedMeanwhile);
    expect(textOf(box)).to.contain(defaultStrings.changedMeanwhileHint);
    const reload = part(element, 'reload-button')!;
    expectFocusOn(element, reload);
    expect((await callApi<{ headline: string }>('GET', `/profiles/${profile.id}`, member.sessionToken)).headline).to.equal('Changed elsewhere');
    await expect(element).to.be.accessible();

    reload.click();
    // While the profile reloads the form is gone: wait for it to come back, rather than fail on its absence.
    await waitUntil(() => element.shadowRoot!.querySelector<HTMLInputElement>('#headline')?.value === 'Changed elsewhere', 'the profile as it is now');
    expect(part(element, 'changed-meanwhile')).to.equal(null);
  });
});
