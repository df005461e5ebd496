/**
 * `talking-library.js`, the one script a partner page adds. It defines no element up front: it
 * watches the page, and the first time a Talking Library tag appears (in the HTML, or added later by
 * the page's own script or framework) it fetches that element's chunk and defines it. Lit and the
 * SDK client travel in a chunk the elements share, fetched once.
 *
 * A page's own script can import the strings API and `loadElement` from this file; the SDK client
 * is in `talking-library-client.js` beside it.
 *
 * It imports no chunk: the modules below are bundled into it (each keeps its state on `globalThis`,
 * where the elements' copies find it), so nothing waits for another file before the loader can set
 * off an element's download and `<talking-library>`'s first reads.
 */
import { defineElement } from '../internal/define.js';
import { pageLoader, useElementLoader } from '../internal/element-loader.js';
import { prefetchFirstReads } from './first-reads.js';
import { registeredStrings } from '../internal/strings-registry.js';
import type { TalkingLibraryStrings } from '../strings.js';
import { ELEMENT_CHUNKS } from './element-chunks.js';

export { onStringsChange, setStrings } from '../internal/strings-registry.js';

/**
 * The strings in force: the common words and those of each element made so far (their code brings
 * them), with the site's overrides; before any element's code has arrived, the overrides alone.
 */
export function getStrings(): TalkingLibraryStrings {
  return registeredStrings();
}

/** Set by the CDN build (scripts/build-cdn.ts) from its module graph; absent when run from source. */
declare const __TL_MODULE_PRELOADS__: string | undefined;

const TAGS = Object.keys(ELEMENT_CHUNKS);
/** For each element, the files in chunks/ (named without `.js`) its own file imports, all the way down. */
const PRELOADS: Record<string, readonly string[]> = typeof __TL_MODULE_PRELOADS__ === 'undefined' ? {} : JSON.parse(__TL_MODULE_PRELOADS__);
const loading = new Map<string, Promise<void>>();
const preloaded = new Set<string>();

/**
 * Without this, the browser learns that an element needs Lit (the `shared` chunk) only once the
 * element's chunk has arrived and been parsed: one more round trip before the first cards. A
 * `modulepreload` link for each chunk it imports lets all of them travel with the element's own.
 */
function preloadChunksOf(tag: string): void {
  if (typeof document === 'undefined') return;
  for (const file of PRELOADS[tag] ?? []) {
    const href = new URL(`chunks/${file}.js`, import.meta.url).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}

/**
 * Fetches and defines one element now, whether or not its tag is on the page: for elements that
 * live where the loader cannot see them, such as inside another component's shadow root.
 */
export function loadElement(tag: string): Promise<void> {
  const chunk = ELEMENT_CHUNKS[tag];
  if (!chunk) return Promise.reject(new Error(`<${tag}> is not a Talking Library element; known: ${TAGS.join(', ')}.`));
  let pending = loading.get(tag);
  if (!pending) {
    preloadChunksOf(tag);
    pending = chunk().then(
      (constructor) => defineElement(tag, constructor),
      (error: unknown) => {
        // Forget the failure, so the next time the tag appears (or a retry) fetches again.
        loading.delete(tag);
        console.error(`The Talking Library could not load <${tag}>:`, error);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads every element whose tag is in `root` and not defined yet. */
function loadPresent(root: ParentNode): void {
  const wanted = TAGS.filter((tag) => !loading.has(tag) && !customElements.get(tag));
  if (wanted.length === 0) return;
  for (const element of root.querySelectorAll(wanted.join(','))) found(element);
}

/** A tag of ours seen on the page: its code, and for `<talking-library>` its first reads, set off together. */
function found(element: Element): void {
  if (element.localName === 'talking-library') prefetchFirstReads(element);
  void loadElement(element.localName).catch(() => {});
}

function watch(): void {
  loadPresent(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (ELEMENT_CHUNKS[element.localName] && !loading.has(element.localName)) found(element);
        if (element.firstElementChild) loadPresent(element);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

// In Node (server-side rendering, tests) there is no page to watch: importing does nothing.
if (typeof document !== 'undefined' && typeof customElements !== 'undefined') {
  const first = pageLoader();
  if (first) {
    console.warn(`The Talking Library loader is on this page twice (${first.url} and ${import.meta.url}); the first one serves every element.`);
  } else {
    useElementLoader({ url: import.meta.url, load: loadElement });
    watch();
  }
}
