import { defineElement } from './define.js';

type Load = (tag: string) => Promise<void>;

/** The page's loader (talking-library.js), once it has said it is here. */
let pageLoader: Load | undefined;

/** Called by the loader: elements that need another element ask it, so each chunk travels once, with its preloads. */
export function useElementLoader(load: Load): void {
  pageLoader ??= load;
}

/**
 * Defines `tag` for an element that shows it inside its own shadow root, where the loader cannot
 * see it, and only when it is first needed: through the page's loader when there is one, else (an
 * app that imports the elements from npm) from `load`, which its bundler splits off as well.
 */
export function requireElement(tag: string, load: () => Promise<CustomElementConstructor>): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  if (pageLoader) return pageLoader(tag);
  return load().then((constructor) => defineElement(tag, constructor));
}
