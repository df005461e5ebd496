/**
 * Every element the loader knows, and how to fetch its code. Each `import()` is a split point:
 * the build turns it into a content-hashed chunk, and a page pays for an element only once its tag
 * is on the page.
 */
export const ELEMENT_CHUNKS: Record<string, () => Promise<CustomElementConstructor>> = {
  'talking-library': () => import('../talking-library/talking-library.js').then((m) => m.TalkingLibraryElement),
  'tl-sign-in': () => import('../tl-sign-in/tl-sign-in.js').then((m) => m.TlSignInElement),
  'tl-profile-editor': () => import('../tl-profile-editor/tl-profile-editor.js').then((m) => m.TlProfileEditorElement),
  'tl-review-queue': () => import('../tl-review-queue/tl-review-queue.js').then((m) => m.TlReviewQueueElement),
  'tl-credits': () => import('../tl-credits/tl-credits.js').then((m) => m.TlCreditsElement),
  'tl-request-hour': () => import('../tl-request-hour/tl-request-hour.js').then((m) => m.TlRequestHourElement),
  'tl-my-exchanges': () => import('../tl-my-exchanges/tl-my-exchanges.js').then((m) => m.TlMyExchangesElement),
  'tl-request-form': () => import('../tl-request-form/tl-request-form.js').then((m) => m.TlRequestFormElement),
  'tl-request-board': () => import('../tl-request-board/tl-request-board.js').then((m) => m.TlRequestBoardElement),
  'tl-learning-feed': () => import('../tl-learning-feed/tl-learning-feed.js').then((m) => m.TlLearningFeedElement),
  'tl-insights': () => import('../tl-insights/tl-insights.js').then((m) => m.TlInsightsElement),
  'tl-surveys': () => import('../tl-surveys/tl-surveys.js').then((m) => m.TlSurveysElement),
};
