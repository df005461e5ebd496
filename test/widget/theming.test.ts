/// <reference types="mocha" />
// Theming a partner site can live with: its own accent per kind of control, its own heading levels,
// and text that follows the page's body size.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import type { Library } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { defaultStrings, type TalkingLibraryElement } from '@talking-library/widget';
import { apiAttributes, cleanUp, createElement, demoSession, getJson, mount, mountTag, newMember, part, parts, profileOf, textOf } from './support.js';

interface A11yNode {
  role: string;
  name: string;
  level?: number;
  children?: A11yNode[];
}

/** The NHS palette, as nhsuk-frontend draws it: green buttons, blue links, yellow focus edged in near-black. */
const NHS = {
  button: 'rgb(0, 127, 59)', // #007f3b
  link: 'rgb(0, 94, 184)', // #005eb8
  focus: 'rgb(255, 235, 59)', // #ffeb3b
  focusShadow: 'rgb(33, 43, 50)', // #212b32
};
const nhsTheme = `
  --tl-color-accent: #005eb8;
  --tl-button-color: #007f3b;
  --tl-button-text-color: #ffffff;
  --tl-link-color: #005eb8;
  --tl-chip-color: #005eb8;
  --tl-focus-color: #ffeb3b;
  --tl-focus-shadow-color: #212b32;
`;

const pageStyles: HTMLStyleElement[] = [];

/** Host-page CSS, as a partner's stylesheet would set it; removed after the test. */
function hostCss(text: string): void {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  pageStyles.push(style);
}

afterEach(() => {
  for (const style of pageStyles.splice(0)) style.remove();
  cleanUp();
});

async function library(attributes: Record<string, string> = {}): Promise<TalkingLibraryElement> {
  const element = createElement({ ...apiAttributes(), library: 'demo', 'page-size': '2', ...attributes });
  await mount(element, 'tl-profiles-loaded');
  await element.updateComplete;
  return element;
}

/** Tabs from the search box to the next control, so the ring drawn is the keyboard's (:focus-visible). */
async function keyboardFocusAfterSearch(element: TalkingLibraryElement): Promise<HTMLElement> {
  part(element, 'search-input')!.focus();
  await sendKeys({ press: 'Tab' });
  const focused = element.shadowRoot!.activeElement as HTMLElement;
  expect(focused.matches(':focus-visible'), 'the focused control shows the keyboard ring').to.equal(true);
  return focused;
}

async function tree(): Promise<A11yNode & { children: A11yNode[] }> {
  return executeServerCommand<A11yNode & { children: A11yNode[] }, undefined>('accessibility-tree');
}

function headingsIn(root: A11yNode): A11yNode[] {
  const found: A11yNode[] = [];
  const walk = (node: A11yNode) => {
    if (node.role === 'heading') found.push(node);
    node.children?.forEach(walk);
  };
  walk(root);
  return found;
}

