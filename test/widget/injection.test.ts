/// <reference types="mocha" />
// An expert controls every word of her profile. Markup and script in it must show as the text she
// typed, everywhere the widget shows it, and never become elements or run.
import { expect, waitUntil } from '@open-wc/testing';
import type { Profile } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { callApi, cleanUp, demoSession, mountTag, newMember, nextEvent, part, textOf } from './support.js';
import { INJECTION } from '../helpers/injection.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/** The payload in every field, cut to what each field allows; the short ones keep a whole element. */
const fields = {
  displayName: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b>b</b>',
  pronouns: '<b>she</b><img src=x>',
  headline: `Headline ${INJECTION}`,
  bio: `Bio ${INJECTION}`,
  stories: [{ title: `Story ${INJECTION}`, body: `Body ${INJECTION}` }],
  links: [{ label: '<b>Link</b><img src=x onerror="window.__pwned=4">', url: 'https://example.org/?q=<script>' }],
  careerStage: 'mid',
  skills: ['fhir'],
  categories: ['digital-health'],
};

/** No element the payload could have made, anywhere in the element's shadow root. */
function expectNoInjectedElements(element: HTMLElement): void {
  const root = element.shadowRoot!;
  expect(root.querySelectorAll('script, img, b'), 'script, img or b elements').to.have.length(0);
  expect(root.querySelectorAll('[onerror]'), 'onerror attributes').to.have.length(0);
  expect(window.__pwned).to.equal(undefined);
}

let profile: Profile;
let expert: string;
let coordinator: string;

afterEach(cleanUp);

describe('a profile full of markup and script', () => {
  before(async () => {
    expect(fields.displayName.length).to.be.at.most(80);
    const member = await newMember('injection');
    expert = member.sessionToken;
    coordinator = (await demoSession('coordinator', 'scratch')).sessionToken;
    profile = await callApi<Profile>('POST', '/profiles', expert, fields);
    profile = await callApi<Profile>('POST', `/profiles/${profile.id}/submit`, expert);
  });

  it('shows as text in the review queue', async () => {
    const element = await mountTag('tl-review-queue', { 'member-token': coordinator });
    await waitUntil(() => element.shadowRoot!.querySelector(`[data-profile-id="${profile.id}"]`), 'the profile in the queue');
    const item = element.shadowRoot!.querySelector(`[data-profile-id="${profile.id}"]`)!;

    expect(textOf(item.querySelector('[part~="detail-name"]'))).to.equal(fields.displayName);
    expect(textOf(item.querySelector('[part~="headline"]'))).to.equal(fields.headline);
    expect(textOf(item.querySelector('[part~="bio"]'))).to.equal(fields.bio);
    expect(textOf(item.querySelector('[part~="story-title"]'))).to.equal(fields.stories[0]!.title);
    expect(textOf(item.querySelector('[part~="story-body"]'))).to.equal(fields.stories[0]!.body);
    expect(textOf(item)).to.contain(fields.pronouns);
    expectNoInjectedElements(element);
  });

  it('shows as text in her editor, its form and its preview', async () => {
    const element = await mountTag('tl-profile-editor', { 'member-token': expert });
    await waitUntil(() => element.shadowRoot!.querySelector('form'), 'the form');
    const value = (id: string) => (element.shadowRoot!.getElementById(id) as HTMLInputElement).value;

    expect(value('displayName')).to.equal(fields.displayName);
    expect(value('pronouns')).to.equal(fields.pronouns);
    expect(value('headline')).to.equal(fields.headline);
    expect(value('bio')).to.equal(fields.bio);
    expect(value('stories-0-title')).to.equal(fields.stories[0]!.title);
    expect(value('links-0-label')).to.equal(fields.links[0]!.label);

    part(element, 'preview-button')!.click();
    await element.updateComplete;
    const preview = part(element, 'preview')!;
    expect(textOf(preview.querySelector('[part~="card-name"]'))).to.equal(fields.displayName);
    expect(textOf(preview.querySelector('[part~="detail"] [part~="headline"]'))).to.equal(fields.headline);
    expect(textOf(preview.querySelector('[part~="link"]'))).to.contain(fields.links[0]!.label);
    expectNoInjectedElements(element);
  });

  it('shows as text on its card, in its search snippet and in its dialog, once published', async () => {
    await callApi('POST', `/profiles/${profile.id}/publish`, coordinator);
    const element = await mountTag('talking-library', { 'page-size': '100' });
    await nextEvent(element, 'tl-profiles-loaded');

    const input = part(element, 'search-input') as HTMLInputElement;
    const searched = nextEvent(element, 'tl-profiles-loaded');
    input.value = 'onerror';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form!.requestSubmit();
    await searched;

    const card = element.shadowRoot!.querySelector(`[part~="card"][data-profile-id="${profile.id}"]`)!;
    expect(card, 'the card').to.exist;
    expect(textOf(card.querySelector('[part~="card-name"]'))).to.equal(fields.displayName);
    expect(textOf(card.querySelector('[part~="headline"]'))).to.equal(fields.headline);
    const snippet = card.querySelector('[part~="snippet"]')!;
    expect(snippet.querySelectorAll('mark').length, 'the matched word is marked').to.be.greaterThan(0);
    expect(textOf(snippet)).to.contain('onerror');
    expectNoInjectedElements(element);

    card.querySelector<HTMLElement>('[part~="open-button"]')!.click();
    await waitUntil(() => (part(element, 'dialog') as HTMLDialogElement).open && part(element, 'detail'), 'the dialog');
    const dialog = part(element, 'dialog')!;
    expect(textOf(dialog.querySelector('[part~="detail-name"]'))).to.equal(fields.displayName);
    expect(textOf(dialog.querySelector('[part~="bio"]'))).to.equal(fields.bio);
    expect(textOf(dialog.querySelector('[part~="story-title"]'))).to.equal(fields.stories[0]!.title);
    expect(textOf(dialog.querySelector('[part~="story-body"]'))).to.equal(fields.stories[0]!.body);
    const link = dialog.querySelector<HTMLAnchorElement>('[part~="link"]')!;
    expect(link.href).to.equal(new URL(fields.links[0]!.url).href);
    expect(textOf(link)).to.contain(fields.links[0]!.label);
    expectNoInjectedElements(element);
  });
});
