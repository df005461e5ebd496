import type { CareerStage, ProfileStatus } from '@talking-library/sdk';
import { registeredStrings } from './internal/strings-registry.js';

/**
 * Every word the elements show or announce. Messages that depend on a value are functions, so a
 * translation can handle plurals and word order its own way.
 */
export interface TalkingLibraryStrings {
  /** The language of this wording (BCP 47): day and language names are written in it. */
  locale: string;
  /** Heading shown until the library's own name has loaded. */
  libraryFallbackName: string;
  /** Accessible name of the list of expert cards. */
  expertListLabel(libraryName: string): string;
  loadingExperts: string;
  loadingMoreExperts: string;
  /** Announced when a search over results already shown takes more than a moment. */
  searching: string;
  /**
   * Announced when results arrive: `total` experts match, `shown` are on screen. `query` is the
   * search (empty for none); `filtered` says whether a category, skill or career stage is chosen;
   * `atLeast` that so many matched that the API counted only this far.
   */
  resultCount(total: number, shown: number, query: string, filtered: boolean, atLeast?: boolean): string;
  /** The library has no published profiles at all. */
  noExperts: string;
  /** Nothing matches the search or filters. */
  noMatches(query: string, filtered: boolean): string;
  clearFilters: string;
  searchLabel: string;
  searchHint: string;
  skillFilterLabel: string;
  /** How many skills are ticked, shown beside the skill filter's name. */
  skillsChosen(count: number): string;
  anyCareerStage: string;
  /** Said after a category's or skill's count, which is shown as a bare number. */
  facetCount(count: number): string;
  /** Names the search snippet on a card for screen readers. */
  snippetLabel: string;
  showMore: string;
  pronounsLabel: string;
  careerStageLabel: string;
  skillsLabel: string;
  categoriesLabel: string;
  careerStages: Record<CareerStage, string>;

  // The profile, in the dialog and previews
  closeProfile: string;
  requestHour: string;
  aboutLabel: string;
  storiesLabel: string;
  languagesLabel: string;
  linksLabel: string;
  /** Said after a link that opens in a new tab. */
  opensInNewTab: string;
  availabilityLabel: string;
  /** One weekly window, such as "Thursdays, 14:00 to 17:30". `day` is the locale's weekday name. */
  availabilityWindow(day: string, start: string, end: string): string;
  availabilityTimeZone(timeZone: string): string;
  noAvailability: string;
  loadingProfile: string;
  profileLoadFailed: string;

  /** First line of every error message. */
  loadFailed: string;
  /** Shown when the API cannot be reached at all (network down). */
  connectionFailed: string;
  /** The API did not answer within the element's `request-timeout`. */
  timedOut: string;
  /** A fault on the library's side (5xx): trying again later may work. */
  serverFailed: string;
  /** The API says the thing asked for does not exist (404). */
  notFound: string;
  /** The signed-in member may not do this (403). */
  notAllowed: string;
  /** The member's sign-in is no longer valid (401). */
  sessionEnded: string;
  /** The API refused what was sent (400, 409, 412, 422) and no field of the form explains it. */
  requestRefused: string;
  /** Anything else that failed, with no more to say. */
  somethingWentWrong: string;
  /**
   * The library refused this page's origin: its publishable key works only on the origins its
   * partner site lists. Addressed to whoever runs the page, since only she can fix it.
   */
  originNotAllowed(origin: string): string;
  /** Shown when the page gave no `api` or `library` attribute. */
  notConfigured: string;
  /** Quoted so a member can tell support which request failed. */
  errorReference(requestId: string): string;
  retry: string;
  /** The API turned a request away for now (HTTP 429); `retryAfterSeconds` is when to come back, if it said. */
  tooManyRequests(retryAfterSeconds: number | undefined): string;

