/**
 * The Talking Library elements, without defining them: import `@talking-library/widget/define.js`
 * (or load `talking-library.js`) to register the tags, or call `defineElement` with your own.
 */
export { TalkingLibraryElement } from './talking-library/talking-library.js';
export { TlSignInElement } from './tl-sign-in/tl-sign-in.js';
export { TlProfileEditorElement } from './tl-profile-editor/tl-profile-editor.js';
export { TlReviewQueueElement } from './tl-review-queue/tl-review-queue.js';
export { TlCreditsElement } from './tl-credits/tl-credits.js';
export { TlRequestHourElement } from './tl-request-hour/tl-request-hour.js';
export { TlMyExchangesElement } from './tl-my-exchanges/tl-my-exchanges.js';
export { TlRequestFormElement } from './tl-request-form/tl-request-form.js';
export { TlRequestBoardElement } from './tl-request-board/tl-request-board.js';
export { TlLearningFeedElement } from './tl-learning-feed/tl-learning-feed.js';
export { TlInsightsElement } from './tl-insights/tl-insights.js';
export { TlSurveysElement } from './tl-surveys/tl-surveys.js';
export { TlSurveyAnsweredEvent } from './events/survey-answered.js';
export { TlProfilesLoadedEvent, type ProfilesLoadedDetail } from './events/profiles-loaded.js';
export { TlErrorEvent } from './events/error.js';
export { TlSignedInEvent } from './events/signed-in.js';
export { TlSignedOutEvent } from './events/signed-out.js';
export { TlRequestExchangeEvent } from './events/request-exchange.js';
export { TlProfileSavedEvent } from './events/profile-saved.js';
export { TlProfileSubmittedEvent } from './events/profile-submitted.js';
export { TlProfileReviewedEvent, type ReviewDecision } from './events/profile-reviewed.js';
export { TlCreditsGrantedEvent } from './events/credits-granted.js';
export { TlExchangeRequestedEvent } from './events/exchange-requested.js';
export { TlExchangeAcceptedEvent } from './events/exchange-accepted.js';
export { TlExchangeTimesProposedEvent } from './events/exchange-times-proposed.js';
export { TlExchangeDeclinedEvent } from './events/exchange-declined.js';
export { TlExchangeRescheduledEvent } from './events/exchange-rescheduled.js';
export { TlExchangeCancelledEvent } from './events/exchange-cancelled.js';
export { TlExchangeConfirmedEvent } from './events/exchange-confirmed.js';
export { TlExchangeDisputedEvent } from './events/exchange-disputed.js';
export { TlExchangeNoShowEvent } from './events/exchange-no-show.js';
export { TlExchangeConcernReportedEvent } from './events/exchange-concern-reported.js';
export { TlRequestCreatedEvent } from './events/request-created.js';
export { TlRequestRespondedEvent } from './events/request-responded.js';
export { TlExchangeScheduledEvent } from './events/exchange-scheduled.js';
export { defineElement } from './internal/define.js';
export type { SessionTokenGetter } from './internal/client.js';
export { defaultStrings } from './default-strings.js';
export {
  addDefaultStrings,
  getStrings,
  setStrings,
  onStringsChange,
  type StringOverrides,
  type TalkingLibraryStrings,
} from './strings.js';
export type {
  CareerStage,
  Category,
  Exchange,
  Library,
  Member,
  Profile,
  ProfileHit,
  ProfileStatus,
  Session,
  Skill,
  TalkingLibraryClient,
} from '@talking-library/sdk';
