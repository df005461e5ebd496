/**
 * React components for the Talking Library elements, made with `@lit/react`: props set the
 * element's properties (`api`, `library`, `publishableKey`, `client`, `getSessionToken`, …) and
 * `on…` props listen for its events, typed by the event classes:
 *
 * ```tsx
 * <TalkingLibrary api="https://library.example" library="demo" onTlRequestExchange={(event) => ask(event.profile)} />
 * ```
 *
 * Importing this module defines every tag in the browser; on a server (SSR) it defines nothing
 * and the components render the bare tag, which the browser upgrades when this module loads there.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type {
  TlCreditsGrantedEvent,
  TlErrorEvent,
  TlSurveyAnsweredEvent,
  TlExchangeAcceptedEvent,
  TlExchangeCancelledEvent,
  TlExchangeConcernReportedEvent,
  TlExchangeConfirmedEvent,
  TlExchangeDeclinedEvent,
  TlExchangeDisputedEvent,
  TlExchangeNoShowEvent,
  TlExchangeRequestedEvent,
  TlExchangeRescheduledEvent,
  TlRequestRespondedEvent,
  TlRequestCreatedEvent,
  TlExchangeScheduledEvent,
  TlExchangeTimesProposedEvent,
  TlProfileReviewedEvent,
  TlProfileSavedEvent,
  TlProfileSubmittedEvent,
  TlProfilesLoadedEvent,
  TlRequestExchangeEvent,
  TlSignedInEvent,
  TlSignedOutEvent,
} from '@talking-library/widget';
import { TalkingLibraryElement } from '@talking-library/widget/talking-library.js';
import { TlCreditsElement } from '@talking-library/widget/tl-credits.js';
import { TlInsightsElement } from '@talking-library/widget/tl-insights.js';
import { TlLearningFeedElement } from '@talking-library/widget/tl-learning-feed.js';
import { TlSurveysElement } from '@talking-library/widget/tl-surveys.js';
import { TlMyExchangesElement } from '@talking-library/widget/tl-my-exchanges.js';
import { TlRequestBoardElement } from '@talking-library/widget/tl-request-board.js';
import { TlRequestFormElement } from '@talking-library/widget/tl-request-form.js';
import { TlRequestHourElement } from '@talking-library/widget/tl-request-hour.js';
import { TlProfileEditorElement } from '@talking-library/widget/tl-profile-editor.js';
import { TlReviewQueueElement } from '@talking-library/widget/tl-review-queue.js';
import { TlSignInElement } from '@talking-library/widget/tl-sign-in.js';

const onTlError = 'tl-error' as EventName<TlErrorEvent>;

/** `<talking-library>`: browse, search and open experts' profiles; "Request an hour" fires `onTlRequestExchange`. */
export const TalkingLibrary = createComponent({
  react: React,
  tagName: 'talking-library',
  elementClass: TalkingLibraryElement,
  displayName: 'TalkingLibrary',
  events: {
    onTlProfilesLoaded: 'tl-profiles-loaded' as EventName<TlProfilesLoadedEvent>,
    onTlRequestExchange: 'tl-request-exchange' as EventName<TlRequestExchangeEvent>,
    onTlError,
  },
});

/** `<tl-sign-in>`: email sign-in; `onTlSignedIn` receives the session. */
export const TlSignIn = createComponent({
  react: React,
  tagName: 'tl-sign-in',
  elementClass: TlSignInElement,
  displayName: 'TlSignIn',
  events: {
    onTlSignedIn: 'tl-signed-in' as EventName<TlSignedInEvent>,
    onTlSignedOut: 'tl-signed-out' as EventName<TlSignedOutEvent>,
    onTlError,
  },
});

/** `<tl-profile-editor>`: an expert's own profile. */
export const TlProfileEditor = createComponent({
  react: React,
  tagName: 'tl-profile-editor',
  elementClass: TlProfileEditorElement,
  displayName: 'TlProfileEditor',
  events: {
    onTlProfileSaved: 'tl-profile-saved' as EventName<TlProfileSavedEvent>,
    onTlProfileSubmitted: 'tl-profile-submitted' as EventName<TlProfileSubmittedEvent>,
    onTlError,
  },
});

/** `<tl-review-queue>`: coordinators publish or send back submitted profiles. */
export const TlReviewQueue = createComponent({
  react: React,
  tagName: 'tl-review-queue',
  elementClass: TlReviewQueueElement,
  displayName: 'TlReviewQueue',
  events: {
    onTlProfileReviewed: 'tl-profile-reviewed' as EventName<TlProfileReviewedEvent>,
    onTlError,
  },
});

/** `<tl-credits>`: a member's balance and statement; coordinators also grant hours from the fund. */
export const TlCredits = createComponent({
  react: React,
  tagName: 'tl-credits',
  elementClass: TlCreditsElement,
  displayName: 'TlCredits',
  events: {
    onTlCreditsGranted: 'tl-credits-granted' as EventName<TlCreditsGrantedEvent>,
    onTlError,
  },
});

