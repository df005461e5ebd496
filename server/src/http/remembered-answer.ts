import type { Context, TypedResponse } from 'hono';
import { acceptsGzip, COMPRESS_THRESHOLD_BYTES, type Gzip } from './compress.js';

/**
 * A JSON answer kept as its bytes, and gzipped once, for an answer many callers get alike (a
 * remembered listing): serialising and compressing a twelve-card list again for every caller cost
 * more than finding it.
 */
/** `T` is the value serialised, so a route's answer keeps the type its contract declares. */
export interface RememberedAnswer<T> {
  readonly value?: T;
  json: string;
  /** Undefined without the runtime's gzip, or when the answer is too small to be worth it. */
  gzipped: Uint8Array<ArrayBuffer> | undefined;
}

export function rememberAnswer<T>(value: T, gzip: Gzip | undefined): RememberedAnswer<T> {
  const json = JSON.stringify(value);
  const bytes = new TextEncoder().encode(json);
  return { json, gzipped: gzip && bytes.length >= COMPRESS_THRESHOLD_BYTES ? (gzip(bytes) as Uint8Array<ArrayBuffer>) : undefined };
}

/**
 * The answer as compressAnswers would have sent it: gzipped for callers that accept it, with Vary
 * either way. Through `c.body`, like every other answer, so the headers middleware set before the
 * route (X-Request-Id) are on it.
 */
export function sendRemembered<T>(c: Context, answer: RememberedAnswer<T>): TypedResponse<T, 200, 'json'> {
  const headers = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
  if (answer.gzipped && acceptsGzip(c.req.header('accept-encoding'))) {
    return typed(c.body(answer.gzipped, 200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(answer.gzipped.length) }));
  }
  return typed(c.body(answer.json, 200, headers));
}

/** What `c.json(value, 200)` would return: these bytes are that JSON, sent as it would be. */
const typed = <T>(response: Response) => response as unknown as TypedResponse<T, 200, 'json'>;
