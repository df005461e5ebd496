/**
 * Defines every Talking Library element: import this once, for its side effect. To define only the
 * elements a page uses, import their own entry points (`@talking-library/widget/talking-library.js`, …).
 *
 * The calls are here and in each element's entry, not imported from those: the build splits what
 * entries share into chunks, which `sideEffects` lets bundlers drop, so a shared `defineElement`
 * call would vanish from an app's bundle.
 */
import { defineElement } from './internal/define.js';
import { TalkingLibraryElement } from './talking-library/talking-library.js';
import { TlCreditsElement } from './tl-credits/tl-credits.js';
import { TlInsightsElement } from './tl-insights/tl-insights.js';
import { TlLearningFeedElement } from './tl-learning-feed/tl-learning-feed.js';
import { TlSurveysElement } from './tl-surveys/tl-surveys.js';
import { TlMyExchangesElement } from './tl-my-exchanges/tl-my-exchanges.js';
import { TlRequestHourElement } from './tl-request-hour/tl-request-hour.js';
import { TlProfileEditorElement } from './tl-profile-editor/tl-profile-editor.js';
import { TlRequestBoardElement } from './tl-request-board/tl-request-board.js';
import { TlRequestFormElement } from './tl-request-form/tl-request-form.js';
import { TlReviewQueueElement } from './tl-review-queue/tl-review-queue.js';
import { TlSignInElement } from './tl-sign-in/tl-sign-in.js';

defineElement('talking-library', TalkingLibraryElement);
defineElement('tl-sign-in', TlSignInElement);
defineElement('tl-profile-editor', TlProfileEditorElement);
defineElement('tl-review-queue', TlReviewQueueElement);
defineElement('tl-credits', TlCreditsElement);
defineElement('tl-request-hour', TlRequestHourElement);
defineElement('tl-my-exchanges', TlMyExchangesElement);
defineElement('tl-request-form', TlRequestFormElement);
defineElement('tl-request-board', TlRequestBoardElement);
defineElement('tl-learning-feed', TlLearningFeedElement);
defineElement('tl-insights', TlInsightsElement);
defineElement('tl-surveys', TlSurveysElement);
