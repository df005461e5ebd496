import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Entity tags from a row's `version`, named by the resource: `"prf_3kT….v3"`. The name matters:
 * a browser revalidates its cached `/me/profile` with the tag it holds even when another member
 * asks, and two profiles can both be at version 3. An owner's view (with her review note) is a
 * representation of its own.
 */
export function etagOf(resource: { id?: string; slug?: string; version: number; reviewNote?: unknown }): string {
  const name = resource.id ?? resource.slug ?? '';
  return `"${name}.v${resource.version}${'reviewNote' in resource ? '.own' : ''}"`;
}

/** The `ETag` header of a resource's representation. */
export const etagHeader = (resource: Parameters<typeof etagOf>[0]) => ({ etag: etagOf(resource) });

/** Entity tags in an `If-Match` / `If-None-Match` list (`W/` prefixes are compared weakly). */
function tagsIn(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean);
}

/**
 * The versions of resource `name` an `If-Match` header allows, or undefined when it sets no
 * condition (absent, or `*` on a resource that exists). Its ETags (`"prf_….v3"`) count, and a
 * bare `"v3"` (a version the caller read from the JSON). Any other tag matches no version: the
 * write is refused as stale, as RFC 9110 says, rather than run unguarded.
 */
export function ifMatchVersions(c: Context, name: string): number[] | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const tags = tagsIn(header);
  if (tags.includes('*')) return undefined;
  return tags.flatMap((tag) => {
    const match = /^"(?:(.+)\.)?v(\d{1,15})(?:\.own)?"$/.exec(tag);
    return match && (match[1] === undefined || match[1] === name) ? [Number(match[2])] : [];
  });
}

/** Whether a GET's `If-None-Match` already holds this representation: then the answer is a 304. */
export function isNotModified(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (header === undefined) return false;
  const tags = tagsIn(header);
  return tags.includes('*') || tags.includes(etag);
}

/** For the OpenAPI document: the conditional headers each kind of operation honours. */
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(1024).optional().meta({
    description: 'The `ETag` you read, or `"v<version>"`: the change is made only if the resource is still at that version, otherwise 412.',
  }),
});
export const IfNoneMatchHeaders = z.object({
  'if-none-match': z.string().max(1024).optional().meta({ description: 'An `ETag` you hold: 304 with no body while the resource is still at that version.' }),
});

export const notModifiedResponse = { description: 'Not modified: the resource is still at the version given in `If-None-Match`.' };

/**
 * A version numbers one row, not one answer: `/me/profile` is a different profile for each
 * member, and an owner sees more of hers than the public. So a response with an ETag varies by
 * the credentials sent, or a browser would revalidate one member's cached copy with another's
 * request and be told (304) to show it.
 */
export function varyByCaller(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.has('etag')) c.res.headers.append('vary', 'Authorization, X-TL-Key');
  };
}
