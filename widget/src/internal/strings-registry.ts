import type { StringOverrides, TalkingLibraryStrings } from '../strings.js';

/**
 * The page's wording: the default parts elements brought, the site's overrides and who listens for
 * changes. It lives on `globalThis` because the loader (talking-library.js) and the elements'
 * shared chunk are separate files that share no module: the page's `setStrings`, imported from the
 * loader, must reach elements whose code arrives later.
 */
interface Registry {
  defaults: Partial<TalkingLibraryStrings>;
  overrides: StringOverrides | undefined;
  listeners: Set<() => void>;
  /** Counts changes, so each copy of this module knows when its last merge is out of date. */
  version: number;
}

const REGISTRY = Symbol.for('talking-library.strings');

function registry(): Registry {
  const global = globalThis as { [REGISTRY]?: Registry };
  return (global[REGISTRY] ??= { defaults: {}, overrides: undefined, listeners: new Set(), version: 0 });
}

/** Adds an element's default wording; what a site set with `setStrings` still wins. */
export function addDefaultStrings(part: Partial<TalkingLibraryStrings>): void {
  const state = registry();
  state.defaults = mergeStrings(state.defaults as TalkingLibraryStrings, part);
  state.version++;
}

const NO_BASE: Partial<TalkingLibraryStrings> = {};
/** The last merge: every element reads the strings on every render, and they rarely change. */
let merged: { base: object; version: number; strings: TalkingLibraryStrings } | undefined;

/** `base`, then the default parts added so far, then the site's overrides. */
export function registeredStrings(base: Partial<TalkingLibraryStrings> = NO_BASE): TalkingLibraryStrings {
  const { defaults, overrides, version } = registry();
  if (merged?.base !== base || merged.version !== version) {
    merged = { base, version, strings: mergeStrings(mergeStrings(base as TalkingLibraryStrings, defaults), overrides) };
  }
  return merged.strings;
}

/**
 * Overrides strings for every element on the page, including ones already showing and ones not
 * loaded yet; call with no argument to go back to the defaults.
 *
 * @example setStrings({ noExperts: 'Nobody here yet — check back soon.' })
 */
export function setStrings(siteOverrides?: StringOverrides): void {
  const state = registry();
  state.overrides = siteOverrides;
  state.version++;
  for (const listener of state.listeners) listener();
}

/** Calls `listener` whenever `setStrings` runs; returns the unsubscribe function. */
export function onStringsChange(listener: () => void): () => void {
  const { listeners } = registry();
  listeners.add(listener);
  return () => listeners.delete(listener);
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
