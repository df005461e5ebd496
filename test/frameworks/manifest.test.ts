import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import {
  TalkingLibraryElement,
  TlCreditsElement,
  TlInsightsElement,
  TlLearningFeedElement,
  TlSurveysElement,
  TlMyExchangesElement,
  TlProfileEditorElement,
  TlRequestBoardElement,
  TlRequestFormElement,
  TlRequestHourElement,
  TlReviewQueueElement,
  TlSignInElement,
} from '@talking-library/widget';

// The manifest the widget build writes (`npm run build`), as editors and framework tooling read it.

const widget = new URL('../../widget/', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', widget), 'utf8'));
const manifest = JSON.parse(await readFile(new URL(pkg.customElements, widget), 'utf8'));

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; fieldName?: string }[];
  events?: { name: string; type?: { text: string }; description?: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
const declarations: Declaration[] = manifest.modules.flatMap((module: { declarations?: Declaration[] }) => module.declarations ?? []);

/** Every element, and the events its README section promises. */
const elements = [
  { tag: 'talking-library', element: TalkingLibraryElement, events: { 'tl-profiles-loaded': 'TlProfilesLoadedEvent', 'tl-request-exchange': 'TlRequestExchangeEvent', 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-sign-in', element: TlSignInElement, events: { 'tl-signed-in': 'TlSignedInEvent', 'tl-signed-out': 'TlSignedOutEvent', 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-profile-editor', element: TlProfileEditorElement, events: { 'tl-profile-saved': 'TlProfileSavedEvent', 'tl-profile-submitted': 'TlProfileSubmittedEvent', 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-review-queue', element: TlReviewQueueElement, events: { 'tl-profile-reviewed': 'TlProfileReviewedEvent', 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-credits', element: TlCreditsElement, events: { 'tl-credits-granted': 'TlCreditsGrantedEvent', 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-request-hour', element: TlRequestHourElement, events: { 'tl-exchange-requested': 'TlExchangeRequestedEvent', 'tl-error': 'TlErrorEvent' } },
  {
    tag: 'tl-my-exchanges',
    element: TlMyExchangesElement,
    events: {
      'tl-exchange-accepted': 'TlExchangeAcceptedEvent',
      'tl-exchange-times-proposed': 'TlExchangeTimesProposedEvent',
      'tl-exchange-declined': 'TlExchangeDeclinedEvent',
      'tl-exchange-rescheduled': 'TlExchangeRescheduledEvent',
      'tl-exchange-cancelled': 'TlExchangeCancelledEvent',
      'tl-exchange-confirmed': 'TlExchangeConfirmedEvent',
      'tl-exchange-disputed': 'TlExchangeDisputedEvent',
      'tl-exchange-no-show': 'TlExchangeNoShowEvent',
      'tl-exchange-concern-reported': 'TlExchangeConcernReportedEvent',
      'tl-error': 'TlErrorEvent',
    },
  },  { tag: 'tl-request-form', element: TlRequestFormElement, events: { 'tl-request-created': 'TlRequestCreatedEvent', 'tl-error': 'TlErrorEvent' } },
  {
    tag: 'tl-request-board',
    element: TlRequestBoardElement,
    events: { 'tl-request-responded': 'TlRequestRespondedEvent', 'tl-exchange-scheduled': 'TlExchangeScheduledEvent', 'tl-error': 'TlErrorEvent' },
  },
  { tag: 'tl-learning-feed', element: TlLearningFeedElement, events: { 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-insights', element: TlInsightsElement, events: { 'tl-error': 'TlErrorEvent' } },
  { tag: 'tl-surveys', element: TlSurveysElement, events: { 'tl-survey-answered': 'TlSurveyAnsweredEvent', 'tl-error': 'TlErrorEvent' } },
];

test('the widget package names its manifest in customElements and ships it', () => {
  assert.equal(pkg.customElements, 'dist/custom-elements.json');
  assert.ok(pkg.files.some((entry: string) => pkg.customElements.startsWith(entry)), `files ${JSON.stringify(pkg.files)} leave out ${pkg.customElements}`);
  assert.match(manifest.schemaVersion, /^\d+\.\d+\.\d+$/);
});

test('the manifest declares exactly the elements listed here', () => {
  const tags = declarations.filter((declaration) => declaration.tagName).map((declaration) => declaration.tagName);
  assert.deepEqual(tags.sort(), elements.map(({ tag }) => tag).sort());
});

for (const { tag, element, events } of elements) {
  describe(`<${tag}> in the manifest`, () => {
    const declaration = () => {
      const found = declarations.find((candidate) => candidate.tagName === tag);
      assert.ok(found, `no declaration for <${tag}>`);
      return found;
    };

    test('is the element class', () => {
      assert.equal(declaration().name, element.name);
      assert.equal(declaration().customElement, true);
    });

    test('lists every attribute the element observes, with its property', () => {
      // What the browser will watch is what the class says: Lit derives it from the decorators.
      const observed = [...(element as unknown as { observedAttributes: string[] }).observedAttributes].sort();
      assert.deepEqual(declaration().attributes?.map((attribute) => attribute.name).sort(), observed);
      for (const attribute of declaration().attributes ?? []) assert.ok(attribute.fieldName, `${attribute.name} names no property`);
    });

    test('lists every event it fires, with its class and a description, and nothing else', () => {
      const listed = Object.fromEntries((declaration().events ?? []).map((event) => [event.name, event.type?.text]));
      assert.deepEqual(listed, events);
      for (const event of declaration().events ?? []) assert.ok(event.description, `${event.name} has no description`);
    });

    test('names the entry point that defines the tag, as the package exports it', () => {
      const definer = manifest.modules.find((module: { exports?: { kind: string; name: string }[] }) =>
        module.exports?.some((entry) => entry.kind === 'custom-element-definition' && entry.name === tag),
      );
      assert.ok(definer, `no module defines <${tag}>`);
      assert.equal(pkg.exports[`./${tag}.js`]?.import, `./${definer.path}`);
    });

    test('documents its parts and custom properties', () => {
      assert.ok((declaration().cssParts ?? []).length > 0);
      assert.ok((declaration().cssProperties ?? []).some((property) => property.name === '--tl-color-accent'));
    });
  });
}