  // <tl-sign-in>
  /** Accessible name of the sign-in form. */
  signInFormLabel: string;
  emailLabel: string;
  requestCode: string;
  requestingCode: string;
  /** Shown once the API has taken the request; it never says whether the address may sign in. */
  codeSent(email: string): string;
  codeLabel: string;
  codeHint: string;
  signIn: string;
  signingIn: string;
  resendCode: string;
  changeEmail: string;
  /** A field's message from the API, such as `must be an email address`, said with the field's label. */
  fieldError(fieldLabel: string, message: string): string;
  requestCodeFailed: string;
  signInFailed: string;
  /** The code typed in is not the one sent, or too old. */
  codeInvalid: string;
  checkingSignIn: string;
  signedInAs(name: string): string;
  signOut: string;
  signingOut: string;
  signedOut: string;
  signOutFailed: string;

  // <tl-profile-editor>
  editorHeading: string;
  createHeading: string;
  createIntro: string;
  editorSignedOut: string;
  loadingEditor: string;
  editorLoadFailed: string;
  statusLabel: string;
  profileStatuses: Record<ProfileStatus, string>;
  /** What the status means for the expert, under it. */
  profileStatusHints: Record<ProfileStatus, string>;
  /** Under a published profile where a coordinator approves profiles: what saving a change does. */
  publishedNeedsReviewHint: string;
  reviewNoteHeading: string;
  displayNameLabel: string;
  headlineLabel: string;
  headlineHint: string;
  bioLabel: string;
  chooseCareerStage: string;
  categoriesHint: string;
  skillsHint: string;
  storiesHint: string;
  storyLegend(n: number): string;
  storyTitleLabel(n: number): string;
  storyBodyLabel(n: number): string;
  addStory: string;
  removeStory(n: number): string;
  languagesHint: string;
  timeZoneLabel: string;
  /** Under the time-zone menu: her weekly times are on this clock. */
  timeZoneHint: string;
  linkLegend(n: number): string;
  linkLabelLabel(n: number): string;
  linkUrlLabel(n: number): string;
  addLink: string;
  removeLink(n: number): string;
  photoUrlLabel: string;
  availabilityHint: string;
  windowLegend(n: number): string;
  weekdayLabel(n: number): string;
  startLabel(n: number): string;
  endLabel(n: number): string;
  addWindow: string;
  removeWindow(n: number): string;
  minimumNoticeLabel: string;
  minimumNoticeHint: string;
  weeklyCapLabel: string;
  weeklyCapHint: string;
  save: string;
  saving: string;
  saved: string;
  /** Announced when saving changed a published profile that must now be approved again. */
  savedForReview: string;
  showPreview: string;
  previewHeading: string;
  previewCardHeading: string;
  previewDetailHeading: string;
  submitForReview: string;
  submitting: string;
  submitted: string;
  publish: string;
  publishing: string;
  published: string;
  errorSummaryTitle: string;
  saveFailed: string;
  submitFailed: string;
  /** Saving met a newer version of the profile (HTTP 412): someone else saved meanwhile. */
  changedMeanwhile: string;
  changedMeanwhileHint: string;
  reloadProfile: string;

  // <tl-review-queue>
  reviewHeading: string;
  loadingQueue: string;
  queueCount(count: number): string;
  queueEmpty: string;
  queueLoadFailed: string;
  refresh: string;
  reviewActionsLabel(name: string): string;
  sendBackNoteLabel: string;
  sendBackNoteHint: string;
  sendBack: string;
  publishedProfile(name: string): string;
  sentBackProfile(name: string): string;
  reviewFailed(name: string): string;

  // <tl-credits>
  creditsHeading: string;
  creditsSignedOut: string;
  loadingCredits: string;
  creditsLoadFailed: string;
  /** An amount of hours, such as "1.5 hours". */
  hours(value: number): string;
  balanceLabel: string;
  heldLabel: string;
  availableLabel: string;
  /** Shown when she has nothing to spend: how to earn hours, or ask for a grant. */
  noCredit: string;
  statementHeading: string;
  fundStatementHeading: string;
  statementEmpty: string;
  statementCaption(shown: number): string;
  dateColumn: string;
  whatColumn: string;
  amountColumn: string;
  runningBalanceColumn: string;
  /** A transfer's kind: `grant`, `exchange`, `donation`, `adjustment`, `starting_grant`. */
  transferKinds(kind: string): string;
  loadingMoreTransfers: string;
  grantHeading: string;
  grantMemberLabel: string;
  grantMemberHint: string;
  grantHoursLabel: string;
  grantHoursHint: string;
  grantReasonLabel: string;
  grantReasonHint: string;
  grant: string;
  granting: string;
  granted(hours: number): string;
  grantFailed: string;

