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
/** How many experts `<talking-library>` shows on a page when `page-size` is absent or not a number. */
export const DEFAULT_PAGE_SIZE = 12;

type Reads = Map<string, Promise<Response>>;

/** The reads started and not yet claimed, on `globalThis`: the loader starts them, the element's copy of this module takes them. */
export function reads(): Reads {
  const global = globalThis as { [FIRST_READS]?: Reads };
  return (global[FIRST_READS] ??= new Map());
}

/** The page size `<talking-library>` asks for, from its `page-size`: 1 to 100. */
export function pageSizeLimit(pageSize: number): number {
  const size = Math.trunc(pageSize);
  return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : DEFAULT_PAGE_SIZE;
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

/** One spelling per read, whatever order the query's parameters came in. */
export function normalised(url: URL): string {
  const copy = new URL(url);
  copy.searchParams.sort();
  copy.hash = '';
  return copy.href;
}
