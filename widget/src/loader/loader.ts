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
import { nextTask } from '../internal/next-task.js';

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
      // Defined a task after its code has run, so running the code and making the elements on
      // the page are two shorter tasks rather than one long one.
      async (constructor) => {
        await nextTask();
        defineElement(tag, constructor);
      },
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

/**
 * A tag of ours seen on the page. `<talking-library>` is set off at once, its code and its first
 * reads together; every other element a task later, one a task: each costs the page a few
 * milliseconds (its `import()`, its preload links), and a page with several made one long task of
 * them while its HTML was still being parsed (84 ms at 4× CPU on the demo page).
 */
function found(element: Element): void {
  if (element.closest('[hidden]')) return waitUntilShown(element.localName);
  if (element.localName === 'talking-library') return start(element);
  queued.push(element);
  draining ??= drainQueue();
}

function start(element: Element): void {
  if (element.localName === 'talking-library') prefetchFirstReads(element);
  void loadElement(element.localName).catch(() => {});
}

const queued: Element[] = [];
/** Settles once every queued element has been set off. */
let draining: Promise<void> | undefined;

async function drainQueue(): Promise<void> {
  for (let element = queued.shift(); element; element = queued.shift()) {
    await nextTask();
    if (!loading.has(element.localName) && !customElements.get(element.localName)) start(element);
  }
  draining = undefined;
}

/**
 * Elements inside a `hidden` section (the demo page keeps eight of its eleven there until someone
 * signs in) load once the page is idle, one at a time, or at once when their section is shown:
 * fetched and started with the rest, their work came between the visitor and the first cards.
 */
const waiting = new Set<string>();
let idleLoadQueued = false;

function waitUntilShown(tag: string): void {
  waiting.add(tag);
  if (idleLoadQueued) return;
  idleLoadQueued = true;
  // After the shown elements have loaded, so they do not share the network and the main thread;
  // a microtask from now, every shown element found with this one has been asked for or queued.
  queueMicrotask(async () => {
    while (draining) await draining;
    await Promise.allSettled([...loading.values()]);
    whenIdle(loadOneWaiting);
  });
}

function loadOneWaiting(): void {
  const [tag] = waiting;
  if (tag === undefined) {
    idleLoadQueued = false;
    return;
  }
  waiting.delete(tag);
  if (!loading.has(tag) && !customElements.get(tag)) {
    void loadElement(tag)
      .catch(() => {})
      .then(() => whenIdle(loadOneWaiting));
  } else whenIdle(loadOneWaiting);
}

/** A section was shown: its elements load now rather than when the page is next idle. */
function shown(root: Element): void {
  for (const tag of waiting) {
    const element = root.localName === tag ? root : root.querySelector(tag);
    if (element && !element.closest('[hidden]')) {
      waiting.delete(tag);
      found(element);
    }
  }
}

/** When the browser has nothing better to do (within two seconds at the latest). */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}

function watch(): void {
  loadPresent(document);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (waiting.size > 0 && !(record.target as Element).hasAttribute('hidden')) shown(record.target as Element);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (ELEMENT_CHUNKS[element.localName] && !loading.has(element.localName)) found(element);
        if (element.firstElementChild) loadPresent(element);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
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
