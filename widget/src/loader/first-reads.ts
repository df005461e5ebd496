import { DEFAULT_PAGE_SIZE, normalised, pageSizeLimit, reads } from '../internal/first-reads.js';

// The loader's half of internal/first-reads.ts: starting `<talking-library>`'s first two reads the
// moment it sees the tag. The element's client takes them (`takeFirstRead`).

/** A read nobody claims by then is dropped: the element was removed, or asked for something else. */
const UNCLAIMED_MS = 10_000;

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

