import { path, type RequestOptions, type Transport } from '../client.js';
import type { Me } from '../schema/credits.js';

/** The signed-in member in one library: who she is, her roles and balance (needs a session token). */
export function getMe(transport: Transport, library: string, options?: RequestOptions): Promise<Me> {
  return transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me` }, options);
}
