import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { Profile, ProfileListQuery } from '../schema/profile.js';
import type { Page } from '../schema/common.js';

export class Profiles {
  constructor(private readonly transport: Transport) {}

  /** Published profiles: await for one page, or `for await` over every profile. */
  list(library: string, query: ProfileListQuery = {}, options?: RequestOptions): PagePromise<Profile> {
    return new PagePromise(
      (cursor) =>
        this.transport.request<Page<Profile>>(
          { method: 'GET', path: path`/v1/libraries/${library}/profiles`, query: { ...query, cursor } },
          options,
        ),
      query.cursor,
    );
  }

  get(library: string, id: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/profiles/${id}` }, options);
  }
}
