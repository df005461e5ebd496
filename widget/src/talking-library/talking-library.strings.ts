import { plural } from '../strings.js';
import type { TalkingLibraryStrings } from '../strings.js';

/** What `<talking-library>` says: the list, search, filters and the profile dialog. */
export const libraryStrings = {
  libraryFallbackName: 'Talking Library',
  expertListLabel: (libraryName: string) => `Experts in ${libraryName}`,
  loadingExperts: 'Loading experts…',
  searching: 'Searching…',
  loadingMoreExperts: 'Loading more experts…',
  resultCount: (total: number, shown: number, query: string, filtered: boolean, atLeast = false) => {
    const matches = atLeast ? `At least ${total.toLocaleString('en-GB')} experts match` : total === 1 ? '1 expert matches' : `${total} experts match`;
    const found = query ? `${matches} “${query}”${filtered ? ' with these filters' : ''}` : filtered ? `${matches} these filters` : plural(total, 'expert', 'experts');
    return shown < total ? `${found}. Showing ${shown}.` : `${found}.`;
  },
  noExperts: 'No experts have published a profile yet.',
  noMatches: (query: string, filtered: boolean) =>
    query ? `No experts match “${query}”${filtered ? ' with these filters' : ''}.` : 'No experts match these filters.',
  clearFilters: 'Clear filters',
  searchLabel: 'Search experts',
  searchHint: 'Skills, topics, names or places. Results update as you type.',
  skillFilterLabel: 'Skills',
  skillsChosen: (count: number) => `${count} chosen`,
  anyCareerStage: 'Any career stage',
  facetCount: (count: number) => plural(count, 'expert', 'experts'),
  showMore: 'Show more experts',
  closeProfile: 'Close',
  requestHour: 'Request an hour',
  loadingProfile: 'Loading the profile…',
  profileLoadFailed: 'Sorry, this profile could not be loaded.',
  loadFailed: 'Sorry, the experts could not be loaded.',
} satisfies Partial<TalkingLibraryStrings>;
