/**
 * `<talking-library>`'s first two reads — its library and the first page of experts — started by
 * the loader the moment it sees the tag, while the element's code is still on its way, and handed
 * to the element's client when it asks for exactly those URLs. Without this the reads wait for the
 * element's chunks to arrive, parse and run: the last link of the chain before the first cards
 * (issue 9).
 *
 * Only reads a visitor with the page's key would make: none for a signed-in element (its reads carry
 * a token and may see more), none while the address holds a search (the element asks for that one).
 * The map lives on `globalThis`, so a second copy of this module (another build on the page) shares it.
 */
const FIRST_READS = Symbol.for('talking-library.first-reads');
/** A read nobody claims by then is dropped: the element was removed, or asked for something else. */
const UNCLAIMED_MS = 10_000;
/** How many experts `<talking-library>` shows on a page when `page-size` is absent or not a number. */
export const DEFAULT_PAGE_SIZE = 12;

type Reads = Map<string, Promise<Response>>;

function reads(): Reads {
  const global = globalThis as { [FIRST_READS]?: Reads };
  return (global[FIRST_READS] ??= new Map());
}

/** The page size `<talking-library>` asks for, from its `page-size`: 1 to 100. */
export function pageSizeLimit(pageSize: number): number {
  const size = Math.trunc(pageSize);
  return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : DEFAULT_PAGE_SIZE;
}

/** Starts the reads `element`, a `<talking-library>` just seen on the page, is about to make. */
export function prefetchFirstReads(element: Element): void {
  const api = element.getAttribute('api');
  const library = element.getAttribute('library');
  const key = element.getAttribute('publishable-key');
  if (!api || !library || !key || element.hasAttribute('member-token')) return;
  if (!element.hasAttribute('no-history') && /(^|[#&])tl-/.test(location.hash)) return;
  const pageSize = element.hasAttribute('page-size') ? Number(element.getAttribute('page-size')) : DEFAULT_PAGE_SIZE;
  const libraryPath = `v1/libraries/${encodeURIComponent(library)}`;
  start(apiUrl(api, libraryPath, key));
  start(apiUrl(api, `${libraryPath}/profiles`, key, { limit: String(pageSizeLimit(pageSize)) }));
}

/**
 * The response to a read the loader started, when `input` asks for exactly it (same URL, a GET
 * with no token); each is handed out once. Undefined otherwise: the caller fetches as usual.
 */
export function takeFirstRead(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> | undefined {
  if (typeof input !== 'string' && !(input instanceof URL)) return undefined;
  if ((init?.method ?? 'GET') !== 'GET' || new Headers(init?.headers).has('authorization')) return undefined;
  const url = normalised(new URL(input));
  const read = reads().get(url);
  if (!read) return undefined;
  reads().delete(url);
  const signal = init?.signal;
  if (!signal) return read;
  if (signal.aborted) return Promise.reject(signal.reason);
  // The caller's timeout and abort still apply to a read that started before it asked.
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    read.then(resolve, reject);
  });
}

function start(url: URL): void {
  const key = normalised(url);
  if (reads().has(key)) return;
  // The same request the SDK makes: a simple GET (no custom header), so no preflight either.
  const read = fetch(url, { headers: { accept: 'application/json' } });
  // A read nobody claims must not surface as an unhandled rejection; whoever claims it sees the error.
  read.catch(() => {});
  reads().set(key, read);
  setTimeout(() => {
    if (reads().get(key) === read) reads().delete(key);
  }, UNCLAIMED_MS);
}

/** The URL the SDK builds for `path` with the key in the query (`keyInQuery`), as it resolves `api`. */
function apiUrl(api: string, path: string, key: string, query: Record<string, string> = {}): URL {
  const base = new URL(api, document.baseURI).href;
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  url.searchParams.set('key', key);
  return url;
}

/** One spelling per read, whatever order the query's parameters came in. */
function normalised(url: URL): string {
  const copy = new URL(url);
  copy.searchParams.sort();
  copy.hash = '';
  return copy.href;
}
