import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { Profile, ProfileHit, ProfileListQuery, ProfileSearchPage } from '../schema/profile.js';

/**
 * Reading published profiles: what a page that only browses experts calls. `Profiles` is these and
 * everything else; code that only browses can bundle this part alone.
 */
export class ProfileReads {
  constructor(protected readonly transport: Transport) {}

  /**
   * Finds published experts: `q` searches their text (ranked), the rest filter. Await for one page
   * with the total and facet counts, or `for await` over every match.
   */
  list(library: string, query: ProfileListQuery = {}, options?: RequestOptions): PagePromise<ProfileHit, ProfileSearchPage> {
    return new PagePromise(
      (cursor) =>
        this.transport.request<ProfileSearchPage>({ method: 'GET', path: path`/v1/libraries/${library}/profiles`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }

  get(library: string, id: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/profiles/${id}` }, options);
  }
}
