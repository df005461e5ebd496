import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/**
 * Compresses answers for clients that accept it, except those carrying an ETag. An ETag names one
 * version of a resource's bytes; compressing them would, by the rules, weaken the tag, and a weak
 * tag cannot be used with If-Match. Single resources are small; the lists, which carry no ETag,
 * are where compression pays. Files that arrive encoded (the widget's chunks) pass untouched.
 */
export function compressAnswers(): MiddlewareHandler {
  const gzip = compress();
  return async (c, next) => {
    await next();
    if (c.res.headers.has('etag')) return;
    // The compressor reads the answer after "its" next: this one has already run.
    await gzip(c, async () => {});
  };
}
