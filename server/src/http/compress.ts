import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** Gzips a whole answer at once: the runtime's own compressor, where it has one (Node's zlib). */
export type Gzip = (bytes: Uint8Array) => Uint8Array;

/** Below this, compressing costs more than the bytes it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Compresses answers for clients that accept it, except those carrying an ETag. An ETag names one
 * version of a resource's bytes; compressing them would, by the rules, weaken the tag, and a weak
 * tag cannot be used with If-Match. Single resources are small; the lists, which carry no ETag,
 * are where compression pays. Files that arrive encoded (the widget's chunks) pass untouched.
 *
 * JSON answers are whole strings already, so with a `gzip` of the runtime's they are compressed
 * in one call, and only past COMPRESS_THRESHOLD_BYTES: a stream (CompressionStream, all that edge runtimes
 * offer) costs a twelve-card list some four times as much, most of it the stream's machinery.
 */
export function compressAnswers(gzip?: Gzip): MiddlewareHandler {
  const streamed = compress();
  return async (c, next) => {
    await next();
    if (c.res.headers.has('etag')) return;
    if (gzip && isWholeJson(c)) return gzipJson(c, gzip);
    // The compressor reads the answer after "its" next: this one has already run.
    await streamed(c, async () => {});
  };
}

function isWholeJson(c: Context): boolean {
  const res = c.res;
  return (
    /^application\/(?:problem\+)?json\b/.test(res.headers.get('content-type') ?? '') &&
    res.status !== 206 &&
    c.req.method !== 'HEAD' &&
    !res.headers.has('content-encoding') &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('cache-control') ?? '')
  );
}

async function gzipJson(c: Context, gzip: Gzip): Promise<void> {
  const vary = c.res.headers.get('vary');
  if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? '')) c.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  if (!acceptsGzip(c.req.header('accept-encoding')) || !c.res.body) return;
  const bytes = new Uint8Array(await c.res.arrayBuffer());
  const { status, headers } = c.res;
  // Read once, the answer is rebuilt from its bytes whichever way it goes.
  c.res = undefined;
  if (bytes.length < COMPRESS_THRESHOLD_BYTES) {
    c.res = new Response(bytes, { status, headers });
    return;
  }
  // Typed as any ArrayBuffer view; a Buffer from zlib is backed by a plain ArrayBuffer.
  const zipped = gzip(bytes) as Uint8Array<ArrayBuffer>;
  headers.set('content-encoding', 'gzip');
  headers.set('content-length', String(zipped.length));
  c.res = new Response(zipped, { status, headers });
}

/** Whether `Accept-Encoding` allows gzip: named, or by `*`, with a q above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip') return allowed;
    if (name === '*') wildcard = allowed;
  }
  return wildcard;
}