  // <tl-request-hour>
  requestHourHeading(expertName: string): string;
  /** Nobody is signed in: how to sign in, to ask this expert. */
  requestHourSignedOut(expertName: string): string;
  loadingRequestHour: string;
  requestHourLoadFailed: string;
  yourCreditHeading: string;
  /** What asking costs: the hour her credit holds once the expert accepts. */
  holdsOneHour(expertName: string): string;
  /** She has less than an hour available: how to earn one or ask for a grant. The form is not offered. */
  noCreditToRequest: string;
  whenLegend: string;
  chooseSlot: string;
  chooseProposed: string;
  slotsLegend(expertName: string): string;
  /** Names both zones: the viewer's (in which times are shown) and the expert's. */
  slotsHint(viewerZone: string, expertZone: string): string;
  /** One free slot, on the viewer's clock, and on the expert's when it differs. */
  slotLabel(start: string, end: string, expertTime: string | undefined): string;
  noSlots(expertName: string): string;
  slotsUnavailable: string;
  proposedLegend: string;
  proposedHint(viewerZone: string, expertZone: string): string;
  /** The label of the `n`th (1 to 3) proposed time box. */
  proposedTimeLabel(n: number): string;
  messageLabel: string;
  messageHint: string;
  sendRequest: string;
  sendingRequest: string;
  requestFailed: string;
  requestSentHeading: string;
  requestSent(expertName: string): string;
  requestedTimesLabel: string;

  // <tl-my-exchanges>
  myExchangesHeading: string;
  myExchangesSignedOut: string;
  loadingExchanges: string;
  exchangesLoadFailed: string;
  /** A section's name: `upcoming`, `waiting`, `confirm`, `history`. */
  exchangeSection(section: string): string;
  exchangeSectionEmpty(section: string): string;
  exchangeCount(count: number): string;
  exchangeWith(otherName: string): string;
  youAskedLabel: string;
  theyAskedLabel(otherName: string): string;
  exchangeStatusLabel: string;
  /** An exchange's status: `requested`, `scheduled`, `completed`, `declined`, `lapsed`, `cancelled`, `no_show`, `disputed`. */
  exchangeStatus(status: string): string;
  whenLabel: string;
  proposedTimesLabel(byMe: boolean, otherName: string): string;
  /** A time on the viewer's clock and, when it differs, on the other party's, naming both zones. */
  timeWithZones(viewerTime: string, viewerZone: string, otherTime: string | undefined, otherZone: string, otherName: string): string;
  whereLabel: string;
  exchangeMessageLabel: string;
  noPlaceYet: string;
  reasonGiven: string;
  historyLabel: string;
  historyEvent(when: string, who: string, what: string): string;
  historyWhoYou: string;
  historyWhoSystem: string;
  /** What an event in an exchange's history was, by its `kind`. */
  historyKind(kind: string): string;
  /** An action's button: `accept`, `propose`, `decline`, `reschedule`, `cancel`, `confirm`, `dispute`, `noShow`, `concern`. */
  exchangeAction(action: string): string;
  actionHeading(action: string): string;
  actionIntro(action: string): string;
  actionSubmit(action: string): string;
  /** Announced once an action is done. */
  actionDone(action: string, otherName: string): string;
  keepExchange: string;
  chooseTimeLabel: string;
  meetingPlaceLabel: string;
  meetingPlaceHint: string;
  newTimeLabel: string;
  timeInYourZone(viewerZone: string): string;
  reasonLabel: string;
  noteLabel: string;
  concernLabel: string;
  noShowPartyLabel: string;
  noShowParty(party: 'me' | 'other', otherName: string): string;
  actionFailed: string;
  savingAction: string;
  /** The button that downloads a scheduled exchange's calendar file (.ics). */
  addToCalendar: string;
  /** Announced once the calendar file is ready; `otherName` is the other party's. */
  calendarFileReady(otherName: string): string;
  calendarFileFailed: string;
  // <tl-request-form> and <tl-request-board>
  /** A project's stage: `idea`, `planning`, `testing`, `implementing`, `spreading`. */
  projectStage(stage: string): string;
  projectLabel: string;
  projectAimLabel: string;
  projectStageLabel: string;
  wantedSkillsLabel: string;
  requestCategoryLabel: string;

