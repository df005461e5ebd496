import type { Context } from 'hono';
import type { AppEnv } from './router.js';

/**
 * The `Location` of something a request created in the library it named, for a 201: the path
 * of the new resource, each segment escaped.
 */
export function locationIn(c: Context<AppEnv>, ...segments: string[]): { location: string } {
  return { location: `/v1/libraries/${encodeURIComponent(c.get('library').slug)}/${segments.map(encodeURIComponent).join('/')}` };
}
