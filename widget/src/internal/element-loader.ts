import { defineElement } from './define.js';

/**
 * What the page's loader (talking-library.js) puts on `globalThis` once it runs: where it came
 * from, and how it fetches an element. On `globalThis` because the loader shares no module with
 * the elements' chunks: it imports nothing, so it can start their downloads the moment it runs.
 */
export interface PageLoader {
  url: string;
  load(tag: string): Promise<void>;
}

const PAGE_LOADER = Symbol.for('talking-library.loader');

/** The loader already serving this page, if one is. */
export function pageLoader(): PageLoader | undefined {
  return (globalThis as { [PAGE_LOADER]?: PageLoader })[PAGE_LOADER];
}

/** Called by the loader: elements that need another element ask it, so each chunk travels once, with its preloads. */
export function useElementLoader(loader: PageLoader): void {
  (globalThis as { [PAGE_LOADER]?: PageLoader })[PAGE_LOADER] ??= loader;
}

/**
 * Defines `tag` for an element that shows it inside its own shadow root, where the loader cannot
 * see it, and only when it is first needed: through the page's loader when there is one, else (an
 * app that imports the elements from npm) from `load`, which its bundler splits off as well.
 */
export function requireElement(tag: string, load: () => Promise<CustomElementConstructor>): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  const loader = pageLoader();
  if (loader) return loader.load(tag);
  return load().then((constructor) => defineElement(tag, constructor));
}
