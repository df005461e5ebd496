import type { CareerStage, ProfileStatus } from '@talking-library/sdk';

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
  /** Shown when the API cannot be reached at all (network down, timed out). */
  connectionFailed: string;
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
  save: string;
  saving: string;
  saved: string;
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
}

const plural = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
/** Matches one of the API's messages that read on from the field's name: "is required", "must be…". */
const continuesName = /^(is|are|must|should|can)\b/;

export const defaultStrings: Readonly<TalkingLibraryStrings> = Object.freeze({
  locale: 'en-GB',
  libraryFallbackName: 'Talking Library',
  expertListLabel: (libraryName: string) => `Experts in ${libraryName}`,
  loadingExperts: 'Loading experts…',
  loadingMoreExperts: 'Loading more experts…',
  resultCount: (total: number, shown: number, query: string, filtered: boolean, atLeast = false) => {
    const matches = atLeast ? `At least ${total.toLocaleString('en-GB')} experts match` : total === 1 ? '1 expert matches' : `${total} experts match`;
    const found = query ? `${matches} “${query}”${filtered ? ' with these filters' : ''}` : filtered ? `${matches} these filters` : plural(total, 'expert', 'experts');
    return shown < total ? `${found}. Showing ${shown}.` : `${found}.`;
  },
  noExperts: 'No experts have published a profile yet.',
  noMatches: (query: string, filtered: boolean) =>
    query ? `No experts match “${query}”${filtered ? ' with these filters' : ''}.` : 'No experts match these filters.',
  clearFilters: 'Clear filters',
  searchLabel: 'Search experts',
  searchHint: 'Skills, topics, names or places. Results update as you type.',
  skillFilterLabel: 'Skills',
  skillsChosen: (count: number) => `${count} chosen`,
  anyCareerStage: 'Any career stage',
  facetCount: (count: number) => plural(count, 'expert', 'experts'),
  snippetLabel: 'Where your search matched',
  showMore: 'Show more experts',
  pronounsLabel: 'Pronouns',
  careerStageLabel: 'Career stage',
  skillsLabel: 'Skills',
  categoriesLabel: 'Categories',
  careerStages: Object.freeze({
    entry: 'Foundation level',
    early: 'Early career',
    mid: 'Mid-career',
    senior: 'Senior',
    executive: 'Executive',
  }),

  closeProfile: 'Close',
  requestHour: 'Request an hour',
  aboutLabel: 'About',
  storiesLabel: 'Stories',
  languagesLabel: 'Languages',
  linksLabel: 'Links',
  opensInNewTab: '(opens in a new tab)',
  availabilityLabel: 'Usually available',
  availabilityWindow: (day: string, start: string, end: string) => `${day}, ${start} to ${end}`,
  availabilityTimeZone: (timeZone: string) => `Times are in the expert’s time zone, ${timeZone.replaceAll('_', ' ')}.`,
  noAvailability: 'No regular hours yet: suggest a time that suits you both.',
  loadingProfile: 'Loading the profile…',
  profileLoadFailed: 'Sorry, this profile could not be loaded.',
  loadFailed: 'Sorry, the experts could not be loaded.',
  connectionFailed: 'The library could not be reached. Check your connection and try again.',
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

  signInFormLabel: 'Sign in with your email address',
  emailLabel: 'Email address',
  requestCode: 'Email me a code',
  requestingCode: 'Sending you a code…',
  codeSent: (email: string) => `If ${email} can sign in, a 6-digit code is on its way to it. It can take a minute to arrive.`,
  codeLabel: 'Sign-in code',
  codeHint: 'The 6 digits from the email. Or follow the link in the email instead.',
  signIn: 'Sign in',
  signingIn: 'Signing you in…',
  resendCode: 'Send a new code',
  changeEmail: 'Use a different email address',
  fieldError: (fieldLabel: string, message: string) =>
    continuesName.test(message) ? `${fieldLabel} ${message}` : `${fieldLabel}: ${message}`,
  requestCodeFailed: 'Sorry, the code could not be sent.',
  signInFailed: 'Sorry, you could not be signed in.',
  checkingSignIn: 'Checking whether you are signed in…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signingOut: 'Signing you out…',
  signedOut: 'You have signed out.',
  signOutFailed: 'Sorry, you could not be signed out.',

  editorHeading: 'Your expert profile',
  createHeading: 'Create your profile',
  createIntro: 'Tell members what you can help with. Save a draft at any time and come back to it.',
  editorSignedOut: 'Sign in to create or edit your expert profile.',
  loadingEditor: 'Loading your profile…',
  editorLoadFailed: 'Sorry, your profile could not be loaded.',
  statusLabel: 'Status',
  profileStatuses: Object.freeze({ draft: 'Draft', submitted: 'Waiting for review', published: 'Published', paused: 'Paused' }),
  profileStatusHints: Object.freeze({
    draft: 'Only you can see it until it is published.',
    submitted: 'A coordinator will review it soon. You can still make changes.',
    published: 'Members can find you. Changes show as soon as you save them.',
    paused: 'Members cannot find you for now.',
  }),
  reviewNoteHeading: 'A coordinator sent your profile back',
  displayNameLabel: 'Your name, as members will see it',
  headlineLabel: 'Headline',
  headlineHint: 'One line about what you do.',
  bioLabel: 'About you',
  chooseCareerStage: 'Choose your career stage',
  categoriesHint: 'Choose up to 5.',
  skillsHint: 'Choose up to 20.',
  storiesHint: 'Experiences that shaped your work: up to 5.',
  storyLegend: (n: number) => `Story ${n}`,
  storyTitleLabel: (n: number) => `Story ${n} title`,
  storyBodyLabel: (n: number) => `Story ${n} text`,
  addStory: 'Add a story',
  removeStory: (n: number) => `Remove story ${n}`,
  languagesHint: 'Language codes, separated by commas: en, yo, pt-BR.',
  timeZoneLabel: 'Time zone',
  linkLegend: (n: number) => `Link ${n}`,
  linkLabelLabel: (n: number) => `Link ${n} text`,
  linkUrlLabel: (n: number) => `Link ${n} web address`,
  addLink: 'Add a link',
  removeLink: (n: number) => `Remove link ${n}`,
  photoUrlLabel: 'Photo web address (optional)',
  availabilityHint: 'Weekly times when you could give an hour, in your time zone.',
  windowLegend: (n: number) => `Time ${n}`,
  weekdayLabel: (n: number) => `Time ${n} day`,
  startLabel: (n: number) => `Time ${n} from`,
  endLabel: (n: number) => `Time ${n} until`,
  addWindow: 'Add a time',
  removeWindow: (n: number) => `Remove time ${n}`,
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  showPreview: 'Preview',
  previewHeading: 'How members will see your profile',
  previewCardHeading: 'In the list',
  previewDetailHeading: 'When they open it',
  submitForReview: 'Submit for review',
  submitting: 'Submitting…',
  submitted: 'Submitted for review. A coordinator will look at it soon.',
  publish: 'Publish',
  publishing: 'Publishing…',
  published: 'Published. Members can now find you.',
  errorSummaryTitle: 'There is a problem',
  saveFailed: 'Sorry, your profile could not be saved.',
  submitFailed: 'Sorry, your profile could not be sent.',
  changedMeanwhile: 'Someone else changed this profile while you were editing it, so your changes were not saved.',
  changedMeanwhileHint: 'Reload the profile to see it as it is now, then make your changes again.',
  reloadProfile: 'Reload the profile',

  reviewHeading: 'Profiles waiting for review',
  loadingQueue: 'Loading profiles to review…',
  queueCount: (count: number) => `${plural(count, 'profile', 'profiles')} waiting for review, oldest first.`,
  queueEmpty: 'No profiles are waiting for review.',
  queueLoadFailed: 'Sorry, the profiles to review could not be loaded.',
  refresh: 'Refresh',
  reviewActionsLabel: (name: string) => `Review ${name}`,
  sendBackNoteLabel: 'What should the expert change?',
  sendBackNoteHint: 'The expert sees this note beside the profile when editing it.',
  sendBack: 'Send back',
  publishedProfile: (name: string) => `Published ${name}’s profile.`,
  sentBackProfile: (name: string) => `Sent ${name}’s profile back with your note.`,
  reviewFailed: (name: string) => `Sorry, ${name}’s profile could not be updated.`,
});