  // <tl-request-form>
  requestFormHeading: string;
  requestFormIntro: string;
  /** Signed out: how to sign in to post a request. */
  requestFormSignedOut: string;
  loadingRequestForm: string;
  requestFormLoadFailed: string;
  requestTitleLabel: string;
  requestTitleHint: string;
  requestNeedLabel: string;
  requestNeedHint: string;
  projectLegend: string;
  projectNameLabel: string;
  projectAimHint: string;
  chooseProjectStage: string;
  wantedSkillsHint: string;
  chooseRequestCategory: string;
  requestCategoryHint: string;
  requestTitleRequired: string;
  requestNeedRequired: string;
  projectNameRequired: string;
  projectStageRequired: string;
  requestSkillsOrCategoryRequired: string;
  postRequest: string;
  postingRequest: string;
  requestPosted(title: string): string;
  requestPostFailed: string;

  // <tl-request-board>
  boardHeading: string;
  /** Signed out: how to sign in to see the requests. */
  boardSignedOut: string;
  loadingRequests: string;
  loadingMoreRequests: string;
  requestsLoadFailed: string;
  /** Told to a signed-in member who is not an expert, kindly. */
  boardExpertsOnly: string;
  boardViewsLabel: string;
  openRequestsView: string;
  ownRequestsView: string;
  requestSearchLabel: string;
  requestSearchHint: string;
  requestSearchButton: string;
  anyCategory: string;
  requestSkillFilterLabel: string;
  anySkill: string;
  requestListLabel: string;
  /** Announced when requests arrive: how many are on screen, and whether more can be shown. */
  requestsShown(shown: number, more: boolean): string;
  noOpenRequests: string;
  noMatchingRequests: string;
  noOwnRequests: string;
  postedBy(name: string): string;
  /** `relative` is the locale's "in 12 days". */
  lapsesIn(relative: string): string;
  /** A request's status: `open`, `matched`, `closed`, `lapsed`. */
  requestStatus(status: string): string;
  respond: string;
  respondHeading(title: string): string;
  responseMessageLabel: string;
  responseMessageHint: string;
  proposedTimesLegend: string;
  /** `zone` names the viewer's time zone, in which the times are typed. */
  proposedTimesHint(zone: string): string;
  /** The label of the `n`th time box in an expert's response to a request. */
  responseTimeLabel(n: number): string;
  addProposedTime: string;
  removeProposedTime(n: number): string;
  responseMessageRequired: string;
  proposedTimeRequired: string;
  proposedTimeInvalid(n: number): string;
  proposedTimeInPast(n: number): string;
  sendResponse: string;
  sendingResponse: string;
  responseSent(title: string): string;
  /** `status` is `responseStatus` of her response. */
  youResponded(status: string): string;
  /** A response's status: `open`, `accepted`, `not_chosen`, `withdrawn`. */
  responseStatus(status: string): string;
  cancel: string;
  showResponses(count: number): string;
  hideResponses: string;
  responsesHeading: string;
  loadingResponses: string;
  noResponsesYet: string;
  responseFrom(name: string): string;
  proposedTimesIn(zone: string): string;
  acceptResponse: string;
  acceptResponseNamed(name: string): string;
  acceptHeading(name: string): string;
  acceptIntro: string;
  chooseTimeLegend: string;
  chooseTimeHint(zone: string): string;
  /** The same time as the expert reads it, in her zone. */
  theirTime(name: string, time: string, zone: string): string;
  // meetingPlaceLabel and meetingPlaceHint are shared with <tl-my-exchanges>, declared above.
  chooseTimeRequired: string;
  meetingPlaceRequired: string;
  scheduleHour: string;
  scheduling: string;
  scheduled(name: string, when: string): string;
  closeRequest: string;
  closeHeading(title: string): string;
  closeIntro: string;
  closeReasonLabel: string;
  closing: string;
  requestClosed(title: string): string;
  renewRequest: string;
  renewing: string;
  requestRenewed(title: string, relative: string): string;
  requestActionFailed: string;

