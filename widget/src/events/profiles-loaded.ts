import type { Library, Profile } from '@talking-library/sdk';

export interface ProfilesLoadedDetail {
  library: Library;
  /** The page that just arrived. */
  page: Profile[];
  /** Every profile now shown, in order. */
  profiles: Profile[];
  /** Whether another page can be loaded with "Show more". */
  hasMore: boolean;
  /** How many experts match the search and filters, across all pages. */
  total?: number;
}

/** A page of profiles arrived and is on screen: a search's first page, or one more after "Show more". */
export class TlProfilesLoadedEvent extends Event {
  readonly library: Library;
  readonly page: Profile[];
  readonly profiles: Profile[];
  readonly hasMore: boolean;
  readonly total: number;

  constructor(detail: ProfilesLoadedDetail) {
    super('tl-profiles-loaded', { bubbles: true, composed: true });
    this.library = detail.library;
    this.page = detail.page;
    this.profiles = detail.profiles;
    this.hasMore = detail.hasMore;
    this.total = detail.total ?? detail.profiles.length;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-profiles-loaded': TlProfilesLoadedEvent;
  }
}