type Nested = 'careerStages' | 'profileStatuses' | 'profileStatusHints';

/** Strings a site overrides: any subset, including some career stages or statuses only. */
export type StringOverrides = Partial<Omit<TalkingLibraryStrings, Nested>> & {
  [K in Nested]?: Partial<TalkingLibraryStrings[K]>;
};

let current: TalkingLibraryStrings = defaultStrings;
const listeners = new Set<() => void>();

/** The strings in force for every element on the page. */
export function getStrings(): TalkingLibraryStrings {
  return current;
}

/**
 * Overrides strings for every element on the page, including ones already showing; call with no
 * argument to go back to the defaults.
 *
 * @example setStrings({ noExperts: 'Nobody here yet — check back soon.' })
 */
export function setStrings(overrides?: StringOverrides): void {
  current = overrides ? mergeStrings(defaultStrings, overrides) : defaultStrings;
  for (const listener of listeners) listener();
}

export function mergeStrings(base: TalkingLibraryStrings, overrides: StringOverrides | undefined): TalkingLibraryStrings {
  if (!overrides) return base;
  const { careerStages, profileStatuses, profileStatusHints, ...rest } = overrides;
  return {
    ...base,
    ...definedOnly(rest),
    careerStages: { ...base.careerStages, ...definedOnly(careerStages ?? {}) },
    profileStatuses: { ...base.profileStatuses, ...definedOnly(profileStatuses ?? {}) },
    profileStatusHints: { ...base.profileStatusHints, ...definedOnly(profileStatusHints ?? {}) },
  };
}

/** `{ title: undefined }` from a half-filled form should not blank out a default. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Calls `listener` whenever `setStrings` runs; returns the unsubscribe function. */
export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