/** `<tl-request-hour>`: ask an expert for an hour, in one of her free times or at times of your own; `onTlExchangeRequested` receives the exchange. */
export const TlRequestHour = createComponent({
  react: React,
  tagName: 'tl-request-hour',
  elementClass: TlRequestHourElement,
  displayName: 'TlRequestHour',
  events: {
    onTlExchangeRequested: 'tl-exchange-requested' as EventName<TlExchangeRequestedEvent>,
    onTlError,
  },
});

/** `<tl-my-exchanges>`: a member's and an expert's exchanges, with what may be done with each now. */
export const TlMyExchanges = createComponent({
  react: React,
  tagName: 'tl-my-exchanges',
  elementClass: TlMyExchangesElement,
  displayName: 'TlMyExchanges',
  events: {
    onTlExchangeAccepted: 'tl-exchange-accepted' as EventName<TlExchangeAcceptedEvent>,
    onTlExchangeTimesProposed: 'tl-exchange-times-proposed' as EventName<TlExchangeTimesProposedEvent>,
    onTlExchangeDeclined: 'tl-exchange-declined' as EventName<TlExchangeDeclinedEvent>,
    onTlExchangeRescheduled: 'tl-exchange-rescheduled' as EventName<TlExchangeRescheduledEvent>,
    onTlExchangeCancelled: 'tl-exchange-cancelled' as EventName<TlExchangeCancelledEvent>,
    onTlExchangeConfirmed: 'tl-exchange-confirmed' as EventName<TlExchangeConfirmedEvent>,
    onTlExchangeDisputed: 'tl-exchange-disputed' as EventName<TlExchangeDisputedEvent>,
    onTlExchangeNoShow: 'tl-exchange-no-show' as EventName<TlExchangeNoShowEvent>,
    onTlExchangeConcernReported: 'tl-exchange-concern-reported' as EventName<TlExchangeConcernReportedEvent>,
    onTlError,
  },
});

/** `<tl-request-form>`: a member posts a skill request for her project; `onTlRequestCreated` receives it. */
export const TlRequestForm = createComponent({
  react: React,
  tagName: 'tl-request-form',
  elementClass: TlRequestFormElement,
  displayName: 'TlRequestForm',
  events: {
    onTlRequestCreated: 'tl-request-created' as EventName<TlRequestCreatedEvent>,
    onTlError,
  },
});

/** `<tl-request-board>`: experts respond to skill requests; owners accept a response, scheduling the hour. */
export const TlRequestBoard = createComponent({
  react: React,
  tagName: 'tl-request-board',
  elementClass: TlRequestBoardElement,
  displayName: 'TlRequestBoard',
  events: {
    onTlRequestResponded: 'tl-request-responded' as EventName<TlRequestRespondedEvent>,
    onTlExchangeScheduled: 'tl-exchange-scheduled' as EventName<TlExchangeScheduledEvent>,
    onTlError,
  },
});

/** `<tl-learning-feed>`: what members and experts shared of their exchanges; members see the library's own items too. */
export const TlLearningFeed = createComponent({
  react: React,
  tagName: 'tl-learning-feed',
  elementClass: TlLearningFeedElement,
  displayName: 'TlLearningFeed',
  events: { onTlError },
});

/** `<tl-insights>`: the library's evaluation figures for its coordinators, as accessible charts and tables. */
export const TlInsights = createComponent({
  react: React,
  tagName: 'tl-insights',
  elementClass: TlInsightsElement,
  displayName: 'TlInsights',
  events: { onTlError },
});

/** `<tl-surveys>`: the surveys waiting for the signed-in member, each answered once. */
export const TlSurveys = createComponent({
  react: React,
  tagName: 'tl-surveys',
  elementClass: TlSurveysElement,
  displayName: 'TlSurveys',
  events: { onTlSurveyAnswered: 'tl-survey-answered' as EventName<TlSurveyAnsweredEvent>, onTlError },
});

export type {
  TalkingLibraryElement,
  TlExchangeAcceptedEvent,
  TlExchangeCancelledEvent,
  TlExchangeConcernReportedEvent,
  TlExchangeConfirmedEvent,
  TlExchangeDeclinedEvent,
  TlExchangeDisputedEvent,
  TlExchangeNoShowEvent,
  TlExchangeRequestedEvent,
  TlExchangeRescheduledEvent,
  TlRequestRespondedEvent,
  TlRequestCreatedEvent,
  TlExchangeScheduledEvent,
  TlExchangeTimesProposedEvent,
  TlMyExchangesElement,
  TlRequestHourElement,
  TlCreditsElement,
  TlCreditsGrantedEvent,
  TlErrorEvent,
  TlInsightsElement,
  TlLearningFeedElement,
  TlSurveyAnsweredEvent,
  TlSurveysElement,
  TlProfileEditorElement,
  TlProfileReviewedEvent,
  TlProfileSavedEvent,
  TlProfileSubmittedEvent,
  TlProfilesLoadedEvent,
  TlRequestExchangeEvent,
  TlRequestBoardElement,
  TlRequestFormElement,
  TlReviewQueueElement,
  TlSignedInEvent,
  TlSignedOutEvent,
  TlSignInElement,
};