  // <tl-learning-feed>
  learningHeading: string;
  /** Signed out: members who sign in see the library's own items too. */
  learningSignedOutNote: string;
  loadingLearning: string;
  loadingMoreLearning: string;
  learningLoadFailed: string;
  learningSearchLabel: string;
  learningSearchHint: string;
  learningSearchButton: string;
  learningCategoryLabel: string;
  learningAnyCategory: string;
  learningSkillLabel: string;
  learningAnySkill: string;
  learningListLabel: string;
  /** Announced when items arrive: how many are on screen, and whether more can be shown. */
  learningShown(shown: number, more: boolean): string;
  noLearning: string;
  noMatchingLearning: string;
  /** Who wrote an item: `member` or `expert` (its `authorRole`). */
  sharedBy(role: string): string;
  learnedLabel: string;
  nextStepsLabel: string;
  outputsLabel: string;
  /** The link to the named expert's profile. */
  expertProfileLink(name: string): string;

  // <tl-insights>
  insightsHeading: string;
  insightsSignedOut: string;
  /** A signed-in member who is not one of the library's coordinators (403). */
  insightsNotCoordinator: string;
  loadingInsights: string;
  insightsLoadFailed: string;
  /** Announced when figures arrive: the period's days as written out (null for open-ended) and the category's name (null for all). */
  insightsShown(from: string | null, to: string | null, category: string | null): string;
  insightsFiltersLabel: string;
  insightsFromLabel: string;
  insightsToLabel: string;
  insightsCategoryLabel: string;
  insightsAnyCategory: string;
  insightsApply: string;
  /** A figure about fewer than 5 people, which the API withholds. */
  fewerThan5: string;
  /** A rate or mean with nothing to work it out from. */
  noData: string;
  /** The toggle (pressed or not) between a chart and the table of its figures. */
  showAsTable: string;
  requestedLabel: string;
  scheduledLabel: string;
  completedLabel: string;
  hoursExchangedLabel: string;
  completionRateLabel: string;
  noShowRateLabel: string;
  cancellationRateLabel: string;
  exchangesHeading: string;
  outcomesHeading: string;
  outcomeColumn: string;
  exchangesColumn: string;
  /** An exchange's outcome: `completed`, `cancelled`, `declined`, `lapsed`, `no_show`, `disputed` or `open`. */
  outcomeNames(outcome: string): string;
  ratingsHeading: string;
  ratingsCountLabel: string;
  ratingsMeanLabel: string;
  ratingColumn: string;
  /** A rating of the value to the project, 1 to 5. */
  ratingName(rating: number): string;
  supplyHeading: string;
  categoryColumn: string;
  offeringColumn: string;
  askingColumn: string;
  equityHeading: string;
  expertsCountLabel: string;
  topTenthShareLabel: string;
  giniLabel: string;
  expertsTableCaption: string;
  expertColumn: string;
  givenColumn: string;
  receivedColumn: string;
  netColumn: string;
  noExpertHours: string;
  responseHeading: string;
  firstAnswerLabel: string;
  firstResponseLabel: string;
  careersHeading: string;
  careersTableCaption: string;
  followUpColumn: string;
  /** `threeMonths` or `sixMonths`, as a row's name. */
  followUpName(followUp: string): string;
  confidenceChangeColumn: string;
  /** `promotion`, `newRole` or `newResponsibilities`, as a column's name. */
  careerYesNo(question: string): string;
  /** A yes/no question's two counts, each already in words ("fewer than 5" among them). */
  yesNoCounts(yes: string, no: string): string;
  // <tl-surveys>
  surveysHeading: string;
  loadingSurveys: string;
  surveysLoadFailed: string;
  surveysSignedOut: string;
  noSurveys: string;
  /** Announced when her surveys arrive: how many wait for her. */
  surveysWaiting(count: number): string;
  /** Said under a survey that asks about an exchange. */
  surveyAboutExchange: string;
  /** Beside a question she may leave unanswered. */
  surveyOptional: string;
  surveyYes: string;
  surveyNo: string;
  /** Under a scale question: its range, with the words for its ends where the instrument gives them. */
  surveyScaleHint(min: number, max: number, minLabel?: string, maxLabel?: string): string;
  surveyTextHint(maxLength: number): string;
  sendAnswers: string;
  sendingAnswers: string;
  answersSent: string;
  answersFailed: string;
}

