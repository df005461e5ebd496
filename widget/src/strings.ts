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
