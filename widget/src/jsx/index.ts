/**
 * JSX typings for the Talking Library elements in React 19 and Preact: `<talking-library>` and the
 * other tags check their props and `ontl-*` event handlers. Bring them into a project once, for the
 * library it renders with (each file names only its own, so a project needs only that one installed):
 *
 * ```ts
 * import type {} from '@talking-library/widget/jsx/react'; // or '@talking-library/widget/jsx/preact'
 * ```
 *
 * Props are the element's own properties (`api`, `library`, `publishableKey`, `pageSize`, `client`,
 * `getSessionToken`, …; React 19 and Preact set a property when the element has it) and their
 * attribute names (`publishable-key`, `page-size`, …). An event handler is `on` and the event's
 * name, exactly (`ontl-request-exchange`): both libraries listen for the name after `on` as it is
 * written. Each handler receives the event's own class, as `GlobalEventHandlersEventMap` maps it.
 *
 * These modules hold types only; importing them adds no code. This one is what the two share.
 */
import type { LitElement } from 'lit';
import type { TalkingLibraryElement } from '../talking-library/talking-library.js';
import type { TlCreditsElement } from '../tl-credits/tl-credits.js';
import type { TlLearningFeedElement } from '../tl-learning-feed/tl-learning-feed.js';
import type { TlInsightsElement } from '../tl-insights/tl-insights.js';
import type { TlSurveysElement } from '../tl-surveys/tl-surveys.js';
import type { TlMyExchangesElement } from '../tl-my-exchanges/tl-my-exchanges.js';
import type { TlRequestHourElement } from '../tl-request-hour/tl-request-hour.js';
import type { TlRequestBoardElement } from '../tl-request-board/tl-request-board.js';
import type { TlRequestFormElement } from '../tl-request-form/tl-request-form.js';
import type { TlProfileEditorElement } from '../tl-profile-editor/tl-profile-editor.js';
import type { TlReviewQueueElement } from '../tl-review-queue/tl-review-queue.js';
import type { TlSignInElement } from '../tl-sign-in/tl-sign-in.js';

/**
 * An element's own settable properties: its fields, not HTMLElement's or Lit's, and not its methods.
 * A method (`closeProfile`) and a callback property (`getSessionToken`) are both functions; only the
 * property may be `undefined`, and that is how the two are told apart.
 */
export type ElementProperties<E> = {
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? (undefined extends E[K] ? K : never) : K]?: E[K];
};

/** The handler props for the events an element fires: `ontl-request-exchange`, typed by the event's class. */
export type ElementEventHandlers<Events extends keyof GlobalEventHandlersEventMap> = {
  [N in Events as `on${N}`]?: (event: GlobalEventHandlersEventMap[N]) => void;
};

/** Attributes every element reads, by their HTML names. */
interface LibraryAttributes {
  api?: string;
  library?: string;
  'publishable-key'?: string;
  'member-token'?: string;
  'request-timeout'?: number | string;
}

/** The elements with headings of their own take the level of the first: 2 to 6. */
interface HeadingAttributes {
  'heading-level'?: 2 | 3 | 4 | 5 | 6 | '2' | '3' | '4' | '5' | '6';
}

/** What each element takes besides the framework's own HTML attributes. */
export interface TalkingLibraryElementProps {
  'talking-library': ElementProperties<TalkingLibraryElement> &
    LibraryAttributes & HeadingAttributes & { 'page-size'?: number | string; 'no-history'?: boolean } &
    ElementEventHandlers<'tl-profiles-loaded' | 'tl-request-exchange' | 'tl-error'>;
  'tl-sign-in': ElementProperties<TlSignInElement> & LibraryAttributes & ElementEventHandlers<'tl-signed-in' | 'tl-signed-out' | 'tl-error'>;
  'tl-profile-editor': ElementProperties<TlProfileEditorElement> &
    LibraryAttributes &
    HeadingAttributes &
    ElementEventHandlers<'tl-profile-saved' | 'tl-profile-submitted' | 'tl-error'>;
  'tl-review-queue': ElementProperties<TlReviewQueueElement> & LibraryAttributes & HeadingAttributes & ElementEventHandlers<'tl-profile-reviewed' | 'tl-error'>;
  'tl-credits': ElementProperties<TlCreditsElement> & LibraryAttributes & HeadingAttributes & ElementEventHandlers<'tl-credits-granted' | 'tl-error'>;
  'tl-request-hour': ElementProperties<TlRequestHourElement> &
    LibraryAttributes &
    HeadingAttributes & { 'profile-id'?: string } &
    ElementEventHandlers<'tl-exchange-requested' | 'tl-error'>;
  'tl-my-exchanges': ElementProperties<TlMyExchangesElement> &
    LibraryAttributes &
    HeadingAttributes &
    ElementEventHandlers<
      | 'tl-exchange-accepted'
      | 'tl-exchange-times-proposed'
      | 'tl-exchange-declined'
      | 'tl-exchange-rescheduled'
      | 'tl-exchange-cancelled'
      | 'tl-exchange-confirmed'
      | 'tl-exchange-disputed'
      | 'tl-exchange-no-show'
      | 'tl-exchange-concern-reported'
      | 'tl-error'
    >;
  'tl-request-form': ElementProperties<TlRequestFormElement> & LibraryAttributes & HeadingAttributes & ElementEventHandlers<'tl-request-created' | 'tl-error'>;
  'tl-request-board': ElementProperties<TlRequestBoardElement> &
    LibraryAttributes &
    HeadingAttributes & { 'page-size'?: number | string } &
    ElementEventHandlers<'tl-request-responded' | 'tl-exchange-scheduled' | 'tl-error'>;
  'tl-learning-feed': ElementProperties<TlLearningFeedElement> &
    LibraryAttributes &
    HeadingAttributes & { 'page-size'?: number | string; 'profile-href'?: string } &
    ElementEventHandlers<'tl-error'>;
  'tl-insights': ElementProperties<TlInsightsElement> & LibraryAttributes & HeadingAttributes & ElementEventHandlers<'tl-error'>;
  'tl-surveys': ElementProperties<TlSurveysElement> & LibraryAttributes & HeadingAttributes & ElementEventHandlers<'tl-survey-answered' | 'tl-error'>;
}

/** Each tag's element class. */
export interface TalkingLibraryElementTagNameMap {
  'talking-library': TalkingLibraryElement;
  'tl-sign-in': TlSignInElement;
  'tl-profile-editor': TlProfileEditorElement;
  'tl-review-queue': TlReviewQueueElement;
  'tl-credits': TlCreditsElement;
  'tl-request-hour': TlRequestHourElement;
  'tl-my-exchanges': TlMyExchangesElement;
  'tl-request-form': TlRequestFormElement;
  'tl-request-board': TlRequestBoardElement;
  'tl-learning-feed': TlLearningFeedElement;
  'tl-insights': TlInsightsElement;
  'tl-surveys': TlSurveysElement;
}

/** The tags of the Talking Library elements. */
export type TalkingLibraryTag = keyof TalkingLibraryElementProps;