export const plural = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
/** Matches one of the API's messages that read on from the field's name: "is required", "must be…". */
const continuesName = /^(is|are|must|should|can)\b/;

/** Words every element uses: the locale, career stages, errors. Each element adds its own. */
export const commonStrings = {
  locale: 'en-GB',
  careerStages: Object.freeze({
    entry: 'Foundation level',
    early: 'Early career',
    mid: 'Mid-career',
    senior: 'Senior',
    executive: 'Executive',
  }),
  connectionFailed: 'The library could not be reached. Check your connection and try again.',
  timedOut: 'The library is taking too long to answer. Try again in a moment.',
  serverFailed: 'Something went wrong at the library’s end. Try again in a moment.',
  notFound: 'This could not be found. It may have been removed, or the link may be wrong.',
  notAllowed: 'You do not have permission to do this.',
  sessionEnded: 'Your sign-in has ended. Sign in again to carry on.',
  requestRefused: 'This could not be done. Check what you entered.',
  somethingWentWrong: 'Something went wrong. Try again in a moment.',
  originNotAllowed: (origin: string) =>
    `The library is not allowed on ${origin}. If you run this site, add ${origin} to your partner site’s allowed origins.`,
  notConfigured: 'This library has not been set up yet: the page must give the element an api and a library.',
  errorReference: (requestId: string) => `Reference: ${requestId}`,
  retry: 'Try again',
  tooManyRequests: (retryAfterSeconds: number | undefined) => {
    if (retryAfterSeconds === undefined) return 'There have been too many tries. Wait a few minutes, then try again.';
    if (retryAfterSeconds < 90) {
      return `There have been too many tries. Wait ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}, then try again.`;
    }
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return `There have been too many tries. Wait ${minutes} minutes, then try again.`;
  },
  fieldError: (fieldLabel: string, message: string) =>
    continuesName.test(message) ? `${fieldLabel} ${message}` : `${fieldLabel}: ${message}`,
  publish: 'Publish',
  editorSignedOut: 'Sign in to create or edit your expert profile.',
} satisfies Partial<TalkingLibraryStrings>;

type Nested = 'careerStages' | 'profileStatuses' | 'profileStatusHints';

/** Strings a site overrides: any subset, including some career stages or statuses only. */
export type StringOverrides = Partial<Omit<TalkingLibraryStrings, Nested>> & {
  [K in Nested]?: Partial<TalkingLibraryStrings[K]>;
};

/**
 * The default wording of the elements on this page so far is the common words and each element's
 * own part (`static defaultText`), added when the first one is made, so a page pays only for the
 * words of the elements it shows; `defaultStrings` in the npm package holds every part.
 */
export { addDefaultStrings, mergeStrings, onStringsChange, setStrings } from './internal/strings-registry.js';

/** The strings in force for every element on the page: the defaults, with the site's overrides. */
export function getStrings(): TalkingLibraryStrings {
  return registeredStrings(commonStrings);
}