describe('theming', () => {
  describe('accent tokens', () => {
    it('takes every accent from --tl-color-accent when nothing parts them', async () => {
      const element = await library({ style: '--tl-color-accent: rgb(10, 90, 40)' });
      const accent = 'rgb(10, 90, 40)';
      expect(getComputedStyle(part(element, 'more-button')!).backgroundColor, 'button').to.equal(accent);
      expect(getComputedStyle(part(element, 'chip')!).borderColor, 'chip').to.equal(accent);
      expect(getComputedStyle(part(element, 'open-button')!).textDecorationColor, "card name's underline").to.equal(accent);
      const focused = await keyboardFocusAfterSearch(element);
      expect(getComputedStyle(focused).outlineColor, 'focus ring').to.equal(accent);
      // No second ring unless the site asks for one.
      expect(getComputedStyle(focused).boxShadow).to.match(/^rgba\(0, 0, 0, 0\)/);
    });

    it('draws the NHS palette from custom properties alone: green buttons, blue links and chips, a yellow ring edged in black', async () => {
      const element = await library({ style: nhsTheme });
      const more = getComputedStyle(part(element, 'more-button')!);
      expect(more.backgroundColor, 'button').to.equal(NHS.button);
      expect(more.color, 'button text').to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(part(element, 'chip')!).borderColor, 'chip').to.equal(NHS.link);
      expect(getComputedStyle(part(element, 'skill')!).borderColor, 'skill tag').to.equal(NHS.link);
      expect(getComputedStyle(part(element, 'open-button')!).textDecorationColor, "card name's underline").to.equal(NHS.link);

      const focused = await keyboardFocusAfterSearch(element);
      const ring = getComputedStyle(focused);
      expect(ring.outlineColor, 'focus ring').to.equal(NHS.focus);
      expect(ring.outlineWidth).to.equal('3px');
      // The dark ring fills the outline's 2px offset and shows 2px beyond it: 2 + 3 + 2.
      expect(ring.boxShadow).to.equal(`${NHS.focusShadow} 0px 0px 0px 7px`);

      // A card's name draws both rings round the whole card, none on the name itself.
      const name = part(element, 'open-button')!;
      name.focus();
      expect(name.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(name).boxShadow).to.equal('none');
      expect(getComputedStyle(name, '::after').outlineColor).to.equal(NHS.focus);
      expect(getComputedStyle(name, '::after').boxShadow).to.equal(`${NHS.focusShadow} 0px 0px 0px 7px`);
    });

    it('colours a profile\'s links with --tl-link-color and its buttons with --tl-button-color, in the dialog', async () => {
      // The seeded expert with a link of her own.
      const element = await library({ style: nhsTheme, 'page-size': '100' });
      parts(element, 'open-button').find((button) => textOf(button) === 'Keisha Campbell-Reid')!.click();
      await waitUntil(() => part(element, 'request-button'), 'the profile to open');
      expect(getComputedStyle(part(element, 'request-button')!).backgroundColor).to.equal(NHS.button);
      expect(getComputedStyle(part(element, 'link')!).color, 'her link').to.equal(NHS.link);
      expect(getComputedStyle(part(element, 'close-button')!).color, 'a secondary button takes the button colour').to.equal(NHS.button);
    });

    it('keeps the older --tl-focus-ring-color working, under --tl-focus-color', async () => {
      const element = await library({ style: '--tl-focus-ring-color: rgb(200, 0, 100)' });
      expect(getComputedStyle(await keyboardFocusAfterSearch(element)).outlineColor).to.equal('rgb(200, 0, 100)');
    });
  });

  describe('heading-level', () => {
    it("puts <talking-library>'s name at the level asked and its cards one below, in the accessibility tree", async () => {
      const { name } = await getJson<Library>('/v1/libraries/demo');
      const element = await library({ 'heading-level': '4' });
      const headings = headingsIn(await tree());
      expect(headings.find((node) => node.name === name)?.level, 'the library name').to.equal(4);
      const cards = parts(element, 'card-name').map(textOf);
      expect(cards.length).to.equal(2);
      for (const card of cards) expect(headings.find((node) => node.name === card)?.level, card).to.equal(5);
    });

    it('starts the profile dialog again at h2, an outline of its own', async () => {
      hostCss('talking-library { --tl-font-family: Georgia, serif; }');
      const element = await library({ 'heading-level': '5' });
      part(element, 'open-button')!.click();
      await waitUntil(() => part(element, 'detail-name'), 'the profile to open');
      expect(part(element, 'detail-name')!.localName).to.equal('h2');
      expect(part(element, 'section-heading')!.localName).to.equal('h3');
      // In the top layer it still takes the element's font and line height.
      const dialog = getComputedStyle(part(element, 'dialog')!);
      expect([dialog.fontFamily, dialog.lineHeight, dialog.fontSize]).to.deep.equal([getComputedStyle(element).fontFamily, getComputedStyle(element).lineHeight, getComputedStyle(element).fontSize]);
    });

    it('counts a level outside 2 to 6 as 2, and reflects the level set as a property', async () => {
      const element = await library({ 'heading-level': '9' });
      expect(element.headingLevel).to.equal(2);
      expect(part(element, 'heading')!.localName).to.equal('h2');
      for (const bad of ['1', '7', '2.5', 'two', '']) {
        element.setAttribute('heading-level', '4');
        element.setAttribute('heading-level', bad);
        await element.updateComplete;
        expect(element.headingLevel, JSON.stringify(bad)).to.equal(2);
        expect(part(element, 'heading')!.localName, JSON.stringify(bad)).to.equal('h2');
      }
      element.headingLevel = 8 as never;
      await element.updateComplete;
      expect(element.headingLevel, 'a property set out of range').to.equal(2);

      element.headingLevel = 3;
      await element.updateComplete;
      expect(element.getAttribute('heading-level')).to.equal('3');
      expect(part(element, 'heading')!.localName).to.equal('h3');
      expect(part(element, 'card-name')!.localName).to.equal('h4');

      element.removeAttribute('heading-level');
      await element.updateComplete;
      expect(element.headingLevel).to.equal(2);
      expect(part(element, 'card-name')!.localName).to.equal('h3');
    });

    it("<tl-profile-editor>: its heading at the level asked, the preview one below, the previewed profile two and never past h6", async () => {
      const member = await newMember('headings');
      await profileOf(member, { displayName: 'Nia Outline' });
      const element = await mountTag('tl-profile-editor', { 'member-token': member.sessionToken, 'heading-level': '3' });
      await waitUntil(() => part(element, 'preview-button'), 'the editor to load');
      part(element, 'preview-button')!.click();
      await element.updateComplete;
      const headings = headingsIn(await tree());
      expect(headings.find((node) => node.name === defaultStrings.editorHeading)?.level, 'the editor').to.equal(3);
      expect(headings.find((node) => node.name === defaultStrings.previewHeading)?.level, 'the preview').to.equal(4);
      const names = headings.filter((node) => node.name === 'Nia Outline');
      expect(names.map((node) => node.level), 'the card and the full profile').to.deep.equal([5, 5]);
      expect(headings.find((node) => node.name === defaultStrings.aboutLabel)?.level, 'a section of the profile').to.equal(6);
      expect(headings.find((node) => node.name === 'The chart that changed a ward round')?.level, 'a story, kept at h6').to.equal(6);
    });

    it('<tl-review-queue>: its heading at the level asked, each waiting profile one below', async () => {
      const member = await newMember('headings');
      await profileOf(member, { displayName: 'Zuri Outline' }, 'submitted');
      const coordinator = await demoSession('coordinator', 'scratch');
      const element = await mountTag('tl-review-queue', { 'member-token': coordinator.sessionToken, 'heading-level': '3' });
      await waitUntil(() => parts(element, 'detail-name').some((node) => textOf(node) === 'Zuri Outline'), 'the queue to load');
      const root = await tree();
      const reviewHeading = findAccessibilityNode<A11yNode>(root, (node) => node.role === 'heading' && node.name === defaultStrings.reviewHeading);
      expect(reviewHeading?.level).to.equal(3);
      expect(findAccessibilityNode<A11yNode>(root, (node) => node.role === 'heading' && node.name === 'Zuri Outline')?.level).to.equal(4);
      // Still focusable, for the focus that returns to it when the queue empties.
      expect(part(element, 'heading')!.getAttribute('tabindex')).to.equal('-1');
    });
  });

  describe('text size', () => {
    /** Sizes in px: the name, a card's name, and a button's height, which is a touch target's size. */
    const sizes = (element: TalkingLibraryElement) => ({
      heading: getComputedStyle(part(element, 'heading')!).fontSize,
      card: getComputedStyle(part(element, 'card-name')!).fontSize,
      body: getComputedStyle(part(element, 'headline')!).fontSize,
      button: getComputedStyle(part(element, 'more-button')!).minHeight,
    });

    it("follows the host page's body font size", async () => {
      hostCss('body { font-size: 16px; }');
      const element = await library();
      expect(sizes(element)).to.deep.equal({ heading: '24px', card: '18px', body: '16px', button: '44px' });
      hostCss('body { font-size: 20px; }');
      expect(sizes(element)).to.deep.equal({ heading: '30px', card: '22.5px', body: '20px', button: '55px' });
    });

    it('is unaffected by html { font-size: 62.5% } when the body sets its own size', async () => {
      hostCss('body { font-size: 16px; }');
      const element = await library();
      const before = sizes(element);
      hostCss('html { font-size: 62.5%; }');
      expect(sizes(element)).to.deep.equal(before);
      hostCss('body { font-size: 1.6rem; }'); // as sites on a 10px root write 16px
      expect(sizes(element)).to.deep.equal(before);
    });
  });
});
