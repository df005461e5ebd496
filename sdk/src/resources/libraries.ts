import { path, type RequestOptions, type Transport } from '../client.js';
import type { Health } from '../schema/service.js';
import type { Library } from '../schema/library.js';

export class Libraries {
  constructor(private readonly transport: Transport) {}

  /** The library's name, launch phase and taxonomy. */
  get(slug: string, options?: RequestOptions): Promise<Library> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${slug}` }, options);
  }
}

export function getHealth(transport: Transport, options?: RequestOptions): Promise<Health> {
  return transport.request({ method: 'GET', path: '/v1/health' }, options);
}
