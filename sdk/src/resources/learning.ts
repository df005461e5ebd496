import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import type { LearningItem, LearningPage, LearningQuery } from '../schema/learning.js';

/**
 * The shared learning feed: what members and experts chose to share of their exchanges, newest
 * first. A publishable key reads the public items; a signed-in member the library's as well.
 */
export class Learning {
  constructor(private readonly transport: Transport) {}

  /** `q` finds text; `category` and `skill` are taxonomy slugs. Await for one page, or `for await` over every item. */
  list(library: string, query: LearningQuery = {}, options?: RequestOptions): PagePromise<LearningItem, LearningPage> {
    return new PagePromise(
      (cursor) => this.transport.request<LearningPage>({ method: 'GET', path: path`/v1/libraries/${library}/learning`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }
}
