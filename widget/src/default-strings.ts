import { profileStrings } from './internal/profile.strings.js';
import { commonStrings, type TalkingLibraryStrings } from './strings.js';
import { libraryStrings } from './talking-library/talking-library.strings.js';
import { profileEditorStrings } from './tl-profile-editor/tl-profile-editor.strings.js';
import { creditsStrings } from './tl-credits/tl-credits.strings.js';
import { myExchangesStrings } from './tl-my-exchanges/tl-my-exchanges.strings.js';
import { requestHourStrings } from './tl-request-hour/tl-request-hour.strings.js';
import { requestStrings } from './internal/request.strings.js';
import { requestBoardStrings } from './tl-request-board/tl-request-board.strings.js';
import { requestFormStrings } from './tl-request-form/tl-request-form.strings.js';
import { reviewQueueStrings } from './tl-review-queue/tl-review-queue.strings.js';
import { signInStrings } from './tl-sign-in/tl-sign-in.strings.js';
import { learningFeedStrings } from './tl-learning-feed/tl-learning-feed.strings.js';
import { insightsStrings } from './tl-insights/tl-insights.strings.js';
import { surveysStrings } from './tl-surveys/tl-surveys.strings.js';

/** Every element's default wording (en-GB), for a site that translates or adapts it. */
export const defaultStrings: Readonly<TalkingLibraryStrings> = Object.freeze({
  ...commonStrings,
  ...profileStrings,
  ...libraryStrings,
  ...signInStrings,
  ...profileEditorStrings,
  ...reviewQueueStrings,
  ...creditsStrings,
  ...requestHourStrings,
  ...myExchangesStrings,
  ...requestStrings,
  ...requestFormStrings,
  ...requestBoardStrings,
  ...learningFeedStrings,
  ...insightsStrings,
  ...surveysStrings,
});
