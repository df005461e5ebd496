import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

/**
 * Entity tags from a row's `version`: `"v3"`. Strong, since a version names one exact
 * representation; the same version is the same JSON.
 */
export const etagOf = (version: number) => `"v${version}"`;

/** The `ETag` header of a resource's representation. */
export const etagHeader = (resource: { version: number }) => ({ etag: etagOf(resource.version) });

/** Entity tags in an `If-Match` / `If-None-Match` list (`W/` prefixes are compared weakly). */
function tagsIn(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean);
}

/**
 * The versions an `If-Match` header allows, or undefined when it sets no condition (absent, or
 * `*` on a resource that exists). A tag that is not one of ours matches no version: the update
 * is refused as stale, as RFC 9110 says, rather than run unguarded.
 */
export function ifMatchVersions(c: Context): number[] | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const tags = tagsIn(header);
  if (tags.includes('*')) return undefined;
  return tags.flatMap((tag) => {
    const version = /^"v(\d{1,15})"$/.exec(tag)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

/** Whether a GET's `If-None-Match` already holds this version: then the answer is a 304. */
export function isNotModified(c: Context, version: number): boolean {
  const header = c.req.header('if-none-match');
  if (header === undefined) return false;
  const tags = tagsIn(header);
  return tags.includes('*') || tags.includes(etagOf(version));
}

/** For the OpenAPI document: the conditional headers each kind of operation honours. */
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(1024).optional().meta({
    description: 'The `ETag` you read (e.g. `"v3"`): the change is made only if the resource is still at that version, otherwise 412.',
  }),
});
export const IfNoneMatchHeaders = z.object({
  'if-none-match': z.string().max(1024).optional().meta({ description: 'An `ETag` you hold: 304 with no body while the resource is still at that version.' }),
});

export const notModifiedResponse = { description: 'Not modified: the resource is still at the version given in `If-None-Match`.' };
