import type { CareerStage } from '@talking-library/sdk';

/**
 * Every word the elements show or announce. Messages that depend on a value are functions, so a
 * translation can handle plurals and word order its own way.
 */
export interface TalkingLibraryStrings {
  /** Heading shown until the library's own name has loaded. */
  libraryFallbackName: string;
  /** Accessible name of the list of expert cards. */
  expertListLabel(libraryName: string): string;
  loadingExperts: string;
  loadingMoreExperts: string;
  /** Announced after each page arrives. `hasMore` says whether "Show more" is offered. */
  expertCount(count: number, hasMore: boolean): string;
  noExperts: string;
  showMore: string;
  pronounsLabel: string;
  careerStageLabel: string;
  skillsLabel: string;
  categoriesLabel: string;
  careerStages: Record<CareerStage, string>;
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
}

export const defaultStrings: Readonly<TalkingLibraryStrings> = Object.freeze({
  libraryFallbackName: 'Talking Library',
  expertListLabel: (libraryName: string) => `Experts in ${libraryName}`,
  loadingExperts: 'Loading experts…',
  loadingMoreExperts: 'Loading more experts…',
  expertCount: (count: number, hasMore: boolean) => {
    const shown = count === 1 ? 'Showing 1 expert' : `Showing ${count} experts`;
    return hasMore ? `${shown}. More are available.` : `${shown}.`;
  },
  noExperts: 'No experts have published a profile yet.',
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
  fieldError: (fieldLabel: string, message: string) => `${fieldLabel} ${message}`,
  requestCodeFailed: 'Sorry, the code could not be sent.',
  signInFailed: 'Sorry, you could not be signed in.',
  checkingSignIn: 'Checking whether you are signed in…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signingOut: 'Signing you out…',
  signedOut: 'You have signed out.',
  signOutFailed: 'Sorry, you could not be signed out.',
});

/** Strings a site overrides: any subset, including some career stages only. */
export type StringOverrides = Partial<Omit<TalkingLibraryStrings, 'careerStages'>> & {
  careerStages?: Partial<Record<CareerStage, string>>;
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
  const { careerStages, ...rest } = overrides;
  return { ...base, ...definedOnly(rest), careerStages: { ...base.careerStages, ...definedOnly(careerStages ?? {}) } };
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
