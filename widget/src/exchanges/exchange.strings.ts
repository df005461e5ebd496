import type { TalkingLibraryStrings } from '../strings.js';
import { profileStrings } from '../internal/profile.strings.js';

/** Words both exchange elements use, so each brings them whichever loads first. */
export const exchangeCommonStrings = {
  opensInNewTab: profileStrings.opensInNewTab,
  proposedTimeLabel: (n: number) => (n === 1 ? 'First choice' : n === 2 ? 'Second choice (optional)' : 'Third choice (optional)'),
} satisfies Partial<TalkingLibraryStrings>;
