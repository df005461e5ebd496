/// <reference types="mocha" />
// Runs against the scratch API (see the config): the profiles it reviews are made here, by new members.
import { expect, waitUntil } from '@open-wc/testing';
import type { FieldError, Profile, ProfileSearchPage, TalkingLibraryClient } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlProfileReviewedEvent, TlReviewQueueElement, defaultStrings } from '@talking-library/widget';
import { callApi, cleanUp, demoSession, expectFocusOn, mountTag, newMember, nextEvent, part, parts, profileOf, publishableKey, scratchApiUrl, textOf } from './support.js';

async function queueFor(sessionToken: string | undefined, properties: Partial<TlReviewQueueElement> = {}): Promise<TlReviewQueueElement> {
  const element = await mountTag('tl-review-queue', sessionToken ? { 'member-token': sessionToken } : {}, properties);
  await waitUntil(() => textOf(part(element, 'status')) !== defaultStrings.loadingQueue, 'the queue to load');
  await element.updateComplete;
  return element;
}

async function coordinatorToken(): Promise<string> {
  return (await demoSession('coordinator', 'scratch')).sessionToken;
}

const itemOf = (element: HTMLElement, id: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-profile-id="${id}"]`);

/** A new member's profile, sent for review. */
async function submitted(name: string): Promise<{ profile: Profile; token: string }> {
  const member = await newMember('review');
  return { profile: await profileOf(member, { displayName: name }, 'submitted'), token: member.sessionToken };
}

afterEach(cleanUp);

describe('<tl-review-queue>', () => {
  it('is defined by the define module', () => {
    expect(customElements.get('tl-review-queue')).to.equal(TlReviewQueueElement);
  });

  it('lists the submitted profiles oldest first, each in full as members would see it', async () => {
    const older = await submitted('Gifty Older');
    const newer = await submitted('Hana Newer');
    const token = await coordinatorToken();
    const element = await queueFor(token);

    const shown = parts(element, 'item').map((item) => item.dataset.profileId);
    const api = (await callApi<{ data: Profile[] }>('GET', '/review-queue', token)).data.map((p) => p.id);
    expect(shown.filter((id) => id === older.profile.id || id === newer.profile.id)).to.deep.equal([older.profile.id, newer.profile.id]);
    expect(shown.filter((id) => api.includes(id!))).to.deep.equal(api.filter((id) => shown.includes(id)));
    const item = itemOf(element, older.profile.id)!;
    expect(textOf(item.querySelector('[part~="detail-name"]'))).to.equal('Gifty Older');
    expect(textOf(item.querySelector('[part~="headline"]'))).to.equal(older.profile.headline);
    expect([...item.querySelectorAll('[part~="story-title"]')].map(textOf)).to.deep.equal(older.profile.stories.map((s) => s.title));
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.queueCount(shown.length));
  });

  it('publishes a profile: it leaves the queue, joins the library, and tl-profile-reviewed says so', async () => {
    const { profile } = await submitted('Ivie Publish');
    const element = await queueFor(await coordinatorToken());

    const reviewed = nextEvent(element, 'tl-profile-reviewed');
    itemOf(element, profile.id)!.querySelector<HTMLElement>('[part~="publish-button"]')!.click();
    const event = await reviewed;

    expect(event).to.be.instanceOf(TlProfileReviewedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.decision).to.equal('published');
    expect(event.profile.status).to.equal('published');
    await element.updateComplete;
    expect(itemOf(element, profile.id)).to.equal(null);
    expect(textOf(part(element, 'status'))).to.contain(defaultStrings.publishedProfile('Ivie Publish'));
    const library = await fetch(`${scratchApiUrl()}/v1/libraries/demo/profiles?q=Ivie`, { headers: { 'x-tl-key': publishableKey() } });
    expect(((await library.json()) as ProfileSearchPage).data.map((p) => p.id)).to.include(profile.id);
  });

  it("sends a profile back only with a note, which the expert then reads in her editor", async () => {
    const { profile, token: expertToken } = await submitted('Jola Sendback');
    const element = await queueFor(await coordinatorToken());
    const item = itemOf(element, profile.id)!;
    const note = item.querySelector<HTMLTextAreaElement>('[part~="note-input"]')!;
    expect(note.labels?.[0]?.textContent?.trim()).to.equal(defaultStrings.sendBackNoteLabel);
    expect(note.required).to.equal(true);

    // Without a note, the API's message goes beside the field.
    const refused = nextEvent(element, 'tl-error');
    item.querySelector<HTMLElement>('[part~="send-back-button"]')!.click();
    const error = await refused;
    await element.updateComplete;
    const message = ((error.error as { problem: { errors: FieldError[] } }).problem.errors.find((e) => e.path === 'body.note'))!.message;
    const noteError = element.shadowRoot!.getElementById(`note-${profile.id}-error`)!;
    expect(textOf(noteError)).to.equal(defaultStrings.fieldError(defaultStrings.sendBackNoteLabel, message));
    expect(note.getAttribute('aria-invalid')).to.equal('true');
    expect(note.getAttribute('aria-describedby')!.split(' ')).to.include(noteError.id);
    expectFocusOn(element, note);
    expect((await callApi<Profile>('GET', '/me/profile', expertToken)).status).to.equal('submitted');

    note.value = 'Please add a story about your work.';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    const reviewed = nextEvent(element, 'tl-profile-reviewed');
    item.querySelector<HTMLElement>('[part~="send-back-button"]')!.click();
    const event = await reviewed;
    expect(event.decision).to.equal('sent-back');
    expect(event.profile.status).to.equal('draft');
    await element.updateComplete;
    expect(itemOf(element, profile.id)).to.equal(null);

    const editor = await mountTag('tl-profile-editor', { 'member-token': expertToken });
    await waitUntil(() => part(editor, 'review-note'), 'the note in her editor');
    expect(textOf(part(editor, 'review-note'))).to.equal(`${defaultStrings.reviewNoteHeading} Please add a story about your work.`);
  });

  it('says when no profile is waiting', async () => {
    // The scratch library's queue is shared with tests running alongside, so it is never sure to be empty.
    const client = { profiles: { reviewQueue: () => ({ async *[Symbol.asyncIterator]() {} }) } } as unknown as TalkingLibraryClient;
    const element = await queueFor(undefined, { client });

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.queueEmpty);
    expect(part(element, 'list')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('tells a member who is not a coordinator, in an alert, that she may not do this', async () => {
    const member = await newMember('not-coordinator');
    const failed = nextEvent(document, 'tl-error');
    const element = await queueFor(member.sessionToken);
    const { error } = await failed;

    expect((error as { status: number }).status).to.equal(403);
    const alert = part(element, 'alert')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain(defaultStrings.queueLoadFailed);
    expect(textOf(alert)).to.equal(`${defaultStrings.queueLoadFailed} ${defaultStrings.notAllowed}`);
    await expect(element).to.be.accessible();
  });

  it('has no accessibility violations with profiles waiting', async () => {
    await submitted('Kemi Accessible');
    const element = await queueFor(await coordinatorToken());
    expect(parts(element, 'item').length).to.be.greaterThan(0);

    await expect(element).to.be.accessible();
  });
});
